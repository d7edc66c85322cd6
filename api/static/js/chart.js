// COPM line chart drawn as inline SVG (no chart library): performance (udførelse) and
// satisfaction (tilfredshed) on the 1–10 scale, one point per occasion (the first assessment,
// then each re-assessment). A change of at least 2 points from the first assessment is marked
// with a ring and the words "betydende ændring".
//
// points: [{label, shortLabel, date, performance, satisfaction,
//           performanceChange?, satisfactionChange?,
//           performanceImportant?, satisfactionImportant?}]
//
// `responsive` (drawn to the container's width, redrawn when it changes) serves the bar charts
// of the quality view too (bars.js).

import { clear, dataTable, el, svg } from "./dom.js";
import { change as formatChange, score as formatScore, longDate, shortDate } from "./format.js";

const SERIES = [
  { key: "performance", name: "Udførelse", className: "performance" },
  { key: "satisfaction", name: "Tilfredshed", className: "satisfaction" },
];
const MIN = 1;
const MAX = 10;
const HEIGHT = 300;
const MARGIN = { top: 28, right: 28, bottom: 58, left: 40 };
const SIGNIFICANT = "betydende ændring";

function legend() {
  const swatch = (className, shape) =>
    svg(
      "svg",
      { class: "legend__swatch", width: 34, height: 16, viewBox: "0 0 34 16", "aria-hidden": "true" },
      shape === "ring"
        ? svg("circle", { class: "significant", cx: 17, cy: 8, r: 6 })
        : [
            svg("line", { class: `line line--${className}`, x1: 1, y1: 8, x2: 33, y2: 8 }),
            shape === "circle"
              ? svg("circle", { class: `point point--${className}`, cx: 17, cy: 8, r: 4.5 })
              : svg("rect", { class: `point point--${className}`, x: 13, y: 4, width: 8, height: 8 }),
          ],
    );
  return el(
    "ul",
    { class: "legend" },
    el("li", {}, swatch("performance", "circle"), "Udførelse (hel linje, runde punkter)"),
    el("li", {}, swatch("satisfaction", "square"), "Tilfredshed (stiplet linje, firkanter)"),
    el("li", {}, swatch("significant", "ring"), "Ring: betydende ændring (mindst 2 point fra første vurdering)"),
  );
}

function describe(points, score) {
  const first = points[0];
  const last = points[points.length - 1];
  const sentences = [];
  if (points.length === 1) {
    sentences.push(
      `Én vurdering (${longDate(first.date)}): udførelse ${score(first.performance)}, ` +
        `tilfredshed ${score(first.satisfaction)}.`,
    );
  } else {
    sentences.push(
      `${points.length} vurderinger fra ${longDate(first.date)} til ${longDate(last.date)}. ` +
        `Udførelse fra ${score(first.performance)} til ${score(last.performance)}, ` +
        `tilfredshed fra ${score(first.satisfaction)} til ${score(last.satisfaction)}.`,
    );
  }
  for (const point of points) {
    for (const series of SERIES) {
      if (point[`${series.key}Important`]) {
        sentences.push(`${series.name}: ${SIGNIFICANT} ved ${point.label.toLowerCase()}.`);
      }
    }
  }
  return sentences.join(" ");
}

