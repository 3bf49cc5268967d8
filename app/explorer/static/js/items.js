// One row of a list, the same on every page: a quote, a claim, an article; and the "more" button.

import { get, sameOrigin } from "./api.js";
import { articleLink, badge, entityLink, h, link, snippet } from "./dom.js";

export function quoteItem(quote) {
  const who = quote.speaker;
  const speaker = who?.entity_id
    ? entityLink(who.entity_id, who.name)
    : h("span", { class: "unresolved" }, who?.text ?? "unattributed");
  const text = quote.search?.snippet ? snippet(quote.search.snippet) : quote.text;
  return h(
    "li",
    { class: "item quote-item", "data-quote-id": quote.id },
    h("blockquote", {}, text),
    h(
      "p",
      { class: "meta" },
      speaker,
      " ",
      badge(quote.kind, quote.kind),
      quote.cue ? ` ${quote.cue.text} · ` : " · ",
      source(quote.article, quote.article_id),
      " · ",
      link(`#/article/${quote.article_id}?quote=${quote.id}`, "in context"),
    ),
  );
}

export function claimItem(claim, showSource = true) {
  const claimant = claim.claimant;
  const who = claimant
    ? claimant.entity_id
      ? entityLink(claimant.entity_id, claimant.name)
      : h("span", { class: "unresolved" }, claimant.text)
    : h("span", { class: "unresolved" }, "the article itself");
  const text = claim.search?.snippet ? snippet(claim.search.snippet) : claim.text;
  return h(
    "li",
    { class: "item claim-item", "data-claim-id": claim.id },
    h("p", { class: "claim-text" }, text),
    h(
      "p",
      { class: "meta" },
      score(claim.score),
      " ",
      badge(claim.stance, claim.stance),
      " ",
      badge(claim.kind),
      " by ",
      who,
      claim.target?.name || claim.target?.text ? [" against ", entityLink(claim.target.entity_id, claim.target.name ?? claim.target.text)] : null,
      showSource ? [" · ", source(claim.article, claim.article_id)] : null,
    ),
    quantities(claim.quantities),
  );
}

export function articleItem(article) {
  return h(
    "li",
    { class: "item article-item" },
    h("p", { class: "title" }, articleLink(article, article.id)),
    article.search?.snippet ? h("p", { class: "snippet" }, snippet(article.search.snippet)) : null,
    h("p", { class: "meta" }, [article.source, article.published].filter(Boolean).join(" · ") || "no source or date"),
  );
}

export function entityItem(entity) {
  const others = entity.aliases.filter((a) => a !== entity.name);
  return h(
    "li",
    { class: "item entity-item" },
    h("p", { class: "title" }, entityLink(entity.id, entity.name), " ", badge(entity.type)),
    others.length ? h("p", { class: "meta" }, "also: ", others.slice(0, 6).join(", ")) : null,
  );
}

export function source(article, articleId) {
  if (!article) return articleLink(null, articleId);
  const parts = [article.source, article.published].filter(Boolean).join(", ");
  return h("span", { class: "source" }, articleLink(article, articleId), parts ? ` (${parts})` : "");
}

export function score(value) {
  const percent = Math.round(value * 100);
  return h(
    "span",
    { class: "score", title: "check-worthiness" },
    h("meter", { min: 0, max: 1, value, "aria-label": `check-worthiness ${percent}%` }),
    ` ${value.toFixed(2)}`,
  );
}

export function quantities(list) {
  if (!list?.length) return null;
  return h(
    "p",
    { class: "quantities" },
    "Figures: ",
    list.map((q, i) => [i ? ", " : "", h("span", { class: "quantity" }, q.text)]),
  );
}

// A list with its "more" button: follows the API's keyset `next` link, appending each page.
export function pagedList(page, render, label) {
  const list = h("ol", { class: "items", "aria-label": label }, page.items.map((item) => render(item)));
  const wrap = h("div", { class: "paged" }, list);
  let next = page.next;
  const button = h("button", { type: "button", class: "more" }, "More");
  button.addEventListener("click", async () => {
    button.disabled = true;
    const more = await get(sameOrigin(next));
    for (const item of more.items) list.append(render(item));
    next = more.next;
    button.disabled = false;
    if (!next) button.remove();
  });
  if (next) wrap.append(button);
  return wrap;
}
