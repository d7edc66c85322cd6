// "Borgerens mål": staff read a citizen's goals, delmål, evaluations and COPM assessments
// from the API with a read token. The token lives in sessionStorage only (this tab), is sent
// only in the Authorization header, and never goes into a URL or a log.

import { copmChart } from "./chart.js";
import { clear, el, session } from "./dom.js";
import { AREA, LIGHT, RESPONSIBLE, STATUS, label, longDate, plural } from "./format.js";

const TOKEN_KEY = "rehab.goals.token";
const API = "/api/v1";
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
// Six digits, optionally a dash or space, four digits: what a CPR number looks like.
const CPR_LIKE = /(^|\D)\d{6}[-\s]?\d{4}(\D|$)/;

const REFERENCE_HELP =
  "Referencen skal være 1–40 tegn: bogstaver, cifre, punktum, bindestreg eller understregning, " +
  "og begynde med et bogstav eller ciffer, fx B-1042.";

class ApiError extends Error {
  constructor(status) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}

async function getJson(path, token) {
  let response;
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
  } catch {
    throw new ApiError(0);
  }
  if (!response.ok) throw new ApiError(response.status);
  return response.json();
}

function errorText(status, reference) {
  switch (status) {
    case 0:
      return "Kunne ikke få forbindelse til systemet. Tjek netværksforbindelsen, og prøv igen.";
    case 401:
      return (
        "Adgangsnøglen blev ikke godkendt. Den er forkert, ufuldstændig eller tilbagekaldt. " +
        "Indsæt hele nøglen igen, eller bed systemets administrator om en ny."
      );
    case 403:
      return (
        "Din adgangsnøgle giver ikke adgang til at se borgerens mål. " +
        "Bed systemets administrator om en nøgle med læseadgang."
      );
    case 404:
      return `Der findes ingen borger med referencen ${reference}. Tjek referencen, og prøv igen.`;
    case 422:
      return REFERENCE_HELP;
    case 503:
      return "Systemet kan ikke nå databasen lige nu. Prøv igen om lidt.";
    default:
      return `Der opstod en fejl i systemet (fejlkode ${status}). Prøv igen senere.`;
  }
}

// ---- rendering --------------------------------------------------------------------------

function light(value) {
  const key = Object.prototype.hasOwnProperty.call(LIGHT, value) ? value : "ukendt";
  return el(
    "span",
    { class: `light light--${key}` },
    el("span", { class: "light__icon", "aria-hidden": "true" }),
    el("span", { class: "visually-hidden" }, "Trafiklys: "),
    label(LIGHT, value),
  );
}

function statusBadge(value) {
  return el(
    "span",
    { class: `status status--${String(value).replace(/[^a-z_]/g, "")}` },
    el("span", { class: "visually-hidden" }, "Status: "),
    label(STATUS, value),
  );
}

function facts(rows) {
  return el(
    "dl",
    { class: "facts" },
    rows
      .filter(([, value]) => value !== null && value !== undefined && value !== "")
      .map(([term, value]) => el("div", { class: "facts__row" }, el("dt", {}, term), el("dd", {}, value))),
  );
}

function evaluationList(evaluations, headingLevel) {
  const heading = headingLevel
    ? el(`h${headingLevel}`, { class: "subheading" }, "Evalueringer")
    : el("p", { class: "subheading subheading--small" }, "Evalueringer");
  if (!evaluations.length) {
    return [heading, el("p", { class: "muted" }, "Ingen evalueringer endnu.")];
  }
  return [
    heading,
    el(
      "ol",
      { class: "evaluations" },
      evaluations.map((evaluation) => {
        const scores = [];
        if (evaluation.performance != null) scores.push(`udførelse ${evaluation.performance}`);
        if (evaluation.satisfaction != null) scores.push(`tilfredshed ${evaluation.satisfaction}`);
        return el(
          "li",
          { class: "evaluation" },
          el(
            "p",
            { class: "evaluation__head" },
            el("span", { class: "evaluation__date" }, longDate(evaluation.date)),
            light(evaluation.traffic_light),
            scores.length ? el("span", { class: "evaluation__scores" }, `COPM: ${scores.join(", ")}`) : null,
          ),
          evaluation.note ? el("p", { class: "evaluation__note" }, evaluation.note) : null,
        );
      }),
    ),
  ];
}

function latest(evaluation) {
  if (!evaluation) return el("span", { class: "muted" }, "Ikke evalueret endnu");
  return el("span", {}, light(evaluation.traffic_light), ` (${longDate(evaluation.date)})`);
}

