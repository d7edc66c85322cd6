// Entry point. Signed out: the public chat only. Signed in: the views as accessible tabs, the
// staff chat and "Borgerens mål", and for a leder "Kvalitet" (the views other than the chat
// exist only while someone who may use them is signed in).

import * as auth from "./auth.js";
import { setupChat } from "./chat.js";
import { resolveRasaUrl } from "./config.js";
import { session } from "./dom.js";
import { setupGoals } from "./goals.js";
import { setupLogin } from "./login.js";
import { setupQuality } from "./quality.js";

const HASHES = { "tab-chat": "#chat", "tab-goals": "#maal", "tab-quality": "#kvalitet" };
const VIEWS = { "tab-chat": "chat", "tab-goals": "goals", "tab-quality": "quality" };
const LEADER = "leder";

function setupTabs() {
  const tablist = document.getElementById("tabs");
  const tabs = Array.from(tablist.querySelectorAll('[role="tab"]'));
  const qualityTab = document.getElementById("tab-quality");

  function select(tab, { focus = false, remember = true } = {}) {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    document.body.dataset.view = VIEWS[tab.id];
    if (focus) tab.focus();
    if (remember) {
      // Keep the query (e.g. ?rasa= in development); only the fragment changes.
      const url = `${location.pathname}${location.search}${HASHES[tab.id]}`;
      history.replaceState(null, "", url);
    }
  }

  tabs.forEach((tab) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      // The arrow keys move between the tabs this person has (a hidden tab is skipped).
      const shown = tabs.filter((t) => !t.hidden);
      const index = shown.indexOf(tab);
      let next = null;
      if (event.key === "ArrowRight") next = shown[(index + 1) % shown.length];
      else if (event.key === "ArrowLeft") next = shown[(index - 1 + shown.length) % shown.length];
      else if (event.key === "Home") next = shown[0];
      else if (event.key === "End") next = shown[shown.length - 1];
      if (next) {
        event.preventDefault();
        select(next, { focus: true });
      }
    });
  });

  return {
    /** Signed in: the person's tabs ("Kvalitet" for a leder). Signed out: the chat alone. */
    show(person) {
      tablist.hidden = person === null;
      qualityTab.hidden = !person || person.role !== LEADER;
      select(tabs[0], { remember: location.hash !== "" });
    },
  };
}

// A token from an older version of this page (sessionStorage) is never used again.
session.remove("rehab.goals.token");

// An OpenID Connect sign-in comes back as /#login=<one-time code>: take it out of the address
// at once (history, bookmarks) before trading it for the access token.
const returnedFromLogin = location.hash.startsWith("#login=");
const loginCode = returnedFromLogin ? location.hash.slice("#login=".length) : "";
if (returnedFromLogin) history.replaceState(null, "", `${location.pathname}${location.search}`);

const tabs = setupTabs();
const chat = setupChat({ rasaUrl: resolveRasaUrl().url });
const goals = setupGoals();
const quality = setupQuality();
const message = document.getElementById("message");

auth.onChange((person) => {
  if (person) goals.mount();
  else goals.unmount();
  if (person && person.role === LEADER) quality.mount();
  else quality.unmount();
  tabs.show(person);
});

const login = setupLogin({ afterSignIn: () => message.focus() });
const askedForGoals = location.hash === "#maal";
tabs.show(null);
if (returnedFromLogin) login.exchange(loginCode);
else if (askedForGoals) login.say("Borgerens mål er kun for medarbejdere. Log ind for at se dem.");

export { chat, login };
