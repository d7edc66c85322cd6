"""The work behind the endpoints, one module per domain.

Services build ORM rows, check the rules that need the database or several fields, and write
the audit rows. They know nothing of HTTP: they raise the domain errors of api.errors
(NotFound, Invalid, Conflict, Forbidden) and the handlers there turn them into responses.

Transactions: a create returns `Created` and is committed by api.idempotency (together with the
stored response of an Idempotency-Key); every other service commits its own work.
"""
