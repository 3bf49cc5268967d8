"""Reads at 32 connections while `articles ingest` writes the BBC corpus into the same database (issue 22).

    apt-get install -y wrk
    .venv/bin/python benchmarks/reads_during_ingest.py [--corpus ../shared/corpus/bbc-news.jsonl]
        [--start 300] [--ingest-limit N] [--duration 30] [--connections 32] [--threads 2] [--workers 2]
        [--ingest-workers 1] [--batch-size 64] [--skip-sqlite]
        [--postgres postgresql+psycopg://USER:PASS@HOST/DB [--reset-postgres]]

For each backend (a fresh SQLite file; PostgreSQL when --postgres names a database that answers, whose tables
must be empty unless --reset-postgres, which drops its public schema first):

1. Migrates the database and ingests `seed_data/` and the first `--start` BBC articles (`articles ingest`), so
   the reads have something to find.
2. Serves it with `articles serve --workers 2` on a free loopback port.
3. Read-only: drives a rotation of read URLs (quotes by speaker, full-text search, filters, one article,
   entities, facets; each checked for 200 first) with `wrk --latency` at `--connections` for `--duration`
   seconds.
4. During ingest: the same wrk load starts, then `articles ingest` writes the rest of the corpus (or
   `--ingest-limit` articles of it) into the same database in another process; wrk is stopped when the
   ingest exits, so the reads cover every write (and the ingest's start-up, loading the model, before its
   first commit). Then the articles are counted: every distinct text of the seed and the corpus read so far
   must be stored once (the ingest skips texts already stored).
5. Read-only again, on the grown database: what the new rows alone do to the reads.

Prints req/s, p50, p99, non-2xx responses and socket errors before, during and after the ingest side by
side, the ingest's exit status and articles/s, and any "database is locked" (or other error) from the
ingest's stderr or the server's log. Exits 1 on any non-2xx, socket error, ingest failure, lock error or
lost article; exits 0 with a message when wrk or the corpus is missing, and skips PostgreSQL with a message
when it does not answer. wrk, the server and the ingest share the machine's cores: the figures are theirs
together.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.api_vs_datasette import Servers, _ms, fetch, free_port, wait_ready, wrk_argv  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news.jsonl"
SEED = ROOT / "seed_data"
SEARCH_WORD = "government"
# What a failed write or read says in a log: SQLite's lock errors first, then any error at all.
TROUBLE = re.compile(r"database is locked|database table is locked|OperationalError|Traceback|error", re.I)
# Each wrk thread rotates over the paths and tallies its answers other than 2xx by status and the start of
# the body (which says what failed); `done` prints the tallies of every thread.
ROTATION = """
local paths = {%s}
local next_path = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failures = {} end
function request()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end
function response(status, headers, body)
  if status < 200 or status > 299 then
    local key = status .. " " .. string.sub(body or "", 1, 200)
    failures[key] = (failures[key] or 0) + 1
  end
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("failures")) do
      io.write("failure: ", count, " x ", key, "\\n")
    end
  end
end
"""


@dataclass(slots=True)
class Reads:
    """One wrk run over the rotation of URLs."""

    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    seconds: float
    non_2xx: int
    socket_errors: int
    failures: list[str]  # "N x STATUS BODY...", from the script's tally


@dataclass(slots=True)
class Ingest:
    """The writing process: how it ended and what it said."""

    exit_status: int
    stored: int
    exists: int
    failed: int
    seconds: float
    first_write_s: float  # from its start to its first committed batch (start-up: loading the model)
    steady: float  # articles/s from the first committed batch to the last (the batches after the first)
    trouble: list[str]

    @property
    def rate(self) -> float:
        """Articles/s over the whole run, loading the model included."""
        return self.stored / self.seconds if self.seconds else float("nan")


def parse_reads(output: str) -> Reads:
    """wrk's summary, non-2xx responses and socket errors apart."""
    socket_errors = 0
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        socket_errors = sum(int(g) for g in m.groups())
    non_2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
    return Reads(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        p99_ms=_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        seconds=_ms(re.search(r"requests in ([\d.]+[a-z]+)", output).group(1)) / 1000,
        non_2xx=non_2xx,
        socket_errors=socket_errors,
        failures=re.findall(r"^failure: (.*)$", output, re.M),
    )


