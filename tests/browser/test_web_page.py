"""The web page in a real browser: the real API (and, for the chat, the real Rasa and action
servers) as subprocesses on free ports, driven with Playwright through Debian's Chromium.

Run: .venv-api/bin/python -m pytest tests/browser -q -p no:cacheprovider
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import requests

from tests.support.processes import ROOT, free_port, service

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "Chromium is missing at /usr/bin/chromium (install it with `apt-get install -y chromium`)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

API_BIN = ROOT / ".venv-api" / "bin"
BOT_BIN = ROOT / ".venv-bot" / "bin"
MODEL = ROOT / "models" / "rehab.tar.gz"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}


@dataclass(frozen=True)
class Api:
    url: str
    read_token: str
    write_token: str
    log: Path

    def post(self, path: str, body: dict[str, Any], ok: tuple[int, ...] = (201,)) -> Any:
        response = requests.post(
            f"{self.url}/api/v1{path}",
            json=body,
            headers={"Authorization": f"Bearer {self.write_token}"},
            timeout=30,
        )
        assert response.status_code in ok, (path, response.status_code, response.text)
        return response.json()

    def get(self, path: str) -> Any:
        response = requests.get(
            f"{self.url}/api/v1{path}",
            headers={"Authorization": f"Bearer {self.read_token}"},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def page_url(self, rasa: str | None = None, view: str = "chat") -> str:
        query = f"?rasa={quote(rasa, safe='')}" if rasa else ""
        return f"{self.url}/{query}#{view}"


@dataclass(frozen=True)
class Rasa:
    url: str
    domain: dict[str, Any]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def api(work: Path) -> Iterator[Api]:
    port = free_port()
    read_token, write_token = "r-" + secrets.token_urlsafe(24), "w-" + secrets.token_urlsafe(24)
    env = {
        "DATABASE_URL": f"sqlite:///{work / 't.db'}",
        "API_TOKENS": f"web:read:{read_token},actions:write:{write_token}",
    }
    url = f"http://127.0.0.1:{port}"
    command = [str(API_BIN / "uvicorn"), "api.main:app", "--host", "127.0.0.1", "--port", str(port)]
    with service("api", command, f"{url}/health", work, env=env) as log:
        yield Api(url=url, read_token=read_token, write_token=write_token, log=log)


@pytest.fixture(scope="module")
def rasa(api: Api, work: Path) -> Iterator[Rasa]:
    """The trained model on `rasa run` with the real action server, which saves to the API."""
    if not MODEL.exists():
        pytest.skip(f"{MODEL} is missing: train it with `make train`")
    if not (BOT_BIN / "rasa").exists():
        pytest.skip(".venv-bot is missing: build it with `make install`")
    actions_port, rasa_port = free_port(), free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n")
    actions_env = {
        "API_BASE_URL": api.url,
        "API_WRITE_TOKEN": api.write_token,
        "OUTBOX_PATH": str(work / "outbox.db"),
    }
    url = f"http://127.0.0.1:{rasa_port}"
    actions = [
        str(BOT_BIN / "rasa"), "run", "actions", "--port", str(actions_port),
        "--actions", "actions",
    ]  # fmt: skip
    server = [
        str(BOT_BIN / "rasa"), "run", "--enable-api", "--cors", "*", "--port", str(rasa_port),
        "--model", str(MODEL), "--credentials", "bot/credentials.yml",
        "--endpoints", str(endpoints),
    ]  # fmt: skip
    with (
        service("actions", actions, f"http://127.0.0.1:{actions_port}/health", work, actions_env),
        service("rasa", server, f"{url}/status", work),
    ):
        domain = requests.get(
            f"{url}/domain", headers={"Accept": "application/json"}, timeout=30
        ).json()
        yield Rasa(url=url, domain=domain)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Tab:
    """A page plus what went wrong in it: uncaught errors, CSP violations, foreign requests."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def open_tab(browser: Any) -> Iterator[Callable[..., Tab]]:
    """Opens pages in fresh browser contexts (own sessionStorage); checks them afterwards."""
    contexts: list[Any] = []
    tabs: list[Tab] = []

    def open_(url: str, viewport: dict[str, int] = DESKTOP, mock: Any = None) -> Tab:
        phone = viewport["width"] < 600
        context = browser.new_context(
            viewport=viewport, locale="da-DK", is_mobile=phone, has_touch=phone
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        tab = Tab(page)
        page.on("pageerror", lambda error: tab.errors.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda message: (
                tab.errors.append(f"console: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        page.on("request", lambda request: tab.requests.append(request.url))
        if mock is not None:
            page.route("**/webhooks/rest/webhook", mock)
        page.goto(url)
        tabs.append(tab)
        return tab

    yield open_
    for context in contexts:
        context.close()
    for tab in tabs:
        assert tab.errors == [], tab.errors
        foreign = [u for u in tab.requests if urlsplit(u).hostname not in LOOPBACK]
        foreign = [u for u in foreign if not u.startswith(("data:", "blob:"))]
        assert foreign == [], f"the page requested something outside this machine: {foreign}"


def today() -> dt.date:
    # The API's "today" is Danish time; stay a day clear of midnight in either direction.
    return dt.date.today()


def days(n: int) -> str:
    return (today() + dt.timedelta(days=n)).isoformat()


@pytest.fixture(scope="module")
def seeded(api: Api) -> dict[str, Any]:
    """B-1042 with a COPM assessment, two re-assessments and two goals, made through the API."""
    api.post("/citizens", {"reference": "B-1042"}, ok=(201, 409))
    assessment = api.post(
        "/citizens/B-1042/assessments",
        {
            "date": days(-43),
            "assessor_role": "ergoterapeut",
            "problems": [
                {"area": "egenomsorg", "activity": "Tage bad selv",
                 "importance": 9, "performance": 3, "satisfaction": 2},
                {"area": "produktivitet", "activity": "Handle ind i Netto",
                 "importance": 8, "performance": 4, "satisfaction": 4},
                {"area": "fritid", "activity": "Gå tur til bageren",
                 "importance": 7, "performance": 5, "satisfaction": 5},
            ],
        },
    )  # fmt: skip
    bath, shop, walk = (p["id"] for p in assessment["problems"])
    for date, ratings in (
        (days(-15), [(bath, 4, 3), (shop, 5, 5), (walk, 6, 6)]),
        (days(-2), [(bath, 8, 7), (shop, 6, 6), (walk, 7, 8)]),
    ):
        api.post(
            f"/assessments/{assessment['id']}/reassessments",
            {
                "date": date,
                "assessor_role": "ergoterapeut",
                "ratings": [
                    {"problem_id": p, "performance": perf, "satisfaction": sat}
                    for p, perf, sat in ratings
                ],
            },
        )
    goal = api.post(
        "/citizens/B-1042/goals",
        {
            "statement": "Jeg vil kunne tage bad selv to gange om ugen",
            "area": "egenomsorg",
            "activity": "Tage bad selv",
            "fsiii_area": "Personlig pleje",
            "problem_id": bath,
            "baseline": {"importance": 9, "performance": 3, "satisfaction": 2},
            "due_date": days(60),
            "subgoals": [
                {
                    "description": "Komme sikkert ind og ud af brusenichen",
                    "actions": [
                        "Øve at træde over kanten med støtte",
                        "Sætte greb op ved bruseren",
                    ],
                    "responsible": "terapeut",
                    "due_date": days(21),
                },
                {
                    "description": "Vaske sig selv siddende på badetaburet",
                    "actions": ["Øve med en svamp med langt skaft"],
                    "responsible": "borger",
                    "due_date": days(42),
                },
            ],
        },
    )
    first, second = goal["subgoals"]
    api.post(
        f"/goals/{goal['id']}/evaluations",
        {"date": days(-15), "traffic_light": "gul", "performance": 5, "satisfaction": 4,
         "note": "Går bedre, men er stadig utryg ved kanten.\nFortsætter træningen."},
    )  # fmt: skip
    api.post(f"/goals/{goal['id']}/evaluations", {"date": days(-2), "traffic_light": "groen"})
    api.post(f"/subgoals/{first['id']}/evaluations", {"date": days(-2), "traffic_light": "groen"})
    api.post(
        f"/subgoals/{second['id']}/evaluations",
        {"date": days(-2), "traffic_light": "roed", "note": "Har haft ondt i skulderen."},
    )
    other = api.post(
        "/citizens/B-1042/goals",
        {
            "statement": "Handle ind i Netto selv én gang om ugen",
            "area": "produktivitet",
            "activity": "Handle ind i Netto",
            "problem_id": shop,
            "due_date": days(90),
            "subgoals": [],
        },
    )
    return {"goal": goal, "other": other, "assessment": assessment}


def rest_mock(reply: Callable[[dict[str, Any]], list[dict[str, Any]]], seen: list[dict]) -> Any:
    """A stand-in for Rasa's REST channel (CORS included) for tests that need only the page."""
    cors = {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Headers": "content-type, accept",
        "Access-Control-Allow-Methods": "POST, OPTIONS",
    }

    def handle(route: Any) -> None:
        request = route.request
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=cors)
            return
        body = request.post_data_json
        seen.append(body)
        route.fulfill(status=200, headers=cors, content_type="application/json",
                      json=reply(body))  # fmt: skip

    return handle


def screenshot(page: Any, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


# ---- helpers for the chat -------------------------------------------------------------------

BOT_OR_ERROR = "#log > li.msg--bot:not(.msg--typing) .msg__text, #log > li.msg--error .msg__text"


def exchange(page: Any, act: Callable[[], None], timeout: float = 90_000) -> list[str]:
    """Does `act` (type or click) and returns the texts the assistant answered with."""
    texts = page.locator(BOT_OR_ERROR)
    before = texts.count()
    act()
    sync_api.expect(page.locator("#log")).to_have_attribute("aria-busy", "false", timeout=timeout)
    return texts.all_text_contents()[before:]


def typed(page: Any, text: str) -> Callable[[], None]:
    def act() -> None:
        page.get_by_label("Skriv dit spørgsmål").fill(text)
        page.get_by_label("Skriv dit spørgsmål").press("Enter")

    return act


def clicked(page: Any, name: str | re.Pattern[str]) -> Callable[[], None]:
    def act() -> None:
        page.locator("#log").get_by_role("button", name=name, exact=True).click()

    return act


def user_texts(page: Any) -> list[str]:
    return page.locator("#log > li.msg--user .msg__text").all_text_contents()


def show_goals(page: Any, token: str, reference: str) -> None:
    page.get_by_role("tab", name="Borgerens mål").click()
    page.get_by_label("Adgangsnøgle").fill(token)
    page.get_by_label("Borgerens reference").fill(reference)
    page.get_by_role("button", name="Vis mål").click()


# ---- 1 and 2: the real assistant -------------------------------------------------------------


def test_a_relative_gets_the_relatives_answer(api: Api, rasa: Rasa, open_tab) -> None:
    page = open_tab(api.page_url(rasa.url), PHONE).page
    relative = page.get_by_role("group", name="Hvem er du?").get_by_role("button", name="Pårørende")
    replies = exchange(page, relative.click)
    assert user_texts(page) == ["Pårørende"]
    assert any("som pårørende" in reply for reply in replies), replies
    sync_api.expect(page.get_by_label("Skriv dit spørgsmål")).to_be_focused()

    replies = exchange(page, typed(page, "hvorfor skærer I ned i min mors hjælp?"))
    # The pårørende variation of utter_faq/skaerer_ned, with {relation} filled from "min mors".
    assert any("Men hjælpen til din mor bliver tilpasset behovet" in r for r in replies), replies
    sync_api.expect(page.get_by_label("Skriv dit spørgsmål")).to_be_focused()
    screenshot(page, "chat-paaroerende-375x812")


def test_goal_capture_by_buttons_and_typing_saves_the_goal(api: Api, rasa: Rasa, open_tab) -> None:
    if "goal_form" not in (rasa.domain.get("forms") or {}):
        pytest.fail(
            f"{MODEL} was trained before the goal capture existed "
            "(its domain has no goal_form): retrain with `make train`"
        )
    page = open_tab(api.page_url(rasa.url), PHONE).page
    transcript: list[str] = []

    def step(act: Callable[[], None], expected: str) -> list[str]:
        replies = exchange(page, act)
        transcript.extend(f"bot: {r}" for r in replies)
        assert any(expected in r for r in replies), (
            f"expected a reply with {expected!r}; the conversation:\n" + "\n".join(transcript)
        )
        return replies

    replies = exchange(page, typed(page, "nyt mål for B-1042"))
    transcript.extend(f"bot: {r}" for r in replies)
    if any("Hvilken borger" in r for r in replies):  # the reference was not taken from the text
        step(typed(page, "B-1042"), "Hvilket område")
    else:
        assert any("Hvilket område" in r for r in replies), transcript
    step(clicked(page, re.compile(r"^Egenomsorg")), "Hvilken aktivitet")
    step(typed(page, "Tage bad selv"), "Hvor vigtig")
    step(clicked(page, "9"), "Hvor godt")
    step(clicked(page, "3"), "Hvor tilfreds")
    step(clicked(page, "2"), "flere aktiviteter")
    step(clicked(page, re.compile(r"^Nej")), "Hvad er målet")
    step(typed(page, "Tage bad selv to gange om ugen"), "Hvornår skal målet være nået")
    step(typed(page, "om 8 uger"), "Lad os lægge et delmål")
    step(typed(page, "Komme sikkert ind og ud af brusenichen"), "Hvilke handlinger")
    step(typed(page, "Øve at træde over kanten, Sætte greb op ved bruseren"), "Hvem har ansvaret")
    step(clicked(page, "Terapeuten"), "Hvornår skal delmålet være nået")
    step(typed(page, "om 3 uger"), "delmål mere")
    step(clicked(page, "Nej"), "Skal jeg gemme det?")
    summary = page.locator("#log > li.msg--bot").last
    for title in ("Gem", "Ret", "Annuller"):
        sync_api.expect(summary.get_by_role("button", name=title, exact=True)).to_be_visible()
    step(clicked(page, "Gem"), "Målet er gemt")
    assert user_texts(page)[-3:] == ["om 3 uger", "Nej", "Gem"]  # titles shown, not payloads
    screenshot(page, "chat-goal-capture-375x812")

    saved = [g for g in api.get("/citizens/B-1042/goals")
             if g["statement"] == "Tage bad selv to gange om ugen"]  # fmt: skip
    assert len(saved) == 1, saved
    assert saved[0]["subgoals"][0]["description"] == "Komme sikkert ind og ud af brusenichen"
    assert saved[0]["subgoals"][0]["responsible"] == "terapeut"

    # The same goal in the staff view, with its COPM plot.
    show_goals(page, api.read_token, "B-1042")
    card = page.locator(f'article.goal[data-goal-id="{saved[0]["id"]}"]')
    sync_api.expect(card).to_contain_text("Tage bad selv to gange om ugen")
    sync_api.expect(card).to_contain_text("Komme sikkert ind og ud af brusenichen")
    assert card.locator("svg.chart__svg .point").count() >= 1


# ---- 3: the goals view -----------------------------------------------------------------------


def test_goals_view_shows_goals_delmaal_traffic_lights_and_the_copm_plot(
    api: Api, seeded: dict[str, Any], open_tab
) -> None:
    page = open_tab(api.page_url(view="maal"), DESKTOP).page
    sync_api.expect(page.get_by_role("heading", name="Borgerens mål")).to_be_visible()
    show_goals(page, api.read_token, "B-1042")

    card = page.locator(f'article.goal[data-goal-id="{seeded["goal"]["id"]}"]')
    sync_api.expect(card.get_by_role("heading", level=4)).to_have_text(
        "»Jeg vil kunne tage bad selv to gange om ugen«"
    )
    sync_api.expect(card.locator(".card__header .status")).to_have_text("Status: Aktiv")
    for text in ("Komme sikkert ind og ud af brusenichen", "Vaske sig selv siddende på badetaburet",
                 "Sætte greb op ved bruseren", "Terapeuten", "Personlig pleje"):  # fmt: skip
        sync_api.expect(card).to_contain_text(text)
    # Traffic lights carry a text label, not colour alone.
    sync_api.expect(card.locator(".light--gul").first).to_have_text("Trafiklys: Gul")
    sync_api.expect(card.locator(".light--groen").first).to_have_text("Trafiklys: Grøn")
    sync_api.expect(card.locator(".subgoal .light--roed").first).to_have_text("Trafiklys: Rød")
    # The note keeps its line break (white-space: pre-line), as text.
    note = card.locator(".evaluation__note").first
    assert note.text_content() == (
        "Går bedre, men er stadig utryg ved kanten.\nFortsætter træningen."
    )
    assert note.evaluate("n => getComputedStyle(n).whiteSpace") == "pre-line"

    # The goal's activity over the first assessment and two re-assessments: 3 × 2 points.
    chart = card.locator("svg.chart__svg")
    sync_api.expect(chart).to_have_count(1)
    sync_api.expect(chart.locator(".point")).to_have_count(6)
    sync_api.expect(chart.locator(".significant")).to_have_count(2)
    sync_api.expect(chart).to_contain_text("betydende ændring")
    values = chart.locator(".point--performance").evaluate_all(
        "ps => ps.map(p => Number(p.dataset.value))"
    )
    assert values == [3, 4, 8]

    # The whole assessment: mean scores; only the second re-assessment changed by ≥ 2.
    assessment = page.locator(
        f'article.assessment[data-assessment-id="{seeded["assessment"]["id"]}"]'
    )
    sync_api.expect(assessment.locator("svg.chart__svg .point")).to_have_count(6)
    # Both means reach 7,0: one ring and one label for both series.
    sync_api.expect(assessment.locator("svg.chart__svg .significant")).to_have_count(1)
    sync_api.expect(assessment.locator("svg.chart__svg")).to_contain_text(
        "betydende ændring (begge)"
    )
    rows = assessment.locator(".chart .data-table tbody tr")
    sync_api.expect(rows).to_have_count(3)
    sync_api.expect(rows.nth(1)).not_to_contain_text("betydende ændring")
    sync_api.expect(rows.nth(2)).to_contain_text("betydende ændring")
    sync_api.expect(rows.nth(2)).to_contain_text("+3,0")

    # The second goal has no evaluations yet.
    other = page.locator(f'article.goal[data-goal-id="{seeded["other"]["id"]}"]')
    sync_api.expect(other).to_contain_text("Ikke evalueret endnu")

    # The token stays in this tab's sessionStorage: not in the URL, localStorage or the API log.
    assert api.read_token not in page.url
    assert page.evaluate("sessionStorage.getItem('rehab.goals.token')") == api.read_token
    assert page.evaluate("localStorage.length") == 0
    assert api.read_token not in api.log.read_text(errors="replace")


def test_goals_view_explains_401_403_404_and_refuses_cpr(
    api: Api, seeded: dict[str, Any], open_tab
) -> None:
    tab = open_tab(api.page_url(view="maal"), PHONE)
    page = tab.page
    error = page.get_by_role("alert")

    show_goals(page, "forkert-" + secrets.token_urlsafe(8), "B-1042")
    sync_api.expect(error).to_contain_text("Adgangsnøglen blev ikke godkendt")
    sync_api.expect(page.get_by_label("Adgangsnøgle")).to_have_attribute("aria-invalid", "true")
    sync_api.expect(page.get_by_label("Adgangsnøgle")).to_be_focused()
    assert page.evaluate("sessionStorage.getItem('rehab.goals.token')") is None

    show_goals(page, api.read_token, "B-9999")
    sync_api.expect(error).to_contain_text("Der findes ingen borger med referencen B-9999")
    sync_api.expect(page.get_by_label("Borgerens reference")).to_be_focused()

    show_goals(page, api.read_token, "010190-1234")
    sync_api.expect(error).to_contain_text("ligner et CPR-nummer")
    assert not [u for u in tab.requests if "010190" in u]

    show_goals(page, api.read_token, "B 1042!")
    sync_api.expect(error).to_contain_text("Referencen skal være 1–40 tegn")

    page.route("**/api/v1/citizens/**", lambda route: route.fulfill(
        status=403, json={"detail": "Token 'web' har kun læseadgang"}))  # fmt: skip
    show_goals(page, api.read_token, "B-1042")
    sync_api.expect(error).to_contain_text("giver ikke adgang")
    page.unroute("**/api/v1/citizens/**")

    show_goals(page, api.read_token, "B-1042")
    sync_api.expect(error).to_be_empty()
    sync_api.expect(page.locator("article.goal").first).to_be_visible()
    page.get_by_role("button", name="Glem nøglen").click()
    assert page.evaluate("sessionStorage.getItem('rehab.goals.token')") is None
    sync_api.expect(page.get_by_label("Adgangsnøgle")).to_have_value("")
    sync_api.expect(page.locator("article.goal")).to_have_count(0)


# ---- 4: nothing from the user, the bot or the API is run as HTML -------------------------------

XSS = ["<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">']


def test_html_in_messages_is_shown_as_text(api: Api, open_tab) -> None:
    seen: list[dict] = []
    # The bot "answers" with the same markup, in its text and as a button title.
    mock = rest_mock(
        lambda body: [{"text": f"Du skrev:\n{body['message']}",
                       "buttons": [{"title": body["message"], "payload": "/noop"}]}],
        seen,
    )  # fmt: skip
    page = open_tab(api.page_url(f"http://127.0.0.1:{free_port()}"), DESKTOP, mock).page
    for payload in XSS:
        replies = exchange(page, typed(page, payload))
        assert replies == [f"Du skrev:\n{payload}"]
        assert user_texts(page)[-1] == payload
        sync_api.expect(page.locator("#log .quick-replies:not(.roles) button")).to_have_text(
            payload
        )
    assert [body["message"] for body in seen] == XSS
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#log img, #log script").count() == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0

    # The same from the API, in the goals view.
    api.post("/citizens", {"reference": "X-0001"}, ok=(201, 409))
    api.post(
        "/citizens/X-0001/goals",
        {"statement": XSS[1], "area": "fritid", "activity": XSS[0], "due_date": days(30),
         "subgoals": [{"description": XSS[1], "actions": [XSS[0]], "responsible": "andet",
                       "due_date": days(20)}]},
    )  # fmt: skip
    show_goals(page, api.read_token, "X-0001")
    card = page.locator("article.goal").first
    sync_api.expect(card.get_by_role("heading", level=4)).to_have_text(f"»{XSS[1]}«")
    sync_api.expect(card).to_contain_text(XSS[0])
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, #goals-result script').length") == 0


# ---- 5: screenshots, phone and desktop ---------------------------------------------------------


def canned_reply(body: dict[str, Any]) -> list[dict[str, Any]]:
    message = body["message"]
    if message.startswith("/state_role"):
        return [{"text": "Tak. Så svarer jeg dig som pårørende. Hvad vil du gerne vide om din "
                         "mors forløb?"}]  # fmt: skip
    return [
        {"text": "Det er forståeligt, at det kan se sådan ud. Men hjælpen til din mor bliver "
                 "tilpasset behovet, og fokus er på det, din mor selv kan – det kalder vi hjælp "
                 "til selvhjælp.\nDer er stadig hjælp til det, der ikke kan klares selv."},
        {"text": "Fik du svar på dit spørgsmål?",
         "buttons": [{"title": "Ja, tak", "payload": "/affirm"},
                     {"title": "Nej, jeg vil tale med et menneske", "payload": "/request_human"}]},
    ]  # fmt: skip


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375x812", "1280x800"])
def test_screenshots(api: Api, seeded: dict[str, Any], open_tab, viewport: dict[str, int]) -> None:
    size = f"{viewport['width']}x{viewport['height']}"
    seen: list[dict] = []
    mock = rest_mock(canned_reply, seen)
    page = open_tab(api.page_url(f"http://127.0.0.1:{free_port()}"), viewport, mock).page
    sync_api.expect(page.get_by_role("group", name="Hvem er du?")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"chat-start-{size}")
    exchange(page, page.locator("#roles").get_by_role("button", name="Pårørende").click)
    exchange(page, typed(page, "hvorfor skærer I ned i min mors hjælp?"))
    page.locator("#log .quick-replies button").first.focus()  # shows the focus outline
    screenshot(page, f"chat-{size}")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    show_goals(page, api.read_token, "B-1042")
    sync_api.expect(page.locator("article.goal svg.chart__svg .point").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"goals-{size}", full_page=True)
    assert (ARTIFACTS / f"chat-{size}.png").stat().st_size > 0


# ---- accessibility, keyboard, configuration ---------------------------------------------------


def test_keyboard_focus_live_region_and_role_payloads(api: Api, open_tab) -> None:
    seen: list[dict] = []
    mock = rest_mock(
        lambda body: [{"text": "Vil du vide mere?",
                       "buttons": [{"title": "Ja", "payload": "/affirm"},
                                   {"title": "Nej", "payload": "/deny"}]}],
        seen,
    )  # fmt: skip
    page = open_tab(api.page_url(f"http://127.0.0.1:{free_port()}"), DESKTOP, mock).page
    assert page.evaluate("document.documentElement.lang") == "da"
    message = page.get_by_label("Skriv dit spørgsmål")
    assert message.evaluate("n => n.form !== null && n.form.tagName") == "FORM"
    sync_api.expect(page.locator("#announcer")).to_have_attribute("aria-live", "polite")

    # "Hvem er du?" is offered at the start of every conversation; the choice sends the payload
    # that sets the `rolle` slot and shows the title as the user's message.
    for number, (title, role) in enumerate(
        (("Borger", "borger"), ("Pårørende", "paaroerende"), ("Medarbejder", "medarbejder"))
    ):
        if number:
            page.get_by_role("button", name="Start en ny samtale").click()
        roles = page.get_by_role("group", name="Hvem er du?")
        exchange(page, roles.get_by_role("button", name=title, exact=True).click)
        assert seen[-1]["message"] == f'/state_role{{"rolle": "{role}"}}'
        assert user_texts(page) == [title]
        sync_api.expect(roles).to_have_count(0)
        sync_api.expect(message).to_be_focused()
    senders = [body["sender"] for body in seen]
    assert len(set(senders)) == 3, "each new conversation has its own sender id"
    assert all(re.fullmatch(r"[0-9a-f]{32}", sender) for sender in senders)

    # Quick replies are reachable by keyboard; answering sends the payload, shows the title,
    # removes the old buttons and puts focus back in the input.
    message.focus()
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Nej"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    exchange(page, lambda: page.keyboard.press("Enter"))
    assert seen[-1]["message"] == "/deny"
    assert user_texts(page)[-1] == "Nej"
    sync_api.expect(message).to_be_focused()
    sync_api.expect(page.locator("#log .quick-replies")).to_have_count(1)
    sync_api.expect(page.locator("#announcer")).to_contain_text("Vil du vide mere?")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "send"

    # The send button: the text is sent, the input emptied, and focus returned to the input.
    message.fill("hej")
    exchange(page, page.get_by_role("button", name="Send").click)
    assert seen[-1]["message"] == "hej"
    sync_api.expect(message).to_have_value("")
    sync_api.expect(message).to_be_focused()

    assert {body["sender"] for body in seen[-3:]} == {senders[-1]}, "one id per conversation"
    page.get_by_role("button", name="Start en ny samtale").click()
    sync_api.expect(page.locator("#log > li")).to_have_count(1)

    # Tabs: arrow keys move between the two views.
    page.get_by_role("tab", name="Spørg assistenten").focus()
    page.keyboard.press("ArrowRight")
    sync_api.expect(page.get_by_role("tab", name="Borgerens mål")).to_have_attribute(
        "aria-selected", "true"
    )
    sync_api.expect(page.locator("#panel-goals")).to_be_visible()
    sync_api.expect(page.locator("#panel-chat")).to_be_hidden()


def test_unreachable_assistant_gives_a_danish_message_and_keeps_the_text(
    api: Api, open_tab
) -> None:
    page = open_tab(api.page_url(f"http://127.0.0.1:{free_port()}"), DESKTOP).page
    replies = exchange(page, typed(page, "hvad er hverdagsrehabilitering"))
    assert len(replies) == 1 and "kan ikke få forbindelse til assistenten" in replies[0]
    sync_api.expect(page.get_by_label("Skriv dit spørgsmål")).to_have_value(
        "hvad er hverdagsrehabilitering"
    )


def test_rasa_url_comes_from_the_query_only_for_localhost(api: Api, open_tab) -> None:
    port = urlsplit(api.url).port
    default = "http://127.0.0.1:5005"
    cases = {
        "http://evil.example:5005": default,
        "javascript:alert(1)": default,
        f"http://127.0.0.1:{port + 1}/": f"http://127.0.0.1:{port + 1}",
        "http://localhost:6006": "http://localhost:6006",
    }
    for given, used in cases.items():
        page = open_tab(api.page_url(given), DESKTOP).page
        sync_api.expect(page.locator("#panel-chat")).to_have_attribute("data-rasa-url", used)
    page = open_tab(api.page_url(), DESKTOP).page
    sync_api.expect(page.locator("#panel-chat")).to_have_attribute("data-rasa-url", default)
    assert page.locator('meta[name="rasa-url"]').count() == 1


def test_rasa_url_from_the_meta_tag(work: Path, open_tab) -> None:
    """Operators set the Rasa URL in index.html's <meta name="rasa-url"> (here via STATIC_DIR)."""
    static = work / "static-meta"
    shutil.copytree(ROOT / "api" / "static", static)
    page_file = static / "index.html"
    original = '<meta name="rasa-url" content="">'
    assert original in page_file.read_text(encoding="utf-8")
    page_file.write_text(
        page_file.read_text(encoding="utf-8").replace(
            original, '<meta name="rasa-url" content="/rasa/">'
        ),
        encoding="utf-8",
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"DATABASE_URL": f"sqlite:///{work / 'meta.db'}", "STATIC_DIR": str(static)}
    command = [str(API_BIN / "uvicorn"), "api.main:app", "--host", "127.0.0.1", "--port", str(port)]
    with service("api-meta", command, f"{url}/health", work, env=env):
        page = open_tab(f"{url}/", DESKTOP).page
        sync_api.expect(page.locator("#panel-chat")).to_have_attribute(
            "data-rasa-url", f"{url}/rasa"
        )


# For every visible element with its own text: WCAG contrast of its colour against the first
# opaque background behind it (≥ 4.5:1, or ≥ 3:1 for large text).
CONTRAST_JS = """
() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (node) => {
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const node of document.querySelectorAll("body *")) {
    const own = Array.from(node.childNodes).some((c) => c.nodeType === 3 && c.data.trim());
    if (!own || node.closest(".visually-hidden, [hidden], svg, noscript")) continue;
    const rect = node.getBoundingClientRect();
    if (!rect.width || !rect.height) continue;
    const style = getComputedStyle(node);
    const a = lum(rgb(style.color).slice(0, 3));
    const b = lum(background(node));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      const text = node.textContent.trim().slice(0, 40);
      failures.push(`${node.tagName}.${node.className}: ${ratio.toFixed(2)} "${text}"`);
    }
  }
  return failures;
}
"""


def test_text_contrast_meets_wcag_aa(api: Api, seeded: dict[str, Any], open_tab) -> None:
    mock = rest_mock(canned_reply, [])
    page = open_tab(api.page_url(f"http://127.0.0.1:{free_port()}"), PHONE, mock).page
    assert page.evaluate(CONTRAST_JS) == []
    exchange(page, page.locator("#roles").get_by_role("button", name="Pårørende").click)
    exchange(page, typed(page, "hvorfor skærer I ned i min mors hjælp?"))
    assert page.evaluate(CONTRAST_JS) == []
    show_goals(page, api.read_token, "B-1042")
    sync_api.expect(page.locator("article.goal").first).to_be_visible()
    assert page.evaluate(CONTRAST_JS) == []
    show_goals(page, "forkert-" + secrets.token_urlsafe(8), "B-1042")
    sync_api.expect(page.get_by_role("alert")).not_to_be_empty()
    assert page.evaluate(CONTRAST_JS) == []
