"""The action server (`python -m actions.server`) with the time each action takes inside it, for
the bench's profile. One JSON line per call in BENCH_TIMINGS: the action, its milliseconds in
rasa-sdk's executor, the events of the tracker Rasa sent along and the request's size.
The rest of a round trip that Rasa measures is HTTP and (de)serialisation.
"""

from __future__ import annotations

import functools
import json
import os
import time

TIMINGS = os.environ.get("BENCH_TIMINGS")


def install() -> None:
    from rasa_sdk.executor import ActionExecutor

    run = ActionExecutor.run

    @functools.wraps(run)
    async def timed(self, action_call):
        started = time.perf_counter()
        try:
            return await run(self, action_call)
        finally:
            ms = (time.perf_counter() - started) * 1000
            if TIMINGS:
                tracker = action_call.get("tracker") or {}
                sized = time.perf_counter()
                size = len(json.dumps(action_call))  # the bench's own cost: reported, subtracted
                line = {
                    "action": action_call.get("next_action"),
                    "sender": tracker.get("sender_id"),
                    "ms": round(ms, 3),
                    "events": len(tracker.get("events") or []),
                    "request_bytes": size,
                    "overhead_ms": round((time.perf_counter() - sized) * 1000, 3),
                    "at": time.time(),
                }
                with open(TIMINGS, "a", encoding="utf-8") as out:
                    out.write(json.dumps(line) + "\n")

    ActionExecutor.run = timed


def main() -> None:
    install()
    from actions.server import main as serve

    serve()


if __name__ == "__main__":
    main()
