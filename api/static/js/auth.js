// Staff sign-in and the API calls that need it.
//
// The access token lives in this module's memory only: one JavaScript variable. It is never
// written to localStorage, sessionStorage, a cookie or a URL, so reloading or closing the page
// ends the sign-in here (the person signs in again). It is sent only as
// `Authorization: Bearer …`, to this page's own API and to the assistant's staff door.

import { sentence } from "./format.js";

export const API = "/api/v1";
const TIMEOUT_MS = 30000;

export const ROLE_LABEL = {
  visitator: "Visitator",
  terapeut: "Terapeut",
  kontaktperson: "Kontaktperson",
  leder: "Leder",
  admin: "Administrator",
};

export const EXPIRED =
  "Din adgang er udløbet eller ugyldig, så du er logget ud. Log ind igen for at fortsætte.";
const CONNECTION = "Kunne ikke få forbindelse til systemet. Tjek netværksforbindelsen, og prøv igen.";

let token = null; // the access token: in memory only
let person = null; // {username, role, roleLabel, expiresAt}
let expiryTimer = null;
const listeners = new Set();

export class ApiError extends Error {
  /**
   * status 0: no answer. message: the API's Danish `detail` when it sent one. problems: when
   * `detail` is a list (a 422 names each field that is off), [{field, message}] in Danish.
   */
  constructor(status, message = "", retryAfter = null, problems = []) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.apiMessage = message;
    this.retryAfter = retryAfter;
    this.problems = problems;
  }
}

/**
 * What went wrong, in Danish, for a view to show. `own` has the view's words for a status,
 * as text or as a function of the error; a 403 prefers the API's own reason.
 */
export function explain(error, own = {}) {
  const status = error instanceof ApiError ? error.status : -1;
  if (status === 403 && error.apiMessage) return `Du har ikke adgang: ${sentence(error.apiMessage)}`;
  if (Object.prototype.hasOwnProperty.call(own, status)) {
    return typeof own[status] === "function" ? own[status](error) : own[status];
  }
  if (status === 0) return CONNECTION;
  if (status === 403) return "Din rolle giver ikke adgang til dette.";
  if (status === 503) return "Systemet kan ikke nå databasen lige nu. Prøv igen om lidt.";
  return `Der opstod en fejl i systemet (fejlkode ${status}). Prøv igen senere.`;
}

/** The API's own Danish message (`{"detail": "…"}`), or "" (422 lists and others). */
function detailOf(body) {
  return body && typeof body.detail === "string" ? body.detail : "";
}

/** A 422 list (`{"detail": [{"loc": [..., field], "msg": "…"}]}`) as [{field, message}]. */
function problemsOf(body) {
  if (!body || !Array.isArray(body.detail)) return [];
  return body.detail
    .filter((item) => item && typeof item.msg === "string" && item.msg)
    .map((item) => ({
      field: Array.isArray(item.loc) && item.loc.length ? String(item.loc[item.loc.length - 1]) : "",
      message: item.msg,
    }));
}

/**
 * One request to the API. `accept` and `read` ("json" or "text") are for the answer; an error
 * answer is always read as JSON for its Danish message.
 */
async function call(
  path,
  { method = "GET", headers = {}, body, bearer = null, accept = "application/json", read = "json" } = {},
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      headers: {
        Accept: accept,
        ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        ...headers,
      },
      body,
      cache: "no-store",
      credentials: "same-origin",
      referrerPolicy: "no-referrer",
      signal: controller.signal,
    });
  } catch {
    throw new ApiError(0, CONNECTION);
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 204) return null;
  if (response.ok && read === "text") {
    try {
      return await response.text();
    } catch {
      throw new ApiError(0, CONNECTION);
    }
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const wait = Number.parseInt(response.headers.get("Retry-After") || "", 10);
    throw new ApiError(
      response.status, detailOf(data), Number.isFinite(wait) ? wait : null, problemsOf(data),
    );
  }
  return data;
}

// ---- state ----------------------------------------------------------------------------------

