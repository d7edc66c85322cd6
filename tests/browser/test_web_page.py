"""The web page in a real browser, against the real services started from the Procfile's lines
(tests/support/stack.py): the goals API with staff accounts, and for the chat Rasa with the
trained model plus the action server. Driven with Playwright through Debian's Chromium.

Services start once for the module (the model takes about a minute to load); tests that only
need the page itself answer the chat from a stand-in (`rasa_mock`) and leave Rasa alone.

Run: .venv-api/bin/python -m pytest tests/browser -q
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest
import requests

from tests.browser.conftest import (
    ARTIFACTS,
    CONTRAST_JS,
    DESKTOP,
    PHONE,
    Staff,
    Tab,
    Writer,
    danish_date,
    days,
    expect,
    login_dialog,
    nowhere,
    page_url,
    screenshot,
    show_goals,
    sign_in,
    try_sign_in,
)
from tests.conftest import STACK_TODAY
from tests.support.processes import ROOT, free_port, service
from tests.support.stack import ApiProcess, BotProcesses

MODEL = ROOT / "models" / "rehab.tar.gz"
BOT_VENV = ROOT / ".venv-bot"
STAFF_ONLY = "kræver, at man er logget ind som medarbejder"  # the public door's refusal
WRONG_PASSWORD = "Forkert brugernavn eller adgangskode"


@pytest.fixture(scope="module")
def bot(work: Path, api: ApiProcess) -> Iterator[BotProcesses]:
    """Rasa (trained model) and the action server, saving to the API; the page may call Rasa."""
    if not MODEL.exists():
        pytest.skip(f"{MODEL} is missing: train it with `make train`")
    if not (BOT_VENV / "bin" / "rasa").exists():
        pytest.skip(".venv-bot is missing: build it with `make install`")
    processes = BotProcesses(
        work / "bot",
        api,
        MODEL,
        today=STACK_TODAY.isoformat(),
        extra_env={"PAGE_ORIGINS": api.url},  # Rasa's --cors: the page's origin
    )
    processes.work.mkdir(parents=True, exist_ok=True)
    with processes.actions(), processes.rasa():
        yield processes


def api_log(api: ApiProcess) -> str:
    return "\n".join(p.read_text(errors="replace") for p in api.work.glob("api-*.log"))


# ---- a stand-in for Rasa ---------------------------------------------------------------------


def rasa_mock(reply: Callable[[dict[str, Any]], Any], seen: list[dict]) -> Any:
    """A stand-in for both doors of Rasa (CORS included) for tests that need only the page.

    `reply(body)` returns the reply list, or (status, reply list). Each request is recorded in
    `seen` as its JSON body plus "_door" (rest or staff) and "_authorization" (the header).
    """
    cors = {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Headers": "content-type, accept, authorization",
        "Access-Control-Allow-Methods": "POST, OPTIONS",
    }

    def handle(route: Any) -> None:
        request = route.request
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=cors)
            return
        body = request.post_data_json
        door = "staff" if "/webhooks/staff/" in request.url else "rest"
        seen.append({**body, "_door": door, "_authorization": request.headers.get("authorization")})
        answer = reply(body)
        status, replies = answer if isinstance(answer, tuple) else (200, answer)
        route.fulfill(status=status, headers=cors, content_type="application/json",
                      json=replies)  # fmt: skip

    return handle


# ---- helpers for the chat and the sign-in ------------------------------------------------------

BOT_OR_ERROR = "#log > li.msg--bot:not(.msg--typing) .msg__text, #log > li.msg--error .msg__text"


def exchange(page: Any, act: Callable[[], None], timeout: float = 90_000) -> list[str]:
    """Does `act` (type or click) and returns the texts the assistant answered with."""
    texts = page.locator(BOT_OR_ERROR)
    before = texts.count()
    act()
    expect(page.locator("#log")).to_have_attribute("aria-busy", "false", timeout=timeout)
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


def expect_signed_out(page: Any) -> None:
    """No staff access left on the page: no goals view, no tabs, "Log ind" offered."""
    expect(
        page.locator("#staff-bar").get_by_role("button", name="Log ind", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0)
    expect(page.get_by_role("tab")).to_have_count(0)
    expect(page.locator("#panel-goals")).to_be_hidden()
    assert page.locator("#panel-goals *").count() == 0, "the goals view is still in the page"
    expect(page.get_by_label("Borgerens reference")).to_have_count(0)
    expect(page.locator("#staff-who")).to_be_hidden()


def stored_anywhere(tab: Tab, secret: str) -> list[str]:
    """Where `secret` is kept by the page beyond memory: web storage, cookies, the URL."""
    places = []
    storage = tab.page.evaluate(
        "() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map("
        "(k) => k + '=' + s.getItem(k)))"
    )
    places += [f"storage: {item}" for item in storage if secret in item]
    places += [f"cookie: {c['name']}" for c in tab.context.cookies() if secret in c["value"]]
    if secret in tab.page.evaluate("document.cookie"):
        places.append("document.cookie")
    if secret in tab.page.url:
        places.append("url")
    return places


# ---- the real assistant: public door ---------------------------------------------------------


def test_a_relative_gets_the_relatives_answer(api: ApiProcess, bot: BotProcesses, open_tab) -> None:
    page = open_tab(page_url(api, bot.url), PHONE).page
    relative = page.get_by_role("group", name="Hvem er du?").get_by_role("button", name="Pårørende")
    replies = exchange(page, relative.click)
    assert user_texts(page) == ["Pårørende"]
    assert any("som pårørende" in reply for reply in replies), replies
    expect(page.get_by_label("Skriv dit spørgsmål")).to_be_focused()

    replies = exchange(page, typed(page, "hvorfor skærer I ned i min mors hjælp?"))
    # The pårørende variation of utter_faq/skaerer_ned, with {relation} filled from "min mors".
    assert any("Men hjælpen til din mor bliver tilpasset behovet" in r for r in replies), replies
    expect(page.get_by_label("Skriv dit spørgsmål")).to_be_focused()
    screenshot(page, "chat-paaroerende-375x812")


def test_an_anonymous_visitor_cannot_reach_the_goals_view_nor_read_goals_in_the_chat(
    api: ApiProcess, bot: BotProcesses, seeded: dict[str, Any], open_tab
) -> None:
    tab = open_tab(page_url(api, bot.url, view="maal"), DESKTOP)
    page = tab.page
    # Asking for the goals view by its address shows the public chat and says why.
    expect(page.locator("#auth-notice")).to_contain_text("kun for medarbejdere")
    expect_signed_out(page)
    expect(page.locator("#panel-chat")).to_be_visible()
    # Not usable either: forcing the panel open shows an empty section; the form only exists
    # in an inert <template> until someone signs in.
    page.evaluate("document.getElementById('panel-goals').hidden = false")
    assert page.locator("#panel-goals form, #panel-goals input").count() == 0
    assert page.get_by_role("button", name="Vis mål").count() == 0

    statement = seeded["goal"]["statement"]
    for message in ("vis mål for B-1042", "Jeg vil registrere et mål for borger B-1042"):
        replies = exchange(page, typed(page, message))
        assert any(STAFF_ONLY in reply for reply in replies), replies
    expect(page.locator("body")).not_to_contain_text(statement)
    expect(page.locator("body")).not_to_contain_text("brusenichen")
    # Only the public door and nothing from the API's citizen data was asked for.
    assert not [u for u in tab.urls() if "/api/v1/citizens" in u]
    assert not [u for u in tab.urls() if "/webhooks/staff/" in u]
    sent = [r for r in tab.requests if "/webhooks/rest/" in r.url and r.method == "POST"]
    assert len(sent) == 2 and all("authorization" not in r.headers for r in sent)
    screenshot(page, "chat-anonymous-refusal-1280x800")


# ---- the real assistant: staff door ----------------------------------------------------------


def test_a_staff_member_signs_in_captures_a_goal_in_the_chat_and_sees_it(
    api: ApiProcess, bot: BotProcesses, new_staff: Callable[..., Staff], open_tab
) -> None:
    domain = requests.get(
        f"{bot.url}/domain",
        headers={"Accept": "application/json", "Authorization": f"Bearer {bot.admin_jwt()}"},
        timeout=30,
    ).json()
    if "goal_form" not in (domain.get("forms") or {}):
        pytest.fail(f"{MODEL} has no goal capture (no goal_form): retrain with `make train`")
    therapist = new_staff("terapeut")
    tab = open_tab(page_url(api, bot.url), PHONE)
    page = tab.page
    expect(page.get_by_label("Adgangsnøgle")).to_have_count(0)  # no pasted tokens any more
    token = sign_in(page, therapist)

    # Who is signed in, in the header and in the chat, and the goals tab is there.
    expect(page.locator("#staff-who")).to_contain_text("(Terapeut)")
    welcome = page.locator("#log > li.msg--bot").first
    expect(welcome).to_contain_text(f"Du er logget ind som {therapist.username} (Terapeut)")
    expect(page.get_by_role("tab", name="Borgerens mål")).to_be_visible()
    expect(page.locator("#auth-notice")).to_contain_text("skal du logge ind igen")
    expect(page.get_by_label("Skriv dit spørgsmål")).to_be_focused()

    transcript: list[str] = []

    def step(act: str | Callable[[], None], expected: str) -> list[str]:
        """One turn: a text is typed, anything else is done (a button click)."""
        replies = exchange(page, typed(page, act) if isinstance(act, str) else act)
        transcript.extend(f"bot: {r}" for r in replies)
        assert any(expected in r for r in replies), (
            f"expected a reply with {expected!r}; the conversation:\n" + "\n".join(transcript)
        )
        return replies

    step("nyt mål for B-2001", "Hvilket område")
    step(clicked(page, re.compile(r"^Egenomsorg")), "aktivitet")
    step("Tage bad selv", "vigtig")
    step(clicked(page, "9"), "godt")
    step(clicked(page, "3"), "tilfreds")
    step(clicked(page, "2"), "flere aktiviteter")
    step("nej", "Hvad er målet")
    step("Jeg vil kunne tage bad selv to gange om ugen", "Hvornår")
    step("om 6 uger", "delmål")
    step("Stå sikkert i badet i fem minutter", "handlinger")
    step("Øve at stå ved håndvasken, Sætte greb op ved bruseren", "ansvaret")
    step(clicked(page, "Terapeuten"), "Hvornår")
    step("om 3 uger", "delmål mere")
    step("nej", "Skal jeg gemme det?")
    summary = page.locator("#log > li.msg--bot").last
    for title in ("Gem", "Ret", "Annuller"):
        expect(summary.get_by_role("button", name=title, exact=True)).to_be_visible()
    step(clicked(page, "Gem"), "Målet er gemt")
    assert user_texts(page)[-3:] == ["om 3 uger", "nej", "Gem"]  # titles shown, not payloads
    screenshot(page, "chat-staff-goal-capture-375x812")

    # Every message went through the staff door with the bearer token and no sender id.
    staff_posts = [r for r in tab.requests if "/webhooks/staff/" in r.url and r.method == "POST"]
    assert len(staff_posts) == 15
    assert {r.headers.get("authorization") for r in staff_posts} == {f"Bearer {token}"}
    assert all("sender" not in (r.post_data_json or {}) for r in staff_posts)
    assert not [r for r in tab.requests if "/webhooks/rest/" in r.url and r.method == "POST"]

    # The same goal in the goals view, with its delmål, due dates and the COPM plot.
    show_goals(page, "B-2001")
    card = page.locator("article.goal").filter(has_text="Jeg vil kunne tage bad selv to gange")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", level=4)).to_have_text(
        "»Jeg vil kunne tage bad selv to gange om ugen«"
    )
    for text in (
        "Stå sikkert i badet i fem minutter",
        "Øve at stå ved håndvasken",
        "Sætte greb op ved bruseren",
        "Terapeuten",
        "Egenomsorg",
        "Status: Aktiv",
        danish_date(STACK_TODAY + dt.timedelta(weeks=6)),  # "om 6 uger"
        danish_date(STACK_TODAY + dt.timedelta(weeks=3)),  # the delmål: "om 3 uger"
    ):
        expect(card).to_contain_text(text)
    expect(card.locator("svg.chart__svg .point")).to_have_count(2)  # one COPM occasion
    # "Hvem har set data": this person's reads are there, newest first.
    log = page.get_by_role("region", name="Hvem har set data")
    expect(log).to_be_visible()
    rows = log.locator("tbody tr")
    expect(rows.first).to_contain_text(therapist.username)
    expect(rows.first).to_contain_text("Så adgangsloggen")
    expect(log).to_contain_text("Så mål")
    expect(log).to_contain_text("Oprettede borgeren")  # the capture, saved as the person
    screenshot(page, "goals-after-capture-375x812", full_page=True)

    # The token is kept in memory only: not in web storage, cookies, the URL or any log.
    assert stored_anywhere(tab, token) == []
    assert token not in api_log(api)
    for name, log in bot.logs.items():
        assert token not in log.read_text(errors="replace"), f"the token is in the {name} log"

    # A reload forgets it: signed out, and the goals view is gone.
    page.reload()
    expect_signed_out(page)
    assert stored_anywhere(tab, token) == []


def test_logging_out_ends_access(
    api: ApiProcess, bot: BotProcesses, seeded: dict[str, Any], new_staff, open_tab
) -> None:
    visitator = new_staff("visitator")
    tab = open_tab(page_url(api, bot.url), DESKTOP)
    page = tab.page
    token = sign_in(page, visitator)
    replies = exchange(page, typed(page, "vis mål for B-1042"))
    assert any(seeded["goal"]["statement"] in reply for reply in replies), replies
    show_goals(page, "B-1042")
    expect(page.locator("article.goal")).to_have_count(2)

    with page.expect_response("**/api/v1/auth/logout") as logout:
        page.get_by_role("button", name="Log ud").click()
    assert logout.value.status == 204
    expect_signed_out(page)
    expect(page.locator("#auth-notice")).to_contain_text("Du er logget ud")
    expect(page.locator("#staff-bar").get_by_role("button", name="Log ind")).to_be_focused()
    # The staff conversation is off the screen; the public chat is back.
    expect(page.get_by_role("group", name="Hvem er du?")).to_be_visible()
    expect(page.locator("#log")).not_to_contain_text(seeded["goal"]["statement"])
    expect(page.locator("article.goal")).to_have_count(0)

    # The old token no longer works anywhere.
    assert bot.staff(token, "vis mål for B-1042").status_code == 401
    me = requests.get(
        f"{api.url}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert me.status_code == 401
    # The page talks to the public door again.
    replies = exchange(page, typed(page, "vis mål for B-1042"))
    assert any(STAFF_ONLY in reply for reply in replies), replies
    last = [r for r in tab.requests if "/webhooks/" in r.url and r.method == "POST"][-1]
    assert "/webhooks/rest/" in last.url and "authorization" not in last.headers


def test_an_ended_session_signs_the_page_out_with_a_danish_explanation(
    api: ApiProcess, bot: BotProcesses, seeded: dict[str, Any], new_staff, open_tab
) -> None:
    therapist = new_staff("terapeut")
    page = open_tab(page_url(api, bot.url), DESKTOP).page

    def end_session_elsewhere(token: str) -> None:  # as an expiry or an administrator would
        requests.post(
            f"{api.url}/api/v1/auth/logout",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).raise_for_status()

    # The staff door refuses the next chat message (401): signed out, with its reason.
    token = sign_in(page, therapist)
    end_session_elsewhere(token)
    exchange(page, typed(page, "hej"))
    expect_signed_out(page)
    notice = page.locator("#auth-notice")
    expect(notice).to_contain_text("Du er logget ud. Din adgang er udløbet eller ugyldig")
    expect(notice).to_have_attribute("role", "status")
    expect(page.get_by_role("group", name="Hvem er du?")).to_be_visible()

    # The API refuses a read in the goals view (401): the same, with the API's reason.
    token = sign_in(page, therapist)
    show_goals(page, "B-1042")
    expect(page.locator("article.goal").first).to_be_visible()
    end_session_elsewhere(token)
    page.get_by_role("button", name="Vis mål").click()
    expect_signed_out(page)
    expect(notice).to_contain_text("Du er logget ud. Sessionen er afsluttet")
    expect(page.locator("article.goal")).to_have_count(0)
    expect(page.locator("#staff-bar").get_by_role("button", name="Log ind")).to_be_focused()


# ---- sign-in ---------------------------------------------------------------------------------


def test_a_wrong_password_shows_the_danish_error(
    api: ApiProcess, new_staff: Callable[..., Staff], open_tab
) -> None:
    therapist = new_staff("terapeut")
    page = open_tab(page_url(api, nowhere()), PHONE).page
    opener = page.locator("#staff-bar").get_by_role("button", name="Log ind", exact=True)
    expect(opener).to_have_attribute("aria-haspopup", "dialog")
    opener.click()
    dialog = login_dialog(page)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Brugernavn")).to_be_focused()
    expect(dialog).to_contain_text("skal du logge ind igen")  # a reload means a new sign-in
    expect(dialog.get_by_role("link", name="Log ind med kommunens login")).to_be_hidden()
    username, password = dialog.get_by_label("Brugernavn"), dialog.get_by_label("Adgangskode")
    expect(username).to_have_attribute("autocomplete", "username")
    expect(password).to_have_attribute("autocomplete", "current-password")
    alert = dialog.get_by_role("alert")

    # Empty fields are caught before anything is sent.
    dialog.get_by_role("button", name="Log ind", exact=True).click()
    expect(alert).to_have_text("Skriv dit brugernavn.")
    expect(username).to_have_attribute("aria-invalid", "true")
    expect(username).to_be_focused()

    # Wrong password: the API's message, tied to the password field, which is emptied.
    response = try_sign_in(page, therapist.username, "forkert-" + secrets.token_urlsafe(8))
    assert response.status == 401
    expect(alert).to_have_text(f"{WRONG_PASSWORD}.")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_attribute("aria-errormessage", "login-error")
    expect(password).to_be_focused()
    expect(password).to_have_value("")
    expect(username).not_to_have_attribute("aria-invalid", "true")
    screenshot(page, "login-wrong-password-375x812")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Escape closes the dialog; focus returns to "Log ind"; still signed out.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    expect_signed_out(page)

    # The right password works after a failure.
    sign_in(page, therapist)


def test_a_locked_username_shows_the_lockout_message_with_the_time(
    api: ApiProcess, new_staff: Callable[..., Staff], open_tab
) -> None:
    locked = new_staff("terapeut", "laast")
    page = open_tab(page_url(api, nowhere()), DESKTOP).page
    for _ in range(5):
        assert (
            try_sign_in(page, locked.username, "forkert-" + secrets.token_urlsafe(8)).status == 401
        )
    response = try_sign_in(page, locked.username, locked.password)  # even the right one
    assert response.status == 429
    wait = int(response.headers["retry-after"])
    alert = login_dialog(page).get_by_role("alert")
    expect(alert).to_contain_text("For mange forkerte forsøg")
    expect(alert).to_contain_text("prøv igen om 15 minutter")
    until = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=wait)
    local = until.astimezone(ZoneInfo("Europe/Copenhagen"))
    shown = re.search(r"Du kan prøve igen kl\. (\d\d)\.(\d\d)\.", alert.text_content() or "")
    assert shown, alert.text_content()
    minutes = int(shown[1]) * 60 + int(shown[2])
    assert abs(minutes - (local.hour * 60 + local.minute)) in (0, 1, 1439)
    expect_signed_out(page)


def test_oidc_sign_in_through_the_kommune_login(
    work: Path, new_staff: Callable[..., Staff], open_tab
) -> None:
    """ "Log ind med kommunens login" with a real OpenID Connect provider (oidc-provider-mock)."""
    pytest.importorskip("oidc_provider_mock", reason="oidc-provider-mock is not installed")
    port = free_port()
    provider = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--require-nonce"]
    oidc_api = ApiProcess(work / "oidc-api", today=STACK_TODAY.isoformat())
    oidc_api.extra_env.update(
        OIDC_ISSUER=provider,
        OIDC_CLIENT_ID="rehab-web",
        OIDC_CLIENT_SECRET="client-secret-for-tests",
        OIDC_REDIRECT_URL=f"{oidc_api.url}/api/v1/auth/oidc/callback",
    )
    with (
        service("oidc-provider", command, f"{provider}/.well-known/openid-configuration", work),
        oidc_api.running(),
    ):
        oidc_api.cli("create-user", "--username", "lone", "--role", "leder", "--oidc-only")
        httpx.put(
            f"{provider}/users/sub-lone", json={"preferred_username": "lone"}, timeout=10
        ).raise_for_status()

        tab = open_tab(page_url(oidc_api, nowhere()), DESKTOP)
        page = tab.page

        # The provider's own sign-in page fetches a stylesheet from the internet: refused here,
        # and not counted against this page (which loads nothing from outside).
        page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
        page.locator("#staff-bar").get_by_role("button", name="Log ind").click()
        link = login_dialog(page).get_by_role("link", name="Log ind med kommunens login")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", "/api/v1/auth/oidc/login")
        link.click()
        # At the provider: the person says who they are (the mock's form).
        page.get_by_placeholder("sub").first.fill("sub-lone")
        with page.expect_response("**/api/v1/auth/oidc/exchange") as answer:
            page.get_by_role("button", name="Authorize").click()
        assert answer.value.status == 200
        token = answer.value.json()["access_token"]
        expect(page.locator("#staff-who")).to_have_text(re.compile(r"lone\s+\(Leder\)"))
        assert "login=" not in page.url  # the one-time code is gone from the address
        expect(page.get_by_role("tab", name="Borgerens mål")).to_be_visible()
        assert stored_anywhere(tab, token) == []

        # A used or forged code: a Danish explanation, still signed out.
        page = open_tab(f"{oidc_api.url}/#login=brugt-{secrets.token_hex(8)}", DESKTOP).page
        expect(page.locator("#auth-notice")).to_contain_text(
            "Log ind med kommunens login lykkedes ikke. Engangskoden er ukendt, brugt eller udløbet"
        )
        assert "login=" not in page.url
        expect_signed_out(page)
    tab.requests = [r for r in tab.requests if not r.url.startswith("https://cdn.jsdelivr.net/")]


def test_the_page_signs_out_when_the_session_reaches_its_end(work: Path, open_tab) -> None:
    short = ApiProcess(work / "short-api", today=STACK_TODAY.isoformat())
    short.extra_env["STAFF_SESSION_HOURS"] = str(6 / 3600)  # six seconds
    with short.running():
        password = short.add_staff("kort", "terapeut")
        page = open_tab(page_url(short, nowhere()), DESKTOP).page
        sign_in(page, Staff("kort", "terapeut", password))
        page.get_by_role("tab", name="Borgerens mål").click()
        expect(page.get_by_label("Borgerens reference")).to_be_visible()
        # No click needed: the page ends the sign-in itself when the session's time is up.
        expect(page.locator("#auth-notice")).to_contain_text(
            "Din adgang er udløbet", timeout=20_000
        )
        expect_signed_out(page)


# ---- the goals view --------------------------------------------------------------------------


def test_goals_view_shows_goals_delmaal_traffic_lights_the_copm_plot_and_the_access_log(
    api: ApiProcess, seeded: dict[str, Any], new_staff, open_tab
) -> None:
    leader = new_staff("leder")
    page = open_tab(page_url(api, nowhere()), DESKTOP).page
    sign_in(page, leader)
    page.get_by_role("tab", name="Borgerens mål").click()
    expect(page.get_by_role("heading", name="Borgerens mål")).to_be_visible()
    show_goals(page, "B-1042")

    card = page.locator(f'article.goal[data-goal-id="{seeded["goal"]["id"]}"]')
    expect(card.get_by_role("heading", level=4)).to_have_text(
        "»Jeg vil kunne tage bad selv to gange om ugen«"
    )
    expect(card.locator(".card__header .status")).to_have_text("Status: Aktiv")
    for text in ("Komme sikkert ind og ud af brusenichen", "Vaske sig selv siddende på badetaburet",
                 "Sætte greb op ved bruseren", "Terapeuten", "Personlig pleje"):  # fmt: skip
        expect(card).to_contain_text(text)
    # Traffic lights carry a text label, not colour alone.
    expect(card.locator(".light--gul").first).to_have_text("Trafiklys: Gul")
    expect(card.locator(".light--groen").first).to_have_text("Trafiklys: Grøn")
    expect(card.locator(".subgoal .light--roed").first).to_have_text("Trafiklys: Rød")
    # The note keeps its line break (white-space: pre-line), as text.
    note = card.locator(".evaluation__note").first
    assert note.text_content() == (
        "Går bedre, men er stadig utryg ved kanten.\nFortsætter træningen."
    )
    assert note.evaluate("n => getComputedStyle(n).whiteSpace") == "pre-line"

    # The goal's activity over the first assessment and two re-assessments: 3 × 2 points.
    chart = card.locator("svg.chart__svg")
    expect(chart).to_have_count(1)
    expect(chart.locator(".point")).to_have_count(6)
    expect(chart.locator(".significant")).to_have_count(2)
    expect(chart).to_contain_text("betydende ændring")
    values = chart.locator(".point--performance").evaluate_all(
        "ps => ps.map(p => Number(p.dataset.value))"
    )
    assert values == [3, 4, 8]

    # The whole assessment: mean scores; only the second re-assessment changed by ≥ 2.
    assessment = page.locator(
        f'article.assessment[data-assessment-id="{seeded["assessment"]["id"]}"]'
    )
    expect(assessment.locator("svg.chart__svg .point")).to_have_count(6)
    # Both means reach 7,0: one ring and one label for both series.
    expect(assessment.locator("svg.chart__svg .significant")).to_have_count(1)
    expect(assessment.locator("svg.chart__svg")).to_contain_text("betydende ændring (begge)")
    rows = assessment.locator(".chart .data-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).not_to_contain_text("betydende ændring")
    expect(rows.nth(2)).to_contain_text("betydende ændring")
    expect(rows.nth(2)).to_contain_text("+3,0")

    # The second goal has no evaluations yet.
    other = page.locator(f'article.goal[data-goal-id="{seeded["other"]["id"]}"]')
    expect(other).to_contain_text("Ikke evalueret endnu")

    # Who has seen the data: the writer created it, this leader has just read it.
    log = page.get_by_role("region", name="Hvem har set data")
    entries = log.locator("tbody tr")
    expect(entries.first).to_contain_text(leader.username)
    expect(entries.first).to_contain_text("Leder")
    expect(entries.first).to_contain_text("Så adgangsloggen")
    expect(log).to_contain_text("Oprettede borgeren")
    expect(log).to_contain_text("Kontaktperson")
    assert re.search(r"\d{1,2}\. \w+ \d{4} kl\. \d\d\.\d\d", entries.first.text_content() or "")


def test_goals_view_explains_errors_refuses_cpr_and_uses_the_apis_reference_rule(
    api: ApiProcess, seeded: dict[str, Any], new_staff, open_tab
) -> None:
    tab = open_tab(page_url(api, nowhere()), PHONE)
    page = tab.page
    sign_in(page, new_staff("kontaktperson"))
    page.get_by_role("tab", name="Borgerens mål").click()
    reference = page.get_by_label("Borgerens reference")
    error = page.locator("#panel-goals").get_by_role("alert")

    show_goals(page, "B-9999")
    expect(error).to_contain_text("Der findes ingen borger med referencen B-9999")
    expect(reference).to_have_attribute("aria-invalid", "true")
    expect(reference).to_be_focused()

    show_goals(page, "010190-1234")
    expect(error).to_contain_text("ligner et CPR-nummer")
    expect(reference).to_have_value("")
    assert not [u for u in tab.urls() if "010190" in u]

    show_goals(page, "B 1042!")
    expect(error).to_contain_text("Referencen skal være 1–40 tegn")
    assert not [u for u in tab.urls() if "B%201042" in u or "B 1042" in u]

    page.route("**/api/v1/citizens/**", lambda route: route.fulfill(
        status=403, json={"detail": "Rollen 'kontaktperson' må ikke se dette"}))  # fmt: skip
    show_goals(page, "B-1042")
    expect(error).to_contain_text("Du har ikke adgang: Rollen 'kontaktperson' må ikke se dette.")
    page.unroute("**/api/v1/citizens/**")

    show_goals(page, "B-1042")
    expect(error).to_be_empty()
    expect(page.locator("article.goal").first).to_be_visible()
    page.get_by_role("button", name="Ryd visningen").click()
    expect(reference).to_have_value("")
    expect(page.locator("article.goal")).to_have_count(0)

    # The reference rule is the API's (GET /api/v1/rules), not a copy in the page: with a
    # stricter rule from the API, a reference the default allows is refused before any request.
    rules = requests.get(f"{api.url}/api/v1/rules", timeout=30).json()
    assert rules["reference"]["pattern"] == "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
    strict = {**rules, "reference": {"pattern": "^B-[0-9]{4}$", "max_length": 6}}
    other = open_tab(page_url(api, nowhere()), PHONE)
    other.page.route("**/api/v1/rules", lambda route: route.fulfill(json=strict))
    sign_in(other.page, new_staff("kontaktperson"))
    show_goals(other.page, "X-0001")
    expect(other.page.locator("#panel-goals").get_by_role("alert")).to_contain_text(
        "Referencen skal være 1–6 tegn"
    )
    assert not [u for u in other.urls() if "/citizens/" in u]
    expect(other.page.get_by_label("Borgerens reference")).to_have_attribute("maxlength", "6")
    show_goals(other.page, "B-1042")
    expect(other.page.locator("article.goal").first).to_be_visible()
    scripts = "".join(p.read_text() for p in (ROOT / "api" / "static" / "js").glob("*.js"))
    assert "A-Za-z0-9._-" not in scripts, "a copy of the reference pattern in the page"


# ---- nothing from the user, the bot or the API is run as HTML -------------------------------

XSS = ["<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">']


def test_html_in_messages_is_shown_as_text(
    api: ApiProcess, writer: Writer, new_staff, open_tab
) -> None:
    seen: list[dict] = []
    # The bot "answers" with the same markup, in its text and as a button title.
    mock = rasa_mock(
        lambda body: [{"text": f"Du skrev:\n{body['message']}",
                       "buttons": [{"title": body["message"], "payload": "/noop"}]}],
        seen,
    )  # fmt: skip
    page = open_tab(page_url(api, nowhere()), DESKTOP, mock).page
    for payload in XSS:
        replies = exchange(page, typed(page, payload))
        assert replies == [f"Du skrev:\n{payload}"]
        assert user_texts(page)[-1] == payload
        expect(page.locator("#log .quick-replies:not(.roles) button")).to_have_text(payload)
    assert [body["message"] for body in seen] == XSS
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#log img, #log script").count() == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0

    # The same from the API, in the goals view (and the access log names the writer as text).
    writer.post("/citizens", {"reference": "X-0001"}, ok=(201, 409))
    writer.post(
        "/citizens/X-0001/goals",
        {"statement": XSS[1], "area": "fritid", "activity": XSS[0], "due_date": days(30),
         "subgoals": [{"description": XSS[1], "actions": [XSS[0]], "responsible": "andet",
                       "due_date": days(20)}]},
    )  # fmt: skip
    sign_in(page, new_staff("terapeut"))
    show_goals(page, "X-0001")
    card = page.locator("article.goal").first
    expect(card.get_by_role("heading", level=4)).to_have_text(f"»{XSS[1]}«")
    expect(card).to_contain_text(XSS[0])
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, #goals-result script').length") == 0


# ---- the doors, as the page uses them (stand-in Rasa) -----------------------------------------


def test_the_chat_uses_the_public_door_signed_out_and_the_staff_door_signed_in(
    api: ApiProcess, new_staff, open_tab
) -> None:
    seen: list[dict] = []
    mock = rasa_mock(lambda body: [{"text": f"Svar på {body['message']}"}], seen)
    page = open_tab(page_url(api, nowhere()), DESKTOP, mock).page
    exchange(page, typed(page, "hej"))
    public = seen[-1]
    assert public["_door"] == "rest" and public["_authorization"] is None
    assert re.fullmatch(r"[0-9a-f]{32}", public["sender"])

    staff = new_staff("terapeut")
    token = sign_in(page, staff)
    expect(page.locator("#log > li")).to_have_count(1)  # a new conversation on screen
    expect(page.get_by_role("group", name="Hvem er du?")).to_have_count(0)
    exchange(page, typed(page, "nyt mål"))
    assert seen[-1] == {"message": "nyt mål", "_door": "staff", "_authorization": f"Bearer {token}"}

    # "Start en ny samtale" also ends the person's conversation at the assistant (/restart).
    page.get_by_role("button", name="Start en ny samtale").click()
    expect(page.locator("#log > li")).to_have_count(1)
    for _ in range(50):  # the stand-in answers while Playwright waits
        if seen[-1]["message"] == "/restart":
            break
        page.wait_for_timeout(100)
    assert seen[-1] == {"message": "/restart", "_door": "staff",
                        "_authorization": f"Bearer {token}"}  # fmt: skip
    assert "Du: /restart" not in (page.locator("#log").text_content() or "")

    page.get_by_role("button", name="Log ud").click()
    expect_signed_out(page)
    exchange(page, typed(page, "hej igen"))
    assert seen[-1]["_door"] == "rest" and seen[-1]["_authorization"] is None
    assert seen[-1]["sender"] != public["sender"], "a new public conversation after sign-out"


def test_public_door_limits_and_outages_give_danish_messages_and_keep_the_text(
    api: ApiProcess, open_tab
) -> None:
    slow_down = "Du har skrevet mange beskeder på kort tid. Vent lidt, og prøv så igen."
    mock = rasa_mock(lambda body: (429, [{"recipient_id": None, "text": slow_down}]), [])
    page = open_tab(page_url(api, nowhere()), DESKTOP, mock).page
    replies = exchange(page, typed(page, "hvad er hverdagsrehabilitering"))
    assert replies == [slow_down]
    expect(page.locator("#log > li.msg--error")).to_have_count(1)
    expect(page.locator("#announcer")).to_contain_text(slow_down)
    expect(page.get_by_label("Skriv dit spørgsmål")).to_have_value("hvad er hverdagsrehabilitering")

    page = open_tab(page_url(api, nowhere()), DESKTOP).page  # nothing listens at all
    replies = exchange(page, typed(page, "hvad er hverdagsrehabilitering"))
    assert len(replies) == 1 and "kan ikke få forbindelse til assistenten" in replies[0]
    expect(page.get_by_label("Skriv dit spørgsmål")).to_have_value("hvad er hverdagsrehabilitering")


# ---- screenshots, phone and desktop ----------------------------------------------------------


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
def test_screenshots(
    api: ApiProcess, seeded: dict[str, Any], new_staff, open_tab, viewport: dict[str, int]
) -> None:
    size = f"{viewport['width']}x{viewport['height']}"
    page = open_tab(page_url(api, nowhere()), viewport, rasa_mock(canned_reply, [])).page

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    expect(page.get_by_role("group", name="Hvem er du?")).to_be_visible()
    fits()
    screenshot(page, f"chat-start-{size}")
    exchange(page, page.locator("#roles").get_by_role("button", name="Pårørende").click)
    exchange(page, typed(page, "hvorfor skærer I ned i min mors hjælp?"))
    page.locator("#log .quick-replies button").first.focus()  # shows the focus outline
    screenshot(page, f"chat-{size}")
    fits()

    page.locator("#staff-bar").get_by_role("button", name="Log ind").click()
    expect(login_dialog(page)).to_be_visible()
    fits()
    screenshot(page, f"login-{size}")
    page.keyboard.press("Escape")

    sign_in(page, new_staff("terapeut"))
    fits()
    screenshot(page, f"chat-staff-{size}")
    show_goals(page, "B-1042")
    expect(page.locator("article.goal svg.chart__svg .point").first).to_be_visible()
    expect(page.get_by_role("region", name="Hvem har set data")).to_be_visible()
    fits()
    screenshot(page, f"goals-{size}", full_page=True)
    assert (ARTIFACTS / f"chat-{size}.png").stat().st_size > 0


# ---- accessibility, keyboard, configuration, CSP ---------------------------------------------


def test_keyboard_focus_live_region_and_role_payloads(api: ApiProcess, new_staff, open_tab) -> None:
    seen: list[dict] = []
    mock = rasa_mock(
        lambda body: [{"text": "Vil du vide mere?",
                       "buttons": [{"title": "Ja", "payload": "/affirm"},
                                   {"title": "Nej", "payload": "/deny"}]}],
        seen,
    )  # fmt: skip
    page = open_tab(page_url(api, nowhere()), DESKTOP, mock).page
    assert page.evaluate("document.documentElement.lang") == "da"
    message = page.get_by_label("Skriv dit spørgsmål")
    assert message.evaluate("n => n.form !== null && n.form.tagName") == "FORM"
    expect(page.locator("#announcer")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#auth-notice")).to_have_attribute("role", "status")

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
        expect(roles).to_have_count(0)
        expect(message).to_be_focused()
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
    expect(message).to_be_focused()
    expect(page.locator("#log .quick-replies")).to_have_count(1)
    expect(page.locator("#announcer")).to_contain_text("Vil du vide mere?")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "send"

    # The send button: the text is sent, the input emptied, and focus returned to the input.
    message.fill("hej")
    exchange(page, page.get_by_role("button", name="Send").click)
    assert seen[-1]["message"] == "hej"
    expect(message).to_have_value("")
    expect(message).to_be_focused()

    assert {body["sender"] for body in seen[-3:]} == {senders[-1]}, "one id per conversation"
    page.get_by_role("button", name="Start en ny samtale").click()
    expect(page.locator("#log > li")).to_have_count(1)

    # Signed out there are no tabs; signing in by keyboard only, then the tabs work with the
    # arrow keys.
    expect(page.get_by_role("tablist")).to_have_count(0)
    staff = new_staff("terapeut")
    page.locator("#staff-bar").get_by_role("button", name="Log ind").focus()
    page.keyboard.press("Enter")
    expect(login_dialog(page).get_by_label("Brugernavn")).to_be_focused()
    page.keyboard.type(staff.username)
    page.keyboard.press("Tab")
    page.keyboard.type(staff.password)
    page.keyboard.press("Enter")
    expect(page.locator("#staff-who")).to_contain_text(staff.username)
    expect(message).to_be_focused()
    expect(page.locator("#auth-notice")).to_contain_text(f"Du er logget ind som {staff.username}")
    page.get_by_role("tab", name="Spørg assistenten").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Borgerens mål")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tab", name="Borgerens mål")).to_be_focused()
    expect(page.locator("#panel-goals")).to_be_visible()
    expect(page.locator("#panel-chat")).to_be_hidden()
    page.keyboard.press("Tab")  # from the tab straight into its panel
    expect(page.get_by_label("Borgerens reference")).to_be_focused()
    page.keyboard.press("ArrowLeft")  # typing in the field does not switch tabs
    expect(page.locator("#panel-goals")).to_be_visible()


def test_rasa_url_comes_from_the_query_only_for_localhost(api: ApiProcess, open_tab) -> None:
    port = urlsplit(api.url).port
    default = "http://127.0.0.1:5005"
    cases = {
        "http://evil.example:5005": default,
        "javascript:alert(1)": default,
        f"http://127.0.0.1:{port + 1}/": f"http://127.0.0.1:{port + 1}",
        "http://localhost:6006": "http://localhost:6006",
    }
    for given, used in cases.items():
        page = open_tab(page_url(api, given), DESKTOP).page
        expect(page.locator("#panel-chat")).to_have_attribute("data-rasa-url", used)
    page = open_tab(page_url(api), DESKTOP).page
    expect(page.locator("#panel-chat")).to_have_attribute("data-rasa-url", default)
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
    meta_api = ApiProcess(work / "meta-api", extra_env={"STATIC_DIR": str(static)})
    with meta_api.running():
        page = open_tab(f"{meta_api.url}/", DESKTOP).page
        expect(page.locator("#panel-chat")).to_have_attribute(
            "data-rasa-url", f"{meta_api.url}/rasa"
        )


CONNECT_JS = """
async (url) => {
  const violations = [];
  document.addEventListener("securitypolicyviolation",
    (e) => violations.push(e.effectiveDirective));
  let outcome;
  try { await fetch(url, { mode: "no-cors" }); outcome = "sent"; }
  catch { outcome = "refused"; }
  await new Promise((resolve) => setTimeout(resolve, 100));
  return [outcome, violations];
}
"""


def test_the_page_may_connect_only_to_itself_and_the_assistant(api: ApiProcess, open_tab) -> None:
    tab = open_tab(page_url(api, nowhere()), DESKTOP)
    csp = tab.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    connect = next(d for d in csp.split(";") if d.strip().startswith("connect-src")).split()[1:]
    assert "http:" not in connect and "https:" not in connect and "*" not in connect
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    # A request to any other origin is refused by the browser before it leaves (so a stolen
    # token could not be sent away either); the default Rasa port is allowed.
    outcome = tab.page.evaluate(CONNECT_JS, "http://192.0.2.1:8080/collect")
    assert outcome == ["refused", ["connect-src"]]
    tab.errors = [e for e in tab.errors if "192.0.2.1:8080" not in e]  # the expected report
    # Port 5005 on another host is the assistant's default place: allowed by the policy (the
    # request fails only because nothing listens there).
    assert "http://*:5005" in connect
    outcome = tab.page.evaluate(CONNECT_JS, "http://127.0.0.2:5005/webhooks/rest/webhook")
    assert outcome == ["refused", []]
    tab.requests = [
        r for r in tab.requests if not r.url.startswith(("http://192.0.2.1", "http://127.0.0.2"))
    ]


def test_text_contrast_meets_wcag_aa(
    api: ApiProcess, seeded: dict[str, Any], new_staff, open_tab
) -> None:
    page = open_tab(page_url(api, nowhere()), PHONE, rasa_mock(canned_reply, [])).page
    assert page.evaluate(CONTRAST_JS) == []
    exchange(page, page.locator("#roles").get_by_role("button", name="Pårørende").click)
    exchange(page, typed(page, "hvorfor skærer I ned i min mors hjælp?"))
    assert page.evaluate(CONTRAST_JS) == []
    staff = new_staff("terapeut")
    try_sign_in(page, staff.username, "forkert-" + secrets.token_urlsafe(8))
    expect(login_dialog(page).get_by_role("alert")).not_to_be_empty()
    assert page.evaluate(CONTRAST_JS) == []
    login_dialog(page).get_by_role("button", name="Annuller").click()
    sign_in(page, staff)
    page.locator("#staff-bar").get_by_role("button", name="Log ud").hover()
    assert page.evaluate(CONTRAST_JS) == []
    show_goals(page, "B-1042")
    expect(page.locator("article.goal").first).to_be_visible()
    assert page.evaluate(CONTRAST_JS) == []
    show_goals(page, "B-9999")
    expect(page.locator("#panel-goals").get_by_role("alert")).not_to_be_empty()
    assert page.evaluate(CONTRAST_JS) == []
    page.get_by_role("button", name="Log ud").click()
    expect(page.locator("#auth-notice")).not_to_be_empty()
    assert page.evaluate(CONTRAST_JS) == []
