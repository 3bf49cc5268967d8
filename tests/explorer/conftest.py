"""A real browser on the explorer: Debian's headless Chromium driven by Playwright, over `articles`'s app
served by uvicorn in a thread on a free loopback port, on a database holding the seed and our own articles.

Skips when /usr/bin/chromium or Playwright is missing (`apt-get install -y chromium`; never
`playwright install`: the browser is Debian's)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from app.api.main import create_app
from app.ingest import ingest_paths
from app.store.db import make_engine
from tests.conftest import FIXTURES, ROOT, settings_for

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
AXE = Path(__file__).resolve().parent / "axe.min.js"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(module_database_url: str, extractor) -> Iterator[str]:
    """The app on 127.0.0.1, over the seed, the list fixtures and the explorer's own articles."""
    engine = make_engine(module_database_url)
    ingest_paths([ROOT / "seed_data", FIXTURES / "articles", FIXTURES / "explorer"], extractor, engine)
    engine.dispose()
    app = create_app(settings_for(module_database_url))
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser, server: str):
    """A fresh page; any script error or dialog (an alert an article smuggled in) fails the test."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=server)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    yield page
    context.close()
    assert problems == []


def ready(page, name: str) -> None:
    """Wait until the page `name` for the address now in the bar is usable (aria-busy cleared) and complete
    (its later parts arrived): after a click the previous page stays marked ready until the router runs."""
    page.wait_for_function(
        """name => {
            const main = document.getElementById("main");
            return main.dataset.page === name && main.dataset.route === location.hash
                && main.getAttribute("aria-busy") === "false" && main.dataset.complete === "true";
        }""",
        arg=name,
        timeout=20_000,
    )


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())  # evaluated by the driver: the page's CSP does not apply
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(" "))}))"""
    )
    return found
