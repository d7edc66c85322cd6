// The chat panel. Two doors to the same assistant:
//   - signed out: Rasa's public REST channel (/webhooks/rest/webhook), anonymous, with a random
//     conversation id per visit;
//   - signed in: the staff door (/webhooks/staff/webhook) with the access token as a bearer
//     token; the assistant derives the conversation from the person, so no id is sent.
// Everything is shown as plain text.

import * as auth from "./auth.js";
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

function staffWelcome(person) {
  return (
    `Du er logget ind som ${person.username} (${person.roleLabel}) og skriver nu med ` +
    "medarbejderassistenten.\n" +
    "Du kan fx skrive »nyt mål for B-1042«, »vis mål for B-1042«, »revurdering for B-1042« " +
    "eller »motivationsguide«. Brug kun borgerens reference – aldrig CPR-nummer eller navn."
  );
}

const CONNECTION_ERROR =
  "Beklager, jeg kan ikke få forbindelse til assistenten lige nu. " +
  "Prøv igen om lidt. Haster det, så ring til kommunen.";

function failureText(status) {
  if (status === 429) return "Du har skrevet mange beskeder på kort tid. Vent lidt, og prøv så igen.";
  if (status === 503) return "Assistenten kan ikke bekræfte din adgang lige nu. Prøv igen om lidt.";
  return `Beskeden kunne ikke sendes (fejlkode ${status}). Prøv igen om lidt.`;
}

/** Texts of a reply in Rasa's REST shape ([{text}, …]); the doors answer errors in it too. */
function replyTexts(body) {
  if (!Array.isArray(body)) return [];
  return body.map((m) => (m && typeof m.text === "string" ? m.text : "")).filter(Boolean);
}

export function setupChat({ rasaUrl }) {
  const log = document.getElementById("log");
  const announcer = document.getElementById("announcer");
  const form = document.getElementById("chat-form");
  const input = document.getElementById("message");
  const newConversation = document.getElementById("new-conversation");
  const panel = document.getElementById("panel-chat");
  const publicEndpoint = `${rasaUrl}/webhooks/rest/webhook`;
  const staffEndpoint = `${rasaUrl}/webhooks/staff/webhook`;
  panel.dataset.rasaUrl = rasaUrl;

  let sender = session.get(SENDER_KEY);
  if (!sender) {
    sender = randomId();
    session.set(SENDER_KEY, sender);
  }
  // Which conversation is on screen; replies to an older one (another door, or before "Start
  // en ny samtale") are dropped.
  let epoch = 0;
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

  /** The door for the next message: the staff door while signed in, else the public one. */
  function door() {
    const token = auth.accessToken();
    return token ? { staff: true, token } : { staff: false, sender };
  }

  /** {status, replies} for an answer (also an error in the reply shape); throws if none. */
  async function post(text, via) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (via.staff) headers.Authorization = `Bearer ${via.token}`;
    try {
      const response = await fetch(via.staff ? staffEndpoint : publicEndpoint, {
        method: "POST",
        headers,
        body: JSON.stringify(via.staff ? { message: text } : { sender: via.sender, message: text }),
        signal: controller.signal,
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
      });
      let body = null;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      if (response.ok) return { status: response.status, replies: Array.isArray(body) ? body : [] };
      return { status: response.status, replies: [], errors: replyTexts(body) };
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
    const conversation = epoch;
    const via = door();
    queue = queue.then(async () => {
      let answer;
      try {
        answer = await post(payload, via);
      } catch {
        answer = null;
      }
      if (conversation !== epoch) return; // another conversation is on screen now
      pending -= 1;
      if (pending === 0) showTyping(false);
      if (answer && answer.status === 401 && via.staff) {
        // The staff door no longer accepts the sign-in: back to the public page, with why.
        auth.expire(via.token, auth.loggedOutBecause(answer.errors.join(" ")));
        return;
      }
      if (answer === null || answer.errors) {
        const texts = answer === null ? [CONNECTION_ERROR] : answer.errors;
        const shownTexts = texts.length ? texts : [failureText(answer.status)];
        for (const text of shownTexts) message("error", "Fejl", text);
        announce(shownTexts);
        if (!input.value && payload === shown && !payload.startsWith("/")) input.value = shown;
        return;
      }
      const spoken = [];
      for (const reply of answer.replies) {
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
    const person = auth.current();
    if (person) {
      message("bot", "Assistenten", staffWelcome(person));
      return;
    }
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

  /** A fresh conversation on screen (a new public id when signed out). */
  function restart() {
    epoch += 1;
    if (!auth.signedIn()) {
      sender = randomId();
      session.set(SENDER_KEY, sender);
    }
    pending = 0;
    queue = Promise.resolve();
    showTyping(false);
    clear(log);
    clear(announcer);
    input.value = "";
    welcome();
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
    const staff = auth.signedIn();
    restart();
    if (staff) {
      // The staff conversation belongs to the person and lives on the server: end it there
      // too, so a half-finished goal does not continue. Nothing is shown for this message.
      const via = door();
      const conversation = epoch;
      queue = queue.then(() => post("/restart", via).catch(() => null)).then((answer) => {
        if (conversation === epoch && answer && answer.status === 401) {
          auth.expire(via.token, auth.loggedOutBecause(answer.errors.join(" ")));
        }
      });
    }
    announce(["Ny samtale startet."]);
    input.focus();
  });

  // Signing in or out switches the door: the conversation on screen belongs to the other door
  // (and may hold citizen data), so it is cleared.
  auth.onChange(() => restart());

  welcome();
  return { send };
}
