// Elements built from data, never from HTML strings: every piece of text becomes a text node.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  append(el, children);
  return el;
}

// The API's snippets mark matches with <mark>...</mark> around text that may itself hold "<" and "&":
// split on the two tags and make each piece a text node, so nothing in an article is ever parsed as HTML.
export function snippet(text) {
  const out = [];
  let marked = false;
  for (const piece of String(text).split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>") marked = true;
    else if (piece === "</mark>") marked = false;
    else if (piece) out.push(marked ? h("mark", {}, piece) : document.createTextNode(piece));
  }
  return out;
}

export function link(href, ...children) {
  return h("a", { href }, ...children);
}

export function entityLink(id, name) {
  return id === null || id === undefined ? h("span", {}, name ?? "unknown") : link(`#/entity/${id}`, name);
}

export function articleLink(article, id) {
  const title = article?.title || `Article ${id}`;
  return link(`#/article/${id}`, title);
}

export function number(n) {
  return Number(n).toLocaleString("en");
}

export function badge(text, kind = "") {
  return h("span", { class: `badge ${kind}`.trim() }, text);
}

export function section(title, ...children) {
  const id = `h-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return h("section", { "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

export function empty(text) {
  return h("p", { class: "empty" }, text);
}
