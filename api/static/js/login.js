// Staff sign-in on the page: the "Log ind" button and its dialog (password, and "Log ind med
// kommunens login" when the API has OpenID Connect), who is signed in, and "Log ud".
// Error messages are the API's own Danish text, shown in an alert and tied to the field.

import * as auth from "./auth.js";
import { clockTime } from "./format.js";

const SIGNED_OUT = "Du er logget ud. Borgerens mål og samtalen med medarbejderassistenten er lukket.";

function sentence(text) {
  const trimmed = String(text || "").trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function signInError(error) {
  const status = error instanceof auth.ApiError ? error.status : -1;
  if (status === 401) {
    return error.apiMessage ? sentence(error.apiMessage) : "Forkert brugernavn eller adgangskode.";
  }
  if (status === 429) {
    let text = sentence(error.apiMessage || "For mange forkerte forsøg. Vent lidt, og prøv igen");
    if (error.retryAfter) {
      const at = new Date(Date.now() + error.retryAfter * 1000);
      text += ` Du kan prøve igen kl. ${clockTime(at)}.`;
    }
    return text;
  }
  if (status === 0) return sentence(error.apiMessage);
  if (status === 503) return "Systemet kan ikke logge dig ind lige nu. Prøv igen om lidt.";
  if (status === 422) return "Skriv dit brugernavn og din adgangskode.";
  return `Log ind lykkedes ikke (fejlkode ${status}). Prøv igen senere.`;
}

export function setupLogin({ afterSignIn }) {
  const openButton = document.getElementById("login-open");
  const openHint = document.getElementById("login-open-hint");
  const logoutButton = document.getElementById("logout");
  const who = document.getElementById("staff-who");
  const whoName = document.getElementById("staff-name");
  const whoRole = document.getElementById("staff-role");
  const notice = document.getElementById("auth-notice");
  const dialog = document.getElementById("login-dialog");
  const form = document.getElementById("login-form");
  const username = document.getElementById("login-username");
  const password = document.getElementById("login-password");
  const errorBox = document.getElementById("login-error");
  const submit = document.getElementById("login-submit");
  const cancel = document.getElementById("login-cancel");
  const oidc = document.getElementById("login-oidc");
  const oidcLink = document.getElementById("login-oidc-link");
  let busy = false;

  function say(text, kind = "info") {
    notice.className = `notice notice--${kind}`;
    notice.textContent = text;
  }

  function markInvalid(field) {
    for (const input of [username, password]) {
      if (input === field) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-errormessage", "login-error");
      } else {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-errormessage");
      }
    }
  }

  function showError(text, field) {
    errorBox.textContent = text;
    markInvalid(field);
    if (field) field.focus();
  }

  function open() {
    errorBox.textContent = "";
    markInvalid(null);
    password.value = "";
    if (!dialog.open) dialog.showModal();
    (username.value ? password : username).focus();
  }

  function close() {
    password.value = "";
    if (dialog.open) dialog.close();
  }

  // The sign-in methods: OpenID Connect only when the API says it is on.
  auth.signInMethods().then((methods) => {
    if (methods.oidc && methods.oidcLoginUrl) {
      oidcLink.setAttribute("href", methods.oidcLoginUrl);
      oidc.hidden = false;
    }
  });

  // The sign-in and sign-out notes step aside once the person gets on with something.
  document.addEventListener("submit", (event) => {
    if (event.target !== form && notice.classList.contains("notice--info")) say("");
  });

  openButton.addEventListener("click", open);
  cancel.addEventListener("click", close);
  dialog.addEventListener("close", () => {
    password.value = "";
    if (!auth.signedIn()) openButton.focus();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    errorBox.textContent = "";
    const name = username.value.trim();
    if (!name) {
      showError("Skriv dit brugernavn.", username);
      return;
    }
    if (!password.value) {
      showError("Skriv din adgangskode.", password);
      return;
    }
    busy = true;
    submit.setAttribute("aria-disabled", "true");
    dialog.setAttribute("aria-busy", "true");
    try {
      await auth.signIn(name, password.value);
      close();
    } catch (error) {
      password.value = "";
      const status = error instanceof auth.ApiError ? error.status : -1;
      showError(signInError(error), status === 401 || status === 429 ? password : null);
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
      dialog.removeAttribute("aria-busy");
    }
  });

  logoutButton.addEventListener("click", () => {
    auth.signOut();
  });

  auth.onChange((person, { reason, message }) => {
    const signedIn = person !== null;
    openButton.hidden = signedIn;
    openHint.hidden = signedIn;
    logoutButton.hidden = !signedIn;
    who.hidden = !signedIn;
    whoName.textContent = signedIn ? person.username : "";
    whoRole.textContent = signedIn ? person.roleLabel : "";
    // Closing the dialog hands focus back to its opener, so close it before moving focus on.
    close();
    if (reason === "signed-in") {
      say(
        `Du er logget ind som ${person.username} (${person.roleLabel}). Din adgang gemmes ikke: ` +
          "genindlæser eller lukker du siden, skal du logge ind igen.",
      );
      if (afterSignIn) afterSignIn(person);
      return;
    }
    say(reason === "expired" ? message : SIGNED_OUT, reason === "expired" ? "error" : "info");
    const focused = document.activeElement;
    if (reason === "signed-out" || !focused || focused === document.body || !focused.isConnected) {
      openButton.focus();
    }
  });

  /** The one-time code from an OpenID Connect sign-in (/#login=…). */
  async function exchange(code) {
    say("Logger ind …");
    try {
      if (!/^[A-Za-z0-9._~-]{1,200}$/.test(code)) throw new auth.ApiError(401);
      await auth.exchangeLoginCode(code);
    } catch (error) {
      const status = error instanceof auth.ApiError ? error.status : -1;
      const why =
        status === 401 || status === 0
          ? sentence(error.apiMessage || "Engangskoden er ukendt, brugt eller udløbet")
          : signInError(error);
      say(`Log ind med kommunens login lykkedes ikke. ${why}`, "error");
      openButton.focus();
    }
  }

  return { open, exchange, say };
}
