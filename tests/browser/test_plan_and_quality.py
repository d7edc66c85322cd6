"""Goals that travel, in a real browser against the real API (no Rasa needed): "Udskriv Min
plan" prints the API's plan page at A4, "Hent som FHIR" downloads the Bundle, and a leder's
"Kvalitet" view shows the quality indicators with small counts as "<5".

The data is made through the API over HTTP by a contact person, in this module's own API, so
the indicators have known answers. Run: .venv-api/bin/python -m pytest tests/browser -q
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from api.plan_render import STYLESHEET
from tests.browser.conftest import (
    CONTRAST_JS,
    DESKTOP,
    PHONE,
    Staff,
    Writer,
    days,
    expect,
    nowhere,
    page_url,
    screenshot,
    show_goals,
    sign_in,
    sync_api,
)
from tests.conftest import STACK_TODAY
from tests.support.stack import ApiProcess

PLAN_CITIZEN = "B-3107"
QUALITY_CITIZEN = "Q-0001"
GOAL = "Jeg vil selv kunne gå ned med skraldet"
STEPS = {  # delmål: (responsible, due in days, actions)
    "Gå sikkert på trappen med gelænder": (
        "terapeut",
        14,
        ["Øve trappen hver formiddag", "Sætte et ekstra gelænder op"],
    ),
    "Minde om skraldedagen om tirsdagen": ("paaroerende", 28, []),
    "Bære en let pose ned til containeren": ("borger", 35, ["Bruge en pose med lange hanke"]),
}
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = "januar februar marts april maj juni juli august september oktober november december"
# Records each print() instead of opening a print dialog (headless Chromium cannot print).
PRINT_STUB = "window.print = () => { (window.top.__printed ||= []).push(document.title); };"
PERIOD = ("2026-09-01", "2026-12-31")
A4_POINTS = (595.28, 841.89)  # 210 × 297 mm


def plan_date(day: dt.date) -> str:
    """As Min plan writes a date this year: "torsdag den 24. december"."""
    assert day.year == STACK_TODAY.year
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS.split()[day.month - 1]}"


# ---- data through the API ---------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_goal(writer: Writer) -> dict[str, Any]:
    """B-3107 with one goal in progress and three delmål, each with someone else doing it."""
    writer.post("/citizens", {"reference": PLAN_CITIZEN}, ok=(201, 409))
    subgoals = [
        {"description": text, "actions": actions, "responsible": who, "due_date": days(due)}
        for text, (who, due, actions) in STEPS.items()
    ]
    return writer.post(
        f"/citizens/{PLAN_CITIZEN}/goals",
        {"statement": GOAL, "area": "produktivitet", "activity": "Gå ned med skraldet",
         "due_date": days(56), "subgoals": subgoals},
    )  # fmt: skip


@pytest.fixture(scope="module")
def quality_data(writer: Writer) -> None:
    """Known answers for PERIOD: 7 closed goals due in it (6 achieved, 1 stopped), and 26
    evaluations: September 5 grøn, 1 gul; October 8 grøn, 5 gul, 7 rød; none later."""
    writer.post("/citizens", {"reference": QUALITY_CITIZEN}, ok=(201, 409))

    def goal(status: str, statement: str) -> dict[str, Any]:
        return writer.post(
            f"/citizens/{QUALITY_CITIZEN}/goals",
            {"statement": statement, "area": "fritid", "activity": "Gå en tur",
             "due_date": days(20), "status": status},
        )  # fmt: skip

    for number in range(6):
        goal("opnaaet", f"Gå en tur rundt om søen nr. {number + 1}")
    goal("afbrudt", "Gå til træning i hallen")
    ongoing = goal("aktiv", "Gå en tur hver dag")
    lights = (
        [("2026-09-14", "groen")] * 5
        + [("2026-09-21", "gul")]
        + [("2026-10-05", "groen")] * 8
        + [("2026-10-12", "gul")] * 5
        + [("2026-10-19", "roed")] * 7
    )
    for date, light in lights:
        writer.post(f"/goals/{ongoing['id']}/evaluations", {"date": date, "traffic_light": light})


# ---- helpers ------------------------------------------------------------------------------


def plan_requests(tab: Any, path: str) -> list[Any]:
    """The requests the page (a conftest Tab) made for the plan citizen's `path`."""
    return [r for r in tab.requests if r.url.endswith(f"/citizens/{PLAN_CITIZEN}/{path}")]


def token_not_in_any_url(tab: Any, token: str) -> None:
    assert [u for u in tab.urls() if token in u] == []


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    found = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in found]


def open_quality(page: Any) -> Any:
    page.get_by_role("tab", name="Kvalitet").click()
    return page.locator("#panel-quality")


