"""Length limits shared by the database columns and the request validation."""

REFERENCE_MAX = 40
TOKEN_NAME_MAX = 64
ROLE_MAX = 100
ACTIVITY_MAX = 300  # COPM activity, goal activity and each handling of a delmål
LONG_TEXT_MAX = 2000  # statements, delmål descriptions, evaluation notes
IDEMPOTENCY_KEY_MAX = 200
