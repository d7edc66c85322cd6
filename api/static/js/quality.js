// "Kvalitet" (leders only): the quality indicators for a period, from GET
// /api/v1/reports/indicators, as tables and bar charts. Each indicator says which measure of
// KL's inspirationskatalog it serves, or that it is the product's own, as the API does.
// Counts under 5 come from the API as "<5" and are shown as just that: the page never works a
// hidden number out. Like the goals view, the view exists only while a leder is signed in.

import * as auth from "./auth.js";
import { HIDDEN, barChart, stackedChart } from "./bars.js";
import { clear, dataTable, el, facts, staffView } from "./dom.js";
import {
  LIGHT, RESPONSIBLE, STATUS, addDays, change, danishDay, dateTime, label, longDate, monthName,
  percent, score, sentence,
} from "./format.js";

const PERIOD_DAYS = 90; // the default period: the last 90 days, today included
const TOTAL_ROW = "i alt";

const COUNT = {
  ...STATUS,
  ...RESPONSIBLE,
  ...LIGHT,
  forbedret: "Forbedret",
  ikke_forbedret: "Ikke forbedret",
  evalueret: "Evalueret",
  ikke_evalueret: "Ikke evalueret",
  ikke_evalueret_endnu: "Ikke evalueret endnu",
  borger_eller_paaroerende: "Borgeren eller pårørende",
};

const points = (value) => `${change(value)} point`;
const VALUE = {
  gennemsnitlig_aendring_udfoerelse: ["Gennemsnitlig ændring i udførelse", points],
  gennemsnitlig_aendring_tilfredshed: ["Gennemsnitlig ændring i tilfredshed", points],
  median_dage: ["Median antal dage", (v) => `${score(v, Number.isInteger(v) ? 0 : 1)} dage`],
};

// Colours for the stacked columns: the traffic lights as the goals view shows them.
const SERIES_CLASS = { groen: "groen", gul: "gul", roed: "roed" };

const CATALOGUE = "Inspirationskatalog: kvalitetsmål på ældre- og sundhedsområdet (KL)";

// ---- one indicator ------------------------------------------------------------------------

/** A count as shown: the API's "<5" as it is, a count with its share when there is one. */
function countCell(value, share) {
  if (value === HIDDEN || typeof value !== "number") {
    return el("span", { class: "suppressed", title: "Under 5: vises ikke" }, HIDDEN);
  }
  return typeof share === "number" ? `${value} (${percent(share)})` : String(value);
}

function rowName(row) {
  return row.label === TOTAL_ROW ? "Hele perioden" : monthName(row.label);
}

function countKeys(indicator) {
  return Object.keys((indicator.rows[0] || {}).counts || {});
}

function table(indicator) {
  const keys = countKeys(indicator);
  return dataTable({
    caption: `${indicator.title}: antal ${indicator.unit}`,
    captionHidden: true,
    className: "indicator__table",
    columns: [indicator.rows.length > 1 ? "Måned" : "Periode", ...keys.map((k) => label(COUNT, k)), "I alt"],
    rows: indicator.rows.map((row) => ({
      head: rowName(row),
      cells: [...keys.map((k) => countCell(row.counts[k], row.shares[k])), countCell(row.total)],
      attrs: { "data-row": row.label },
    })),
  });
}

/** Shares beyond the columns (e.g. borger or pårørende together), means and medians. */
function figures(indicator) {
  const keys = new Set(countKeys(indicator));
  const rows = [];
  const total = indicator.rows.length === 1 ? indicator.rows[0] : null;
  for (const [key, share] of Object.entries(total ? total.shares : {})) {
    if (keys.has(key)) continue;
    const shown = typeof share === "number" ? percent(share) : "Vises ikke: tallene bag er under 5";
    rows.push([`Andel: ${label(COUNT, key).toLowerCase()}`, shown]);
  }
  for (const [key, value] of Object.entries(indicator.values || {})) {
    const [name, format] = VALUE[key] || [key, String];
    rows.push([name, typeof value === "number" ? format(value) : `Vises ikke: færre end 5 ${indicator.unit}`]);
  }
  return rows.length ? facts(rows) : null;
}

function source(src) {
  if (src.kind === "inspirationskatalog") {
    return facts([
      ["Kilde", CATALOGUE],
      ["Område", src.area],
      ["Driver", src.driver],
      ["Kvalitetsmål", src.measure],
      ["Bemærkning", src.note],
    ]);
  }
  return facts([
    ["Kilde", "Produktets eget"],
    ["Bemærkning", src.note],
  ]);
}

function describe(keys, cells) {
  return keys.map((key) => `${label(COUNT, key)} ${cells[key]}`).join(", ");
}