def show_period(page: Any, start: str, end: str) -> None:
    page.get_by_label("Fra og med").fill(start)
    page.get_by_label("Til og med").fill(end)
    page.get_by_role("button", name="Vis indikatorer").click()


def cells(section: Any, row: str) -> list[str]:
    return [
        text.strip()
        for text in section.locator(f'tbody tr[data-row="{row}"] td').all_text_contents()
    ]


# ---- "Udskriv Min plan" -----------------------------------------------------------------


def test_min_plan_prints_the_plan_in_the_citizens_words_on_a4(
    api: ApiProcess, plan_goal: dict[str, Any], new_staff: Callable[..., Staff], open_tab
) -> None:
    tab = open_tab(page_url(api, nowhere()), DESKTOP)
    page = tab.page
    tab.context.add_init_script(PRINT_STUB)
    token = sign_in(page, new_staff("terapeut"))
    show_goals(page, PLAN_CITIZEN)
    expect(page.locator("article.goal")).to_have_count(1)

    page.get_by_role("button", name="Udskriv Min plan").click()
    page.wait_for_function("() => (window.__printed || []).length > 0")
    assert page.evaluate("window.__printed") == ["Min plan"]  # printed once, from the plan
    expect(page.locator("#goals-status")).to_have_text(
        f"Min plan for borger {PLAN_CITIZEN} er klar til udskrift."
    )

    # The plan came from the API with the token in the header, and is shown from memory: a
    # sandboxed (script-less) frame with a blob: address, not a link to the API.
    (request,) = plan_requests(tab, "plan.html")
    assert request.headers["authorization"] == f"Bearer {token}"
    frame = page.locator("iframe.print-frame")
    src = frame.get_attribute("src") or ""
    assert src.startswith(f"blob:{api.url}/")
    assert "allow-scripts" not in (frame.get_attribute("sandbox") or "")
    token_not_in_any_url(tab, token)

    # What is printed: the goal in the citizen's words, each delmål and who does it, Danish
    # dates; no reference, ids, codes or ISO dates.
    plan = next(f for f in page.frames if f.url == src)
    text = plan.locator("body").inner_text()
    expect(plan.locator(".own-words")).to_have_text(plan_goal["statement"])
    for step in STEPS:
        assert step in text
    for who in ("Det gør din terapeut.", "Det gør din familie.", "Det gør du."):
        assert who in text
    assert "Sætte et ekstra gelænder op" in text
    first_step = STACK_TODAY + dt.timedelta(days=14)
    assert f"Næste gang vi ser på planen sammen: {plan_date(first_step)}." in text
    assert PLAN_CITIZEN not in text and not re.search(r"\b[A-Z]-\d{3,}\b", text)
    assert "_" not in text
    for code in ("aktiv", "produktivitet", "paaroerende", "opnaaet", "fritid"):
        assert not re.search(rf"\b{code}\b", text, re.IGNORECASE), code
    # Its only numbers are the steps' and the Danish dates' ("24. december", "4. februar 2027"):
    # no ids, no ISO dates.
    months = MONTHS.replace(" ", "|")
    numbers = re.sub(rf"Trin \d+|\d{{1,2}}\. (?:{months})(?: \d{{4}})?", "", text)
    assert not re.search(r"\d", numbers), numbers

    # The same page rendered for paper: A4, large type in print (18 pt = 24 px).
    paper = tab.context.new_page()
    paper.goto(src)
    paper.emulate_media(media="print")
    assert paper.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"
    assert paper.evaluate("matchMedia('print').matches") is True
    pdf = paper.pdf(format="A4", prefer_css_page_size=True)
    boxes = media_boxes(pdf)
    assert boxes, "no page in the PDF"
    for width, height in boxes:
        assert width == pytest.approx(A4_POINTS[0], abs=1)
        assert height == pytest.approx(A4_POINTS[1], abs=1)
    paper.close()

    # Signing out takes the plan out of the page and forgets its address.
    page.get_by_role("button", name="Log ud").click()
    expect(page.locator("iframe.print-frame")).to_have_count(0)
    with pytest.raises(sync_api.Error, match="ERR_FILE_NOT_FOUND"):
        tab.context.new_page().goto(src)


VIOLATIONS_JS = """
async ([frameUrl, css]) => {
  const violations = [];
  document.addEventListener("securitypolicyviolation",
    (e) => violations.push(e.effectiveDirective));
  const frame = document.createElement("iframe");
  frame.src = frameUrl;
  document.body.append(frame);
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  await new Promise((resolve) => setTimeout(resolve, 300));
  frame.remove();
  style.remove();
  return violations.sort();
}
"""


