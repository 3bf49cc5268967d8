// A person or organisation: aliases and roles, quotes per month, whom they talk about, who quotes them,
// every quote newest first, their claims.

import { get } from "./api.js";
import { badge, empty, entityLink, h, link, number, section } from "./dom.js";
import { monthChart } from "./chart.js";
import { claimItem, pagedList, quoteItem } from "./items.js";
import { later } from "./later.js";

export async function render(main, state, id) {
  const [entity, quotes, claims] = await Promise.all([
    get(`/entities/${id}`),
    get(`/entities/${id}/quotes`, { sort: "-published", include: "article", size: 50 }),
    get("/claims", { claimant_id: id, sort: "-score", include: "article", size: 20 }),
  ]);
  // counted over all their quotes, so fetched after the page shows (see later.js)
  const facet = (name) =>
    get("/quotes", { speaker_id: id, facet: name, facet_size: 500, size: 1, fields: "id" }).then((r) => r.facets[name]);
  const months = facet("month");
  const sources = facet("source");
  const mentioned = get(`/entities/${id}/mentioned`, { size: 10 });
  document.title = `${entity.name} · articles`;
  const aliases = entity.aliases.filter((a) => a !== entity.name);
  main.append(
    h("h1", { tabindex: -1 }, entity.name, " ", badge(entity.type)),
    h(
      "p",
      { class: "meta" },
      `${number(entity.quote_count)} quotes in ${number(entity.article_count)} articles · `,
      link(`#/search?speaker_id=${entity.id}`, "search their quotes"),
    ),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Also written as"),
      h("dd", {}, aliases.length ? aliases.join(", ") : "—"),
      h("dt", {}, "Roles"),
      h("dd", {}, entity.roles.length ? entity.roles.join(", ") : "—"),
    ),
    h(
      "div",
      { class: "columns three" },
      section(
        "Quotes per month",
        later(months, (entries) => monthChart(entries, `Quotes by ${entity.name} per month`), "the chart"),
      ),
      section(
        "Talks about",
        later(
          mentioned,
          (found) =>
            found.length
              ? h(
                  "ol",
                  { class: "ranking" },
                  found.map((e) =>
                    h("li", {}, entityLink(e.id, e.name), " ", h("span", { class: "count" }, number(e.count))),
                  ),
                )
              : empty("Names no one in their quotes."),
          "whom they talk about",
        ),
      ),
      section(
        "Quoted by",
        later(
          sources,
          (entries) => {
            const named = entries.filter((s) => s.value).slice(0, 10);
            if (!named.length) return empty("No source named.");
            return h(
              "ol",
              { class: "ranking" },
              named.map((s) =>
                h(
                  "li",
                  {},
                  link(`#/search?speaker_id=${entity.id}&source=${encodeURIComponent(s.value)}`, s.value),
                  " ",
                  h("span", { class: "count" }, number(s.count)),
                ),
              ),
            );
          },
          "who quotes them",
        ),
      ),
    ),
    section(
      "Quotes, newest first",
      quotes.items.length ? pagedList(quotes, quoteItem, `Quotes by ${entity.name}`) : empty("No quotes."),
    ),
    section(
      "Claims",
      claims.items.length ? pagedList(claims, claimItem, `Claims by ${entity.name}`) : empty("No claims."),
    ),
  );
}
