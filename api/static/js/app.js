// Entry point: the two views (chat and the staff goals view) as accessible tabs.

import { setupChat } from "./chat.js";
import { resolveRasaUrl } from "./config.js";
import { setupGoals } from "./goals.js";

const HASHES = { "tab-chat": "#chat", "tab-goals": "#maal" };

function setupTabs() {
  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));

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

  const fromHash = tabs.find((tab) => HASHES[tab.id] === location.hash);
  if (fromHash) select(fromHash, { remember: false });
}

setupTabs();
setupChat({ rasaUrl: resolveRasaUrl().url });
setupGoals();