function draw(figure, points, title, score) {
  const width = Math.max(280, Math.round(figure.clientWidth || 600));
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  // Keep the outermost points (and their labels) clear of the edges.
  const inset = points.length > 1 ? Math.min(44, step / 3) : 0;
  const x = (i) =>
    points.length === 1
      ? MARGIN.left + plotWidth / 2
      : MARGIN.left + inset + (i * (plotWidth - 2 * inset)) / (points.length - 1);
  const y = (value) => MARGIN.top + ((MAX - value) / (MAX - MIN)) * plotHeight;
  const spacing = points.length > 1 ? (plotWidth - 2 * inset) / (points.length - 1) : plotWidth;
  const compact = spacing < 96;

  const titleId = `${figure.id}-title`;
  const descId = `${figure.id}-desc`;
  const chart = svg(
    "svg",
    {
      class: "chart__svg",
      width,
      height: HEIGHT,
      viewBox: `0 0 ${width} ${HEIGHT}`,
      role: "img",
      "aria-labelledby": `${titleId} ${descId}`,
    },
    svg("title", { id: titleId }, title),
    svg("desc", { id: descId }, describe(points, score)),
  );

  // Grid and y axis (1–10).
  const grid = svg("g", { class: "chart__grid", "aria-hidden": "true" });
  for (let value = MIN; value <= MAX; value += 1) {
    grid.append(
      svg("line", {
        class: value === MIN ? "axis" : "gridline",
        x1: MARGIN.left,
        x2: width - MARGIN.right,
        y1: y(value),
        y2: y(value),
      }),
      svg("text", { class: "tick", x: MARGIN.left - 8, y: y(value) + 4, "text-anchor": "end" }, String(value)),
    );
  }
  chart.append(grid);

  // X labels: occasion and date.
  const labels = svg("g", { class: "chart__labels", "aria-hidden": "true" });
  points.forEach((point, i) => {
    labels.append(
      svg(
        "text",
        { class: "tick", x: x(i), y: HEIGHT - MARGIN.bottom + 22, "text-anchor": "middle" },
        svg("tspan", { x: x(i) }, compact ? point.shortLabel : point.label),
        svg("tspan", { x: x(i), dy: 16 }, shortDate(point.date)),
      ),
    );
  });
  chart.append(labels);

  // Lines first, then points and labels on top.
  for (const series of SERIES) {
    if (points.length > 1) {
      chart.append(
        svg("polyline", {
          class: `line line--${series.className}`,
          points: points.map((p, i) => `${x(i)},${y(p[series.key])}`).join(" "),
          "aria-hidden": "true",
        }),
      );
    }
  }

  const marks = svg("g", { class: "chart__points" });
  points.forEach((point, i) => {
    const higher = point.performance >= point.satisfaction ? "performance" : "satisfaction";
    // Both series changed markedly and sit (almost) on top of each other: one mark for both.
    const both =
      point.performanceImportant &&
      point.satisfactionImportant &&
      Math.abs(y(point.performance) - y(point.satisfaction)) < 16;
    for (const series of SERIES) {
      const value = point[series.key];
      const cx = x(i);
      const cy = y(value);
      const important = Boolean(point[`${series.key}Important`]);
      const delta = point[`${series.key}Change`];
      let tooltip = `${series.name} ${score(value)} – ${point.label}, ${longDate(point.date)}`;
      if (typeof delta === "number") tooltip += ` (${formatChange(delta, score.decimals)})`;
      if (important) tooltip += ` – ${SIGNIFICANT}`;
      const attrs = {
        class: `point point--${series.className}`,
        "data-series": series.key,
        "data-value": value,
      };
      const shape =
        series.key === "performance"
          ? svg("circle", { ...attrs, cx, cy, r: 5 }, svg("title", {}, tooltip))
          : svg("rect", { ...attrs, x: cx - 4.5, y: cy - 4.5, width: 9, height: 9 }, svg("title", {}, tooltip));
      const above = series.key === higher;
      const gap = important ? 5 : 0; // clear of the ring
      marks.append(
        shape,
        svg(
          "text",
          {
            class: `value value--${series.className}`,
            x: cx,
            y: above ? cy - 12 - gap : cy + 22 + gap,
            "text-anchor": "middle",
            "aria-hidden": "true",
          },
          score(value),
        ),
      );
      if (important && !(both && series.key === "satisfaction")) {
        const last = i === points.length - 1 && points.length > 1;
        const ringY = both ? (y(point.performance) + y(point.satisfaction)) / 2 : cy;
        marks.append(
          svg("circle", { class: "significant", cx, cy: ringY, r: 11, "aria-hidden": "true" }),
          svg(
            "text",
            {
              class: "significant__text",
              x: last ? cx - 16 : cx + 16,
              y: ringY + 4,
              "text-anchor": last ? "end" : "start",
              "aria-hidden": "true",
            },
            both ? `${SIGNIFICANT} (begge)` : SIGNIFICANT,
          ),
        );
      }
    }
  });
  chart.append(marks);
  return chart;
}

function cellContent(value, delta, important, score) {
  let text = score(value);
  if (typeof delta === "number") text += ` (${formatChange(delta, score.decimals)})`;
  return [text, important ? el("strong", { class: "significant-label" }, ` ${SIGNIFICANT}`) : null];
}

function table(points, caption, score) {
  return dataTable({
    caption,
    captionHidden: true,
    columns: ["Tidspunkt", "Udførelse", "Tilfredshed"],
    rows: points.map((p) => ({
      head: [el("span", { class: "label" }, p.label), " ", el("span", { class: "date" }, longDate(p.date))],
      cells: [
        cellContent(p.performance, p.performanceChange, p.performanceImportant, score),
        cellContent(p.satisfaction, p.satisfactionChange, p.satisfactionImportant, score),
      ],
    })),
  });
}

// Charts are drawn to their container's width (text keeps its size on a phone) and drawn again
// when that width changes by 8 px or more.
const observed = new WeakMap();
const resizer =
  typeof ResizeObserver === "function"
    ? new ResizeObserver((entries) => {
        for (const entry of entries) {
          const state = observed.get(entry.target);
          if (!state) continue;
          const width = Math.round(entry.contentRect.width);
          if (Math.abs(width - state.width) < 8) continue;
          state.width = width;
          const fresh = state.render();
          state.svg.replaceWith(fresh);
          state.svg = fresh;
        }
      })
    : null;

/** `render()` (an <svg> for `canvas`'s current width) into `canvas`: {mount, unmount}. */
export function responsive(canvas, render) {
  return {
    mount() {
      const drawn = render();
      canvas.append(drawn);
      if (resizer) {
        observed.set(canvas, { render, svg: drawn, width: Math.round(canvas.clientWidth) });
        resizer.observe(canvas);
      }
    },
    unmount() {
      if (resizer) resizer.unobserve(canvas);
      observed.delete(canvas);
      clear(canvas);
    },
  };
}

let counter = 0;

/**
 * A <figure> with the chart, a legend and the numbers as a table. Call `mount()` on the
 * returned object after the figure is in the document (the chart is drawn to its width).
 */
export function copmChart(points, { title, caption, decimals = 1 }) {
  counter += 1;
  const score = (value) => formatScore(value, decimals);
  score.decimals = decimals;
  const id = `copm-chart-${counter}`;
  const canvas = el("div", { class: "chart__canvas", id });
  const figure = el(
    "figure",
    { class: "chart" },
    el("figcaption", { class: "chart__caption" }, caption),
    legend(),
    points.length === 1
      ? el("p", { class: "chart__note" }, "Kun én vurdering endnu: udviklingen ses efter første revurdering.")
      : null,
    canvas,
    table(points, caption, score),
  );
  return { figure, ...responsive(canvas, () => draw(canvas, points, title, score)) };
}
