// Search: one box over quotes, claims, articles and people/organisations, with facets, paging and CSV.

import { get, url } from "./api.js";
import { empty, h, link, number } from "./dom.js";
import { dateRange, facetBlock, monthFacet } from "./facets.js";
import { articleItem, claimItem, entityItem, pagedList, quoteItem } from "./items.js";
import { later } from "./later.js";

// Each kind of result: its endpoint, its facets (API facet -> URL parameter -> API filter), its rows.
const TYPES = {
  quotes: {
    label: "Quotes",
    path: "/quotes",
    newest: "-id",
    facets: [
      ["speaker", "Speaker", "speaker_id"],
      ["kind", "Kind", "kind"],
      ["source", "Source", "source"],
    ],
    include: "article",
    dated: true,
    choices: { kind: ["direct", "mixed", "indirect"] },
    item: quoteItem,
  },
  claims: {
    label: "Claims",
    path: "/claims",
    newest: "-id",
    facets: [
      ["claimant", "Claimant", "claimant_id"],
      ["stance", "Stance", "stance"],
      ["kind", "Kind", "kind"],
      ["source", "Source", "source"],
    ],
    include: "article",
    dated: true,
    choices: { kind: ["attributed", "statistic", "factual"] },
    item: claimItem,
  },
  articles: {
    label: "Articles",
    path: "/articles",
    newest: "-published",
    facets: [["source", "Source", "source"]],
    dated: true,
    item: articleItem,
  },
  entities: {
    label: "People and organisations",
    path: "/entities",
    facets: [["type", "Type", "type"]],
    dated: false,
    item: entityItem,
  },
};

export const href = (params) => {
  const text = params.toString();
  return text ? `#/search?${text}` : "#/search";
};

// The API query a view asks for: its filters, the search words, the date range.
function query(type, state) {
  const spec = TYPES[type];
  const out = {};
  const q = state.get("q")?.trim();
  if (q) {
    if (type === "entities") out.name__contains = q;
    else out.q = q;
  } else if (spec.newest) {
    out.sort = spec.newest; // without words to rank by: the newest first (quotes and claims as stored)
  }
  for (const [, , param] of spec.facets) out[param] = state.get(param);
  if (spec.dated) {
    out.published__gte = state.get("from");
    out.published__lte = state.get("to");
  }
  return out;
}

function filtersFit(type, state) {
  // a view's filters that another kind of result cannot take (a speaker for articles) leave it out
  const params = new Set(TYPES[type].facets.map(([, , p]) => p));
  if (!TYPES[type].dated && (state.get("from") || state.get("to"))) return false;
  for (const name of ["speaker_id", "claimant_id", "kind", "stance", "source", "type"]) {
    const value = state.get(name);
    if (value && !params.has(name)) return false;
    const choices = TYPES[type].choices?.[name];
    if (value && choices && !choices.includes(value)) return false;
  }
  return true;
}

export async function render(main, state) {
  const type = TYPES[state.get("type")] ? state.get("type") : "quotes";
  const spec = TYPES[type];
  const base = query(type, state);
  const others = Object.keys(TYPES).filter((t) => t !== type && filtersFit(t, state));
  const [page, ...counts] = await Promise.all([
    get(spec.path, { ...base, include: spec.include, count: "true", size: 20 }),
    ...others.map((t) => get(TYPES[t].path, { ...query(t, state), count: "true", size: 1, fields: "id" })),
  ]);
  const countOf = Object.fromEntries(others.map((t, i) => [t, counts[i]]));
  countOf[type] = page;
  const q = state.get("q") ?? "";
  main.append(h("h1", { tabindex: -1 }, q ? `Search: ${q}` : "Browse"));

  const tabs = h(
    "nav",
    { class: "tabs", "aria-label": "Kinds of result" },
    h(
      "ul",
      {},
      Object.entries(TYPES).map(([name, t]) => {
        const target = new URLSearchParams({ q });
        if (q === "") target.delete("q");
        if (name !== "quotes") target.set("type", name);
        const found = countOf[name];
        const n = found ? `${number(found.count)}${found.count_capped ? "+" : ""}` : "–";
        return h(
          "li",
          {},
          link(href(target), t.label, " ", h("span", { class: "count" }, n)),
        );
      }),
    ),
  );
  tabs.querySelectorAll("a")[Object.keys(TYPES).indexOf(type)].setAttribute("aria-current", "page");

  // each facet in a request of its own, after the list: a slow count never holds the results back
  const counted = (facet) => get(spec.path, { ...base, facet, size: 1, fields: "id" }).then((r) => r.facets[facet]);
  const side = h("aside", { class: "facets", "aria-label": "Filters" });
  for (const [facet, title, param] of spec.facets) {
    side.append(later(counted(facet), (entries) => facetBlock(title, entries, param, state, href), title));
  }
  if (spec.dated) {
    side.append(dateRange(state, href));
    side.append(later(counted("month"), (entries) => monthFacet(entries, state, href), "Month"));
  }

  // ranked pages end at the newest 500 matches; sorted by a field the export holds every match
  const csv = url(spec.path, { ...base, ...(base.q ? { sort: "-id" } : {}), include: spec.include, format: "csv" });
  const total = `${number(page.count)}${page.count_capped ? "+" : ""}`;
  const results = h(
    "div",
    { class: "results" },
    h(
      "p",
      { class: "summary" },
      `${total} ${spec.label.toLowerCase()}`,
      " · ",
      link(csv, "Download as CSV"),
      " · ",
      link(url(spec.path, { ...base, include: spec.include }), "JSON"),
    ),
    page.items.length ? pagedList(page, spec.item, spec.label) : empty("Nothing matches."),
  );
  results.querySelector(".summary a").classList.add("csv");
  main.append(tabs, h("div", { class: "with-facets" }, results, side));
}
