// Facets: counts by value beside a list, each value a link to the same view narrowed by it.

import { badge, h, link, number } from "./dom.js";

// `entries` as the API gives them; `param` the URL parameter a value sets; `href(params)` a view's URL.
export function facetBlock(title, entries, param, state, href, labelOf = (e) => e.label ?? e.value) {
  const active = state.get(param);
  const id = `facet-${param}`;
  const items = entries
    .filter((e) => e.value !== null && e.value !== undefined)
    .map((e) => {
      const value = String(e.value);
      const chosen = active === value;
      const target = new URLSearchParams(state);
      if (chosen) target.delete(param);
      else target.set(param, value);
      return h(
        "li",
        { class: chosen ? "chosen" : null },
        link(href(target), chosen ? `✓ ${labelOf(e)}` : labelOf(e)),
        " ",
        h("span", { class: "count" }, number(e.count)),
      );
    });
  if (active && !entries.some((e) => String(e.value) === active)) {
    const target = new URLSearchParams(state);
    target.delete(param);
    items.unshift(h("li", { class: "chosen" }, link(href(target), `✓ ${active}`), " ", badge("chosen")));
  }
  return h(
    "section",
    { class: "facet", "aria-labelledby": id },
    h("h3", { id }, title),
    items.length ? h("ul", {}, items) : h("p", { class: "empty" }, "none"),
  );
}

// Months as a facet: choosing one sets the date range to that month.
export function monthFacet(entries, state, href) {
  const id = "facet-month";
  const items = entries
    .filter((e) => e.value)
    .slice(0, 12)
    .map((e) => {
      const target = new URLSearchParams(state);
      target.set("from", `${e.value}-01`);
      target.set("to", `${e.value}-${lastDay(e.value)}`);
      return h("li", {}, link(href(target), e.value), " ", h("span", { class: "count" }, number(e.count)));
    });
  return h(
    "section",
    { class: "facet", "aria-labelledby": id },
    h("h3", { id }, "Month"),
    items.length ? h("ul", {}, items) : h("p", { class: "empty" }, "none"),
  );
}

export function lastDay(month) {
  const [y, m] = month.split("-").map(Number);
  return String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0");
}

// A date range form: from and to, kept in the URL like every other choice.
export function dateRange(state, href) {
  const from = h("input", { type: "date", id: "from", name: "from", value: state.get("from") ?? "" });
  const to = h("input", { type: "date", id: "to", name: "to", value: state.get("to") ?? "" });
  const form = h(
    "form",
    { class: "facet dates", "aria-label": "Date range" },
    h("h3", {}, "Date range"),
    h("label", { for: "from" }, "From"),
    from,
    h("label", { for: "to" }, "To"),
    to,
    h("button", { type: "submit" }, "Apply"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const target = new URLSearchParams(state);
    for (const input of [from, to]) {
      if (input.value) target.set(input.name, input.value);
      else target.delete(input.name);
    }
    location.hash = href(target);
  });
  return form;
}
