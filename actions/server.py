"""The action server: rasa-sdk's own app, started the way this project needs it.

- It listens on ACTIONS_HOST (default 127.0.0.1) and ACTIONS_PORT (default 5055): only the
  Rasa server calls it, so it needs no CORS and no public interface.
- /health/outbox tells an operator whether confirmed writes are waiting: "attention" when the
  API refuses the action server's access (entries held), with counts per state, never content.

usage: python -m actions.server
"""

from __future__ import annotations

import asyncio
import logging
import os

from rasa_sdk.endpoint import create_app
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.common.outbox import HELD, outbox


def main() -> None:
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)-8s %(name)s - %(message)s",
    )
    app = create_app("actions", cors_origins=None)

    @app.get("/health/outbox")
    async def outbox_health(_: Request) -> HTTPResponse:
        counts = await asyncio.to_thread(outbox().summary)
        status = "attention" if counts[HELD] else "ok"
        return response.json({"status": status, "outbox": counts})

    host = os.environ.get("ACTIONS_HOST", "127.0.0.1")
    port = int(os.environ.get("ACTIONS_PORT", "5055"))
    app.run(host, port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
