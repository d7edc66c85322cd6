"""Time helpers. 'Today' is the Danish calendar day: the users work in Danish time.

`REHAB_TODAY` (YYYY-MM-DD) pins the day for tests and demos; the action server reads the same
variable (actions/common/clock.py), so both sides agree on which dates are in the past.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def today() -> dt.date:
    pinned = os.environ.get("REHAB_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return dt.datetime.now(DANISH_TIME).date()
