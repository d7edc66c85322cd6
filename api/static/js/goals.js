// "Borgerens mål" (staff only): a citizen's goals, delmål, evaluations, COPM assessments and
// who has looked at the data, read from the API as the signed-in person (every read is audited
// with their name). The view exists only while someone is signed in: its form is cloned from a
// <template> at sign-in and removed at sign-out, so an anonymous visitor has nothing to use.
// The reference pattern comes from the API (GET /api/v1/rules), the same rule the API applies.
// From a shown citizen, "Udskriv Min plan" and "Hent som FHIR" take the goals along (travel.js).

import * as auth from "./auth.js";
import { copmChart } from "./chart.js";
import { clear, dataTable, el, facts, staffView } from "./dom.js";
import {
  AREA, LIGHT, RESPONSIBLE, STATUS, dateTime, label, longDate, plural,
} from "./format.js";
import { downloadFhir, planForPrint } from "./travel.js";

// Six digits, optionally a dash or space, four digits: what a CPR number looks like. Checked
// before anything is sent, so a CPR number never leaves the browser.
const CPR_LIKE = /(^|\D)\d{6}[-\s]?\d{4}(\D|$)/;
const ACCESS_LOG_SHOWN = 50;

function referenceHelp(maxLength) {
  return (
    `Referencen skal være 1–${maxLength} tegn: bogstaver, cifre, punktum, bindestreg eller ` +
    "understregning, og begynde med et bogstav eller ciffer, fx B-1042."
  );
}

/** The reference rule from /api/v1/rules: {test(text), maxLength, help}. Cached once loaded. */
let referenceRule = null;
async function loadReferenceRule() {
  if (referenceRule) return referenceRule;
  const rules = await auth.rules();
  const pattern = rules && rules.reference && rules.reference.pattern;
  const maxLength = Number(rules && rules.reference && rules.reference.max_length);
  if (typeof pattern !== "string" || !Number.isInteger(maxLength) || maxLength < 1) {
    throw new auth.ApiError(-1);
  }
  const regex = new RegExp(pattern);
  referenceRule = {
    test: (text) => text.length <= maxLength && regex.test(text),
    maxLength,
    help: referenceHelp(maxLength),
  };
  return referenceRule;
}

function errorText(error, reference, help) {
  return auth.explain(error, {
    403: "Din rolle giver ikke adgang til at se borgerens mål.",
    404: `Der findes ingen borger med referencen ${reference}. Tjek referencen, og prøv igen.`,
    422: help,
  });
}

const ACTION = {
  read: "Så",
  create: "Oprettede",
  update: "Ændrede",
  delete: "Slettede",
  export: "Eksporterede",
  erase: "Slettede alt om",
};

const ENTITY = {
  citizen: "borgeren",
  assessment: "COPM-vurdering",
  reassessment: "revurdering",
  goal: "mål",
  subgoal: "delmål",
  evaluation: "evaluering",
  access_log: "adgangsloggen",
};

function roleText(role) {
  const text = String(role ?? "");
  if (text.startsWith("token:")) return "Systemadgang";
  return label(auth.ROLE_LABEL, text);
}

