"""'Today' for the action server: the Danish calendar day, as the goals API uses it.

The server may run in UTC; a therapist typing "i morgen" at 00:30 in Copenhagen means the
Danish tomorrow. `REHAB_TODAY` (YYYY-MM-DD) pins the day for tests and demos; the API reads the
same variable (api/clock.py), so both sides always agree on what "today" is.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def today() -> dt.date:
    pinned = os.environ.get("REHAB_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return dt.datetime.now(DANISH_TIME).date()
