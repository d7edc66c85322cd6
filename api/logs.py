"""Keep secrets out of the server's access log.

uvicorn logs every request line. Our API takes no secrets in URLs except the OpenID Connect
callback (`?code=…&state=…` from the identity provider), so query strings under /api/ are
dropped from the access log altogether: nothing in them is worth a log line.
"""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"


class DropApiQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        # uvicorn: (client address, method, path with query, HTTP version, status)
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = args[2]
            if path.startswith("/api/") and "?" in path:
                record.args = (*args[:2], path.split("?", 1)[0] + "?…", *args[3:])
        return True


def install_log_filters() -> None:
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, DropApiQueryStrings) for f in logger.filters):
        logger.addFilter(DropApiQueryStrings())
