// An article: its text with each quote in its speaker's colour (hover or focus names the speaker, cue and
// kind), entities marked and linked, and its claims.

import { get } from "./api.js";
import { badge, empty, entityLink, h, link, number, section } from "./dom.js";
import { claimItem } from "./items.js";

const COLOURS = 8;

// Spans sorted by start with any that overlap an earlier one left out.
function disjoint(spans) {
  const out = [];
  let end = -1;
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (span.start >= end) {
      out.push(span);
      end = span.end;
    }
  }
  return out;
}

function speakerKey(quote) {
  const who = quote.speaker;
  if (who?.entity_id) return `e${who.entity_id}`;
  return who?.text ? `t${who.text.toLowerCase()}` : "unknown";
}

function speakerName(quote) {
  return quote.speaker?.name ?? quote.speaker?.text ?? "unattributed";
}

// Text from `start` to `end` with the mentions inside it as links.
function withMentions(text, start, end, mentions) {
  const out = [];
  let at = start;
  for (const m of mentions) {
    if (m.start < start || m.end > end) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(h("a", { href: `#/entity/${m.id}`, class: "mention", title: `${m.name} (${m.type})` }, text.slice(m.start, m.end)));
    at = m.end;
  }
  if (at < end) out.push(text.slice(at, end));
  return out;
}

export async function render(main, state, id) {
  const article = await get(`/articles/${id}`);
  document.title = `${article.title ?? `Article ${id}`} · articles`;
  const text = article.text;
  const colour = new Map();
  const quotes = disjoint(article.quotes);
  for (const q of quotes) {
    const key = speakerKey(q);
    if (!colour.has(key)) colour.set(key, { n: colour.size % COLOURS, quote: q, count: 0 });
    colour.get(key).count += 1;
  }
  const mentions = disjoint(
    article.entities.flatMap((e) => e.mentions.map((m) => ({ ...m, id: e.id, name: e.name, type: e.type }))),
  ).filter((m) => !quotes.some((q) => m.start < q.end && m.end > q.start && (m.start < q.start || m.end > q.end)));

  const body = h("div", { class: "article-text", id: "article-text" });
  let at = 0;
  for (const q of quotes) {
    if (q.start > at) body.append(...withMentions(text, at, q.start, mentions));
    const { n } = colour.get(speakerKey(q));
    const tip = `tip-${q.id}`;
    body.append(
      h(
        "span",
        {
          class: `quote c${n}`,
          tabindex: 0,
          id: `quote-${q.id}`,
          "data-quote-id": q.id,
          "data-speaker": speakerName(q),
          "aria-describedby": tip,
        },
        withMentions(text, q.start, q.end, mentions),
        h(
          "span",
          { class: "tip", role: "tooltip", id: tip },
          h("strong", {}, speakerName(q)),
          q.speaker?.text && q.speaker.text !== speakerName(q) ? ` (“${q.speaker.text}”)` : "",
          q.cue ? ` · ${q.cue.text}` : "",
          ` · ${q.kind}`,
        ),
      ),
    );
    at = q.end;
  }
  if (at < text.length) body.append(...withMentions(text, at, text.length, mentions));

  const legend = h(
    "ul",
    { class: "legend" },
    [...colour.values()].map(({ n, quote, count }) =>
      h(
        "li",
        {},
        h("span", { class: `swatch c${n}`, "aria-hidden": "true" }),
        quote.speaker?.entity_id ? entityLink(quote.speaker.entity_id, speakerName(quote)) : speakerName(quote),
        " ",
        h("span", { class: "count" }, `${count} quote${count === 1 ? "" : "s"}`),
      ),
    ),
  );
  const entities = h(
    "ul",
    { class: "plain" },
    article.entities.map((e) =>
      h("li", {}, entityLink(e.id, e.name), " ", badge(e.type), " ", h("span", { class: "count" }, `×${e.mention_count}`)),
    ),
  );
  const claims = [...article.claims].sort((a, b) => b.score - a.score);
  main.append(
    h("h1", { tabindex: -1 }, article.title ?? `Article ${id}`),
    h(
      "p",
      { class: "meta" },
      [article.source, article.author, article.published, article.dateline].filter(Boolean).join(" · "),
      article.url ? [" · ", h("a", { href: article.url, rel: "noopener noreferrer" }, "original")] : null,
      ` · ${number(article.word_count)} words`,
    ),
    h(
      "div",
      { class: "with-facets" },
      h("article", { class: "results", "aria-label": "Article text" }, body),
      h(
        "aside",
        { class: "facets" , "aria-label": "Speakers and entities" },
        section("Speakers", quotes.length ? legend : empty("No quotes.")),
        section("Entities", article.entities.length ? entities : empty("No entities.")),
      ),
    ),
    section("Claims", claims.length ? h("ol", { class: "items" }, claims.map((c) => claimItem(c, false))) : empty("No claims.")),
  );
  const focus = state.get("quote");
  if (focus) {
    const el = document.getElementById(`quote-${focus}`);
    if (el) requestAnimationFrame(() => {
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
    });
  }
}
