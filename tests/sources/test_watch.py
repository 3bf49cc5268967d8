from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from app.config import get_settings
from app.ingest import ingest_articles, ingest_paths, local_engine
from app.inputs.articles import article_from_record
from app.store import sources as state
from app.store.db import make_engine
from app.store.models import Article, SourceUrl
from app.watch import Watcher, read_source_list
from tests.conftest import MODEL, SHARED
from tests.sources.conftest import ARTICLES, BAD, GOOD, Route, Site, fetch_settings, page, rss, sitemap


@pytest.fixture
def make_watcher(engine: Engine, extractor, database_url: str) -> Iterator[Callable[..., Watcher]]:
    made: list[Watcher] = []

    def make(**options) -> Watcher:
        watcher = Watcher(
            engine, local_engine(extractor), fetch_settings(database_url), batch_size=4, **options
        )
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.close()


def add_source(engine: Engine, url: str) -> int:
    with engine.begin() as connection:
        return state.add_source(connection, url, datetime.now(UTC))[0]


def rows(engine: Engine) -> dict[str, dict]:
    with engine.connect() as connection:
        return {r.url: dict(r._mapping) for r in connection.execute(select(SourceUrl))}


def stored_urls(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return sorted(connection.execute(select(Article.url)).scalars())


def test_a_round_stores_the_articles_and_logs_each_bad_url_by_name(
    site: Site, engine: Engine, make_watcher, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    feed = site.url("/feed.xml")
    site.routes["/feed-body"].body = rss([site.url(p) for p in GOOD + BAD])
    source_id = add_source(engine, feed)
    tally = make_watcher().run([feed], once=True)
    assert tally == Counter(stored=3, failed=len(BAD))
    # the bridge page names its canonical URL; the others are stored where they were found
    assert stored_urls(engine) == sorted(
        [site.url("/news/bridge"), site.url("/news/library.html"), site.url("/news/orchard.html")]
    )
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    for path in BAD:
        assert any(e.startswith(site.url(path) + ":") for e in errors), path
    found = rows(engine)
    assert {r["state"] for r in found.values()} <= {"done", "failed", "new"}
    for path in GOOD:
        row = found[site.url(path)]
        assert row["state"] == "done" and row["article_id"] and row["fetched_at"] and row["final_url"]
    for path in BAD:
        assert found[site.url(path)]["article_id"] is None and found[site.url(path)]["error"]
    # a passing failure (5xx, 429, timeout) is tried again in a later round; the others are failed for good
    assert found[site.url("/error.html")]["state"] == "new" and found[site.url("/error.html")]["retry_at"]
    assert found[site.url("/missing.html")]["state"] == "failed"
    with engine.connect() as connection:
        (source,) = state.list_sources(connection)
    assert (
        source["id"] == source_id and source["article_count"] == 3 and source["url_count"] == len(GOOD + BAD)
    )
    assert source["last_polled_at"] is not None and source["last_error"] is None


def test_a_second_round_fetches_no_article_again_and_the_feed_answers_304(
    site: Site, engine: Engine, make_watcher
) -> None:
    feed = site.url("/feed.xml")
    site.routes["/feed-body"].body = rss([site.url(p) for p in GOOD])
    add_source(engine, feed)
    assert make_watcher().run([feed], once=True)["stored"] == 3
    before = Counter(site.hits)
    assert make_watcher().run([feed], once=True) == Counter()
    assert site.hits - before == Counter({"/feed.xml": 1, "/robots.txt": 1})
    path, headers, _ = site.requests[-1]
    assert path == "/feed.xml" and headers["If-None-Match"] == '"v1"'
    assert len(stored_urls(engine)) == 3


def test_a_url_whose_article_is_stored_already_is_not_fetched(
    site: Site, engine: Engine, make_watcher, extractor
) -> None:
    title, paragraphs = ARTICLES["ferry"]
    record = {"text": "\n\n".join(paragraphs), "title": title, "url": site.url("/news/ferry.html")}
    (outcome,) = ingest_articles([article_from_record(record, "ferry.json")], extractor, engine)
    site.routes["/sitemap.xml"] = site_route(sitemap([site.url("/news/ferry.html")]))
    add_source(engine, site.url("/sitemap.xml"))
    make_watcher().run(once=True)
    assert site.hits["/news/ferry.html"] == 0
    assert rows(engine)[site.url("/news/ferry.html")]["article_id"] == outcome.article_id


def test_the_same_text_at_two_urls_is_stored_once(site: Site, engine: Engine, make_watcher) -> None:
    site.routes["/sitemap.xml"] = site_route(
        sitemap([site.url("/news/library.html"), site.url("/moved.html")])
    )
    add_source(engine, site.url("/sitemap.xml"))
    tally = make_watcher().run(once=True)
    assert tally == Counter(stored=1, exists=1)
    found = rows(engine)
    assert found[site.url("/moved.html")]["article_id"] == found[site.url("/news/library.html")]["article_id"]
    assert found[site.url("/moved.html")]["final_url"] == site.url("/news/library.html")


def test_a_malformed_feed_is_the_sources_error_and_the_other_sources_still_arrive(
    site: Site, engine: Engine, make_watcher, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    site.routes["/sitemap.xml"] = site_route(sitemap([site.url("/news/orchard.html")]))
    bad = add_source(engine, site.url("/bad-feed.xml"))
    add_source(engine, site.url("/sitemap.xml"))
    assert make_watcher().run(once=True) == Counter(stored=1)
    with engine.connect() as connection:
        assert "not a readable feed" in state.get_source(connection, bad)["last_error"]
    assert any(
        site.url("/bad-feed.xml") in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR
    )


def test_a_stop_hands_back_the_unfetched_claims_and_a_new_process_resumes(
    site: Site, engine: Engine, make_watcher
) -> None:
    paths = [f"/news/report-{n}.html" for n in range(12)]
    for number, path in enumerate(paths):
        site.routes[path] = Route(body=page("ferry", number=number))
    site.routes["/sitemap.xml"] = site_route(sitemap([site.url(p) for p in paths]))
    add_source(engine, site.url("/sitemap.xml"))
    stop = threading.Event()
    first = make_watcher(stop=stop, on_outcome=lambda _: stop.set())
    first.batch_size = 1
    first.run(once=True)
    states = Counter(r["state"] for r in rows(engine).values())
    assert states["claimed"] == 0 and 1 <= states["done"] < 12 and states["new"] == 12 - states["done"]
    assert len(stored_urls(engine)) == states["done"]
    make_watcher().drain()
    assert Counter(r["state"] for r in rows(engine).values()) == Counter(done=12)
    assert len(stored_urls(engine)) == 12


def test_urls_claimed_by_a_process_that_died_are_taken_once_the_lease_runs_out(
    site: Site, engine: Engine, make_watcher
) -> None:
    with engine.begin() as connection:
        state.add_urls(connection, None, [site.url("/news/library.html")], datetime.now(UTC))
        lease = timedelta(seconds=fetch_settings().watch_lease)
        state.claim_urls(connection, 10, datetime.now(UTC) - lease - timedelta(seconds=1), lease)
    assert make_watcher().drain() == Counter(stored=1)


def test_a_claim_still_under_lease_is_left_alone(site: Site, engine: Engine, make_watcher) -> None:
    with engine.begin() as connection:
        state.add_urls(connection, None, [site.url("/news/library.html")], datetime.now(UTC))
        state.claim_urls(connection, 10, datetime.now(UTC), timedelta(seconds=600))
    assert make_watcher().drain() == Counter()
    assert site.hits["/news/library.html"] == 0


def test_two_claimers_never_get_the_same_url(engine: Engine) -> None:
    """On PostgreSQL (TEST_DATABASE_URL) this is FOR UPDATE SKIP LOCKED at work; on SQLite, one writer."""
    urls = [f"http://127.0.0.1:9/{n}.html" for n in range(300)]
    with engine.begin() as connection:
        state.add_urls(connection, None, urls, datetime.now(UTC))
    taken: list[list[str]] = [[], []]
    start = threading.Barrier(2)

    def claim(mine: list[str]) -> None:
        start.wait()
        while True:
            with engine.begin() as connection:
                got = state.claim_urls(connection, 7, datetime.now(UTC), timedelta(seconds=600))
            if not got:
                return
            mine.extend(row["url"] for row in got)

    threads = [threading.Thread(target=claim, args=(mine,)) for mine in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not set(taken[0]) & set(taken[1])
    assert sorted(taken[0] + taken[1]) == sorted(urls)


def test_articles_fetch_stores_pages_under_their_final_url_once_and_tries_a_failed_one_again(
    site: Site, database_url: str, engine: Engine, monkeypatch, capsys
) -> None:
    from app.cli import main

    for name, value in {"FETCH_HOST_DELAY": "0", "FETCH_TIMEOUT": "2", "FETCH_RETRIES": "0"}.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        args = ["fetch", site.url("/moved.html"), site.url("/missing.html"), "--workers", "0"]
        assert main([*args, "--database-url", database_url]) == 1
        assert "1 stored, 0 already stored, 1 failed" in capsys.readouterr().out
        assert main(["fetch", site.url("/moved.html"), "--workers", "0", "--database-url", database_url]) == 0
        assert "1 fetched before" in capsys.readouterr().out
        site.routes["/missing.html"] = Route(body=page("orchard"))
        assert (
            main(["fetch", site.url("/missing.html"), "--workers", "0", "--database-url", database_url]) == 0
        )
        assert "1 stored" in capsys.readouterr().out
    finally:
        get_settings.cache_clear()
    assert site.hits["/moved.html"] == 1
    assert stored_urls(engine) == [site.url("/missing.html"), site.url("/news/library.html")]


def test_a_sources_file_holds_one_url_a_line_with_comments() -> None:
    text = "# our feeds\nhttp://127.0.0.1:8/feed.xml\n\n  http://127.0.0.1:8/sitemap.xml  # nightly\n"
    assert read_source_list(text) == ["http://127.0.0.1:8/feed.xml", "http://127.0.0.1:8/sitemap.xml"]


def site_route(body: bytes) -> Route:
    return Route(body=body, content_type="application/xml")


def test_two_watch_processes_on_one_database_fetch_each_url_once(
    site: Site, engine: Engine, extractor, database_url: str
) -> None:
    paths = [f"/news/report-{n}.html" for n in range(10)]
    for number, path in enumerate(paths):
        site.routes[path] = Route(body=page("library", number=number))
    with engine.begin() as connection:
        state.add_urls(connection, None, [site.url(p) for p in paths], datetime.now(UTC))
    parse = threading.Lock()  # one model shared by the two watchers here; two processes have one each

    def extract(batches):
        for jobs in batches:
            with parse:
                done = list(extractor.extract_many(jobs))
            yield done

    watchers = [Watcher(engine, extract, fetch_settings(database_url), batch_size=2) for _ in range(2)]
    threads = [threading.Thread(target=w.drain) for w in watchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for watcher in watchers:
        watcher.close()
    assert all(site.hits[p] == 1 for p in paths)
    assert sum(w.tally["stored"] for w in watchers) == 10 and len(stored_urls(engine)) == 10


def test_sigterm_stops_watch_cleanly_and_leaves_no_claim(site: Site, database_url: str, tmp_path) -> None:
    paths = [f"/news/report-{n}.html" for n in range(8)]
    for number, path in enumerate(paths):
        site.routes[path] = Route(body=page("orchard", number=number))
    site.routes["/sitemap.xml"] = site_route(sitemap([site.url(p) for p in paths]))
    listed = tmp_path / "sources.txt"
    listed.write_text(site.url("/sitemap.xml") + "\n")
    env = {**os.environ, "FETCH_HOST_DELAY": "0.5", "FETCH_TIMEOUT": "5", "SPACY_MODEL": MODEL}
    command = [sys.executable, "-m", "app.cli", "watch", "--sources", str(listed), "--workers", "0"]
    process = subprocess.Popen(
        [*command, "--batch-size", "1", "--database-url", database_url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    engine = make_engine(database_url)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            with engine.connect() as connection:
                if connection.execute(select(func.count()).select_from(Article)).scalar():
                    break
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "stopping after the current articles (SIGTERM)" in err
        states = Counter(r["state"] for r in rows(engine).values())
        assert states["claimed"] == 0 and states["done"] >= 1 and states["done"] + states["new"] == 8
        assert len(stored_urls(engine)) == states["done"]
    finally:
        if process.poll() is None:
            process.kill()
        engine.dispose()


def test_news_pages_fetched_give_the_same_articles_as_the_same_files_ingested(
    site: Site, engine: Engine, make_watcher, extractor
) -> None:
    folder = SHARED / "corpus" / "html"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/html is not here")
    files = sorted(folder.glob("*.html.gz"))[:6]
    from_files = Counter(o.status for o in ingest_paths([str(f) for f in files], extractor, engine))
    assert from_files["stored"] >= 1
    for file in files:
        site.routes[f"/corpus/{file.name}"] = Route(
            body=file.read_bytes(), headers={"Content-Encoding": "gzip"}
        )
    site.routes["/sitemap.xml"] = site_route(sitemap([site.url(f"/corpus/{f.name}") for f in files]))
    add_source(engine, site.url("/sitemap.xml"))
    fetched = make_watcher().run(once=True)
    assert fetched == Counter(exists=from_files["stored"], failed=from_files["failed"])
