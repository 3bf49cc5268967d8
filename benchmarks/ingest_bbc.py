"""Bulk ingest against the parser: the BBC corpus through bare `nlp.pipe`, then through `articles ingest` with
1 and 2 worker processes, with articles per second and the memory of the whole process tree.

Reads ../shared/corpus/bbc-news.jsonl in place (never copied into the project); each ingest writes a fresh
SQLite file in a temporary folder. Run: .venv/bin/python -m benchmarks.ingest_bbc [--limit N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import orjson

from app.config import get_settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-news.jsonl"
PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total


def children_cpu() -> float:
    """CPU seconds used so far by finished child processes (and theirs): the load-independent cost."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_rate(model: str, texts: list[str], batch_size: int) -> dict[str, float]:
    """Articles per second, and CPU ms per article, through the bare model and the model with components."""
    import spacy

    from app.extract.pipeline import Extractor

    nlp = spacy.load(model)
    extractor = Extractor(model, batch_size=batch_size)
    rates: dict[str, float] = {}
    for name, run in (
        ("bare", lambda: nlp.pipe(texts, batch_size=batch_size)),
        ("components", lambda: extractor.extract_many((text, None) for text in texts)),
    ):
        started, cpu = time.perf_counter(), time.process_time()
        for _ in run():
            pass
        rates[name] = len(texts) / (time.perf_counter() - started)
        rates[f"{name} cpu"] = (time.process_time() - cpu) / len(texts) * 1000
    return rates


def ingest_run(source: Path, workers: int, folder: Path, count: int, batch: int) -> dict[str, float]:
    """One `articles ingest` in a subprocess: its rate after the first batch, its wall time, its memory."""
    database = f"sqlite:///{folder / f'ingest-{workers}.db'}"
    command = [sys.executable, "-m", "app.cli", "ingest", str(source), "--database-url", database]
    started, cpu = time.perf_counter(), children_cpu()
    process = subprocess.Popen(
        [*command, "--workers", str(workers), "--batch-size", str(batch)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    samples: list[tuple[int, int]] = []
    done = [0]

    def sample() -> None:
        while process.poll() is None:
            samples.append((done[0], tree_rss(process.pid)))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    first = last = None
    first_done = 0
    for line in process.stdout:
        if line.startswith(("stored", "exists")):
            done[0] += 1
            last = time.perf_counter()
            if first is None:
                first, first_done = last, done[0]
    process.wait()
    sampler.join()
    wall = time.perf_counter() - started
    if process.returncode != 0 or first is None:
        raise SystemExit(f"ingest with {workers} workers failed (exit {process.returncode})")
    # Lines arrive a batch at a time: the rate counts from the first batch's arrival to the last.
    steady = (done[0] - first_done) / (last - first) if last > first else float("nan")
    peak = max(rss for _, rss in samples)
    half = max((rss for n, rss in samples if n <= count // 2), default=peak)
    cpu_ms = (children_cpu() - cpu) / count * 1000
    return {
        "steady": steady,
        "wall": count / wall,
        "peak": peak,
        "half": half,
        "stored": done[0],
        "cpu": cpu_ms,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="only the first N articles (default: all 2,225)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--batch-size", type=int, default=16, help="articles per transaction (default: 16)")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}: nothing to measure")
        return 0
    # The parse here runs with the BLAS threads `articles ingest` gives itself (app/cli.py), set before
    # numpy loads: the comparison is of the same parse, in the same conditions.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    settings = get_settings()
    with args.corpus.open("rb") as handle:
        lines = list(itertools.islice(handle, args.limit))
    texts = [orjson.loads(line)["text"] for line in lines]
    count = len(texts)
    print(f"{count} BBC articles, model {settings.spacy_model}, {os.cpu_count()} CPUs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rates = bare_rate(settings.spacy_model, texts, settings.batch_size)
    bare, components = rates["bare"], rates["components"]
    print(
        f"bare nlp.pipe (model only):               {bare:7.2f} articles/s, "
        f"{rates['bare cpu']:.0f} CPU ms/article"
    )
    print(
        f"nlp.pipe with the extraction components:  {components:7.2f} articles/s, "
        f"{rates['components cpu']:.0f} CPU ms/article"
    )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bbc.jsonl"
        source.write_bytes(b"".join(lines))
        runs = {w: ingest_run(source, w, Path(folder), count, args.batch_size) for w in (1, 2)}
    for workers, run in runs.items():
        print(
            f"articles ingest --workers {workers} --batch-size {args.batch_size}: "
            f"{run['steady']:7.2f} articles/s after the first batch, "
            f"{run['wall']:.2f} articles/s wall clock with start-up; {run['stored']:.0f} stored; "
            f"{run['cpu']:.0f} CPU ms/article, all processes, start-up included"
        )
        print(
            f"    peak memory (all processes): {run['peak'] / 2**20:,.0f} MiB; "
            f"by the half-way article: {run['half'] / 2**20:,.0f} MiB"
        )
    one, two = runs[1]["steady"], runs[2]["steady"]
    print(f"ingest (1 worker) / bare model parse:        {one / bare:.2f}x")
    print(f"ingest (1 worker) / parse with components:   {one / components:.2f}x")
    print(f"ingest with 2 workers / with 1 worker:       {two / one:.2f}x")
    print(
        "CPU per article, ingest (1 worker) / parse with components: "
        f"{runs[1]['cpu'] / rates['components cpu']:.2f}x (the cost of reading and writing, load-independent)"
    )
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(f"largest single child process (getrusage):    {children / 2**20:,.0f} MiB")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
