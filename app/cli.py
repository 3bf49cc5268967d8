"""`articles`: the command line. Ingest files, fetch and watch the web, re-extract stored articles, extract
without storing, migrate, serve."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import get_settings

if TYPE_CHECKING:
    from app.ingest import BatchExtract


@lru_cache(maxsize=2)
def _extractor(model: str | None):
    """One loaded pipeline per model for the life of the process."""
    from app.extract.pipeline import Extractor

    settings = get_settings()
    return Extractor(model or settings.spacy_model, batch_size=settings.batch_size)


def _ingest_engine(args: argparse.Namespace) -> BatchExtract:
    """Where extraction runs: a Ray cluster, worker processes, or this process (`--workers 0`).

    One worker process beats parsing here: this process's reading and writing then run beside the parse
    instead of taking turns with it for the interpreter lock.
    """
    model = args.model or get_settings().spacy_model
    batch_size = get_settings().batch_size
    if args.engine == "ray":
        from app.ingest_ray import RayEngine

        return RayEngine(model, workers=args.workers, address=args.address, batch_size=batch_size)
    if args.workers >= 1:
        from app.ingest_pool import ProcessEngine

        return ProcessEngine(model, workers=args.workers, batch_size=batch_size)
    from app.ingest import local_engine

    return local_engine(_extractor(args.model))


def _engine_error(args: argparse.Namespace) -> str | None:
    if args.address and args.engine != "ray":
        return "--address needs --engine ray"
    if args.engine == "ray" and args.workers < 1:
        return "--engine ray needs --workers 1 or more"
    return None


def _version(args: argparse.Namespace) -> str:
    """The version of the extractor these options run, from the model's metadata (the model is not loaded)."""
    from app.extract.version import extractor_version

    return extractor_version(args.model or get_settings().spacy_model)


def cmd_ingest(args: argparse.Namespace) -> int:
    from collections import Counter

    from app.ingest import ingest_stream
    from app.ingest_progress import progress_bar
    from app.inputs.files import read_paths
    from app.store.db import make_engine
    from app.store.migrate import upgrade

    if error := _engine_error(args):
        print(f"error: {error}", file=sys.stderr)
        return 2
    url = args.database_url or get_settings().database_url
    upgrade(url)
    engine = make_engine(url)
    tally: Counter[str] = Counter()
    try:
        with progress_bar(args.paths) as advance:
            outcomes = ingest_stream(
                read_paths(args.paths), _ingest_engine(args), engine, args.batch_size, _version(args)
            )
            for outcome in outcomes:
                tally[outcome.status] += 1
                advance()
                if outcome.status == "failed":
                    print(f"error: {outcome.origin}: {outcome.error}", file=sys.stderr)
                elif outcome.status == "exists":
                    print(f"exists  {outcome.origin}: already stored as article {outcome.article_id}")
                else:
                    c = outcome.counts
                    print(
                        f"stored  {outcome.origin}: article {outcome.article_id}, "
                        f"{c['quotes']} quotes, {c['entities']} entities, {c['claims']} claims"
                    )
    finally:
        engine.dispose()
    print(f"{tally['stored']} stored, {tally['exists']} already stored, {tally['failed']} failed")
    return 1 if tally["failed"] else 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from collections import Counter

    from sqlmodel import Session

    from app.ingest_progress import counting_bar
    from app.reextract import reextract_stream
    from app.store.db import make_engine
    from app.store.migrate import upgrade
    from app.store.reextraction import articles_to_reextract

    if error := _engine_error(args):
        print(f"error: {error}", file=sys.stderr)
        return 2
    url = args.database_url or get_settings().database_url
    upgrade(url)
    engine = make_engine(url)
    version = _version(args)
    tally: Counter[str] = Counter()
    try:
        with Session(engine) as session:
            ids = articles_to_reextract(session, version, args.all, args.source, args.since)
        print(f"re-extracting {len(ids)} articles with {version}")
        with counting_bar(lambda: len(ids), "re-extracting") as advance:
            for outcome in reextract_stream(ids, _ingest_engine(args), engine, version, args.batch_size):
                tally[outcome.status] += 1
                advance()
                if outcome.status == "missing":
                    print(f"missing {outcome.origin}: deleted meanwhile")
                else:
                    c = outcome.counts
                    print(
                        f"done    {outcome.origin}: {c['quotes']} quotes, {c['entities']} entities, "
                        f"{c['claims']} claims"
                    )
    finally:
        engine.dispose()
    print(f"{tally['reextracted']} re-extracted, {tally['missing']} deleted meanwhile")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from app.extract.serialize import dumps, extraction_dict
    from app.ingest import within_body
    from app.inputs.articles import InputError
    from app.inputs.files import read_jsonl, read_paths

    if args.jsonl is None and args.file is None:
        print("error: give a FILE or --jsonl IN.jsonl", file=sys.stderr)
        return 2
    items = list(read_jsonl(Path(args.jsonl)) if args.jsonl else read_paths([args.file]))
    failed = 0
    for item in items:
        if isinstance(item, InputError):
            print(f"error: {item}", file=sys.stderr)
            failed += 1
    good = [i for i in items if not isinstance(i, InputError)]
    extractor = _extractor(args.model)
    out = sys.stdout.buffer
    extractions = extractor.extract_many((a.text, a.published) for a in good)
    for number, (article, whole) in enumerate(zip(good, extractions, strict=True), start=1):
        extraction = within_body(whole, article.text, article.body)
        meta = article.metadata()
        if args.jsonl:
            out.write(dumps(extraction_dict(extraction, id=article.id or str(number), article=meta)) + b"\n")
        else:
            out.write(dumps(extraction_dict(extraction, article=meta), pretty=True) + b"\n")
    out.flush()
    return 1 if failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        get_settings.cache_clear()  # with one worker the app is built in this process, from these settings
    settings = get_settings()
    uvicorn.run(
        "app.api.main:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        log_level="info",
        access_log=args.access_log,
    )
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from app.store.migrate import upgrade

    url = args.database_url or get_settings().database_url
    upgrade(url)
    print(f"database at {_redacted(url)} is up to date")
    return 0