function subgoalItem(subgoal, number) {
  return el(
    "li",
    { class: "subgoal" },
    el(
      "h6",
      { class: "subgoal__title" },
      el("span", { class: "subgoal__number" }, `Delmål ${number}: `),
      subgoal.description,
    ),
    facts([
      ["Ansvarlig", label(RESPONSIBLE, subgoal.responsible)],
      ["Frist", longDate(subgoal.due_date)],
      ["Status", statusBadge(subgoal.status)],
      ["Seneste evaluering", latest(subgoal.latest_evaluation)],
    ]),
    subgoal.actions && subgoal.actions.length
      ? [
          el("p", { class: "subheading subheading--small" }, "Handlinger"),
          el("ul", { class: "actions" }, subgoal.actions.map((action) => el("li", {}, action))),
        ]
      : null,
    evaluationList(subgoal.evaluations || [], null),
  );
}

function findProblem(assessments, problemId) {
  for (const assessment of assessments) {
    const problem = (assessment.problems || []).find((p) => p.id === problemId);
    if (problem) return { assessment, problem };
  }
  return null;
}

/** The goal's activity over the COPM occasions: first assessment, then each re-assessment. */
function problemPoints(assessment, problem) {
  const points = [
    {
      label: "Første vurdering",
      shortLabel: "Start",
      date: assessment.date,
      performance: problem.performance,
      satisfaction: problem.satisfaction,
    },
  ];
  (assessment.reassessments || []).forEach((reassessment, index) => {
    const rating = (reassessment.ratings || []).find((r) => r.problem_id === problem.id);
    if (!rating) return;
    points.push({
      label: `Revurdering ${index + 1}`,
      shortLabel: `Rev. ${index + 1}`,
      date: reassessment.date,
      performance: rating.performance,
      satisfaction: rating.satisfaction,
      performanceChange: rating.change.performance.change,
      satisfactionChange: rating.change.satisfaction.change,
      performanceImportant: rating.change.performance.clinically_important,
      satisfactionImportant: rating.change.satisfaction.clinically_important,
    });
  });
  return points;
}

/** A goal without a COPM problem: its baseline, then evaluations that carry both ratings. */
function baselinePoints(goal) {
  const base = goal.baseline;
  const rated = (goal.evaluations || []).filter((e) => e.performance != null && e.satisfaction != null);
  if (!base || !rated.length) return null;
  return [
    {
      label: "Ved målsætningen",
      shortLabel: "Start",
      date: String(goal.created_at).slice(0, 10),
      performance: base.performance,
      satisfaction: base.satisfaction,
    },
    ...rated.map((evaluation, index) => {
      const dp = evaluation.performance - base.performance;
      const ds = evaluation.satisfaction - base.satisfaction;
      return {
        label: `Evaluering ${index + 1}`,
        shortLabel: `Eval. ${index + 1}`,
        date: evaluation.date,
        performance: evaluation.performance,
        satisfaction: evaluation.satisfaction,
        performanceChange: dp,
        satisfactionChange: ds,
        performanceImportant: Math.abs(dp) >= 2,
        satisfactionImportant: Math.abs(ds) >= 2,
      };
    }),
  ];
}

function goalCard(goal, assessments, charts) {
  const baseline = goal.baseline
    ? `vigtighed ${goal.baseline.importance}, udførelse ${goal.baseline.performance}, ` +
      `tilfredshed ${goal.baseline.satisfaction}`
    : null;
  const subgoals = goal.subgoals || [];
  const card = el(
    "article",
    { class: "card goal", "data-goal-id": goal.id },
    el(
      "header",
      { class: "card__header" },
      el("h4", { class: "goal__statement" }, `»${goal.statement}«`),
      statusBadge(goal.status),
    ),
    facts([
      ["Aktivitet", goal.activity],
      ["Område", label(AREA, goal.area)],
      ["Funktionsevne (FSIII)", goal.fsiii_area],
      ["Frist", longDate(goal.due_date)],
      ["COPM ved målsætningen", baseline],
      ["Seneste evaluering", latest(goal.latest_evaluation)],
    ]),
    evaluationList(goal.evaluations || [], 5),
    el("h5", { class: "subheading" }, subgoals.length ? `Delmål (${subgoals.length})` : "Delmål"),
    subgoals.length
      ? el("ol", { class: "subgoals" }, subgoals.map((s, i) => subgoalItem(s, i + 1)))
      : el("p", { class: "muted" }, "Ingen delmål endnu."),
  );

  const linked = goal.problem_id != null ? findProblem(assessments, goal.problem_id) : null;
  const points = linked ? problemPoints(linked.assessment, linked.problem) : baselinePoints(goal);
  if (points) {
    const chart = copmChart(points, {
      title: `COPM for »${goal.activity}«: udførelse og tilfredshed`,
      caption: linked
        ? `»${goal.activity}«: udførelse og tilfredshed (1–10) ved første vurdering og revurderinger`
        : "Udførelse og tilfredshed (1–10) ved målsætningen og evalueringerne",
      decimals: 0,
    });
    card.append(el("h5", { class: "subheading" }, "Udvikling i COPM"), chart.figure);
    charts.push(chart);
  }
  return card;
}

