// Entry point. Signed out: the public chat only. Signed in: two views as accessible tabs, the
// staff chat and "Borgerens mål" (which exists only while someone is signed in).

import * as auth from "./auth.js";
import { setupChat } from "./chat.js";
import { resolveRasaUrl } from "./config.js";
import { session } from "./dom.js";
import { setupGoals } from "./goals.js";
import { setupLogin } from "./login.js";

const HASHES = { "tab-chat": "#chat", "tab-goals": "#maal" };

function setupTabs() {
  const tablist = document.getElementById("tabs");
  const tabs = Array.from(tablist.querySelectorAll('[role="tab"]'));

  function select(tab, { focus = false, remember = true } = {}) {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    document.body.dataset.view = tab.id === "tab-chat" ? "chat" : "goals";
    if (focus) tab.focus();
    if (remember) {
      // Keep the query (e.g. ?rasa= in development); only the fragment changes.
      const url = `${location.pathname}${location.search}${HASHES[tab.id]}`;
      history.replaceState(null, "", url);
    }
  }

  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      let next = null;
      if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
      else if (event.key === "ArrowLeft") next = tabs[(index - 1 + tabs.length) % tabs.length];
      else if (event.key === "Home") next = tabs[0];
      else if (event.key === "End") next = tabs[tabs.length - 1];
      if (next) {
        event.preventDefault();
        select(next, { focus: true });
      }
    });
  });

  return {
    /** Signed in: both tabs. Signed out: the chat alone, no tabs. */
    show(staff) {
      tablist.hidden = !staff;
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
const message = document.getElementById("message");

auth.onChange((person) => {
  if (person) goals.mount();
  else goals.unmount();
  tabs.show(person !== null);
});

const login = setupLogin({ afterSignIn: () => message.focus() });
const askedForGoals = location.hash === "#maal";
tabs.show(false);
if (returnedFromLogin) login.exchange(loginCode);
else if (askedForGoals) login.say("Borgerens mål er kun for medarbejdere. Log ind for at se dem.");

export { chat, login };