function accessLog(entries) {
  const shown = entries.slice(0, ACCESS_LOG_SHOWN);
  return el(
    "section",
    { class: "result__section", "aria-labelledby": "access-heading" },
    el("h3", { id: "access-heading", class: "section-title" }, "Hvem har set data"),
    el(
      "p",
      { class: "muted" },
      "Hvem der har set eller ændret borgerens data, nyeste først. Også dette opslag står her.",
    ),
    shown.length
      ? dataTable({
          caption:
            entries.length > shown.length
              ? `Adgangslog: de ${shown.length} nyeste af ${entries.length}`
              : "Adgangslog",
          captionHidden: true,
          className: "access-log",
          columns: ["Tidspunkt", "Hvem", "Rolle", "Hvad"],
          rows: shown.map((entry) => ({
            head: dateTime(entry.occurred_at),
            cells: [
              String(entry.actor ?? ""),
              roleText(entry.role),
              `${label(ACTION, entry.action)} ${label(ENTITY, entry.entity_type)}`,
            ],
          })),
        })
      : el("p", { class: "muted" }, "Ingen har set borgerens data endnu."),
    entries.length > shown.length
      ? el("p", { class: "muted" }, `Viser de ${shown.length} nyeste af ${entries.length} opslag.`)
      : null,
  );
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
  return dataTable({
    caption: "Aktiviteter i prioriteret rækkefølge",
    columns: ["Aktivitet", "Vigtighed", "Udførelse", "Tilfredshed"],
    rows: (assessment.problems || []).map((problem) => {
      const rating = latestRating(problem);
      const now = (key) => (rating ? `${problem[key]} → ${rating[key]}` : String(problem[key]));
      return {
        head: `${problem.priority}. ${problem.activity} (${label(AREA, problem.area)})`,
        cells: [String(problem.importance), now("performance"), now("satisfaction")],
      };
    }),
  });
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

/** The goals view: `mount()` at sign-in builds it from its template, `unmount()` removes it. */
export function setupGoals() {
  return staffView("goals", ({ find, live, errorBox, status, result }) => {
    const [form, referenceInput, submit, clearButton] = find(
      "goals-form", "reference", "show-goals", "clear-goals",
    );
    // shown: bumps at every new result, so a late plan or file for an old one is dropped.
    const view = { charts: [], plan: null, shown: 0 };
    let busy = false;

    // The limit from the rules, when they are there (the check itself waits for them).
    loadReferenceRule()
      .then((rule) => {
        if (live()) referenceInput.maxLength = rule.maxLength;
      })
      .catch(() => {});

    function clearResult() {
      for (const chart of view.charts) chart.unmount();
      view.charts = [];
      releasePlan();
      view.shown += 1;
      clear(result);
    }

    function releasePlan() {
      if (view.plan) view.plan.release();
      view.plan = null;
    }

    function showError(text, invalid) {
      errorBox.textContent = text;
      if (invalid) {
        referenceInput.setAttribute("aria-invalid", "true");
        referenceInput.setAttribute("aria-errormessage", "goals-error");
        referenceInput.focus();
      } else {
        referenceInput.removeAttribute("aria-invalid");
        referenceInput.removeAttribute("aria-errormessage");
      }
    }

    function clearError() {
      errorBox.textContent = "";
      referenceInput.removeAttribute("aria-invalid");
      referenceInput.removeAttribute("aria-errormessage");
    }

    /** Runs a "goals that travel" action for the shown citizen; says how it went. */
    async function travel(button, reference, act, done) {
      if (button.getAttribute("aria-disabled") === "true" || !auth.signedIn()) return;
      const shown = view.shown;
      clearError();
      button.setAttribute("aria-disabled", "true");
      try {
        const outcome = await act(reference);
        if (!live() || shown !== view.shown) {
          if (outcome && outcome.release) outcome.release();
          return;
        }
        status.textContent = done(outcome);
      } catch (error) {
        if (!live()) return; // signed out meanwhile (a 401 does that)
        showError(errorText(error, reference, referenceRule ? referenceRule.help : ""), false);
      } finally {
        button.removeAttribute("aria-disabled");
      }
    }

    function travelTools(reference) {
      const printButton = el("button", { type: "button", class: "button button--secondary", id: "print-plan" },
        "Udskriv Min plan");
      const fhirButton = el("button", { type: "button", class: "button button--secondary", id: "download-fhir" },
        "Hent som FHIR (til omsorgsjournalen)");
      printButton.addEventListener("click", () =>
        travel(printButton, reference, planForPrint, (plan) => {
          releasePlan();
          view.plan = plan;
          result.append(plan.frame);
          return `Min plan for borger ${reference} er klar til udskrift.`;
        }),
      );
      fhirButton.addEventListener("click", () =>
        travel(fhirButton, reference, downloadFhir, (name) => `Filen ${name} er hentet.`),
      );
      return [
        el("div", { class: "result__tools" }, printButton, fhirButton),
        el(
          "p",
          { class: "muted" },
          "Min plan er borgerens egen plan i let sprog og stor skrift, til at give borgeren med. " +
            "FHIR-filen kan læses ind i omsorgsjournalen.",
        ),
      ];
    }

    function render(reference, goals, assessments, accessEntries) {
      clearResult();
      const built = [];
      const sections = [
        el("h3", { class: "result__title", id: "result-title", tabindex: "-1" }, `Borger ${reference}`),
        el("p", { class: "muted" }, `${plural(goals.length, "mål", "mål")} · ${plural(assessments.length, "COPM-vurdering", "COPM-vurderinger")}`),
        travelTools(reference),
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
        accessEntries ? accessLog(accessEntries) : null,
      ];
      result.append(...sections.flat().filter(Boolean));
      for (const chart of built) chart.mount();
      view.charts = built;
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (busy || !auth.signedIn()) return;
      clearError();
      const reference = referenceInput.value.trim();
      if (!reference) {
        showError("Skriv borgerens reference, fx B-1042.", true);
        return;
      }
      if (CPR_LIKE.test(reference)) {
        referenceInput.value = "";
        showError(
          "Det ligner et CPR-nummer. Det bliver ikke sendt. Brug kun borgerens reference, fx B-1042.",
          true,
        );
        return;
      }
      busy = true;
      submit.setAttribute("aria-disabled", "true");
      result.setAttribute("aria-busy", "true");
      status.textContent = `Henter mål for borger ${reference} …`;
      clearResult();
      let rule = null;
      try {
        rule = await loadReferenceRule();
        if (!live()) return;
        if (!rule.test(reference)) {
          status.textContent = "";
          showError(rule.help, true);
          return;
        }
        const base = `/citizens/${encodeURIComponent(reference)}`;
        const [goals, assessments] = await Promise.all([
          auth.getAsStaff(`${base}/goals`),
          auth.getAsStaff(`${base}/assessments`),
        ]);
        // Read last, so that this look is in the list too.
        let accessEntries = null;
        try {
          accessEntries = await auth.getAsStaff(`${base}/access-log`);
        } catch (error) {
          if (error instanceof auth.ApiError && error.status === 401) throw error;
        }
        if (!live()) return;
        render(reference, goals, assessments, Array.isArray(accessEntries) ? accessEntries : null);
        status.textContent =
          `Viser ${plural(goals.length, "mål", "mål")} og ` +
          `${plural(assessments.length, "COPM-vurdering", "COPM-vurderinger")} for borger ${reference}.`;
      } catch (error) {
        if (!live()) return; // signed out meanwhile (a 401 does that): view is gone
        status.textContent = "";
        if (rule === null) {
          showError(
            "Kunne ikke hente reglerne for borgerens reference fra systemet. Prøv igen om lidt.",
            false,
          );
          return;
        }
        const code = error instanceof auth.ApiError ? error.status : -1;
        showError(errorText(error, reference, rule.help), code === 404 || code === 422);
      } finally {
        if (live()) {
          busy = false;
          submit.removeAttribute("aria-disabled");
          result.removeAttribute("aria-busy");
        }
      }
    });

    clearButton.addEventListener("click", () => {
      referenceInput.value = "";
      clearError();
      clearResult();
      status.textContent = "Visningen er ryddet.";
      referenceInput.focus();
    });

    return () => {
      for (const chart of view.charts) chart.unmount();
      releasePlan();
    };
  });
}
