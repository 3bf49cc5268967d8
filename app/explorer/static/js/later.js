// Parts of a page that may take longer (facets, charts): the page is usable before they arrive, each
// fills its own place when its data comes, and the router marks the page complete once all have.

import { h } from "./dom.js";

export const waiting = [];

// A placeholder now; `render(data)` in its place when `promise` resolves, or the error if it fails.
export function later(promise, render, label) {
  const box = h("div", { class: "later", "aria-busy": "true" }, h("p", { class: "empty" }, `Loading ${label}…`));
  waiting.push(
    promise.then(
      (data) => box.replaceChildren(render(data)),
      (error) => box.replaceChildren(h("p", { class: "error" }, `${label} could not be loaded: ${error.message}`)),
    ).finally(() => box.setAttribute("aria-busy", "false")),
  );
  return box;
}
