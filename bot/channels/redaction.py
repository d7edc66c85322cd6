"""CPR redaction where text enters Rasa.

Rasa stores the text a channel hands over (tracker store, logs, the action server's tracker),
and an NLU component cannot change that text, only its own copy. So the channels replace every
CPR-shaped number with "[CPR-nummer fjernet]" before anything else sees it. The rule is the one
the API applies (rehab_rules/cpr.py), so both refuse the same input.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from rehab_rules.cpr import redact_cpr

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def redact(message: UserMessage) -> UserMessage:
    if message.text:
        message.text = redact_cpr(message.text)
    return message
