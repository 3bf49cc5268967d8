"""Ingest: input → extraction → storage, streamed in batches so the model parses many articles per call and
the database commits many articles per transaction.

An article whose text is already stored is recognised by its hash before it is parsed, so re-running an
ingest (after a crash, say) costs little and stores nothing twice. Extraction is pluggable: in this process,
in worker processes (`app.ingest_pool`) or on a Ray cluster (`app.ingest_ray`); storage stays here.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.extract.pipeline import Extractor
from app.extract.records import Extraction
from app.extract.version import UNKNOWN
from app.inputs.articles import ArticleInput, InputError
from app.inputs.files import read_paths
from app.store.batch_writer import store_batch, stored_ids
from app.store.writer import content_hash

Job = tuple[str, date | None]
# Extraction over a stream of batches, yielding each batch's results in order.
BatchExtract = Callable[[Iterable[list[Job]]], Iterator[list[Extraction]]]


@dataclass(slots=True)
class Outcome:
    """What happened to one input: stored, already there, or failed (with the error)."""

    origin: str
    status: str
    article_id: int | None = None
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Batch:
    """One batch on its way through: outcomes known before parsing, and the articles to parse (`fresh`, in
    whatever form the batch's writer wants them, with the `jobs` the extractor parses for them)."""

    early: list[tuple[int, Outcome]]
    fresh: list[tuple[int, Any]]
    size: int
    jobs: list[Job]


# Sorts a batch of inputs with the database's help (one session for the whole stream), and stores one parsed.
Prepare = Callable[[Session, list], Batch]
Write = Callable[[Session, Batch, list[Extraction]], list[Outcome]]


def local_engine(extractor: Extractor) -> BatchExtract:
    """Extraction in this process, one `nlp.pipe` stream per batch."""

    def run(batches: Iterable[list[Job]]) -> Iterator[list[Extraction]]:
        for jobs in batches:
            yield list(extractor.extract_many(jobs))

    return run


def _inside(span: Any, start: int, end: int) -> Any:
    """`span` if it lies within [start, end), else None (a speaker or cue in a byline is no speaker)."""
    return span if span is not None and start <= span.start and span.end <= end else None


def _clip(item: Any, text: str, start: int, end: int) -> Any:
    """`item` cut to [start, end): "WASHINGTON (AP) — Aides said ..." keeps its claim, not the dateline."""
    if start <= item.start and item.end <= end:
        return item
    new_start, new_end = max(item.start, start), min(item.end, end)
    return replace(item, text=text[new_start:new_end], start=new_start, end=new_end)


def within_body(extraction: Extraction, text: str, body: tuple[int, int] | None) -> Extraction:
    """Quotes and claims kept to the article's body: none from a headline, dateline or byline."""
    if body is None:
        return extraction
    start, end = body
    quotes = [
        replace(
            _clip(q, text, start, end),
            cue=_inside(q.cue, start, end),
            speaker=_inside(q.speaker, start, end),
            channel=_inside(q.channel, start, end),
        )
        for q in extraction.quotes
        if q.start < end and q.end > start and text[max(q.start, start) : min(q.end, end)].strip()
    ]
    claims = [
        replace(
            _clip(c, text, start, end),
            claimant=_inside(c.claimant, start, end),
            quantities=[n for n in c.quantities if _inside(n, start, end)],
        )
        for c in extraction.claims
        if c.start < end and c.end > start and text[max(c.start, start) : min(c.end, end)].strip()
    ]
    return replace(extraction, quotes=quotes, claims=claims)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _prepare(session: Session, batch: list) -> Batch:
    """Sort a batch into errors, texts already stored (one query) and articles to parse."""
    early: list[tuple[int, Outcome]] = []
    fresh: list[tuple[int, ArticleInput]] = []
    hashes = [content_hash(item.text) if isinstance(item, ArticleInput) else "" for item in batch]
    known = stored_ids(session, (h for h in hashes if h))
    session.rollback()
    for position, (item, digest) in enumerate(zip(batch, hashes, strict=True)):
        if isinstance(item, InputError):
            early.append((position, Outcome(item.origin, "failed", error=item.message)))
        elif digest in known:
            early.append((position, Outcome(item.origin, "exists", article_id=known[digest])))
        else:
            fresh.append((position, item))
    return Batch(early, fresh, len(batch), [(article.text, article.published) for _, article in fresh])


def counts(extraction: Extraction) -> dict[str, int]:
    return {
        "quotes": len(extraction.quotes),
        "entities": len(extraction.entities),
        "claims": len(extraction.claims),
    }


def in_order(batch: Batch, done: list[tuple[int, Outcome]]) -> list[Outcome]:
    """The batch's early outcomes and those of its parsed articles (`done`), in input order."""
    slots: list[Outcome | None] = [None] * batch.size
    for position, outcome in [*batch.early, *done]:
        slots[position] = outcome
    return [outcome for outcome in slots if outcome is not None]


def _writer_for(version: str) -> Write:
    def write(session: Session, batch: Batch, extractions: list[Extraction]) -> list[Outcome]:
        """Store a parsed batch in one transaction; the outcomes in input order."""
        pairs = [
            (article, within_body(extraction, article.text, article.body))
            for (_, article), extraction in zip(batch.fresh, extractions, strict=True)
        ]
        results = store_batch(session, pairs, version) if pairs else []
        done = [
            (
                position,
                Outcome(
                    article.origin,
                    "stored" if created else "exists",
                    article_id=article_id,
                    counts=counts(extraction),
                ),
            )
            for (position, article), (_, extraction), (article_id, created) in zip(
                batch.fresh, pairs, results, strict=True
            )
        ]
        return in_order(batch, done)

    return write


class _Writer:
    """Storage in its own thread, so one batch is written while the next is parsed (spaCy and SQLite
    both release the GIL for much of their work); a failure there is raised in the caller's thread."""

    def __init__(self, engine: Engine, write: Write) -> None:
        self.engine = engine
        self.write = write
        self.inbox: queue.Queue[tuple[Batch, list[Extraction]] | None] = queue.Queue(maxsize=1)
        self.outbox: queue.Queue[list[Outcome] | BaseException] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with Session(self.engine, expire_on_commit=False) as session:
            while (work := self.inbox.get()) is not None:
                try:
                    self.outbox.put(self.write(session, *work))
                except BaseException as exc:
                    self.outbox.put(exc)
                    return

    def put(self, work: tuple[Batch, list[Extraction]]) -> None:
        """Hand a parsed batch to the thread; if the thread has died, raise what killed it."""
        while self.thread.is_alive():
            try:
                self.inbox.put(work, timeout=0.1)
                return
            except queue.Full:
                continue
        for _ in self.drain():
            pass
        raise RuntimeError("the ingest writer stopped")

    def drain(self) -> Iterator[Outcome]:
        """The outcomes of the batches committed so far."""
        while True:
            try:
                done = self.outbox.get_nowait()
            except queue.Empty:
                return
            if isinstance(done, BaseException):
                raise done
            yield from done

    def stop(self) -> None:
        """Let the thread finish the batches it holds, then end it."""
        while self.thread.is_alive():
            try:
                self.inbox.put(None, timeout=0.1)
                break
            except queue.Full:
                continue
        self.thread.join()


def run_batches(
    items: Iterable[Any],
    extract: BatchExtract,
    engine: Engine,
    batch_size: int,
    prepare: Prepare,
    write: Write,
) -> Iterator[Outcome]:
    """Prepare, extract and write `items` batch by batch, yielding one outcome per item as its batch is
    committed: the road both ingest and re-extraction take, with the parse beside the writes."""
    pending: deque[Batch] = deque()
    writer = _Writer(engine, write)
    try:
        with Session(engine, expire_on_commit=False) as session:

            def jobs() -> Iterator[list[Job]]:
                for raw in _batches(items, batch_size):
                    batch = prepare(session, raw)
                    pending.append(batch)
                    yield batch.jobs

            for extractions in extract(jobs()):
                writer.put((pending.popleft(), extractions))
                yield from writer.drain()
        writer.stop()
        yield from writer.drain()
    finally:
        writer.stop()


def ingest_stream(
    items: Iterable[ArticleInput | InputError],
    extract: BatchExtract,
    engine: Engine,
    batch_size: int = 64,
    version: str = UNKNOWN,
) -> Iterator[Outcome]:
    """Extract and store every article of `items`, yielding one outcome per item as its batch is committed;
    `version` is the extractor's (`app.extract.version`), stored on every article.

    Errors and duplicates are outcomes, never exceptions. Nothing is kept per article once its batch is
    written, so memory does not grow with the length of the stream.
    """
    return run_batches(items, extract, engine, batch_size, _prepare, _writer_for(version))


def ingest_articles(
    items: Iterable[ArticleInput | InputError],
    extractor: Extractor,
    engine: Engine,
    batch_size: int = 64,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Every outcome as a list: for tests and small inputs; bulk callers iterate `ingest_stream`."""
    outcomes: list[Outcome] = []
    for outcome in ingest_stream(items, local_engine(extractor), engine, batch_size, extractor.version):
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return outcomes


def ingest_paths(paths: Iterable[str], extractor: Extractor, engine: Engine, **options) -> list[Outcome]:
    return ingest_articles(read_paths(paths), extractor, engine, **options)