def test_the_plan_stylesheet_is_allowed_by_its_hash_and_frames_only_from_blob(
    api: ApiProcess, open_tab
) -> None:
    """The plan page's inline stylesheet applies in the print frame only by its hash in the
    page's policy; no other inline style, and no frame from anywhere but this page's memory."""
    tab = open_tab(page_url(api, nowhere()), DESKTOP)
    csp = tab.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    digest = base64.b64encode(hashlib.sha256(STYLESHEET.encode()).digest()).decode()
    assert directives["style-src"] == ["'self'", f"'sha256-{digest}'"], (
        "api/plan_render.py's STYLESHEET changed: put its new sha256 in index.html's style-src"
    )
    assert directives["frame-src"] == ["blob:"]
    assert directives["object-src"] == ["'none'"]
    # The browser holds to it: a frame of a page from a server (even this one) and any other
    # inline stylesheet are refused; the plan's own stylesheet is not.
    refused = tab.page.evaluate(VIOLATIONS_JS, [f"{api.url}/", "body { color: red; }"])
    assert refused == ["frame-src", "style-src-elem"]
    assert tab.page.evaluate(VIOLATIONS_JS, ["about:blank", STYLESHEET]) == []
    tab.errors = [e for e in tab.errors if "frame" not in e and "inline style" not in e]


# ---- "Hent som FHIR" --------------------------------------------------------------------


def test_the_fhir_button_downloads_the_bundle_as_a_file(
    api: ApiProcess, plan_goal: dict[str, Any], new_staff: Callable[..., Staff], open_tab
) -> None:
    tab = open_tab(page_url(api, nowhere()), DESKTOP)
    page = tab.page
    token = sign_in(page, new_staff("kontaktperson"))
    show_goals(page, PLAN_CITIZEN)
    with page.expect_download() as info:
        page.get_by_role("button", name="Hent som FHIR (til omsorgsjournalen)").click()
    download = info.value
    assert download.suggested_filename == f"{PLAN_CITIZEN}-fhir.json"
    assert download.url.startswith("blob:")
    bundle = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "collection")
    resources = [entry["resource"] for entry in bundle["entry"]]
    (patient,) = [r for r in resources if r["resourceType"] == "Patient"]
    assert [i["value"] for i in patient["identifier"]] == [PLAN_CITIZEN]
    goals = [r for r in resources if r["resourceType"] == "Goal"]
    assert GOAL in [g["description"]["text"] for g in goals]
    assert len(goals) == 1 + len(STEPS)  # the goal and its delmål
    expect(page.locator("#goals-status")).to_have_text(f"Filen {PLAN_CITIZEN}-fhir.json er hentet.")
    (request,) = plan_requests(tab, "fhir")
    assert request.headers["authorization"] == f"Bearer {token}"
    token_not_in_any_url(tab, token)


# ---- "Kvalitet" -------------------------------------------------------------------------


