"""Length limits of the database columns and the request validation.

The limits the bot and the page share live in `rehab_rules.limits`; only the API's own are here.
"""

from rehab_rules.limits import ACTIVITY_MAX, LONG_TEXT_MAX, REFERENCE_MAX, ROLE_MAX

TOKEN_NAME_MAX = 64
IDEMPOTENCY_KEY_MAX = 200

__all__ = [
    "ACTIVITY_MAX",
    "IDEMPOTENCY_KEY_MAX",
    "LONG_TEXT_MAX",
    "REFERENCE_MAX",
    "ROLE_MAX",
    "TOKEN_NAME_MAX",
]
