// Where the Rasa server is. In order:
//   1. ?rasa=<url> in the page address, honoured ONLY when both this page and that URL are on
//      the local machine (localhost, 127.0.0.1, [::1]) – for development and the browser tests.
//      A link to a production page can therefore never redirect the chat somewhere else.
//   2. <meta name="rasa-url" content="…"> in index.html (absolute, or relative such as "/rasa"
//      behind a reverse proxy).
//   3. The same host as the page, port 5005: `${location.protocol}//${location.hostname}:5005`.

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopback(hostname) {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith(".localhost");
}

function httpUrl(value, base) {
  try {
    const url = new URL(value, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (url.username || url.password) return null;
    return url;
  } catch {
    return null;
  }
}

function withoutTrailingSlash(url) {
  const text = `${url.origin}${url.pathname}`;
  return text.endsWith("/") ? text.slice(0, -1) : text;
}

/** Returns {url, source}; url has no trailing slash. */
export function resolveRasaUrl(loc = window.location, doc = document) {
  const override = new URLSearchParams(loc.search).get("rasa");
  if (override && isLoopback(loc.hostname)) {
    const url = httpUrl(override);
    if (url && isLoopback(url.hostname)) {
      return { url: withoutTrailingSlash(url), source: "query" };
    }
  }
  const meta = doc.querySelector('meta[name="rasa-url"]');
  const configured = meta ? meta.getAttribute("content").trim() : "";
  if (configured) {
    const url = httpUrl(configured, loc.href);
    if (url) return { url: withoutTrailingSlash(url), source: "meta" };
  }
  return { url: `${loc.protocol}//${loc.hostname}:5005`, source: "default" };
}
