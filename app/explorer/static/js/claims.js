// Claims: the most check-worthy first, narrowed by kind and stance.

import { get, url } from "./api.js";
import { empty, h, link, number } from "./dom.js";
import { facetBlock } from "./facets.js";
import { claimItem, pagedList } from "./items.js";
import { later } from "./later.js";

const href = (params) => {
  const text = params.toString();
  return text ? `#/claims?${text}` : "#/claims";
};

export async function render(main, state) {
  const filters = { kind: state.get("kind"), stance: state.get("stance") };
  const page = await get("/claims", { ...filters, sort: "-score", include: "article", count: "true", size: 30 });
  const counted = (facet) => get("/claims", { ...filters, facet, size: 1, fields: "id" }).then((r) => r.facets[facet]);
  const total = `${number(page.count)}${page.count_capped ? "+" : ""}`;
  main.append(
    h("h1", { tabindex: -1 }, "Claims"),
    h("p", { class: "lead" }, "The most check-worthy first: figures, causes and accusations score higher."),
    h(
      "div",
      { class: "with-facets" },
      h(
        "div",
        { class: "results" },
        h(
          "p",
          { class: "summary" },
          `${total} claims · `,
          link(url("/claims", { ...filters, sort: "-score", include: "article", format: "csv" }), "Download as CSV"),
        ),
        page.items.length ? pagedList(page, claimItem, "Claims") : empty("No claims match."),
      ),
      h(
        "aside",
        { class: "facets", "aria-label": "Filters" },
        later(counted("kind"), (entries) => facetBlock("Kind", entries, "kind", state, href), "Kind"),
        later(counted("stance"), (entries) => facetBlock("Stance", entries, "stance", state, href), "Stance"),
      ),
    ),
  );
}
