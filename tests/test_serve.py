"""Two `articles serve` processes over one database (PostgreSQL when the suite runs on it): what one writes,
the other serves, and writes through both at once are all kept."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import MODEL, ROOT

KEY = "serve-test-key"
TEXTS = [
    "Governor Ana Ruiz said on Tuesday that the dam would be repaired by June.\n“We are ready,” Ruiz said.",
    "The harbour master, Tom Berg, said the port would stay closed.\n“Safety comes first,” Berg said.",
    "Councillor Mia Lund said the library would open on Sundays.\n“Readers asked for it,” Lund said.",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"articles serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"articles serve at {base} did not answer within 90 s:\n{log.read_text()}")


def _start(env: dict[str, str], log: Path, *args: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), *args]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    return process, f"http://127.0.0.1:{port}"


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def servers(database_url: str, tmp_path: Path) -> Iterator[list[httpx.Client]]:
    """Two server processes on their own ports, sharing `database_url`."""
    env = {**os.environ, "DATABASE_URL": database_url, "API_KEYS": KEY, "SPACY_MODEL": MODEL}
    processes, clients = [], []
    try:
        for number in range(2):
            log = tmp_path / f"serve-{number}.log"
            process, base = _start(env, log)
            processes.append(process)
            _wait_ready(base, process, log)
            clients.append(httpx.Client(base_url=base, headers={"X-API-Key": KEY}, timeout=120))
        yield clients
    finally:
        for client in clients:
            client.close()
        _stop(processes)


def test_the_database_url_option_wins_over_the_setting(database_url: str, tmp_path: Path) -> None:
    unreachable = f"sqlite:///{tmp_path}/no-such-folder/articles.db"
    env = {**os.environ, "DATABASE_URL": unreachable, "SPACY_MODEL": MODEL}
    log = tmp_path / "serve.log"
    process, base = _start(env, log, "--database-url", database_url)
    try:
        _wait_ready(base, process, log)
        assert httpx.get(f"{base}/articles").json()["items"] == []
    finally:
        _stop([process])


def test_what_one_server_writes_the_other_serves_and_deletes(servers: list[httpx.Client]) -> None:
    first, second = servers
    created = first.post("/articles", json={"text": TEXTS[0], "title": "Dam"})
    assert created.status_code == 201
    article = created.json()
    served = second.get(f"/articles/{article['id']}")
    assert served.status_code == 200 and served.json() == article
    quotes = second.get("/quotes", params={"speaker": "Ruiz"}).json()["items"]
    assert [q["text"] for q in quotes] == [q["text"] for q in article["quotes"] if q["speaker"]]
    assert quotes and quotes[0]["speaker"]["name"] == "Ana Ruiz"
    assert second.delete(f"/articles/{article['id']}").status_code == 204
    assert first.get(f"/articles/{article['id']}").status_code == 404


def test_writes_through_both_servers_at_once_are_all_kept(servers: list[httpx.Client]) -> None:
    jobs = [(servers[n % 2], text) for n, text in enumerate(TEXTS)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        responses = list(
            pool.map(
                lambda job: job[0].post(
                    "/articles", content=job[1].encode(), headers={"Content-Type": "text/plain"}
                ),
                jobs,
            )
        )
    assert [r.status_code for r in responses] == [201] * len(TEXTS)
    ids = sorted(r.json()["id"] for r in responses)
    assert len(set(ids)) == len(TEXTS)
    for client in servers:
        listed = client.get("/articles", params={"size": 10}).json()["items"]
        assert sorted(a["id"] for a in listed) == ids


def test_a_job_accepted_by_one_server_is_polled_through_the_other(servers: list[httpx.Client]) -> None:
    first, second = servers
    accepted = first.post("/articles", json={"text": TEXTS[1]}, headers={"Prefer": "respond-async"})
    assert accepted.status_code == 202
    path = f"/jobs/{accepted.json()['id']}"
    deadline = time.monotonic() + 120
    while (job := second.get(path).json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, f"the job never finished: {job}"
        time.sleep(0.1)
    assert job["status"] == "done"
    assert second.get(f"/articles/{job['article']['id']}").json()["text"] == TEXTS[1]