function chart(indicator) {
  const keys = countKeys(indicator);
  const title = `${indicator.title}: antal ${indicator.unit}`;
  if (indicator.rows.length === 1) {
    const row = indicator.rows[0];
    return barChart({
      title,
      caption: `${indicator.title} (antal ${indicator.unit}, tal under 5 vises som <5)`,
      description: `I alt ${row.total}: ${describe(keys, row.counts)}.`,
      bars: keys.map((key) => ({ key, label: label(COUNT, key), value: row.counts[key] })),
    });
  }
  return stackedChart({
    title,
    caption: `${indicator.title}: antal ${indicator.unit} pr. måned (tal under 5 vises som <5)`,
    description: indicator.rows
      .map((row) => `${rowName(row)}: i alt ${row.total}; ${describe(keys, row.counts)}.`)
      .join(" "),
    series: keys.map((key) => ({ key, label: label(COUNT, key), className: SERIES_CLASS[key] || "other" })),
    columns: indicator.rows.map((row) => ({
      key: row.label,
      label: `${monthName(row.label).slice(0, 3)} ${row.label.slice(0, 4)}`,
      total: row.total,
      cells: row.counts,
    })),
  });
}

function indicatorCard(indicator, charts) {
  const plot = chart(indicator);
  charts.push(plot);
  const heading = `indicator-${indicator.id}`;
  return el(
    "section",
    { class: "card indicator", "data-indicator": indicator.id, "aria-labelledby": heading },
    el("h4", { class: "indicator__title", id: heading }, indicator.title),
    el("p", {}, indicator.definition),
    source(indicator.source),
    table(indicator),
    figures(indicator),
    plot.figure,
  );
}

// ---- the panel ----------------------------------------------------------------------------

function errorText(error) {
  return auth.explain(error, {
    403: "Kun ledere kan se kvalitetsindikatorerne.",
    // A bad period: the API's own words, one sentence for each date that is off.
    422: ({ problems }) =>
      problems.length
        ? problems.map((p) => sentence(p.message)).join(" ")
        : "Perioden kan ikke bruges. Vælg en første og en sidste dag.",
  });
}

/** The "Kvalitet" view: `mount()` for a leder at sign-in, `unmount()` at sign-out. */
export function setupQuality() {
  return staffView("quality", ({ find, live, errorBox, status, result }) => {
    const [form, fromInput, toInput, submit] = find(
      "quality-form", "period-from", "period-to", "show-quality",
    );
    const today = danishDay();
    toInput.value = today;
    fromInput.value = addDays(today, 1 - PERIOD_DAYS);
    let charts = [];
    let busy = false;

    function markInvalid(fields) {
      for (const [name, input] of [["from", fromInput], ["to", toInput]]) {
        if (fields.includes(name)) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-errormessage", "quality-error");
        } else {
          input.removeAttribute("aria-invalid");
          input.removeAttribute("aria-errormessage");
        }
      }
    }

    function showError(text, fields = []) {
      errorBox.textContent = text;
      markInvalid(fields);
      if (fields.length) (fields[0] === "to" ? toInput : fromInput).focus();
    }

    function dropCharts() {
      for (const plot of charts) plot.unmount();
      charts = [];
    }

    function render(report) {
      dropCharts();
      clear(result);
      const built = [];
      const { from, to } = report.period;
      result.append(
        el("h3", { class: "result__title" }, `Indikatorer for ${longDate(from)} – ${longDate(to)}`),
        el("p", {}, report.suppression.rule),
        el("p", { class: "muted" }, `Lavet ${dateTime(report.generated_at)}. Opslaget står i loggen med dit navn.`),
        ...report.indicators.map((indicator) => indicatorCard(indicator, built)),
      );
      for (const plot of built) plot.mount();
      charts = built;
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (busy || !auth.signedIn()) return;
      errorBox.textContent = "";
      markInvalid([]);
      const from = fromInput.value;
      const to = toInput.value;
      const missing = [...(from ? [] : ["from"]), ...(to ? [] : ["to"])];
      if (missing.length) {
        showError("Vælg både den første og den sidste dag i perioden.", missing);
        return;
      }
      busy = true;
      submit.setAttribute("aria-disabled", "true");
      result.setAttribute("aria-busy", "true");
      status.textContent = "Henter kvalitetsindikatorerne …";
      try {
        const query = new URLSearchParams({ from, to });
        const report = await auth.getAsStaff(`/reports/indicators?${query}`);
        if (!live()) return;
        render(report);
        status.textContent = `Viser ${report.indicators.length} indikatorer for ${longDate(from)} – ${longDate(to)}.`;
      } catch (error) {
        if (!live()) return; // signed out meanwhile (a 401 does that)
        status.textContent = "";
        dropCharts();
        clear(result);
        const fields = error instanceof auth.ApiError ? error.problems.map((p) => p.field) : [];
        showError(errorText(error), fields.filter((f) => f === "from" || f === "to"));
      } finally {
        if (live()) {
          busy = false;
          submit.removeAttribute("aria-disabled");
          result.removeAttribute("aria-busy");
        }
      }
    });

    return dropCharts;
  });
}
