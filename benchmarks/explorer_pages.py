"""How soon each explorer page is usable on the 1,000,000-quote database, measured in the browser (issue 19).

    apt-get install -y chromium; .venv/bin/pip install -e '.[dev]'     # Playwright, driving Debian's Chromium
    .venv/bin/python benchmarks/api_vs_datasette.py --build-only        # the database, once (cached in /tmp)
    .venv/bin/python benchmarks/explorer_pages.py [--runs 5] [--workers 1] [--db PATH]

Serves the benchmark database (built by `api_vs_datasette.py`: 100,000 articles, 1,000,000 quotes) with
`articles serve`, opens each page in headless Chromium and reads the explorer's own marks
(`performance.mark`): *usable* when the page's main content is on screen (`main[aria-busy=false]`), and
*complete* when its later parts (facets, the month chart, sources, whom a person talks about) have arrived.
Each page is loaded once cold (the first visit after the server started, not counted in the medians), then
`--runs` times as a full page load (milliseconds since navigation start) and `--runs` times as an in-app
navigation from the home page (milliseconds since the hash changed). The target (issue 19): every page
usable within 1,000 ms of navigation.

Exits 0 with a message when the database, Chromium or Playwright is missing. The server it started (in its
own process group) is stopped on exit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.api_vs_datasette import (  # noqa: E402 - after the path is set
    SEARCH_WORD,
    Servers,
    free_port,
    pick_targets,
    wait_ready,
)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TARGET_MS = 1000.0
MARKS = """name => performance.getEntriesByName(name).map(e => [e.startTime, e.detail.ms])"""


def pages(path: Path) -> list[tuple[str, str, str]]:
    """(label, hash route, page name) for each view measured, on the database's own busiest rows."""
    import sqlite3

    t = pick_targets(path)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        (top,) = conn.execute(
            "SELECT speaker_entity_id FROM quotes WHERE speaker_entity_id IS NOT NULL "
            "GROUP BY speaker_entity_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        top_quotes = conn.execute(
            "SELECT count(*) FROM quotes WHERE speaker_entity_id = ?", (top,)
        ).fetchone()[0]
    return [
        ("home", "#/", "home"),
        (f"search q={SEARCH_WORD} ({t.search_matches:,} quotes)", f"#/search?q={SEARCH_WORD}", "search"),
        (f"search q={SEARCH_WORD}, kind=direct", f"#/search?q={SEARCH_WORD}&kind=direct", "search"),
        ("search q=, all 1,000,000 quotes", "#/search", "search"),
        (f"person, 3rd most quoted ({t.speaker_quotes:,} quotes)", f"#/entity/{t.speaker_id}", "entity"),
        (f"person, most quoted ({top_quotes:,} quotes)", f"#/entity/{top}", "entity"),
        (f"article {t.article_id}", f"#/article/{t.article_id}", "article"),
        ("claims", "#/claims", "claims"),
        ("claims stance=denies", "#/claims?stance=denies", "claims"),
    ]


def full_load(page, base: str, route: str, name: str) -> tuple[float, float]:
    """A fresh document: (usable, complete) in ms since navigation start."""
    page.goto("about:blank")
    page.goto(f"{base}/{route}")
    page.wait_for_selector(f'main[data-page="{name}"][data-complete="true"]', timeout=60_000)
    usable = page.evaluate(MARKS, "explorer:usable")[-1][0]
    complete = page.evaluate(MARKS, "explorer:complete")[-1][0]
    return usable, complete


def in_app(page, base: str, route: str, name: str) -> tuple[float, float]:
    """From the home page, by changing the hash as a click does: (usable, complete) in ms since then."""
    page.evaluate("() => { location.hash = '#/' }")
    page.wait_for_selector('main[data-page="home"][data-complete="true"]', timeout=60_000)
    page.evaluate("route => { location.hash = route }", route)
    page.wait_for_selector(f'main[data-page="{name}"][data-complete="true"]', timeout=60_000)
    usable = page.evaluate(MARKS, "explorer:usable")[-1][1]
    complete = page.evaluate(MARKS, "explorer:complete")[-1][1]
    return usable, complete


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "articles-bench-100000-1000000.db"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="`articles serve` worker processes")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"no database at {args.db}: build it with benchmarks/api_vs_datasette.py --build-only")
        return 0
    if not CHROMIUM.exists():
        print("no /usr/bin/chromium: apt-get install -y chromium")
        return 0
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("no Playwright: pip install -e '.[dev]'")
        return 0

    views = pages(args.db)
    logs = Path(tempfile.mkdtemp(prefix="explorer-bench-"))
    servers = Servers(logs)
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        argv_serve = [str(Path(sys.executable).parent / "articles"), "serve", "--host", "127.0.0.1"]
        argv_serve += ["--port", str(port), "--workers", str(args.workers)]
        proc = servers.start("serve", argv_serve, {**os.environ, "DATABASE_URL": f"sqlite:///{args.db}"})
        wait_ready(f"{base}/health", proc)
        print(f"database {args.db}; articles serve --workers {args.workers}; {args.runs} runs; load {load()}")
        print(
            f"{'page':<46} {'cold':>6} {'usable p50':>10} {'max':>6} {'complete p50':>12} "
            f"{'in-app p50':>10} {'max':>6} {'complete':>8}"
        )
        worst = 0.0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            for label, route, name in views:
                cold, _ = full_load(page, base, route, name)
                loads = [full_load(page, base, route, name) for _ in range(args.runs)]
                moves = [in_app(page, base, route, name) for _ in range(args.runs)]
                usable = [u for u, _ in loads]
                moved = [u for u, _ in moves]
                worst = max(worst, *usable, *moved)
                print(
                    f"{label:<46} {cold:6.0f} {statistics.median(usable):10.0f} {max(usable):6.0f} "
                    f"{statistics.median([c for _, c in loads]):12.0f} {statistics.median(moved):10.0f} "
                    f"{max(moved):6.0f} {statistics.median([c for _, c in moves]):8.0f}"
                )
            browser.close()
        print(f"load average at the end: {load()}")
        verdict = "met" if worst <= TARGET_MS else "NOT met"
        print(f"every page usable within {TARGET_MS:.0f} ms (warm runs, worst {worst:.0f} ms): {verdict}")
    finally:
        servers.stop_all()
    return 0


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
