"""`articles watch --once` against `articles ingest` on the same HTML pages: pages per second.

The pages of ../shared/corpus/html/ (read in place, never copied into the project) are served gzipped by a web
server on 127.0.0.1 with a sitemap listing them; `watch --once` polls the sitemap, fetches every page and
ingests it, and `articles ingest` reads the same files from disk. Each writes a fresh SQLite file in a
temporary folder, with the same extraction (one worker process). The per-host delay is 0 here: this measures
the pipeline, not politeness (at the default FETCH_HOST_DELAY of 1 s one host gives at most a page a second).

Run: .venv/bin/python -m benchmarks.watch_html
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "html"


def serve(pages: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    """The pages (gzipped bodies, by path) and /sitemap.xml listing them, on 127.0.0.1 on a free port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    locs = "".join(f"<url><loc>{base}{path}</loc></url>" for path in pages)
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/sitemap.xml":
                body, kind, encoded = sitemap, "application/xml", False
            elif self.path in pages:
                body, kind, encoded = pages[self.path], "text/html; charset=utf-8", True
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if encoded:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)

    server.RequestHandlerClass = Handler
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def timed(command: list[str], env: dict[str, str], marker: str) -> dict[str, float]:
    """Run `command`; its wall time, and how many of its output lines hold `marker`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    seen = 0
    tail: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        seen += marker in line
        tail = [*tail[-3:], line.rstrip()]
    process.wait()
    wall = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"{command[3]} failed ({process.returncode}):\n" + "\n".join(tail))
    return {"wall": wall, "n": seen}


def report(name: str, pages: int, run: dict[str, float]) -> None:
    # Only the whole run compares: ingest reports its outcomes per batch of 64, watch per batch of 8.
    print(f"{name:<22} {run['n']:>4} stored  {run['wall']:6.1f} s wall  {pages / run['wall']:5.2f} pages/s")


def main() -> int:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is not here")
        return 0
    files = sorted(CORPUS.glob("*.html.gz"))
    pages = {f"/pages/{file.name.removesuffix('.gz')}": file.read_bytes() for file in files}
    server, base = serve(pages)
    env = {**os.environ, "FETCH_HOST_DELAY": "0", "OPENBLAS_NUM_THREADS": "1"}
    try:
        with tempfile.TemporaryDirectory() as folder:
            sources = Path(folder) / "sources.txt"
            sources.write_text(f"{base}/sitemap.xml\n")
            cli = [sys.executable, "-m", "app.cli"]
            ingest = timed(
                [*cli, "ingest", *map(str, files), "--database-url", f"sqlite:///{folder}/ingest.db"],
                env,
                "stored  ",
            )
            watch = timed(
                [
                    *cli,
                    "watch",
                    "--sources",
                    str(sources),
                    "--once",
                    "--database-url",
                    f"sqlite:///{folder}/w.db",
                ],
                env,
                " INFO stored ",
            )
    finally:
        server.shutdown()
    print(f"{len(files)} HTML pages from {CORPUS} (model load and migrations included in the wall time)")
    report("articles ingest FILES", len(files), ingest)
    report("articles watch --once", len(files), watch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