/** Who is signed in: {username, role, roleLabel, expiresAt} or null. */
export function current() {
  return person ? { ...person } : null;
}

export function signedIn() {
  return token !== null;
}

/** The token for one request; pass it back to `expire` if that request is refused with 401. */
export function accessToken() {
  return token;
}

/** listener(person | null, {reason, message}); reason: signed-in, signed-out or expired. */
export function onChange(listener) {
  listeners.add(listener);
}

function notify(reason, message = "") {
  for (const listener of listeners) listener(current(), { reason, message });
}

function forget() {
  token = null;
  person = null;
  if (expiryTimer) clearTimeout(expiryTimer);
  expiryTimer = null;
}

async function accept(tokenResponse) {
  const candidate = tokenResponse && tokenResponse.access_token;
  if (typeof candidate !== "string" || !candidate) throw new ApiError(-1);
  const me = await call("/auth/me", { bearer: candidate });
  forget();
  token = candidate;
  person = {
    username: String(me.username),
    role: String(me.role),
    roleLabel: ROLE_LABEL[me.role] || String(me.role),
    expiresAt: String(me.expires_at || ""),
  };
  // The session's absolute end: sign out here too rather than fail on the next click.
  const seconds = Number(tokenResponse.expires_in);
  if (Number.isFinite(seconds) && seconds > 0) {
    const ms = Math.min(seconds * 1000, 2 ** 31 - 1);
    const mine = token;
    expiryTimer = setTimeout(() => expire(mine, EXPIRED), ms);
  }
  notify("signed-in");
  return current();
}

// ---- sign-in and sign-out ---------------------------------------------------------------------

/** Password sign-in (OAuth2 password flow). Throws ApiError (401, 429 with retryAfter, …). */
export async function signIn(username, password) {
  const form = new URLSearchParams({ username, password });
  const answer = await call("/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  return accept(answer);
}

/** The one-time code from an OpenID Connect sign-in (/#login=…) for the access token. */
export async function exchangeLoginCode(code) {
  const answer = await call("/auth/oidc/exchange", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code }),
  });
  return accept(answer);
}

/** Ends the session at the API (best effort) and forgets the token here at once. */
export async function signOut() {
  const ending = token;
  forget();
  notify("signed-out");
  if (ending) {
    try {
      await call("/auth/logout", { method: "POST", bearer: ending });
    } catch {
      /* already ended or unreachable: the token is gone from this page either way */
    }
  }
}

/** "Du er logget ud. <the server's reason>." – or the general explanation without one. */
export function loggedOutBecause(reason) {
  const text = String(reason || "").trim();
  if (!text) return EXPIRED;
  return `Du er logget ud. ${text}${/[.!?]$/.test(text) ? "" : "."}`;
}

/** A request made with `used` was refused (401): sign out, unless a newer sign-in replaced it. */
export function expire(used, message = EXPIRED) {
  if (token === null || used !== token) return;
  forget();
  notify("expired", message || EXPIRED);
}

/** Sign-in methods: {password, oidc, oidcLoginUrl} (a same-origin path, or null). */
export async function signInMethods() {
  try {
    const config = await call("/auth/config");
    const url = typeof config.oidc_login_url === "string" ? config.oidc_login_url : "";
    const local = url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
    return {
      password: config.password !== false,
      oidc: Boolean(config.oidc) && local,
      oidcLoginUrl: local ? url : null,
    };
  } catch {
    return { password: true, oidc: false, oidcLoginUrl: null };
  }
}

/** The shared rules (reference pattern, limits); no sign-in needed. */
export function rules() {
  return call("/rules");
}

/**
 * GET with the signed-in person's token; a 401 signs out (with the API's reason). options:
 * {accept, read} as for `call`, e.g. {accept: "text/html", read: "text"} for a page.
 */
export async function getAsStaff(path, { accept, read } = {}) {
  const used = token;
  if (used === null) throw new ApiError(401, EXPIRED);
  try {
    return await call(path, { bearer: used, accept, read });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      expire(used, loggedOutBecause(error.apiMessage));
    }
    throw error;
  }
}
