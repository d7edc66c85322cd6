// The chat panel: talks to Rasa's REST channel and shows the conversation as plain text.

import { clear, el, randomId, session } from "./dom.js";

const SENDER_KEY = "rehab.chat.sender";
const TIMEOUT_MS = 60000;

// "Hvem er du?": Rasa sets the `rolle` slot from these payloads.
const ROLES = [
  { title: "Borger", payload: '/state_role{"rolle": "borger"}' },
  { title: "Pårørende", payload: '/state_role{"rolle": "paaroerende"}' },
  { title: "Medarbejder", payload: '/state_role{"rolle": "medarbejder"}' },
];

const WELCOME =
  "Hej! Jeg er en digital assistent. Jeg kan svare på spørgsmål om hverdagsrehabilitering – " +
  "fx hvorfor hjælpen ændrer sig, og hvordan mål bliver sat.\n" +
  "Skriv dit spørgsmål herunder. Fortæl mig gerne først, hvem du er, så passer svarene bedre.";

const CONNECTION_ERROR =
  "Beklager, jeg kan ikke få forbindelse til assistenten lige nu. " +
  "Prøv igen om lidt. Haster det, så ring til kommunen.";

export function setupChat({ rasaUrl }) {
  const log = document.getElementById("log");
  const announcer = document.getElementById("announcer");
  const form = document.getElementById("chat-form");
  const input = document.getElementById("message");
  const newConversation = document.getElementById("new-conversation");
  const endpoint = `${rasaUrl}/webhooks/rest/webhook`;
  document.getElementById("panel-chat").dataset.rasaUrl = rasaUrl;

  let sender = session.get(SENDER_KEY);
  if (!sender) {
    sender = randomId();
    session.set(SENDER_KEY, sender);
  }
  // Messages go to Rasa one at a time, in the order they were sent.
  let queue = Promise.resolve();
  let pending = 0;
  let typing = null;

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function message(kind, speaker, text) {
    const item = el(
      "li",
      { class: `msg msg--${kind}` },
      el("span", { class: "visually-hidden" }, `${speaker}: `),
      el("p", { class: "msg__text" }, text),
    );
    log.append(item);
    scrollToEnd();
    return item;
  }

  // Quick replies belong to the newest bot message; once the user answers they are removed,
  // so an old "Gem" or "Nej" cannot be pressed by mistake. The "Hvem er du?" choice stays
  // until a role is chosen.
  function retireQuickReplies() {
    for (const group of log.querySelectorAll(".quick-replies:not(.roles)")) group.remove();
  }

  function replyButton(title, onChoose) {
    return el("button", { type: "button", class: "button button--reply", onclick: onChoose }, title);
  }

  function showTyping(on) {
    if (on && !typing) {
      typing = el(
        "li",
        { class: "msg msg--bot msg--typing", "aria-hidden": "true" },
        el("span", { class: "typing" }, el("span"), el("span"), el("span")),
        el("span", { class: "typing__text" }, "Assistenten skriver …"),
      );
      log.append(typing);
      scrollToEnd();
    } else if (!on && typing) {
      typing.remove();
      typing = null;
    }
    log.setAttribute("aria-busy", String(on));
  }

  function addBotReply(reply) {
    const text = typeof reply.text === "string" ? reply.text : "";
    const buttons = Array.isArray(reply.buttons)
      ? reply.buttons.filter((b) => b && typeof b.title === "string" && b.payload != null)
      : [];
    if (!text && buttons.length === 0) return null;
    const item = message("bot", "Assistenten", text);
    if (buttons.length) {
      const group = el("div", { class: "quick-replies", role: "group", "aria-label": "Svarmuligheder" });
      for (const button of buttons) {
        group.append(replyButton(button.title, () => send(String(button.payload), button.title)));
      }
      item.append(group);
      scrollToEnd();
    }
    return { text, buttons: buttons.length };
  }

  function announce(lines) {
    for (const line of lines) announcer.append(el("p", {}, line));
  }

  async function post(text) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ sender, message: text }),
        signal: controller.signal,
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const replies = await response.json();
      return Array.isArray(replies) ? replies : [];
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `payload` to Rasa and shows `shown` (the button title, or the text) as the user's. */
  function send(payload, shown = payload) {
    retireQuickReplies();
    clear(announcer);
    message("user", "Du", shown);
    input.focus();
    pending += 1;
    showTyping(true);
    const conversation = sender;
    queue = queue.then(async () => {
      let replies;
      try {
        replies = await post(payload);
      } catch {
        replies = null;
      }
      if (conversation !== sender) return; // a new conversation was started meanwhile
      pending -= 1;
      if (pending === 0) showTyping(false);
      if (replies === null) {
        message("error", "Fejl", CONNECTION_ERROR);
        announce([CONNECTION_ERROR]);
        if (!input.value && payload === shown && !payload.startsWith("/")) input.value = shown;
        return;
      }
      const spoken = [];
      for (const reply of replies) {
        const shownReply = addBotReply(reply);
        if (!shownReply) continue;
        let line = `Assistenten: ${shownReply.text}`;
        if (shownReply.buttons) line += ` (${shownReply.buttons} svarmuligheder)`;
        spoken.push(line);
      }
      if (typing) log.append(typing); // keep "skriver …" last while more is on its way
      announce(spoken);
    });
    return queue;
  }

  function welcome() {
    const item = message("bot", "Assistenten", WELCOME);
    const legend = el("p", { class: "roles__legend", id: "roles-legend" }, "Hvem er du?");
    const group = el("div", {
      class: "quick-replies roles",
      id: "roles",
      role: "group",
      "aria-labelledby": "roles-legend",
    });
    for (const role of ROLES) {
      group.append(
        replyButton(role.title, () => {
          legend.remove();
          group.remove();
          send(role.payload, role.title);
        }),
      );
    }
    item.append(legend, group);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      input.focus();
      return;
    }
    input.value = "";
    send(text);
  });

  newConversation.addEventListener("click", () => {
    sender = randomId();
    session.set(SENDER_KEY, sender);
    pending = 0;
    queue = Promise.resolve();
    showTyping(false);
    clear(log);
    clear(announcer);
    welcome();
    announce(["Ny samtale startet."]);
    input.value = "";
    input.focus();
  });

  welcome();
  return { send };
}
