"""Length limits of the database columns and the request validation.

The limits the bot and the page share live in `rehab_rules.limits`; only the API's own are here.
"""

from rehab_rules.limits import ACTIVITY_MAX, LONG_TEXT_MAX, REFERENCE_MAX, ROLE_MAX

TOKEN_NAME_MAX = 64  # also the longest username: both go into created_by and audit rows
IDEMPOTENCY_KEY_MAX = 200
IDEMPOTENCY_OWNER_MAX = 100  # "<token name>/<user_id>" at most
ACTOR_ROLE_MAX = 40
USERNAME_MAX = TOKEN_NAME_MAX
USER_ID_MAX = 18  # "u-" + 16 hex
SESSION_ID_MAX = 40
OIDC_VALUE_MAX = 255

__all__ = [
    "ACTIVITY_MAX",
    "ACTOR_ROLE_MAX",
    "IDEMPOTENCY_KEY_MAX",
    "IDEMPOTENCY_OWNER_MAX",
    "LONG_TEXT_MAX",
    "OIDC_VALUE_MAX",
    "REFERENCE_MAX",
    "ROLE_MAX",
    "SESSION_ID_MAX",
    "TOKEN_NAME_MAX",
    "USERNAME_MAX",
    "USER_ID_MAX",
]