def read_urls(base: str) -> dict[str, str]:
    """The rotation, with a speaker and an article the starting set holds."""
    _, body = fetch(f"{base}/quotes?facet=speaker&size=1")
    named = [f["label"] for f in json.loads(body)["facets"]["speaker"] if f["value"] is not None]
    speaker = named[0] if named else "Blair"  # the most quoted resolved speaker
    _, body = fetch(f"{base}/articles?size=1&sort=-id")
    article = json.loads(body)["items"][0]["id"]
    return {
        "quotes by speaker": f"/quotes?speaker={urllib.parse.quote(str(speaker))}",
        "quote search": f"/quotes?q={SEARCH_WORD}",
        "article search": f"/articles?q={SEARCH_WORD}&size=10",
        "quotes filtered": "/quotes?kind=direct&size=20",
        "claims filtered": "/claims?score__gte=0.2&size=20",
        "one article": f"/articles/{article}",
        "entities by type": "/entities?type=PERSON",
        "quote facets": "/quotes?facet=speaker,kind&size=1",
        "article list": "/articles?size=10",
    }


def distinct_texts(paths: list[Path]) -> int:
    """How many articles these inputs make once texts already stored are skipped: their distinct texts."""
    from app.inputs.articles import ArticleInput
    from app.inputs.files import read_paths
    from app.store.writer import content_hash

    return len({content_hash(item.text) for item in read_paths(paths) if isinstance(item, ArticleInput)})


def stored_articles(url: str) -> int:
    from sqlalchemy import text

    from app.store.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
    engine.dispose()
    return count


def postgres_ready(url: str, reset: bool) -> str | None:
    """None when the database answers and holds no articles (after --reset-postgres), else why not."""
    from sqlalchemy import inspect, text

    from app.store.db import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            if reset:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            elif (
                "articles" in inspect(connection).get_table_names()
                and connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
            ):
                return "it holds articles (--reset-postgres empties it)"
    except Exception as exc:  # any failure to connect means: skip it, saying why
        return str(exc).splitlines()[0]
    finally:
        engine.dispose()
    return None


def run_ingest(
    articles: str, paths: list[Path], env: dict[str, str], batch_size: int, options: list[str], logs: Path
) -> Ingest:
    """`articles ingest` to its end. A batch's lines come out when it is committed, so the first line
    times the first commit, and the rate after it counts the articles of the later batches."""
    out = open(logs / "ingest.out", "w")  # noqa: SIM115 - closed below
    err = open(logs / "ingest.err", "w")  # noqa: SIM115
    started = time.monotonic()
    process = subprocess.Popen(
        [articles, "ingest", *map(str, paths), *options],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=err,
        text=True,
        start_new_session=True,
    )
    first = last = None
    counts = {"stored": 0, "exists": 0}
    try:
        for line in process.stdout:
            out.write(line)
            word = line.split(" ", 1)[0]
            if word in counts:
                counts[word] += 1
                last = time.monotonic()
                first = first or last
        process.wait()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)
        out.close()
        err.close()
    seconds = time.monotonic() - started
    errors = (logs / "ingest.err").read_text().splitlines()
    done = counts["stored"] + counts["exists"]
    later = done - batch_size  # the first batch's lines all come out at its commit: no rate within one batch
    steady = later / (last - first) if first and later > 0 and last > first else float("nan")
    return Ingest(
        exit_status=process.returncode,
        stored=counts["stored"],
        exists=counts["exists"],
        failed=sum(line.startswith("error:") for line in errors),
        seconds=seconds,
        first_write_s=(first - started) if first else float("nan"),
        steady=steady,
        trouble=[line for line in errors if TROUBLE.search(line)],
    )


