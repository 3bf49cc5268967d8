// Quotes per month as an SVG bar chart: every month from the first to the last, empty months included.

import { h, s } from "./dom.js";

function months(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function monthChart(facet, label) {
  const counts = new Map(facet.filter((f) => f.value).map((f) => [f.value, f.count]));
  if (!counts.size) return h("p", { class: "empty" }, "No dated quotes.");
  const sorted = [...counts.keys()].sort();
  const all = months(sorted[0], sorted[sorted.length - 1]);
  const max = Math.max(...counts.values());
  const width = 600;
  const height = 100;
  const bar = Math.min(width / all.length, 40);
  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height + 14}`,
    class: "chart",
    role: "img",
    "aria-label": `${label}: ${all.length} months from ${sorted[0]} to ${sorted[sorted.length - 1]}, at most ${max} in a month`,
  });
  all.forEach((month, i) => {
    const n = counts.get(month) ?? 0;
    const tall = (n / max) * height;
    svg.append(
      s(
        "rect",
        { x: i * bar + 1, y: height - tall, width: Math.max(bar - 2, 1), height: tall, class: "bar" },
        s("title", {}, `${month}: ${n}`),
      ),
    );
  });
  svg.append(s("text", { x: 0, y: height + 12, class: "axis" }, sorted[0]));
  svg.append(s("text", { x: width, y: height + 12, class: "axis", "text-anchor": "end" }, sorted[sorted.length - 1]));
  return h("figure", { class: "chart-box" }, svg, h("figcaption", {}, label));
}