function assessmentPoints(assessment) {
  const byId = new Map((assessment.reassessments || []).map((r) => [r.id, r]));
  const timeline = assessment.timeline && assessment.timeline.length
    ? assessment.timeline
    : [{ kind: "baseline", id: assessment.id, date: assessment.date,
         performance_score: assessment.performance_score,
         satisfaction_score: assessment.satisfaction_score }];
  let number = 0;
  return timeline.map((point) => {
    if (point.kind === "baseline") {
      return {
        label: "Første vurdering",
        shortLabel: "Start",
        date: point.date,
        performance: point.performance_score,
        satisfaction: point.satisfaction_score,
      };
    }
    number += 1;
    const change = byId.get(point.id)?.change;
    return {
      label: `Revurdering ${number}`,
      shortLabel: `Rev. ${number}`,
      date: point.date,
      performance: point.performance_score,
      satisfaction: point.satisfaction_score,
      performanceChange: change?.performance.change,
      satisfactionChange: change?.satisfaction.change,
      performanceImportant: change?.performance.clinically_important,
      satisfactionImportant: change?.satisfaction.clinically_important,
    };
  });
}

function problemTable(assessment) {
  const reassessments = assessment.reassessments || [];
  const latestRating = (problem) => {
    for (let i = reassessments.length - 1; i >= 0; i -= 1) {
      const rating = (reassessments[i].ratings || []).find((r) => r.problem_id === problem.id);
      if (rating) return rating;
    }
    return null;
  };
  // On narrow screens the rows are stacked (CSS); the explicit roles keep the table semantics
  // that some browsers drop when table elements are displayed as blocks.
  const header = ["Aktivitet", "Vigtighed", "Udførelse", "Tilfredshed"];
  return el(
    "div",
    { class: "table-wrap" },
    el(
      "table",
      { class: "data-table data-table--stack", role: "table" },
      el("caption", {}, "Aktiviteter i prioriteret rækkefølge"),
      el(
        "thead",
        { role: "rowgroup" },
        el("tr", { role: "row" }, header.map((h) => el("th", { scope: "col", role: "columnheader" }, h))),
      ),
      el(
        "tbody",
        { role: "rowgroup" },
        (assessment.problems || []).map((problem) => {
          const rating = latestRating(problem);
          const now = (key) => (rating ? `${problem[key]} → ${rating[key]}` : String(problem[key]));
          const cellFor = (index, text) =>
            el("td", { role: "cell", "data-label": header[index] }, text);
          return el(
            "tr",
            { role: "row" },
            el(
              "th",
              { scope: "row", role: "rowheader" },
              `${problem.priority}. ${problem.activity} (${label(AREA, problem.area)})`,
            ),
            cellFor(1, String(problem.importance)),
            cellFor(2, now("performance")),
            cellFor(3, now("satisfaction")),
          );
        }),
      ),
    ),
  );
}

function assessmentCard(assessment, charts) {
  const count = (assessment.reassessments || []).length;
  const chart = copmChart(assessmentPoints(assessment), {
    title: `COPM-score fra ${longDate(assessment.date)}: udførelse og tilfredshed`,
    caption: "COPM-score: gennemsnit af aktiviteterne (1–10) ved første vurdering og revurderinger",
  });
  charts.push(chart);
  return el(
    "article",
    { class: "card assessment", "data-assessment-id": assessment.id },
    el("h4", {}, `COPM-vurdering ${longDate(assessment.date)}`),
    facts([
      ["Vurderet af", assessment.assessor_role],
      ["Revurderinger", count ? String(count) : "Ingen endnu"],
    ]),
    problemTable(assessment),
    chart.figure,
  );
}

// ---- the panel ----------------------------------------------------------------------------