def test_a_leder_sees_the_indicators_as_tables_and_plots_with_small_counts_hidden(
    api: ApiProcess, quality_data: None, new_staff: Callable[..., Staff], open_tab
) -> None:
    tab = open_tab(page_url(api, nowhere()), DESKTOP)
    page = tab.page
    sign_in(page, new_staff("leder"))
    panel = open_quality(page)
    expect(panel.get_by_role("heading", name="Kvalitet", level=2)).to_be_visible()

    # The default period: the last 90 days, today (Danish time) included.
    today = dt.datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    start = dt.date.fromisoformat(page.get_by_label("Fra og med").input_value())
    end = dt.date.fromisoformat(page.get_by_label("Til og med").input_value())
    assert end in (today, today - dt.timedelta(days=1))  # the test may straddle midnight
    assert (end - start).days == 89

    with page.expect_response("**/api/v1/reports/indicators?*") as answer:
        show_period(page, *PERIOD)
    assert answer.value.url.endswith(f"from={PERIOD[0]}&to={PERIOD[1]}")
    expect(panel.get_by_role("heading", level=3)).to_have_text(
        "Indikatorer for 1. september 2026 – 31. december 2026"
    )
    expect(panel.locator("section.indicator")).to_have_count(6)

    # Målopfyldelse: 6 achieved of 7; the other three cells are under 5.
    outcomes = panel.locator('section[data-indicator="goal_outcomes"]')
    expect(outcomes.get_by_role("heading", level=4)).to_have_text("Målopfyldelse")
    headers = outcomes.locator("thead th").all_text_contents()
    assert headers == ["Periode", "Opnået", "Delvist opnået", "Ikke opnået", "Afbrudt", "I alt"]
    assert cells(outcomes, "i alt") == ["6 (85,7 %)", "<5", "<5", "<5", "7"]
    expect(outcomes.locator("tbody th")).to_have_text("Hele perioden")
    expect(outcomes.locator("caption")).to_have_text("Målopfyldelse: antal mål")
    expect(outcomes).to_contain_text("Inspirationskatalog: kvalitetsmål på ældre- og sundheds")
    expect(outcomes).to_contain_text("Andel forløb, hvor borgersatte mål opnås (lokal)")
    bars = outcomes.locator('svg[role="img"]')
    expect(bars.locator("title")).to_have_text("Målopfyldelse: antal mål")
    assert bars.get_attribute("aria-labelledby")
    expect(bars.locator('.bar[data-key="opnaaet"] rect.bar__fill')).to_have_count(1)
    expect(bars.locator('.bar[data-key="opnaaet"] .value')).to_have_text("6")
    for hidden in ("delvist_opnaaet", "ikke_opnaaet", "afbrudt"):
        expect(bars.locator(f'.bar[data-key="{hidden}"] rect')).to_have_count(0)
        expect(bars.locator(f'.bar[data-key="{hidden}"] .value')).to_have_text("<5")

    # Trafiklys pr. måned: stacked columns; a hidden month has no column, only "<5".
    lights = panel.locator('section[data-indicator="traffic_lights_by_month"]')
    assert lights.locator("tbody th").all_text_contents() == [
        "september 2026", "oktober 2026", "november 2026", "december 2026",
    ]  # fmt: skip
    assert cells(lights, "2026-09") == ["5 (83,3 %)", "<5", "<5", "6"]
    assert cells(lights, "2026-10") == ["8 (40,0 %)", "5 (25,0 %)", "7 (35,0 %)", "20"]
    assert cells(lights, "2026-11") == ["<5"] * 4
    expect(lights).to_contain_text("Produktets eget")
    columns = lights.locator('svg[role="img"]')
    october = columns.locator('.column[data-label="2026-10"] rect.segment')
    assert october.evaluate_all("rs => rs.map(r => r.dataset.value)") == ["8", "5", "7"]
    september = columns.locator('.column[data-label="2026-09"] rect.segment')
    assert september.evaluate_all("rs => rs.map(r => r.getAttribute('class'))") == [
        "segment segment--groen", "segment segment--hidden",
    ]  # fmt: skip
    expect(columns.locator('.column[data-label="2026-11"] rect')).to_have_count(0)
    expect(columns.locator('.column[data-label="2026-11"] .value')).to_have_text("<5")
    expect(columns.locator("desc")).to_contain_text("november 2026: i alt <5")

    # Nowhere in the view is a count under 5 written as a number.
    for text in panel.locator("td, .chart__svg .value, .segment__value").all_text_contents():
        number = re.match(r"\s*(\d+)", text)
        assert number is None or int(number[1]) >= 5, text
    assert page.evaluate(CONTRAST_JS) == []
    screenshot(page, "quality-1280x800", full_page=True)

    # A period that ends before it begins: the API's Danish message, tied to the field.
    show_period(page, PERIOD[1], PERIOD[0])
    error = panel.get_by_role("alert")
    expect(error).to_have_text("Perioden begynder (from) efter den slutter (to).")
    expect(page.get_by_label("Fra og med")).to_have_attribute("aria-invalid", "true")
    expect(panel.locator("section.indicator")).to_have_count(0)
    assert page.evaluate(CONTRAST_JS) == []

    # Signing out removes the view.
    page.get_by_role("button", name="Log ud").click()
    assert page.locator("#panel-quality *").count() == 0


def test_the_quality_view_fits_a_phone(
    api: ApiProcess, quality_data: None, new_staff: Callable[..., Staff], open_tab
) -> None:
    page = open_tab(page_url(api, nowhere()), PHONE).page
    sign_in(page, new_staff("leder"))
    open_quality(page)
    show_period(page, *PERIOD)
    expect(page.locator("section.indicator svg.chart__svg")).to_have_count(6)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(CONTRAST_JS) == []
    screenshot(page, "quality-375x812", full_page=True)


def test_only_a_leder_has_the_quality_view(
    api: ApiProcess, new_staff: Callable[..., Staff], open_tab
) -> None:
    for role in ("terapeut", "kontaktperson", "visitator", "admin"):
        page = open_tab(page_url(api, nowhere()), DESKTOP).page
        sign_in(page, new_staff(role))
        expect(page.get_by_role("tab", name="Borgerens mål")).to_be_visible()
        expect(page.get_by_role("tab", name="Kvalitet")).to_have_count(0)
        assert page.locator("#panel-quality *").count() == 0, role
        assert page.get_by_label("Fra og med").count() == 0
        # The arrow keys go between the tabs this person has.
        page.get_by_role("tab", name="Borgerens mål").focus()
        page.keyboard.press("ArrowRight")
        expect(page.get_by_role("tab", name="Spørg assistenten")).to_be_focused()
