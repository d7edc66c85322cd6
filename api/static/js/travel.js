// Goals that travel: the citizen's plan on paper ("Min plan") and the record as a FHIR file
// for the care record system (omsorgsjournalen). Both are fetched with the signed-in person's
// token in the Authorization header and handed to the browser from memory as a Blob, so the
// token never appears in a URL and nothing is left behind at an address.

import * as auth from "./auth.js";
import { el, saveFile } from "./dom.js";

// No scripts in the frame; same origin, so this page can print it; modals, so it may print.
const PRINT_SANDBOX = "allow-same-origin allow-modals";

function citizenPath(reference) {
  return `/citizens/${encodeURIComponent(reference)}`;
}

/**
 * The API's printable plan (plan.html: A4, large type, its own print stylesheet) in a hidden
 * frame that opens the print dialog once it has loaded. Append `frame` to the page to print;
 * `release()` removes it and forgets its address. The frame inherits this page's
 * Content-Security-Policy, which allows frames from blob: and the plan's stylesheet by hash.
 */
export async function planForPrint(reference) {
  const html = await auth.getAsStaff(`${citizenPath(reference)}/plan.html`, {
    accept: "text/html",
    read: "text",
  });
  const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  const frame = el("iframe", {
    class: "print-frame",
    sandbox: PRINT_SANDBOX,
    src: url,
    title: "Min plan til udskrift",
    tabindex: "-1",
    "aria-hidden": "true",
  });
  frame.addEventListener(
    "load",
    () => {
      frame.contentWindow.focus();
      frame.contentWindow.print();
    },
    { once: true },
  );
  return {
    frame,
    release() {
      frame.remove();
      URL.revokeObjectURL(url);
    },
  };
}

/** Downloads the citizen's FHIR R4 Bundle as `<reference>-fhir.json`; returns the file name. */
export async function downloadFhir(reference) {
  const bundle = await auth.getAsStaff(`${citizenPath(reference)}/fhir`, {
    accept: "application/fhir+json",
  });
  const name = `${reference}-fhir.json`;
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  saveFile(new Blob([text], { type: "application/fhir+json" }), name);
  return name;
}
