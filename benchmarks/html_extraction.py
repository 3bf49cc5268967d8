"""How well HTML input recovers article bodies: word-level F1 of the text we would store against the ground
truth of the scrapinghub article-extraction benchmark (181 real pages), and the time per page.

Reads ../shared/corpus/html/ in place (never copied into the project). Run: .venv/bin/python -m
benchmarks.html_extraction [FOLDER]
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import orjson

from app.inputs.articles import InputError
from app.inputs.files import read_html_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"
WORD = re.compile(r"\w+")


def word_scores(found: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 over the multisets of casefolded words."""
    got, want = Counter(WORD.findall(found.casefold())), Counter(WORD.findall(truth.casefold()))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def main(folder: Path = CORPUS) -> int:
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        print(f"no corpus at {folder}: nothing to measure")
        return 0
    truth = orjson.loads(truth_file.read_bytes())
    scores: list[tuple[float, float, float]] = []
    failed = 0
    with_title = with_date = with_source = with_author = 0
    started = time.perf_counter()
    for key, expected in sorted(truth.items()):
        try:
            article = read_html_file(folder / f"{key}.html.gz")
        except InputError as exc:
            print(f"failed: {exc}")
            failed += 1
            scores.append((0.0, 0.0, 0.0))
            continue
        scores.append(word_scores(article.text, expected["articleBody"]))
        with_title += article.title is not None
        with_date += article.published is not None
        with_source += article.source is not None
        with_author += article.author is not None
    elapsed = time.perf_counter() - started
    pages = len(scores)
    precision, recall, f1 = (statistics.fmean(s[i] for s in scores) for i in range(3))
    print(f"pages: {pages}, failed: {failed}")
    print(f"word-level F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f}), mean over pages")
    print(f"time: {elapsed / pages * 1000:.1f} ms per page ({pages / elapsed:.1f} pages/s, one process)")
    print(
        f"metadata found: title {with_title}/{pages}, published {with_date}/{pages}, "
        f"source {with_source}/{pages}, author {with_author}/{pages}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
