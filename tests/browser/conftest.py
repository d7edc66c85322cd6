"""What the browser tests share: the real goals API with staff accounts made for each test, a
contact person who writes citizen data through the API, one Chromium for the module (Debian's,
driven with Playwright), and the page's sign-in as a person does it.

Without Chromium or Playwright the tests that open a page skip (the `browser` fixture says
why). The services are module-scoped, so each test module has an API (and database) of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import requests

from tests.conftest import STACK_TODAY
from tests.support.api_fixtures import pinned_api_fixtures
from tests.support.processes import ROOT, free_port
from tests.support.stack import ApiProcess

try:
    from playwright import sync_api
except ImportError:  # the tests that open a page skip (see `browser`)
    sync_api = None

CHROMIUM = Path("/usr/bin/chromium")
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
expect = sync_api.expect if sync_api else None


def days(n: int) -> str:
    """A date relative to the pinned "today" (REHAB_TODAY) of the API and the action server."""
    return (STACK_TODAY + dt.timedelta(days=n)).isoformat()


MONTHS = "januar februar marts april maj juni juli august september oktober november december"


def danish_date(day: dt.date) -> str:
    """As the page writes it: "21. januar 2027"."""
    return f"{day.day}. {MONTHS.split()[day.month - 1]} {day.year}"


# ---- the services ---------------------------------------------------------------------------


@dataclass
class Staff:
    username: str
    role: str
    password: str = field(repr=False)


work, api = pinned_api_fixtures("module", "browser")


@pytest.fixture(scope="module")
def new_staff(api: ApiProcess) -> Callable[..., Staff]:
    """Creates a staff account of its own for a test (the staff chat follows the person)."""
    counter = iter(range(1, 1000))

    def make(role: str = "terapeut", name: str = "") -> Staff:
        username = f"{name or role}-{next(counter)}"
        return Staff(username, role, api.add_staff(username, role))

    return make


class Writer:
    """Writes citizen data through the API as a signed-in contact person (no UI)."""

    def __init__(self, api: ApiProcess, staff: Staff) -> None:
        self.api = api
        self.staff = staff
        self.token = api.sign_in(staff.username, staff.password)

    def post(self, path: str, body: dict[str, Any], ok: tuple[int, ...] = (201,)) -> Any:
        def send() -> requests.Response:
            return requests.post(
                f"{self.api.url}/api/v1{path}",
                json=body,
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=30,
            )

        response = send()
        if response.status_code == 401:  # the session went idle between tests: sign in again
            self.token = self.api.sign_in(self.staff.username, self.staff.password)
            response = send()
        assert response.status_code in ok, (path, response.status_code, response.text)
        return response.json()


@pytest.fixture(scope="module")
def writer(api: ApiProcess, new_staff: Callable[..., Staff]) -> Writer:
    return Writer(api, new_staff("kontaktperson", "skriver"))


@pytest.fixture(scope="module")
def seeded(writer: Writer) -> dict[str, Any]:
    """B-1042 with a COPM assessment, two re-assessments and two goals, made through the API."""
    writer.post("/citizens", {"reference": "B-1042"}, ok=(201, 409))
    assessment = writer.post(
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
        writer.post(
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
    goal = writer.post(
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
    writer.post(
        f"/goals/{goal['id']}/evaluations",
        {"date": days(-15), "traffic_light": "gul", "performance": 5, "satisfaction": 4,
         "note": "Går bedre, men er stadig utryg ved kanten.\nFortsætter træningen."},
    )  # fmt: skip
    writer.post(f"/goals/{goal['id']}/evaluations", {"date": days(-2), "traffic_light": "groen"})
    writer.post(
        f"/subgoals/{first['id']}/evaluations", {"date": days(-2), "traffic_light": "groen"}
    )
    writer.post(
        f"/subgoals/{second['id']}/evaluations",
        {"date": days(-2), "traffic_light": "roed", "note": "Har haft ondt i skulderen."},
    )
    other = writer.post(
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


# ---- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; without either, the tests that use it skip."""
    if not CHROMIUM.exists():
        pytest.skip(
            "Chromium is missing at /usr/bin/chromium (install it with `apt-get install -y "
            "chromium` or tools/ensure_chromium.sh)"
        )
    if sync_api is None:
        pytest.skip("playwright is not installed")
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
    context: Any
    errors: list[str] = field(default_factory=list)
    requests: list[Any] = field(default_factory=list)

    def urls(self) -> list[str]:
        return [request.url for request in self.requests]


