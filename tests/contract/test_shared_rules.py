"""One contract for the rules the bot, the page and the API share (rehab_rules).

Each side is asked for its own verdict on the same samples, in its own environment: the API over
HTTP (its OpenAPI document and real requests), the bot by running its validators in .venv-bot,
the page by running its reference check (a JavaScript RegExp built from GET /api/v1/rules, as
api/static/js/goals.js does, plus the page's own CPR-like check) in Node. The test fails if any
two disagree. The page may refuse more than the API, never less: it also refuses ten digits that
are not a real date ("9999999999"), so that nothing CPR-shaped leaves the browser. Runs in
.venv-api.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from rehab_rules import limits
from tests.support.procfile import ROOT

REFERENCES = ["B-1042", "b-1042", "T.0001_x", "A", "a" * 40, "a" * 41, "B/1042", "-B1", "B 1042",
              "B-1042\n", "æble", "B-1042;DROP", "", "010190-1234", "0101901234",
              "9999999999"]  # fmt: skip
CPR_TEXTS = ["hun har cpr 010190-1234", "0101901234", "310290-1234", "12345678901",
             "ring 12 34 56 78", "B-1042", "010190 1234"]  # fmt: skip
BOT_PYTHON = ROOT / ".venv-bot" / "bin" / "python"
BOT_VERDICTS = """
import json, sys
from actions.common.reading import has_cpr
from rehab_rules import limits
from actions.goals import form
samples = json.load(sys.stdin)
print(json.dumps({
    "reference": {s: limits.is_reference(s) and not has_cpr(s) for s in samples["references"]},
    "cpr": {s: has_cpr(s) for s in samples["cpr"]},
    "limits": {"activity": form.limits.ACTIVITY_MAX, "long_text": form.limits.LONG_TEXT_MAX,
               "actions": form.limits.MAX_ACTIONS, "problems": form.limits.MAX_PROBLEMS},
}))
"""
PAGE_VERDICTS = """
const rules = JSON.parse(process.argv[1]); const samples = JSON.parse(process.argv[2]);
const cprLike = new RegExp(process.argv[3]);
const re = new RegExp(rules.reference.pattern);
const out = {};
for (const s of samples) {
  out[s] = re.test(s) && s.length <= rules.reference.max_length && !cprLike.test(s);
}
console.log(JSON.stringify(out));
"""
GOALS_JS = ROOT / "api" / "static" / "js" / "goals.js"


def page_cpr_check() -> str:
    """The page's own CPR-like regular expression, as written in goals.js."""
    match = re.search(r"const CPR_LIKE = /(.+)/;", GOALS_JS.read_text())
    assert match, "goals.js no longer defines CPR_LIKE"
    return match.group(1)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('contract') / 'api.db'}"
    token = "contract-" + "w" * 24
    settings = Settings(database_url=url, api_tokens=f"contract:write:{token}")
    with TestClient(create_app(settings)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def api_verdicts(api: TestClient) -> dict:
    schema = api.get("/openapi.json").json()["components"]["schemas"]
    references = {s: api.post("/api/v1/citizens", json={"reference": s}).status_code == 201
                  for s in REFERENCES}  # fmt: skip
    cpr = {}
    for text in CPR_TEXTS:
        body = {"date": "2026-12-01", "assessor_role": "terapeut", "problems": [{
            "area": "egenomsorg", "activity": text, "importance": 5, "performance": 5,
            "satisfaction": 5}]}  # fmt: skip
        api.post("/api/v1/citizens", json={"reference": "C-1"})
        reply = api.post("/api/v1/citizens/C-1/assessments", json=body)
        cpr[text] = reply.status_code == 422
    goal = schema["GoalCreate"]["properties"]
    subgoal = schema["SubgoalCreate"]["properties"]
    return {
        "reference": references,
        "cpr": cpr,
        "rules": api.get("/api/v1/rules").json(),
        "pattern": schema["CitizenCreate"]["properties"]["reference"]["pattern"],
        "limits": {"activity": goal["activity"]["maxLength"],
                   "long_text": goal["statement"]["maxLength"],
                   "actions": subgoal["actions"]["maxItems"],
                   "problems": schema["AssessmentCreate"]["properties"]["problems"]["maxItems"]},
    }  # fmt: skip


def bot_verdicts() -> dict:
    if not BOT_PYTHON.exists():
        pytest.skip(".venv-bot is missing: build it with `make install`")
    samples = json.dumps({"references": REFERENCES, "cpr": CPR_TEXTS})
    run = subprocess.run([str(BOT_PYTHON), "-c", BOT_VERDICTS], input=samples, cwd=ROOT,
                         capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(run.stdout.strip().splitlines()[-1])


def page_verdicts(rules: dict) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is missing: the page's check is run with Node.js")
    run = subprocess.run(
        [node, "-e", PAGE_VERDICTS, json.dumps(rules), json.dumps(REFERENCES), page_cpr_check()],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(run.stdout)


def disagreements(api: dict, bot: dict, page: dict) -> list[str]:
    """Every rule on which two sides differ, in words."""
    problems = []
    if api["rules"] != limits.as_dict():
        problems.append("GET /api/v1/rules is not rehab_rules.limits.as_dict()")
    if api["pattern"] != api["rules"]["reference"]["pattern"]:
        problems.append("the OpenAPI reference pattern is not the one served to the page")
    for sample in REFERENCES:
        verdicts = {"api": api["reference"][sample], "bot": bot["reference"][sample],
                    "page": page[sample]}  # fmt: skip
        if verdicts["api"] != verdicts["bot"] or (verdicts["page"] and not verdicts["api"]):
            problems.append(f"reference {sample!r}: {verdicts}")
        elif verdicts["api"] and not verdicts["page"] and not re.fullmatch(r"\d{10}", sample):
            problems.append(f"reference {sample!r}: the page refuses what the API accepts")
    for text in CPR_TEXTS:
        if api["cpr"][text] != bot["cpr"][text]:
            problems.append(f"CPR {text!r}: api refuses={api['cpr'][text]}, bot={bot['cpr'][text]}")
    if api["limits"] != bot["limits"]:
        problems.append(f"limits: api {api['limits']} vs bot {bot['limits']}")
    return problems


def test_bot_page_and_api_agree_on_every_shared_rule(api: TestClient) -> None:
    seen_by_api = api_verdicts(api)
    seen_by_bot = bot_verdicts()
    page_samples = {s: s for s in REFERENCES}
    seen_by_page = page_verdicts(seen_by_api["rules"])
    assert set(seen_by_page) == set(page_samples)
    assert disagreements(seen_by_api, seen_by_bot, seen_by_page) == []


def test_the_contract_test_fails_on_a_deliberate_mismatch(api: TestClient) -> None:
    """Shown once: a page that allowed '/' in references, and a bot with another limit."""
    seen_by_api = api_verdicts(api)
    seen_by_bot = bot_verdicts()
    loose = json.loads(json.dumps(seen_by_api["rules"]))
    loose["reference"]["pattern"] = loose["reference"]["pattern"].replace("._-", "._/-")
    drifted_bot = {**seen_by_bot, "limits": {**seen_by_bot["limits"], "actions": 21}}
    problems = disagreements(seen_by_api, drifted_bot, page_verdicts(loose))
    assert any("'B/1042'" in p for p in problems), problems
    assert any(p.startswith("limits:") for p in problems), problems


def test_the_page_keeps_no_copy_of_the_reference_pattern() -> None:
    scripts = "\n".join(p.read_text() for p in (ROOT / "api" / "static" / "js").glob("*.js"))
    assert limits.REFERENCE_PATTERN not in scripts
    assert "A-Za-z0-9._-" not in scripts and "/api/v1/rules" in scripts


def test_the_samples_cover_both_outcomes() -> None:
    assert any(limits.is_reference(s) for s in REFERENCES)
    assert not all(limits.is_reference(s) for s in REFERENCES)
    assert Path(__file__).name.startswith("test_")