export function setupGoals() {
  const form = document.getElementById("goals-form");
  const tokenInput = document.getElementById("token");
  const referenceInput = document.getElementById("reference");
  const forget = document.getElementById("forget-token");
  const errorBox = document.getElementById("goals-error");
  const status = document.getElementById("goals-status");
  const result = document.getElementById("goals-result");
  const submit = document.getElementById("show-goals");
  let charts = [];
  let busy = false;

  const stored = session.get(TOKEN_KEY);
  if (stored) tokenInput.value = stored;

  function clearResult() {
    for (const chart of charts) chart.unmount();
    charts = [];
    clear(result);
  }

  function showError(text, field) {
    errorBox.textContent = text;
    for (const input of [tokenInput, referenceInput]) {
      if (input === field) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-errormessage", "goals-error");
      } else {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-errormessage");
      }
    }
    if (field) field.focus();
  }

  function clearError() {
    errorBox.textContent = "";
    for (const input of [tokenInput, referenceInput]) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-errormessage");
    }
  }

  function render(reference, goals, assessments) {
    clearResult();
    const built = [];
    const sections = [
      el("h3", { class: "result__title", id: "result-title", tabindex: "-1" }, `Borger ${reference}`),
      el("p", { class: "muted" }, `${plural(goals.length, "mål", "mål")} · ${plural(assessments.length, "COPM-vurdering", "COPM-vurderinger")}`),
      el(
        "section",
        { class: "result__section", "aria-labelledby": "goals-heading" },
        el("h3", { id: "goals-heading", class: "section-title" }, "Mål og delmål"),
        goals.length
          ? goals.map((goal) => goalCard(goal, assessments, built))
          : el("p", { class: "muted" }, "Borgeren har ingen registrerede mål endnu."),
      ),
      el(
        "section",
        { class: "result__section", "aria-labelledby": "copm-heading" },
        el("h3", { id: "copm-heading", class: "section-title" }, "COPM-vurderinger"),
        assessments.length
          ? assessments.map((assessment) => assessmentCard(assessment, built))
          : el("p", { class: "muted" }, "Der er ingen COPM-vurderinger endnu."),
      ),
    ];
    result.append(...sections.flat());
    for (const chart of built) chart.mount();
    charts = built;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    clearError();
    const token = tokenInput.value.trim();
    const reference = referenceInput.value.trim();
    if (!token) {
      showError("Indsæt din adgangsnøgle.", tokenInput);
      return;
    }
    if (!reference) {
      showError("Skriv borgerens reference, fx B-1042.", referenceInput);
      return;
    }
    if (CPR_LIKE.test(reference)) {
      referenceInput.value = "";
      showError(
        "Det ligner et CPR-nummer. Det bliver ikke sendt. Brug kun borgerens reference, fx B-1042.",
        referenceInput,
      );
      return;
    }
    if (!REFERENCE.test(reference)) {
      showError(REFERENCE_HELP, referenceInput);
      return;
    }
    session.set(TOKEN_KEY, token);
    busy = true;
    submit.setAttribute("aria-disabled", "true");
    result.setAttribute("aria-busy", "true");
    status.textContent = `Henter mål for borger ${reference} …`;
    clearResult();
    const base = `${API}/citizens/${encodeURIComponent(reference)}`;
    try {
      const [goals, assessments] = await Promise.all([
        getJson(`${base}/goals`, token),
        getJson(`${base}/assessments`, token),
      ]);
      render(reference, goals, assessments);
      status.textContent =
        `Viser ${plural(goals.length, "mål", "mål")} og ` +
        `${plural(assessments.length, "COPM-vurdering", "COPM-vurderinger")} for borger ${reference}.`;
    } catch (error) {
      status.textContent = "";
      const code = error instanceof ApiError ? error.status : -1;
      if (code === 401) {
        session.remove(TOKEN_KEY);
        showError(errorText(code, reference), tokenInput);
      } else if (code === 403) {
        showError(errorText(code, reference), tokenInput);
      } else if (code === 404 || code === 422) {
        showError(errorText(code, reference), referenceInput);
      } else {
        showError(errorText(code, reference), null);
      }
    } finally {
      busy = false;
      submit.removeAttribute("aria-disabled");
      result.removeAttribute("aria-busy");
    }
  });

  forget.addEventListener("click", () => {
    session.remove(TOKEN_KEY);
    tokenInput.value = "";
    clearError();
    clearResult();
    status.textContent = "Nøglen er glemt, og visningen er ryddet.";
    tokenInput.focus();
  });
}