@pytest.fixture
def open_tab(browser: Any) -> Iterator[Callable[..., Tab]]:
    """Opens pages in fresh browser contexts (own storage); checks them afterwards."""
    contexts: list[Any] = []
    tabs: list[Tab] = []

    def open_(url: str, viewport: dict[str, int] = DESKTOP, mock: Any = None) -> Tab:
        phone = viewport["width"] < 600
        context = browser.new_context(
            viewport=viewport,
            locale="da-DK",
            timezone_id="Europe/Copenhagen",
            is_mobile=phone,
            has_touch=phone,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        tab = Tab(page, context)
        page.on("pageerror", lambda error: tab.errors.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda message: (
                tab.errors.append(f"console: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        page.on("request", lambda request: tab.requests.append(request))
        if mock is not None:
            page.route("**/webhooks/*/webhook", mock)
        page.goto(url)
        tabs.append(tab)
        return tab

    yield open_
    for context in contexts:
        context.close()
    for tab in tabs:
        assert tab.errors == [], tab.errors
        foreign = [u for u in tab.urls() if urlsplit(u).hostname not in LOOPBACK]
        foreign = [u for u in foreign if not u.startswith(("data:", "blob:"))]
        assert foreign == [], f"the page requested something outside this machine: {foreign}"


def page_url(api: ApiProcess, rasa: str | None = None, view: str = "chat") -> str:
    query = f"?rasa={quote(rasa, safe='')}" if rasa else ""
    return f"{api.url}/{query}#{view}"


def nowhere() -> str:
    """A Rasa URL on this machine where nothing listens (the mock answers in its place)."""
    return f"http://127.0.0.1:{free_port()}"


def screenshot(page: Any, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


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
    if (!own || node.closest(".visually-hidden, [hidden], svg, noscript, template")) continue;
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


# ---- the sign-in and the goals view ------------------------------------------------------------


def login_dialog(page: Any) -> Any:
    return page.get_by_role("dialog", name="Log ind for medarbejdere")


def try_sign_in(page: Any, username: str, password: str) -> Any:
    """Opens the sign-in dialog (if needed), submits it; returns the API's response."""
    dialog = login_dialog(page)
    if not dialog.is_visible():
        page.locator("#staff-bar").get_by_role("button", name="Log ind", exact=True).click()
    dialog.get_by_label("Brugernavn").fill(username)
    dialog.get_by_label("Adgangskode").fill(password)
    submit = dialog.get_by_role("button", name="Log ind", exact=True)
    with page.expect_response("**/api/v1/auth/token") as answer:
        submit.click()
    # Done when the page has handled the answer (the button is usable again).
    expect(page.locator("#login-submit")).not_to_have_attribute("aria-disabled", "true")
    return answer.value


def sign_in(page: Any, staff: Staff) -> str:
    """Signs in through the page; returns the access token the page received (in memory)."""
    response = try_sign_in(page, staff.username, staff.password)
    assert response.status == 200, response.text()
    expect(page.locator("#staff-who")).to_have_text(
        re.compile(rf"Logget ind som\s+{re.escape(staff.username)}\s+\(")
    )
    expect(login_dialog(page)).to_have_count(0)
    return response.json()["access_token"]


def show_goals(page: Any, reference: str) -> None:
    page.get_by_role("tab", name="Borgerens mål").click()
    page.get_by_label("Borgerens reference").fill(reference)
    page.get_by_role("button", name="Vis mål").click()
