"""Mixed load against one server process: reads and writes on 32 connections for a minute (issue 23).

    .venv/bin/python benchmarks/load_mixed.py [--duration 60] [--connections 32] [--write-share 0.1]
        [--database-url URL]

Starts `articles serve` (one process, on loopback, a fresh SQLite file unless --database-url names another
database, which must be empty and is migrated), stores a few articles to read, then holds `--connections`
keep-alive connections for `--duration` seconds, each sending one request after another: a write
(`POST /articles`, a text of our own making, different every time) with probability `--write-share`, else a
read picked evenly from lists, searches, filters, one article, one quote and /health. Afterwards every
article a 201 answered is read back and compared with the text sent.

Prints requests/s, p50 and p99 (all, reads, writes), the errors (any status but 200/201, a timeout, a
refused connection) and the lost writes (a 201 whose article is missing or different); exits 1 if there
are any. The client runs in this process (one event loop), so on a small machine it takes CPU from the
server: the figures are the pair's, and on a shared machine they say little about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
KEY = "load-key"
NAMES = ["Jane Smith", "Tom Reed", "Ana Lopez", "Raj Patel", "Li Wei", "Sara Cohen", "Omar Haddad"]
PLACES = ["the bridge", "the library", "the station", "the hospital", "the harbour", "the school"]
READS = [
    "/quotes?size=20",
    "/articles?size=10",
    "/quotes?q=reopen",
    "/claims?score__gte=0.2",
    "/entities?type=PERSON",
    "/quotes?speaker=Smith",
    "/health",
]


def article_text(rng: random.Random, serial: int) -> str:
    """A short news text of our own making, unique by its serial number."""
    who, other = rng.sample(NAMES, 2)
    place = rng.choice(PLACES)
    return (
        f"{who} said on Monday that {place} would reopen in May after repairs costing {serial} dollars.\n"
        f"“It is safe and it is ready,” {who.split()[1]} told reporters.\n"
        f"{other} disagreed and said {rng.randint(2, 90)} people had complained about {place} "
        f"(note {serial})."
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


class Tally:
    def __init__(self) -> None:
        self.reads: list[float] = []
        self.writes: list[float] = []
        self.errors: list[str] = []
        self.created: dict[int, str] = {}


async def one_connection(
    base: str, deadline: float, rng: random.Random, share: float, serials, tally: Tally, ids: list[int]
) -> None:
    """One keep-alive connection sending requests back to back until the deadline."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        while time.monotonic() < deadline:
            writing = rng.random() < share
            started = time.perf_counter()
            try:
                if writing:
                    text = article_text(rng, next(serials))
                    response = await client.post("/articles", json={"text": text}, headers={"X-API-Key": KEY})
                else:
                    choice = rng.randrange(len(READS) + 2)
                    if choice == len(READS):
                        path = f"/articles/{rng.choice(ids)}"
                    elif choice == len(READS) + 1:
                        path = "/quotes?size=1&fields=text"
                    else:
                        path = READS[choice]
                    response = await client.get(path)
            except httpx.HTTPError as exc:
                tally.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if writing:
                tally.writes.append(elapsed)
                if response.status_code == 201:
                    article = response.json()
                    tally.created[article["id"]] = text
                    ids.append(article["id"])
                elif response.status_code != 200:
                    tally.errors.append(f"POST /articles: {response.status_code} {response.text[:200]}")
            else:
                tally.reads.append(elapsed)
                if response.status_code != 200:
                    tally.errors.append(f"GET {path}: {response.status_code} {response.text[:200]}")


async def run_load(base: str, duration: float, connections: int, share: float, seed: int) -> Tally:
    tally = Tally()
    serials = iter(range(1, 10**9))
    async with httpx.AsyncClient(base_url=base, timeout=120, headers={"X-API-Key": KEY}) as client:
        rng = random.Random(seed)
        ids = []
        for _ in range(5):  # a few articles to read from the start (the first loads the model)
            response = await client.post("/articles", json={"text": article_text(rng, next(serials))})
            response.raise_for_status()
            ids.append(response.json()["id"])
    deadline = time.monotonic() + duration
    await asyncio.gather(
        *(
            one_connection(base, deadline, random.Random(seed + n), share, serials, tally, ids)
            for n in range(1, connections + 1)
        )
    )
    return tally


async def lost_writes(base: str, created: dict[int, str]) -> list[int]:
    """The ids a 201 answered whose article is not there, or not the text sent."""
    lost = []
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        for article_id, text in created.items():
            response = await client.get(f"/articles/{article_id}")
            if response.status_code != 200 or response.json()["text"] != text:
                lost.append(article_id)
    return lost


def wait_ready(base: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise SystemExit("the server did not answer /health in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory(prefix="load_mixed-")
    url = args.database_url or f"sqlite:///{folder.name}/load.db"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": url, "API_KEYS": KEY, "RATE_LIMIT_PER_MINUTE": "0"}
    articles = [str(ROOT / ".venv" / "bin" / "articles")]
    subprocess.run([*articles, "db", "upgrade"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    log = open(Path(folder.name) / "server.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [*articles, "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_ready(base, server)
        print(
            f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
        )
        started = time.monotonic()
        tally = asyncio.run(run_load(base, args.duration, args.connections, args.write_share, args.seed))
        elapsed = time.monotonic() - started
        lost = asyncio.run(lost_writes(base, tally.created))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        log.close()
    everything = tally.reads + tally.writes
    shape = f"{args.connections} connections, {args.duration:.0f} s, {args.write_share:.0%} writes"
    print(f"{shape}, one server process")
    print(f"requests: {len(everything)} ({len(everything) / elapsed:.1f}/s); errors: {len(tally.errors)}")
    for name, values in (("all", everything), ("reads", tally.reads), ("writes", tally.writes)):
        print(
            f"  {name:6} {len(values):6} requests  p50 {percentile(values, 0.5):8.1f} ms  "
            f"p99 {percentile(values, 0.99):8.1f} ms"
        )
    print(f"writes answered 201: {len(tally.created)}; lost writes: {len(lost)}")
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average after: {load_after}")
    for error in tally.errors[:10]:
        print(f"error: {error}", file=sys.stderr)
    folder.cleanup()
    return 1 if tally.errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
