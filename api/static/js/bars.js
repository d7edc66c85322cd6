// Bar charts for the quality indicators, drawn as inline SVG (no chart library) to their
// container's width: horizontal bars for one row of counts, and stacked columns for counts
// month by month. A count the API hides (under 5) is never drawn as a size or a number: it is
// written "<5". In a column, the cells that are hidden together are one dashed segment whose
// size is what the table shows anyway (the total less the shown counts).

import { responsive } from "./chart.js";
import { el, svg } from "./dom.js";

export const HIDDEN = "<5";
const BAR = { row: 46, label: 15, bar: 22, top: 4, valueRoom: 44 };
const COLUMNS = { height: 260, top: 24, right: 12, bottom: 34, left: 40, labelRoom: 72 };

let counter = 0;

function isCount(value) {
  return typeof value === "number" && Number.isFinite(value);
}

/** The <svg> with its accessible name (title) and description. */
function frame(id, width, height, title, description, className) {
  return svg(
    "svg",
    {
      class: `chart__svg ${className}`,
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-labelledby": `${id}-title ${id}-desc`,
    },
    svg("title", { id: `${id}-title` }, title),
    svg("desc", { id: `${id}-desc` }, description),
  );
}

function widthOf(canvas) {
  return Math.max(280, Math.round(canvas.clientWidth || 600));
}

/** A step for the grid (1, 2 or 5 times a power of ten) giving at most five lines. */
function gridStep(max) {
  for (let power = 1; ; power *= 10) {
    for (const step of [1, 2, 5]) {
      if (max / (step * power) <= 5) return step * power;
    }
  }
}

function figure(caption, legend, canvas) {
  return el("figure", { class: "chart" }, el("figcaption", { class: "chart__caption" }, caption), legend, canvas);
}

// ---- horizontal bars: one row of counts ----------------------------------------------------

function drawBars(canvas, { title, description, bars }) {
  const width = widthOf(canvas);
  const plot = width - BAR.valueRoom - 2;
  const max = Math.max(1, ...bars.map((b) => b.value).filter(isCount));
  const height = BAR.top + bars.length * BAR.row;
  const chart = frame(canvas.id, width, height, title, description, "bars");
  bars.forEach((bar, i) => {
    const top = BAR.top + i * BAR.row;
    const barTop = top + BAR.label + 4;
    const middle = barTop + BAR.bar / 2 + 5;
    const group = svg(
      "g",
      { class: "bar", "data-key": bar.key, "data-value": String(bar.value), "aria-hidden": "true" },
      svg("text", { class: "tick bar__label", x: 0, y: top + BAR.label }, bar.label),
    );
    if (isCount(bar.value)) {
      const length = Math.max(2, (bar.value / max) * plot);
      group.append(
        svg("rect", { class: "bar__fill", x: 0, y: barTop, width: length, height: BAR.bar }),
        svg("text", { class: "value", x: length + 6, y: middle }, String(bar.value)),
      );
    } else {
      group.append(svg("text", { class: "value value--hidden", x: 0, y: middle }, HIDDEN));
    }
    chart.append(group);
  });
  return chart;
}

/**
 * bars: [{key, label, value}] with value a count or "<5". Returns {figure, mount, unmount};
 * call `mount()` once the figure is in the document (it is drawn to its width).
 */
export function barChart({ title, caption, description, bars }) {
  counter += 1;
  const canvas = el("div", { class: "chart__canvas", id: `bar-chart-${counter}` });
  return {
    figure: figure(caption, null, canvas),
    ...responsive(canvas, () => drawBars(canvas, { title, description, bars })),
  };
}

// ---- stacked columns: counts month by month ---------------------------------------------

function legend(series) {
  const swatch = (className) =>
    svg(
      "svg",
      { class: "legend__swatch", width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" },
      svg("rect", { class: `segment segment--${className}`, x: 1, y: 1, width: 14, height: 14 }),
    );
  return el(
    "ul",
    { class: "legend" },
    series.map((s) => el("li", {}, swatch(s.className), s.label)),
    el("li", {}, swatch("hidden"), "Stiplet: skjult, fordi hvert tal er under 5"),
  );
}

function drawColumns(canvas, { title, description, series, columns }) {
  const width = widthOf(canvas);
  const { height, top, bottom, left, right } = COLUMNS;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = Math.max(5, ...columns.map((c) => c.total).filter(isCount));
  const step = gridStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const y = (value) => top + plotHeight - (value / ceiling) * plotHeight;
  const slot = plotWidth / columns.length;
  const barWidth = Math.min(56, slot * 0.7);
  const labelEvery = Math.ceil(COLUMNS.labelRoom / slot);
  const chart = frame(canvas.id, width, height, title, description, "columns");

  const grid = svg("g", { class: "chart__grid", "aria-hidden": "true" });
  for (let value = 0; value <= ceiling; value += step) {
    grid.append(
      svg("line", { class: value ? "gridline" : "axis", x1: left, x2: width - right, y1: y(value), y2: y(value) }),
      svg("text", { class: "tick", x: left - 8, y: y(value) + 4, "text-anchor": "end" }, String(value)),
    );
  }
  chart.append(grid);

  columns.forEach((column, i) => {
    const middle = left + slot * (i + 0.5);
    const x = middle - barWidth / 2;
    const group = svg("g", { class: "column", "data-label": column.key, "aria-hidden": "true" });
    if (i % labelEvery === 0) {
      group.append(
        svg("text", { class: "tick", x: middle, y: height - bottom + 20, "text-anchor": "middle" }, column.label),
      );
    }
    if (!isCount(column.total)) {
      group.append(svg("text", { class: "value value--hidden", x: middle, y: y(0) - 6, "text-anchor": "middle" }, HIDDEN));
      chart.append(group);
      return;
    }
    let base = 0;
    const segment = (className, value, text) => {
      const rect = svg("rect", {
        class: `segment segment--${className}`,
        x,
        y: y(base + value),
        width: barWidth,
        height: y(base) - y(base + value),
        "data-value": text,
      });
      group.append(rect);
      if (text && y(base) - y(base + value) >= 16) {
        const attrs = { class: `segment__value segment__value--${className}`, "text-anchor": "middle" };
        group.append(svg("text", { ...attrs, x: middle, y: y(base + value / 2) + 4 }, text));
      }
      base += value;
    };
    for (const s of series) {
      const value = column.cells[s.key];
      if (isCount(value) && value > 0) segment(s.className, value, String(value));
    }
    const hidden = column.total - base;
    if (hidden > 0) segment("hidden", hidden, "");
    group.append(svg("text", { class: "value", x: middle, y: y(column.total) - 6, "text-anchor": "middle" }, String(column.total)));
    chart.append(group);
  });
  return chart;
}

/**
 * series: [{key, label, className}], bottom first. columns: [{key, label, total, cells}] with
 * the total and each cell a count or "<5". Returns {figure, mount, unmount}.
 */
export function stackedChart({ title, caption, description, series, columns }) {
  counter += 1;
  const canvas = el("div", { class: "chart__canvas", id: `stacked-chart-${counter}` });
  return {
    figure: figure(caption, legend(series), canvas),
    ...responsive(canvas, () => drawColumns(canvas, { title, description, series, columns })),
  };
}
