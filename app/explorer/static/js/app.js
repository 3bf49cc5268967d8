// The explorer's router: every view is a hash URL (#/search?q=..., #/entity/2, #/article/1, #/claims),
// so any view can be bookmarked, shared and reloaded. Each page reads only the public JSON API.

import { h } from "./dom.js";
import { waiting } from "./later.js";
import * as articlePage from "./article.js";
import * as claimsPage from "./claims.js";
import * as entityPage from "./entity.js";
import * as homePage from "./home.js";
import * as searchPage from "./search.js";

const ROUTES = [
  [/^\/?$/, "home", homePage, "Home"],
  [/^\/search$/, "search", searchPage, "Search"],
  [/^\/claims$/, "claims", claimsPage, "Claims"],
  [/^\/entity\/(\d+)$/, "entity", entityPage, "Person or organisation"],
  [/^\/article\/(\d+)$/, "article", articlePage, "Article"],
];

let current = 0;

function parse() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = raw.split("?", 2);
  return { path, state: new URLSearchParams(query) };
}

async function show() {
  const token = ++current;
  const { path, state } = parse();
  const main = document.getElementById("main");
  const box = document.getElementById("q");
  box.value = path === "/search" ? (state.get("q") ?? "") : "";
  const found = ROUTES.map(([re, name, page, title]) => [path.match(re), name, page, title]).find(([m]) => m);
  const page = h("div", { class: "page" });
  main.setAttribute("aria-busy", "true");
  main.dataset.page = found ? found[1] : "missing";
  delete main.dataset.complete;
  const started = performance.now();
  waiting.length = 0;
  for (const a of document.querySelectorAll("header nav a")) {
    if (a.dataset.page === main.dataset.page) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  try {
    if (!found) throw new Error(`No page at ${path}`);
    const [match, , module, title] = found;
    document.title = `${title} · articles`;
    await module.render(page, state, match[1]);
  } catch (error) {
    page.replaceChildren(h("h1", { tabindex: -1 }, "Something went wrong"), h("p", { class: "error", role: "alert" }, error.message));
  }
  if (token !== current) return; // a newer navigation started while this one waited
  main.replaceChildren(page);
  main.dataset.route = location.hash; // which address the shown page answers (tests and tools wait on it)
  main.setAttribute("aria-busy", "false");
  const pending = waiting.splice(0);
  performance.mark("explorer:usable", { detail: { page: main.dataset.page, ms: performance.now() - started } });
  Promise.allSettled(pending).then(() => {
    if (token !== current) return;
    main.dataset.complete = "true";
    performance.mark("explorer:complete", { detail: { page: main.dataset.page, ms: performance.now() - started } });
  });
  const heading = main.querySelector("h1");
  // after a navigation (not on first load) the focus goes to the new page's heading, as a page load would
  if (heading && token > 1 && !state.get("quote") && document.activeElement !== box) heading.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("q").value.trim();
  location.hash = q ? `#/search?q=${encodeURIComponent(q)}` : "#/search";
});
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault(); // "#main" is not a page: move the focus there instead
  document.getElementById("main").focus();
});
window.addEventListener("hashchange", show);
show();
