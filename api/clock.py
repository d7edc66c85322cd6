"""Time helpers. 'Today' is the Danish calendar day: the users work in Danish time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def today() -> dt.date:
    return dt.datetime.now(DANISH_TIME).date()
