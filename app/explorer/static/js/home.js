// Home: what the database holds, the newest articles, the most quoted people of the latest month.

import { get } from "./api.js";
import { articleLink, empty, entityLink, h, link, number, section } from "./dom.js";

function monthAfter(month) {
  let [y, m] = month.split("-").map(Number);
  m += 1;
  if (m > 12) [y, m] = [y + 1, 1];
  return `${y}-${String(m).padStart(2, "0")}-01`;
}

function monthName(month) {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
}

export async function render(main) {
  const [stats, newest] = await Promise.all([get("/stats"), get("/articles", { sort: "-published", size: 10 })]);
  const month = stats.last_published?.slice(0, 7);
  const speakers = (range) =>
    get("/quotes", { ...range, speaker_id__isnull: "false", facet: "speaker", facet_size: 10, size: 1, fields: "id" });
  let top = month ? await speakers({ published__gte: `${month}-01`, published__lt: monthAfter(month) }) : null;
  let heading = month ? `Most quoted in ${monthName(month)}` : "Most quoted";
  let note = "The latest month with articles.";
  if (!top?.facets.speaker.length) {
    // nobody named was quoted in the latest month: the whole database instead
    top = await speakers({});
    heading = "Most quoted";
    note = "Nobody named was quoted in the latest month; these are the most quoted of all.";
  }
  const counts = h(
    "ul",
    { class: "counts" },
    [
      ["articles", "#/search?type=articles"],
      ["quotes", "#/search?type=quotes"],
      ["entities", "#/search?type=entities"],
      ["claims", "#/claims"],
    ].map(([name, href]) => h("li", {}, link(href, h("strong", {}, number(stats[name])), ` ${name}`))),
  );
  const span = stats.first_published
    ? h("p", { class: "meta" }, `Published from ${stats.first_published} to ${stats.last_published}.`)
    : null;
  const people = top?.facets.speaker ?? [];
  const max = Math.max(1, ...people.map((p) => p.count));
  main.append(
    h("h1", { tabindex: -1 }, "Who said what"),
    counts,
    span,
    h(
      "div",
      { class: "columns" },
      section(
        heading,
        people.length
          ? h(
              "ol",
              { class: "ranking" },
              people.map((p) =>
                h(
                  "li",
                  {},
                  entityLink(p.value, p.label),
                  " ",
                  h("span", { class: "count" }, `${number(p.count)} quotes`),
                  h("span", { class: `spark w${Math.round((p.count / max) * 10)}`, "aria-hidden": "true" }),
                ),
              ),
            )
          : empty("No quotes yet."),
        h("p", { class: "meta" }, note),
      ),
      section(
        "Newest articles",
        newest.items.length
          ? h(
              "ol",
              { class: "plain" },
              newest.items.map((a) =>
                h(
                  "li",
                  {},
                  articleLink(a, a.id),
                  h("span", { class: "meta" }, ` ${[a.source, a.published].filter(Boolean).join(" · ")}`),
                ),
              ),
            )
          : empty("No articles yet: ingest some with `articles ingest`."),
      ),
    ),
  );
}