def cmd_db_recount(args: argparse.Namespace) -> int:
    from app.store.counts import recount
    from app.store.db import make_engine

    url = args.database_url or get_settings().database_url
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            wrong = recount(connection)
    finally:
        engine.dispose()
    print(f"recounted every entity's articles and quotes: {wrong} had been wrong")
    return 0


def cmd_db_ping(args: argparse.Namespace) -> int:
    from sqlalchemy import text

    from app.store.db import make_engine

    url = args.database_url or get_settings().database_url
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        print(f"error: cannot reach {_redacted(url)}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"reached {_redacted(url)}")
    return 0


def _watcher(args: argparse.Namespace, url: str, stop=None):
    """A Watcher on `url` with the extraction engine the options ask for, logging to stderr."""
    import logging

    from app.store.db import make_engine
    from app.store.migrate import upgrade
    from app.watch import Watcher

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    upgrade(url)
    args.engine, args.address = "local", None
    return Watcher(
        make_engine(url), _ingest_engine(args), get_settings(), stop=stop, batch_size=args.batch_size
    )


def _stop_on_signals():
    """An event set by SIGTERM or SIGINT: the watch stores the articles it holds, then stops."""
    import signal
    import threading

    stop = threading.Event()

    def ask(signum: int, _frame) -> None:
        print(f"stopping after the current articles ({signal.Signals(signum).name})", file=sys.stderr)
        stop.set()

    signal.signal(signal.SIGTERM, ask)
    signal.signal(signal.SIGINT, ask)
    return stop


def _tally_line(tally) -> str:
    return f"{tally['stored']} stored, {tally['exists']} already stored, {tally['failed']} failed"


def cmd_fetch(args: argparse.Namespace) -> int:
    from app.sources.fetcher import FetchError, check_url
    from app.store import sources
    from app.watch import now

    try:
        urls = [check_url(u) for u in args.urls]
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    watcher = _watcher(args, args.database_url or get_settings().database_url, _stop_on_signals())
    try:
        with watcher.engine.begin() as connection:
            sources.add_urls(connection, None, urls, now())
            ids = list(sources.url_ids(connection, urls).values())
            sources.reopen_urls(connection, ids)
        tally = watcher.drain(ids)
    finally:
        watcher.close()
        watcher.engine.dispose()
    skipped = len(urls) - sum(tally.values())
    print(_tally_line(tally) + (f", {skipped} fetched before" if skipped else ""))
    return 1 if tally["failed"] else 0


def cmd_watch(args: argparse.Namespace) -> int:
    from app.store import sources
    from app.watch import now, read_source_list

    listed = None
    if args.sources:
        try:
            listed = read_source_list(Path(args.sources).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"error: {args.sources}: {exc}", file=sys.stderr)
            return 2
    watcher = _watcher(args, args.database_url or get_settings().database_url, _stop_on_signals())
    try:
        if listed is not None:
            with watcher.engine.begin() as connection:
                for url in listed:
                    sources.add_source(connection, url, now())
        tally = watcher.run(listed, once=args.once)
    finally:
        watcher.close()
        watcher.engine.dispose()
    print(_tally_line(tally))
    return 0


def cmd_sources_add(args: argparse.Namespace) -> int:
    from app.sources.fetcher import FetchError, check_url
    from app.store import sources
    from app.store.db import make_engine
    from app.store.migrate import upgrade
    from app.watch import now

    url = args.database_url or get_settings().database_url
    try:
        feeds = [check_url(u) for u in args.urls]
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for feed in feeds:
                source_id, created = sources.add_source(connection, feed, now())
                print(f"{'added ' if created else 'exists'}  source {source_id}: {feed}")
    finally:
        engine.dispose()
    return 0


def cmd_sources_list(args: argparse.Namespace) -> int:
    from app.store import sources
    from app.store.db import make_engine
    from app.store.migrate import upgrade

    url = args.database_url or get_settings().database_url
    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = sources.list_sources(connection)
    finally:
        engine.dispose()
    for row in rows:
        polled = row["last_polled_at"].isoformat(timespec="seconds") if row["last_polled_at"] else "never"
        error = f"  error: {row['last_error']}" if row["last_error"] else ""
        print(f"{row['id']:>4}  {row['url']}  polled: {polled}  articles: {row['article_count']}{error}")
    return 0


def cmd_sources_remove(args: argparse.Namespace) -> int:
    from app.store import sources
    from app.store.db import make_engine

    engine = make_engine(args.database_url or get_settings().database_url)
    try:
        with engine.begin() as connection:
            removed = sources.delete_source(connection, args.id)
    finally:
        engine.dispose()
    if not removed:
        print(f"error: no source with id {args.id}", file=sys.stderr)
        return 1
    print(f"removed source {args.id}")
    return 0


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {number}")
    return number


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="articles", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def database_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--database-url", help="overrides the DATABASE_URL setting")

    def extraction_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", help="spaCy pipeline (default: the SPACY_MODEL setting)")
        p.add_argument(
            "--workers",
            type=_count,
            default=1,
            help="extraction processes, each loading the model once, while this one reads and writes; "
            "0 parses in this process (default: 1)",
        )
        p.add_argument(
            "--batch-size", type=_positive, default=64, help="articles per transaction (default: 64)"
        )
        p.add_argument(
            "--engine",
            choices=("local", "ray"),
            default="local",
            help="where extraction runs (ray: pip install .[ray])",
        )
        p.add_argument("--address", help="Ray cluster address (e.g. ray://head:10001); default: a local Ray")
        database_option(p)

    ingest = commands.add_parser("ingest", help="extract and store articles from files and folders")
    ingest.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt (+ NAME.json sidecar), .html, .html.gz, .jsonl (text or html per line), .json, folders",
    )
    extraction_options(ingest)
    ingest.set_defaults(func=cmd_ingest)

    reextract = commands.add_parser(
        "reextract",
        help="re-run extraction on stored articles, replacing their rows in place "
        "(default: those another extractor version produced)",
    )
    scope = reextract.add_mutually_exclusive_group()
    scope.add_argument(
        "--stale",
        dest="all",
        action="store_false",
        help="only articles on another extractor version than this one (the default)",
    )
    scope.add_argument("--all", action="store_true", help="every stored article, whatever its version")
    reextract.add_argument("--source", help="only articles from this publisher (case-insensitive)")
    reextract.add_argument(
        "--since", type=_day, metavar="YYYY-MM-DD", help="only articles stored on or after this day (UTC)"
    )
    extraction_options(reextract)
    reextract.set_defaults(func=cmd_reextract, all=False)

    extract = commands.add_parser("extract", help="print an article's extraction as JSON; stores nothing")
    extract.add_argument("file", nargs="?", metavar="FILE")
    extract.add_argument(
        "--jsonl", metavar="IN.jsonl", help='read {"id", "text", ...} lines; write one per line'
    )
    extract.add_argument("--model", help="spaCy pipeline (default: the SPACY_MODEL setting)")
    extract.set_defaults(func=cmd_extract)

    serve = commands.add_parser("serve", help="serve the API")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1, help="processes (one per core is a good start)")
    serve.add_argument(
        "--access-log", action="store_true", help="log every request (off: it costs throughput)"
    )
    database_option(serve)
    serve.set_defaults(func=cmd_serve)

    def crawl_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", help="spaCy pipeline (default: the SPACY_MODEL setting)")
        p.add_argument(
            "--workers",
            type=_count,
            default=1,
            help="extraction processes; 0 parses in this process (default: 1)",
        )
        p.add_argument(
            "--batch-size", type=_positive, default=8, help="articles per transaction (default: 8)"
        )
        database_option(p)

    fetch = commands.add_parser(
        "fetch", help="fetch article pages and ingest them (robots.txt, limits and delays as for watch)"
    )
    fetch.add_argument("urls", nargs="+", metavar="URL")
    crawl_options(fetch)
    fetch.set_defaults(func=cmd_fetch)

    watch = commands.add_parser(
        "watch", help="poll RSS/Atom feeds and sitemaps, fetch the new articles they list and ingest them"
    )
    watch.add_argument(
        "--sources", metavar="FILE", help="feed and sitemap URLs, one a line (default: those in the database)"
    )
    watch.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    crawl_options(watch)
    watch.set_defaults(func=cmd_watch)

    feeds = commands.add_parser("sources", help="the feeds and sitemaps `watch` polls")
    feeds_commands = feeds.add_subparsers(dest="sources_command", required=True)
    feeds_add = feeds_commands.add_parser("add", help="add feeds or sitemaps")
    feeds_add.add_argument("urls", nargs="+", metavar="URL")
    database_option(feeds_add)
    feeds_add.set_defaults(func=cmd_sources_add)
    feeds_list = feeds_commands.add_parser("list", help="each source with its last poll, error, articles")
    database_option(feeds_list)
    feeds_list.set_defaults(func=cmd_sources_list)
    feeds_remove = feeds_commands.add_parser("remove", help="stop polling a source")
    feeds_remove.add_argument("id", type=_positive)
    database_option(feeds_remove)
    feeds_remove.set_defaults(func=cmd_sources_remove)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_upgrade = db_commands.add_parser("upgrade", help="apply the migrations")
    database_option(db_upgrade)
    db_upgrade.set_defaults(func=cmd_db_upgrade)
    db_recount = db_commands.add_parser(
        "recount", help="count each entity's articles and quotes again (after rows changed outside the app)"
    )
    database_option(db_recount)
    db_recount.set_defaults(func=cmd_db_recount)
    db_ping = db_commands.add_parser("ping", help="exit 0 when the database answers")
    database_option(db_ping)
    db_ping.set_defaults(func=cmd_db_ping)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # One BLAS thread per process (unless the user says otherwise), set before numpy loads: the model's
    # matrices are small, and OpenBLAS's extra thread only spins against the parse (15% slower on 2 cores).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
