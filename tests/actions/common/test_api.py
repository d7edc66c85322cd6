"""The action server's API client: the headers it sends, what it retries and what it raises.

Against the real API for what the API really answers; a failing server on the side (a few
lines of http.server) for what the real API cannot be made to do on purpose: 5xx and replies
that are not JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest

from actions.common.api import ApiConfig, ApiRefused, ApiUnavailable, Delegation, GoalsApi
from tests.actions.conftest import seed_goal, signed_in
from tests.support.stack import ApiProcess


class Failing:
    """An HTTP server answering from a script of (status, content type, body), then 200."""

    def __init__(self) -> None:
        self.script: list[tuple[int, str, bytes]] = []
        self.seen: list[dict[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                outer.seen.append({k.lower(): v for k, v in self.headers.items()})
                status, kind, body = (outer.script.pop(0) if outer.script
                                      else (200, "application/json", b'{"ok": true}'))  # fmt: skip
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def client(self, attempts: int = 3) -> GoalsApi:
        return GoalsApi(ApiConfig(self.url, "svc-test", timeout=3, attempts=attempts,
                                  backoff=0.01))  # fmt: skip


@pytest.fixture
def failing() -> Iterator[Failing]:
    server = Failing()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


ACTING = Delegation("s-1234")


def test_5xx_is_retried_and_then_unavailable(failing: Failing) -> None:
    failing.script = [(503, "text/plain", b"busy")] * 3
    with pytest.raises(ApiUnavailable, match="HTTP 503"):
        failing.client(attempts=3).list_goals("B-1042", ACTING)
    assert len(failing.seen) == 3


def test_a_5xx_that_passes_is_only_a_delay(failing: Failing) -> None:
    failing.script = [(502, "text/plain", b""), (500, "application/json", b"{}")]
    assert failing.client(attempts=3).list_goals("B-1042", ACTING) == {"ok": True}
    assert len(failing.seen) == 3


def test_a_refusal_that_is_not_json_has_no_detail(failing: Failing) -> None:
    failing.script = [(400, "text/html", b"<h1>Bad Request</h1>")]
    with pytest.raises(ApiRefused) as refused:
        failing.client().list_assessments("B-1042", ACTING)
    assert (refused.value.status, refused.value.detail) == (400, None)
    assert not refused.value.invalid and refused.value.fields() == []
    assert len(failing.seen) == 1  # a 4xx is never retried


def test_an_empty_success_is_none(failing: Failing) -> None:
    failing.script = [(201, "application/json", b"")]
    assert failing.client().create_reassessment(7, {}, ACTING, key="k-1") is None


def test_every_call_names_the_service_the_person_and_the_key(failing: Failing) -> None:
    confirmed = dt.datetime(2026, 12, 10, 10, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    failing.client().create_evaluation("subgoals", 3, {"traffic_light": "gul"},
                                       Delegation("s-9", confirmed), key="e-1")  # fmt: skip
    [headers] = failing.seen
    assert headers["authorization"] == "Bearer svc-test"
    assert headers["x-on-behalf-of"] == "s-9"
    assert headers["x-confirmed-at"] == "2026-12-10T09:30:00+00:00"  # always UTC
    assert headers["idempotency-key"] == "e-1"
    failing.client().list_goals("B-1", Delegation("s-9"))
    assert "x-confirmed-at" not in failing.seen[1] and "idempotency-key" not in failing.seen[1]


def test_the_configuration_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "API_BASE_URL": "http://api.internal:9000/",
        "API_SERVICE_TOKEN": "svc-x",
        "API_TIMEOUT": "2.5",
        "API_ATTEMPTS": "4",
        "API_BACKOFF": "0.25",
    }.items():
        monkeypatch.setenv(name, value)
    assert GoalsApi().config == ApiConfig("http://api.internal:9000", "svc-x", 2.5, 4, 0.25)
    for name in ("API_BASE_URL", "API_SERVICE_TOKEN", "API_TIMEOUT", "API_ATTEMPTS",
                 "API_BACKOFF"):  # fmt: skip
        monkeypatch.delenv(name)
    assert ApiConfig.from_env() == ApiConfig("http://127.0.0.1:8000", "", 5.0, 3, 0.5)


# -- the real API -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(goals_api: ApiProcess) -> GoalsApi:
    return GoalsApi(ApiConfig(goals_api.url, goals_api.service_token, attempts=1))


def test_registering_a_citizen_twice_is_fine(
    real: GoalsApi, goals_api: ApiProcess, therapist, new_reference
) -> None:
    reference = new_reference()
    acting = Delegation(therapist["session_id"])
    real.ensure_citizen(reference, acting, key=f"{reference}-a")
    real.ensure_citizen(reference, acting, key=f"{reference}-b")  # 409 underneath
    assert goals_api.query(f"SELECT count(*) FROM citizens WHERE reference = '{reference}'") == [
        (1,)
    ]


def test_a_leader_may_read_but_registering_is_refused(
    real: GoalsApi, goals_api: ApiProcess, therapist, new_reference
) -> None:
    reference = new_reference()
    seed_goal(goals_api, therapist, reference)
    leader = Delegation(signed_in(goals_api, "leder")["session_id"])
    assert [g["statement"] for g in real.list_goals(reference, leader)] == [
        "Jeg vil kunne tage bad selv to gange om ugen"
    ]
    assert len(real.list_assessments(reference, leader)[0]["problems"]) == 2
    with pytest.raises(ApiRefused) as refused:
        real.ensure_citizen(new_reference(), leader, key="leader-1")
    assert refused.value.status == 403 and not refused.value.invalid
    assert refused.value.fields() == []  # the detail is a sentence, not fields
    assert "leder" in refused.value.detail


def test_invalid_data_names_its_fields(real: GoalsApi, therapist, new_reference) -> None:
    reference = new_reference()
    acting = Delegation(therapist["session_id"])
    real.ensure_citizen(reference, acting, key=f"{reference}-c")
    body = {"date": "2026-12-10", "assessor_role": "terapeut",
            "problems": [{"area": "hobby", "activity": "strikke", "importance": 12,
                          "performance": 3, "satisfaction": 3}]}  # fmt: skip
    with pytest.raises(ApiRefused) as refused:
        real.create_assessment(reference, body, acting, key=f"{reference}-d")
    assert refused.value.status == 422 and refused.value.invalid
    locations = [loc for loc, _ in refused.value.fields()]
    assert ["body", "problems", 0, "area"] in locations
    assert ["body", "problems", 0, "importance"] in locations
    assert all(message for _, message in refused.value.fields())


def test_a_json_detail_that_is_not_a_list_of_fields(failing: Failing) -> None:
    failing.script = [(422, "application/json", json.dumps({"detail": {"x": 1}}).encode())]
    with pytest.raises(ApiRefused) as refused:
        failing.client().create_goal("B-1", {}, ACTING, key="g")
    assert refused.value.invalid and refused.value.fields() == []