@dataclass(slots=True)
class Outcome:
    backend: str
    phases: dict[str, Reads]  # read-only before the ingest, during it, read-only after it
    ingest: Ingest
    expected: int
    stored: int
    server_trouble: list[str]
    urls: dict[str, str]

    def problems(self) -> list[str]:
        out = []
        for phase, reads in self.phases.items():
            if reads.non_2xx or reads.socket_errors:
                out.append(
                    f"{self.backend} {phase}: {reads.non_2xx} non-2xx, {reads.socket_errors} socket errors"
                )
                out += [f"{self.backend} {phase}: {failure}" for failure in reads.failures[:5]]
        if self.ingest.exit_status != 0 or self.ingest.failed:
            out.append(
                f"{self.backend}: ingest exited {self.ingest.exit_status}, {self.ingest.failed} failed"
            )
        out += [f"{self.backend} ingest: {line}" for line in self.ingest.trouble[:5]]
        out += [f"{self.backend} server: {line}" for line in self.server_trouble[:5]]
        if self.stored != self.expected:
            out.append(f"{self.backend}: {self.stored} articles stored, {self.expected} expected")
        return out


def measure(
    backend: str, url: str, start: Path, rest: Path, args: argparse.Namespace, articles: str, logs: Path
) -> Outcome:
    env = {**os.environ, "DATABASE_URL": url, "RATE_LIMIT_PER_MINUTE": "0"}
    ingest_options = ["--workers", str(args.ingest_workers), "--batch-size", str(args.batch_size)]
    subprocess.run([articles, "db", "upgrade"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"{backend}: ingesting the starting set (seed_data/ and {start.name})", flush=True)
    subprocess.run(
        [articles, "ingest", str(SEED), str(start), *ingest_options],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    before = stored_articles(url)
    servers = Servers(logs)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = servers.start(
        "server",
        [articles, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers)],
        env,
    )
    try:
        wait_ready(f"{base}/health", server)
        urls = read_urls(base)
        print(f"{backend}: {before} articles stored; serving on {base} ({args.workers} workers); reads:")
        for name, path in urls.items():
            status, body = fetch(base + path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}: {body[:300]!r}")
            print(f"  {name:<18} {path}")
        script = logs / "rotation.lua"
        script.write_text(ROTATION % ", ".join(json.dumps(p) for p in urls.values()))
        wrk = functools.partial(
            wrk_argv, base, connections=args.connections, threads=args.threads, script=script
        )
        subprocess.run(wrk(3), capture_output=True, check=True)  # warm-up: page caches, statement caches
        phases = {}

        def report(phase: str, reads: Reads) -> None:
            phases[phase] = reads
            print(
                f"{backend}: {phase:<20} {reads.rps:6.0f} req/s  p50 {reads.p50_ms:6.1f} ms  "
                f"p99 {reads.p99_ms:6.1f} ms  non-2xx {reads.non_2xx}  socket errors {reads.socket_errors}  "
                f"over {reads.seconds:.0f} s; load average {os.getloadavg()[0]:.1f} at the end",
                flush=True,
            )

        def read_only() -> Reads:
            return parse_reads(
                subprocess.run(wrk(args.duration), capture_output=True, text=True, check=True).stdout
            )

        report("read-only, before", read_only())
        # wrk first and stopped after the ingest exits: the reads overlap every write. It runs for an hour
        # at most; SIGINT makes it print its summary of the run so far.
        reads = subprocess.Popen(wrk(3600), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            time.sleep(1)
            ingest = run_ingest(articles, [rest], env, args.batch_size, ingest_options, logs)
        finally:
            reads.send_signal(signal.SIGINT)
            output, _ = reads.communicate(timeout=60)
        report("during ingest", parse_reads(output))
        # The same reads on the grown database: what the ingest's rows alone do to them.
        report("read-only, after", read_only())
    finally:
        servers.stop_all()
    server_trouble = [
        line
        for line in (logs / "server.log").read_text(errors="replace").splitlines()
        if TROUBLE.search(line) and " 200 " not in line
    ]
    return Outcome(
        backend=backend,
        phases=phases,
        ingest=ingest,
        expected=distinct_texts([SEED, start, rest]),
        stored=stored_articles(url),
        server_trouble=server_trouble,
        urls=urls,
    )


def fmt(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def print_table(outcomes: list[Outcome], args: argparse.Namespace) -> None:
    print(
        f"\nReads: wrk, {args.threads} threads, {args.connections} connections, a rotation of "
        f"{len(outcomes[0].urls)} URLs (above), one after another; "
        f"server: articles serve --workers {args.workers}; "
        f"ingest: --workers {args.ingest_workers} --batch-size {args.batch_size}. wrk, the server and the "
        "ingest share this machine's cores (and other jobs theirs): the figures are theirs together. "
        "p99 / after: against the same reads on the grown database, once the ingest is over."
    )
    header = (
        "| backend | reads | req/s | p50 ms | p99 ms | p99 / before | p99 / after | non-2xx | socket errors "
        "| ingest exit | stored | articles/s | lock errors | articles (expected) |"
    )
    print(header)
    print("|" + "|".join("---" for _ in header.split("|")[1:-1]) + "|")
    for o in outcomes:
        locks = sum("locked" in line for line in o.ingest.trouble + o.server_trouble)
        before, after = o.phases["read-only, before"], o.phases["read-only, after"]
        for phase, reads in o.phases.items():
            ingest = (
                f"{o.ingest.exit_status} | {o.ingest.stored} | {o.ingest.steady:.2f} | {locks} | "
                f"{o.stored} ({o.expected})"
                if phase == "during ingest"
                else " | | | | "
            )
            print(
                f"| {o.backend} | {phase}, {reads.seconds:.0f} s | {reads.rps:.0f} | {fmt(reads.p50_ms)} | "
                f"{fmt(reads.p99_ms)} | {reads.p99_ms / before.p99_ms:.2f} | "
                f"{reads.p99_ms / after.p99_ms:.2f} | {reads.non_2xx} | {reads.socket_errors} | {ingest} |"
            )
    for o in outcomes:
        print(
            f"{o.backend}: the ingest stored {o.ingest.stored} articles ({o.ingest.exists} already stored, "
            f"{o.ingest.failed} failed) in {o.ingest.seconds:.0f} s, its first batch committed after "
            f"{o.ingest.first_write_s:.0f} s (loading the model); articles/s counts from then on "
            f"({o.ingest.rate:.2f} over the whole run)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="BBC articles, one JSON object a line")
    parser.add_argument("--start", type=int, default=300, help="corpus articles stored before the reads")
    parser.add_argument(
        "--ingest-limit", type=int, help="corpus articles ingested during the reads (default: the rest)"
    )
    parser.add_argument("--duration", type=float, default=30, help="seconds of read-only load")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--ingest-workers", type=int, default=1, help="articles ingest --workers")
    parser.add_argument("--batch-size", type=int, default=64, help="articles ingest --batch-size")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--postgres", help="a PostgreSQL database URL to measure too")
    parser.add_argument("--reset-postgres", action="store_true", help="drop its public schema first")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("skipping: wrk not found (apt-get install -y wrk)")
        return 0
    if not args.corpus.is_file():
        print(f"skipping: no corpus at {args.corpus}")
        return 0
    articles = shutil.which("articles", path=str(Path(sys.executable).parent)) or shutil.which("articles")
    if articles is None:
        print("skipping: the `articles` command is not installed (pip install -e .)")
        return 0
    backends: list[tuple[str, str | None]] = []
    folder = Path(tempfile.mkdtemp(prefix="reads-during-ingest-"))
    if not args.skip_sqlite:
        backends.append(("SQLite", f"sqlite:///{folder / 'articles.db'}"))
    if args.postgres:
        why = postgres_ready(args.postgres, args.reset_postgres)
        if why is None:
            backends.append(("PostgreSQL", args.postgres))
        else:
            print(f"skipping PostgreSQL: {why}")
    with args.corpus.open("rb") as handle:
        lines = iter(handle.readlines())
    start, rest = folder / "start.jsonl", folder / "rest.jsonl"
    start.write_bytes(b"".join(itertools.islice(lines, args.start)))
    rest.write_bytes(b"".join(itertools.islice(lines, args.ingest_limit)))
    print(
        f"{os.cpu_count()} CPUs, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"logs in {folder}"
    )

    def on_term(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    outcomes = []
    try:
        for backend, url in backends:
            logs = folder / backend.lower()
            logs.mkdir()
            outcomes.append(measure(backend, url, start, rest, args, articles, logs))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    if outcomes:
        print_table(outcomes, args)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    problems = [p for o in outcomes for p in o.problems()]
    for problem in problems:
        print(f"FAIL {problem}")
    if not problems and outcomes:
        print("no read error, no non-2xx, no lock error, nothing lost")
    with contextlib.suppress(OSError):
        (folder / "articles.db").unlink()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
