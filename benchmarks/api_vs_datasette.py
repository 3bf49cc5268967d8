"""Our API on SQLite and on PostgreSQL against Datasette, on the same data, under the same concurrent load
(issues 6 and 22).

    .venv/bin/pip install -e '.[bench]'          # Datasette; and Debian's wrk: apt-get install -y wrk
    .venv/bin/python benchmarks/api_vs_datasette.py [--articles 100000] [--quotes 1000000]
        [--duration 12] [--warmup 3] [--connections 32] [--threads 2] [--workers 2] [--runs 2]
        [--db PATH] [--rebuild] [--orm] [--build-only] [--skip-datasette] [--ours-src DIR]
        [--postgres URL] [--rebuild-postgres] [--queries NAME,NAME...]

1. Builds (once: later runs reuse it; about 9 minutes on a busy two-core machine) a database through the
   project's storage layer: the Alembic migrations, the models' tables and the writer's rules, fed with
   synthetic `Extraction` records (no spaCy): Zipf-distributed speakers (1-4 per article) and words,
   about 6,000 entities with aliases, quotes of 10-60 words, direct/mixed/indirect, dates over ten years,
   a claim in every other article. Rows are written by `BulkWriter` (Core executemany of exactly the rows
   `writer.save_article` stores, checked table by table against `batch_writer.store_batch` on 400 articles
   before every build); `--orm` writes through `store_batch` itself (~10 ms of CPU per article: hours).
   A sidecar `PATH.json` records what was built; a database at an older revision is upgraded in place.
2. With `--postgres URL` (`postgresql+psycopg://USER:PASS@HOST:PORT/DB`, a database the benchmark may
   empty), loads the same rows into PostgreSQL: its tables are dropped, the project's Alembic migrations make
   them again, every table's rows are COPYed from the SQLite file in foreign-key order (secondary indexes and
   foreign keys dropped during the copy and made again after, as pg_restore does; the search columns are
   PostgreSQL's generated tsvectors, computed from the copied text as for rows the app writes), sequences
   are set past the highest ids, then VACUUM (ANALYZE). A sidecar `PATH.postgres.json` records the load;
   later runs reuse it while it matches the SQLite build and PostgreSQL's counts (`--rebuild-postgres`
   loads again). Without `--postgres`, or when the server does not answer, PostgreSQL is skipped with a
   message. Before the load test, every query's request is answered once in-process on PostgreSQL and the
   statements the storage layer issues are captured and run again under `EXPLAIN (ANALYZE, BUFFERS)`:
   the plans go to `plans-postgres.txt` in the run's log folder (its path is printed).
3. Serves it with `articles serve --workers N` on SQLite, the same on PostgreSQL (DATABASE_URL), and
   `datasette serve -i` (immutable, read-only, one process as Datasette runs; its FTS tables are named in a
   metadata file, since Datasette detects only `content="table"` and the migration writes `content='table'`).
4. Checks that every URL answers 200 on every server, then drives each with `wrk --latency` (a warm-up,
   then the measured run), one URL on one server at a time, `--runs` times over, and prints requests/s,
   p50 and p99 for each query on each server side by side, ours on SQLite against Datasette, ours on
   PostgreSQL against ours on SQLite, each against its own `/health`, and the CPU time per request of the
   server's processes (for PostgreSQL also of the database's backends; steadier than requests/s when other
   jobs share the machine). Queries: quotes by speaker, full-text search, filtered search, facets,
   entities by type, an entity page (an organisation) and whom it mentions, a person's page, an article
   with its extraction, an article's row, a CSV export (Datasette's nearest equivalent where it has one);
   `--queries` measures the ones it names only.
   Targets (issue 22): on SQLite >= 5x Datasette on every query both answer, p99 <= 50 ms at 32
   connections (quotes by speaker 25 ms, search 35 ms), quotes by speaker >= 1/4 of /health (issue 6); on
   PostgreSQL p99 <= 50 ms and >= 0.7x SQLite's requests/s on every query.

Exits 0 with a message when wrk or datasette is missing. Servers it started (each in its own process
group) are stopped on exit, error, Ctrl-C or SIGTERM. `--ours-src DIR` serves ours from another source tree
(e.g. `git archive` of an older commit) for before/after numbers.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import itertools
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = 1
BATCH_ARTICLES = 500
SEARCH_WORD = "refugees"
SEARCH_WORD_RANK = 350  # its rank in the word distribution: in roughly 1% of quotes
EXPORT_QUOTES = 500
TARGET_RATIO = 5.0  # ours on SQLite against Datasette, on every query both answer (issue 22; issue 6 asked 3)
TARGET_P99_MS = 50.0  # every query, on SQLite and on PostgreSQL
TARGET_P99_MS_BY_QUERY = {"quotes by speaker": 25.0, "full-text search": 35.0}  # on SQLite (issue 22)
TARGET_CEILING_SHARE = 0.25
TARGET_PG_SHARE = 0.7  # PostgreSQL's req/s against SQLite's, on every query

# ---------------------------------------------------------------------------------------------------------
# Synthetic data
# ---------------------------------------------------------------------------------------------------------

FUNCTION_WORDS = (  # noqa: SIM905
    "the of and to a in that is for it on was with he as be at by this had not are but from or have "
    "an they which one you were her all she there would their we him been has when who will more no "
    "if out so said what up its about into than them can only other new some could time these two may "
    "then do first any my now such like our over man me even most made after also did many before "
    "must through back years where much your way well down should because each just those people how "
    "too little state good very make world still own see men work long get here between both life "
    "being under never day same another know while last might us great old year off come since "
    "against go came right used take"
).split()
TOPIC_WORDS = (  # noqa: SIM905
    "government election ceasefire sanctions economy inflation parliament minister border troops "
    "police protest investigation court vaccine hospital budget taxes unemployment energy pipeline "
    "climate drought flood harvest exports imports negotiations treaty summit embassy militants "
    "airstrike humanitarian aid corruption scandal referendum coalition opposition reform pension "
    "strike union wages housing schools teachers students university research technology internet "
    "privacy security"
).split()
FIRST_NAMES = (  # noqa: SIM905
    "James Mary Ahmed Olga Wei Sofia Juan Fatima Ivan Aisha Pierre Anna Kenji Maria Omar Elena Luis "
    "Chen Hannah David Sara Mohammed Laura Viktor Amina Carlos Yuki Ali Nadia Peter Ines Sergei Leila "
    "John Marta Hassan Grace Pablo Irina Daniel Zainab Thomas Rosa Dmitri Emma Ravi Priya Jean Lucia "
    "Andrei Nora Kwame Ama Tariq Ingrid Lars Mei Hiroshi Ayesha Miguel Clara Felix Dina Yusuf Vera "
    "Hugo Alice"
).split()
SYLLABLES = (  # noqa: SIM905
    "ka ri to na mi sa lo ve du ben tor ash mon gre lin vik sol pa ra ne qu har ost lev mar zan bel "
    "chen dor fel gor hul jin kol mur nor pel rus sten tak urb vol wen yar zel"
).split()
ORG_SUFFIXES = ("Ministry", "Council", "Party", "Bank", "Agency", "Group", "Institute", "Union", "Front")
ORG_PREFIXES = ("National", "United", "Federal", "Central", "Democratic", "Popular", "Northern", "Royal")
TITLES = ("President", "Minister", "Senator", "General", "Dr.", "Governor", "Ambassador", "Chairman")
SOURCES = [
    f"{w} {s}"
    for w in ("Daily", "Global", "Metro", "Evening", "Capital", "Herald")
    for s in ("News", "Times", "Post", "Wire", "Tribune", "Observer", "Gazette")
]
UNNAMED = ("officials", "a spokesman", "witnesses", "a senior official", "analysts", "sources")
CUES = ("said", "told reporters", "added", "warned", "insisted", "claimed")


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The entities (name, type, aliases), the speakers' Zipf weights and the word distribution."""

    entities: list[tuple[str, str, list[str]]]
    speakers: list[int]  # indexes into entities, most frequent first
    speaker_cum: list[float]
    others: list[int]
    other_cum: list[float]
    words: list[str]
    word_cum: list[float]


def _cumulative(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (r**s) for r in range(1, n + 1)))


def catalogue(seed: int) -> Catalogue:
    """The same names, aliases and vocabulary for the same seed, in every process."""
    rng = random.Random(seed)
    entities: list[tuple[str, str, list[str]]] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, type_: str, aliases: list[str]) -> None:
        if (name.casefold(), type_) not in seen:
            seen.add((name.casefold(), type_))
            entities.append((name, type_, aliases))

    while len(entities) < 3000:  # people: "Olga Benmar", aliases "Benmar", "President Benmar"
        surname = _word(rng, rng.choice((2, 3))).capitalize()
        name = f"{rng.choice(FIRST_NAMES)} {surname}"
        add(name, "PERSON", [surname] + ([f"{rng.choice(TITLES)} {surname}"] if rng.random() < 0.5 else []))
    while len(entities) < 4500:  # organisations with acronyms
        words = [rng.choice(ORG_PREFIXES), _word(rng, 2).capitalize(), rng.choice(ORG_SUFFIXES)]
        add(" ".join(words), "ORG", ["".join(w[0] for w in words).upper()])
    while len(entities) < 5500:  # places
        name = _word(rng, rng.choice((2, 3))).capitalize()
        add(name, rng.choice(("GPE", "GPE", "LOC")), [f"{name}ia"] if rng.random() < 0.2 else [])
    while len(entities) < 6000:
        add(
            _word(rng, 3).capitalize() + " " + rng.choice(("Accord", "Summit", "Act", "Games")),
            rng.choice(("EVENT", "LAW", "NORP")),
            [],
        )
    people = [i for i, e in enumerate(entities) if e[1] == "PERSON"]
    orgs = [i for i, e in enumerate(entities) if e[1] == "ORG"]
    speakers = people + orgs[:300]
    rng.shuffle(speakers)
    others = [i for i, e in enumerate(entities) if e[1] != "PERSON"]
    rng.shuffle(others)
    vocabulary: list[str] = []
    known: set[str] = set()
    for w in FUNCTION_WORDS:
        if w not in known:
            known.add(w)
            vocabulary.append(w)
    topics = list(TOPIC_WORDS)
    while len(vocabulary) < 8000:
        if len(vocabulary) == SEARCH_WORD_RANK:
            w = SEARCH_WORD
        elif topics and rng.random() < 0.05:
            w = topics.pop()
        else:
            w = _word(rng, rng.choice((1, 2, 2, 3)))
        if w not in known:
            known.add(w)
            vocabulary.append(w)
    return Catalogue(
        entities,
        speakers,
        _cumulative(len(speakers), 1.1),
        others,
        _cumulative(len(others), 1.0),
        vocabulary,
        _cumulative(len(vocabulary), 1.0),
    )


class _Text:
    """An article text built piece by piece, returning the offsets of each piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start, self.pos

    def value(self) -> str:
        return "".join(self.parts)


def _pick(rng: random.Random, items: list, cum: list[float]):
    return items[bisect.bisect(cum, rng.random() * cum[-1])]


def _sentence(rng: random.Random, cat: Catalogue, low: int, high: int) -> str:
    words = rng.choices(cat.words, cum_weights=cat.word_cum, k=rng.randint(low, high))
    return " ".join(words).capitalize()


def make_batch(job: tuple[int, int, int, int, int]) -> list:
    """Articles `first`..`first+count-1` with `quotes` quotes among them: (ArticleInput, Extraction) pairs."""
    from app.extract.records import Claim, Entity, Extraction, Mention, Quantity, Quote, Speaker, TextSpan
    from app.inputs.articles import ArticleInput

    seed, first, count, quotes, days = job
    cat = catalogue(seed)
    rng = random.Random(seed * 1_000_003 + first)
    per_article = [1] * count
    for i in rng.choices(range(count), k=max(0, quotes - count)):
        per_article[i] += 1
    start_day = date(2015, 1, 1)
    pairs = []
    for n, n_quotes in zip(range(first, first + count), per_article, strict=True):
        text = _Text()
        title = _sentence(rng, cat, 5, 10)
        text.add(title + "\n\n")
        entities: list[Entity] = []
        index_of: dict[int, int] = {}

        def entity_index(e: int, entities=entities, index_of=index_of) -> int:
            if e not in index_of:
                name, type_, aliases = cat.entities[e]
                index_of[e] = len(entities)
                entities.append(Entity(name=name, type=type_, aliases=list(aliases), salience=rng.random()))
            return index_of[e]

        for _ in range(rng.randint(1, 3)):  # places and organisations the article is about
            e = _pick(rng, cat.others, cat.other_cum)
            k = entity_index(e)
            text.add(_sentence(rng, cat, 6, 14) + " in ")
            start, end = text.add(cat.entities[e][0])
            entities[k].mentions.append(Mention(cat.entities[e][0], start, end))
            text.add(". ")
        cast = [_pick(rng, cat.speakers, cat.speaker_cum) for _ in range(rng.randint(1, 4))]
        quotes_out: list[Quote] = []
        for _ in range(n_quotes):
            if rng.random() < 0.3:
                text.add(_sentence(rng, cat, 8, 20) + ". ")
            body = _sentence(rng, cat, 10, 60)
            kind = rng.choices(("direct", "mixed", "indirect"), weights=(6, 1, 3))[0]
            cue = rng.choice(CUES)
            e = rng.choices(cast, weights=(4, 2, 1, 1)[: len(cast)])[0] if rng.random() < 0.85 else None
            if e is None:
                who, k = rng.choice(UNNAMED), None
            else:
                name, _type, aliases = cat.entities[e]
                who = rng.choice([name, *aliases])
                k = entity_index(e)
            if kind == "indirect":
                quoted = body[0].lower() + body[1:]
                s = text.add(who)
                text.add(" ")
                c = text.add(cue)
                text.add(" that ")
                q = text.add(quoted)
                text.add(". ")
            else:
                quoted = body
                text.add("“")
                q = text.add(quoted)
                text.add(",” ")
                s = text.add(who)
                text.add(" ")
                c = text.add(cue)
                text.add(". ")
            if k is not None and not entities[k].mentions:  # the first mention only: a cheaper build
                entities[k].mentions.append(Mention(who, *s))
            quotes_out.append(
                Quote(
                    text=quoted,
                    start=q[0],
                    end=q[1],
                    kind=kind,
                    cue=TextSpan(cue, *c),
                    speaker=Speaker(who, *s, name=cat.entities[e][0] if e is not None else None, entity=k),
                    channel=TextSpan("Reuters", 0, 0) if rng.random() < 0.02 else None,
                )
            )
        claims: list[Claim] = []
        if rng.random() < 0.5:
            figure = rng.randint(2, 900)
            claim_text = f"{_sentence(rng, cat, 6, 16)} {figure} percent"
            start, end = text.add(claim_text)
            text.add(". ")
            claims.append(
                Claim(
                    text=claim_text,
                    start=start,
                    end=end,
                    kind=rng.choice(("attributed", "statistic", "factual")),
                    stance=rng.choice(("asserts", "asserts", "denies", "accuses", "alleges")),
                    claimant=None,
                    score=round(rng.random(), 3),
                    quantities=[
                        Quantity(
                            f"{figure} percent", end - len(f"{figure} percent"), end, float(figure), "percent"
                        )
                    ],
                )
            )
        for entity in entities:
            entity.roles = ["speaker"] if entity.type == "PERSON" else []
        published = start_day + timedelta(days=rng.randrange(days))
        article = ArticleInput(
            text=text.value(),
            origin=f"bench:{n}",
            title=title,
            source=_pick(rng, SOURCES, _cumulative(len(SOURCES), 1.0)),
            author=f"{rng.choice(FIRST_NAMES)} {_word(rng, 2).capitalize()}",
            url=f"https://news.example/{n}",
            published=published,
        )
        pairs.append((article, Extraction(quotes=quotes_out, entities=entities, claims=claims)))
    return pairs


# ---------------------------------------------------------------------------------------------------------
# Building and caching the database
# ---------------------------------------------------------------------------------------------------------


def head_revision(url: str) -> str:
    from alembic.script import ScriptDirectory

    from app.store.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def stored_revision(path: Path) -> str | None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
    except sqlite3.Error:
        return None


def _build_engine(url: str):
    from sqlalchemy import event

    from app.store.db import make_engine

    engine = make_engine(url)

    def bigger_cache(dbapi_connection, _record) -> None:  # building only: fewer page reads
        dbapi_connection.execute("PRAGMA cache_size=-262144")
        dbapi_connection.execute("PRAGMA temp_store=MEMORY")

    event.listen(engine, "connect", bigger_cache)
    return engine


class BulkWriter:
    """The rows `writer.save_article` stores for each article (built by the writer's own `article_row` and
    `extraction_rows`), with the entities resolved in memory instead of queried per article and many articles
    per executemany: the same tables, name keys, entity reuse and alias rules, ids in the same order.

    `check_bulk_writer` proves on a few hundred articles that both paths store identical rows.
    """

    def __init__(self, connection) -> None:
        from app.store.models import Entity, EntityAlias

        self.connection = connection
        self.entities = {
            (k, t): i
            for i, k, t in connection.execute(
                Entity.__table__.select().with_only_columns(Entity.id, Entity.name_key, Entity.type)
            )
        }
        self.types = {i: t for (_k, t), i in self.entities.items()}
        self.keys = {i: k for (k, _t), i in self.entities.items()}
        self.aliases: dict[int, set[str]] = {}
        self.owners: dict[tuple[str, str], set[int]] = {}  # (alias key, type) -> entities with that alias
        for entity_id, key in connection.execute(
            EntityAlias.__table__.select().with_only_columns(EntityAlias.entity_id, EntityAlias.alias_key)
        ):
            self.aliases.setdefault(entity_id, set()).add(key)
            self.owners.setdefault((key, self.types[entity_id]), set()).add(entity_id)
        self.hashes: set[str] = set()
        self.next_id = {}
        from sqlalchemy import func, select

        from app.store.models import Article

        for model in (Article, Entity, EntityAlias):
            top = connection.execute(select(func.max(model.__table__.c.id))).scalar()
            self.next_id[model.__tablename__] = (top or 0) + 1

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def _entity(self, rows: dict[str, list], name: str, type_: str, aliases: list[str]) -> int:
        from app.store.writer import name_key

        key = name_key(name)
        entity_id = self.entities.get((key, type_))
        if entity_id is None:  # as writer._known_entity: the one entity of this type with the name as alias
            owners = self.owners.get((key, type_), set())
            if type_ == "PERSON":  # a person is joined by surname only, never by a first name
                owners = {o for o in owners if self.keys[o].endswith(" " + key)}
            entity_id = next(iter(owners)) if len(owners) == 1 else None
        if entity_id is None:
            entity_id = self._id("entities")
            self.keys[entity_id] = key
            self.entities.setdefault((key, type_), entity_id)
            self.types[entity_id] = type_
            rows["entities"].append({"id": entity_id, "name": name, "name_key": key, "type": type_})
        known = self.aliases.setdefault(entity_id, set())
        for alias in [name, *aliases]:
            alias_key = name_key(alias)
            if alias_key and alias_key not in known:
                known.add(alias_key)
                self.owners.setdefault((alias_key, type_), set()).add(entity_id)
                rows["entity_aliases"].append(
                    {
                        "id": self._id("entity_aliases"),
                        "entity_id": entity_id,
                        "alias": alias,
                        "alias_key": alias_key,
                    }
                )
        return entity_id

    def store(self, pairs: list) -> None:
        """The storage layer's own rows (`writer.article_row`, `writer.extraction_rows`), ids counted here."""
        from app.store import counts
        from app.store.models import Article, ArticleEntity, Claim, Entity, EntityAlias, Mention, Quote
        from app.store.writer import article_row, extraction_rows

        tables = [Article, Entity, EntityAlias, ArticleEntity, Mention, Quote, Claim]
        rows: dict[str, list] = {m.__tablename__: [] for m in tables}
        for article, extraction in pairs:
            row = article_row(article)
            if row["content_hash"] in self.hashes:
                continue
            self.hashes.add(row["content_hash"])
            article_id = self._id("articles")
            rows["articles"].append({"id": article_id, **row})
            ids = [self._entity(rows, e.name, e.type, e.aliases) for e in extraction.entities]
            for model, extracted in extraction_rows(article_id, extraction, ids).items():
                rows[model.__tablename__].extend(extracted)
        for model in tables:
            batch = rows[model.__tablename__]
            if batch:
                self.connection.execute(model.__table__.insert(), batch)
        counts.apply(self.connection, counts.of_rows(rows))


def _fresh(path: Path) -> str:
    from app.store.migrate import upgrade

    for suffix in ("", "-wal", "-shm", ".json"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    upgrade(url)
    return url


def _jobs(articles: int, quotes: int, seed: int) -> list[tuple[int, int, int, int, int]]:
    jobs = []
    for b in range(math.ceil(articles / BATCH_ARTICLES)):
        first = b * BATCH_ARTICLES
        count = min(BATCH_ARTICLES, articles - first)
        share = (quotes * (first + count)) // articles - (quotes * first) // articles
        jobs.append((seed, first, count, share, 3650))
    return jobs


def check_bulk_writer(seed: int, articles: int = 400) -> None:
    """Store the same articles through `batch_writer.store_batch` and through BulkWriter; fail unless every
    table (but `ingested_at`) and every full-text index holds the same."""
    from sqlmodel import Session

    from app.store.batch_writer import store_batch

    with tempfile.TemporaryDirectory() as folder:
        jobs = _jobs(articles, articles * 10, seed)
        orm, bulk = Path(folder) / "orm.db", Path(folder) / "bulk.db"
        engine = _build_engine(_fresh(orm))
        with Session(engine, expire_on_commit=False) as session:
            for job in jobs:
                store_batch(session, make_batch(job))
        engine.dispose()
        engine = _build_engine(_fresh(bulk))
        with engine.begin() as connection:
            writer = BulkWriter(connection)
            for job in jobs:
                writer.store(make_batch(job))
        engine.dispose()
        a, b = sqlite3.connect(orm), sqlite3.connect(bulk)
        tables = [
            r[0]
            for r in a.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND "
                "name NOT LIKE '%_fts%' AND name != 'alembic_version'"
            )
        ]
        for table in tables:
            columns = [r[1] for r in a.execute(f"PRAGMA table_info({table})") if r[1] != "ingested_at"]
            sql = f"SELECT {', '.join(chr(34) + c + chr(34) for c in columns)} FROM {table} ORDER BY 1, 2"
            if a.execute(sql).fetchall() != b.execute(sql).fetchall():
                raise RuntimeError(f"BulkWriter differs from the storage layer in table {table}")
        for fts in ("quotes_fts", "claims_fts", "articles_fts"):
            sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid"
            if a.execute(sql, (SEARCH_WORD,)).fetchall() != b.execute(sql, (SEARCH_WORD,)).fetchall():
                raise RuntimeError(f"BulkWriter differs from the storage layer in {fts}")
        a.close()
        b.close()
    print(f"database: BulkWriter checked against batch_writer.store_batch on {articles} articles: identical")


def build(path: Path, articles: int, quotes: int, seed: int, orm: bool) -> float:
    """A new database at `path`: migrations, then the articles; seconds taken."""
    from sqlmodel import Session

    from app.store.batch_writer import store_batch

    started = time.perf_counter()
    engine = _build_engine(_fresh(path))
    jobs = _jobs(articles, quotes, seed)
    done = 0
    context = multiprocessing.get_context("fork")
    with (
        context.Pool(2) as pool,
        Session(engine, expire_on_commit=False) as session,
        engine.connect() as connection,
    ):
        writer = None if orm else BulkWriter(connection)
        for pairs in pool.imap(make_batch, jobs):  # generation in the other process, writing here
            if writer is None:
                store_batch(session, pairs)
            else:
                writer.store(pairs)
                connection.commit()
            done += len(pairs)
            elapsed = time.perf_counter() - started
            if done % 10_000 < BATCH_ARTICLES or done == articles:
                rate = done / elapsed
                print(
                    f"  {done:>9,} articles  {elapsed:7.0f} s  {rate:6.0f}/s  "
                    f"eta {(articles - done) / rate:5.0f} s",
                    flush=True,
                )
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    meta = {
        "generator": GENERATOR_VERSION,
        "articles": articles,
        "quotes": quotes,
        "seed": seed,
        "writer": "orm" if orm else "bulk",
        "build_seconds": round(seconds, 1),
    }
    Path(f"{path}.json").write_text(json.dumps(meta, indent=1))
    return seconds


def ensure_database(path: Path, articles: int, quotes: int, seed: int, rebuild: bool, orm: bool) -> None:
    url = f"sqlite:///{path}"
    head = head_revision(url)
    sidecar = Path(f"{path}.json")
    wanted = {"generator": GENERATOR_VERSION, "articles": articles, "quotes": quotes, "seed": seed}
    meta = json.loads(sidecar.read_text()) if sidecar.is_file() else {}
    same = path.is_file() and all(meta.get(k) == v for k, v in wanted.items())
    if same and not rebuild:
        revision = stored_revision(path)
        if revision == head:
            print(f"database: reusing {path} (revision {head}; built in {meta.get('build_seconds')} s)")
            return
        from app.store.migrate import upgrade

        print(f"database: {path} is at revision {revision}; upgrading to {head}")
        started = time.perf_counter()
        upgrade(url)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"database: upgraded in {time.perf_counter() - started:.1f} s")
        return
    if not orm:
        check_bulk_writer(seed)
    how = "batch_writer.store_batch" if orm else "BulkWriter"
    print(f"database: building {path}: {articles:,} articles, {quotes:,} quotes (seed {seed}), with {how}")
    seconds = build(path, articles, quotes, seed, orm)
    size = path.stat().st_size / 2**20
    print(f"database: built in {seconds:.0f} s ({seconds / 60:.1f} min), {size:,.0f} MiB")


# ---------------------------------------------------------------------------------------------------------
# The same database on PostgreSQL
# ---------------------------------------------------------------------------------------------------------


def postgres_urls(url: str) -> tuple[str, str]:
    """(the app's SQLAlchemy URL, psycopg's conninfo) for a postgresql:// or postgresql+psycopg:// URL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    app_url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    return app_url, conninfo


def postgres_answers(conninfo: str) -> str | None:
    """None when the server answers, else why not."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(conninfo, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]
    return None


def _postgres_counts(conninfo: str) -> dict[str, int] | None:
    import psycopg

    try:
        with psycopg.connect(conninfo, connect_timeout=5) as conn:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = {
                t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "quotes")
            }
    except psycopg.Error:
        return None
    return {"revision": revision[0] if revision else None, **counts}


def _sqlite_meta(path: Path) -> dict:
    meta = json.loads(Path(f"{path}.json").read_text())
    return {k: meta.get(k) for k in ("generator", "articles", "quotes", "seed", "writer", "build_seconds")}


def load_postgres(path: Path, app_url: str, conninfo: str) -> dict:
    """The SQLite file's rows copied into an emptied PostgreSQL database, migrated by the project's Alembic.

    COPY in foreign-key order, with the secondary indexes and foreign keys dropped first and made again after
    (as pg_restore does: one sorted build instead of a million inserts into each index), sequences set past
    the highest ids, then VACUUM ANALYZE (what autovacuum leaves a steady database with). The tsvector
    columns are generated by PostgreSQL from the copied text, as for rows the app writes.
    """
    import psycopg
    from psycopg import sql
    from sqlalchemy import MetaData

    from app.store.db import make_engine
    from app.store.migrate import upgrade

    started = time.perf_counter()
    engine = make_engine(app_url)
    old = MetaData()
    old.reflect(engine)
    old.drop_all(engine)
    engine.dispose()
    upgrade(app_url)
    engine = make_engine(app_url)
    order = MetaData()
    order.reflect(engine)
    tables = [t.name for t in order.sorted_tables if t.name != "alembic_version"]
    engine.dispose()
    print(f"postgres: migrated in {time.perf_counter() - started:.1f} s; copying {len(tables)} tables")
    lite = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows: dict[str, int] = {}
    with psycopg.connect(conninfo) as conn:
        conn.execute("SET timezone = 'UTC'")  # SQLite's timestamps were written in UTC without an offset
        conn.execute("SET maintenance_work_mem = '512MB'")
        foreign = conn.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
        ).fetchall()
        indexes = conn.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = current_schema()::regnamespace "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
        ).fetchall()
        for table, name, _ in foreign:
            conn.execute(
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
            )
        for name, _ in indexes:
            conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
        for table in tables:
            t0 = time.perf_counter()
            columns = [
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                    "AND table_schema = current_schema() AND is_generated = 'NEVER' "
                    "ORDER BY ordinal_position",
                    (table,),
                )
            ]
            present = {r[1] for r in lite.execute(f'PRAGMA table_info("{table}")')}
            if set(columns) - present:
                raise RuntimeError(f"{table}: columns {sorted(set(columns) - present)} are not in {path}")
            copy = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
            )
            select = f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{table}"'
            count = 0
            with conn.cursor().copy(copy) as out:
                for row in lite.execute(select):
                    out.write_row(row)
                    count += 1
            rows[table] = count
            print(f"  {table:<18} {count:>10,} rows  {time.perf_counter() - t0:6.1f} s", flush=True)
        t0 = time.perf_counter()
        for _, definition in indexes:
            conn.execute(definition)
        for table, name, definition in foreign:
            conn.execute(
                sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
                + sql.SQL(definition)
            )
        serials = conn.execute(
            "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL"
        ).fetchall()
        for table, column_, sequence in serials:  # the next id the app inserts follows the copied ones
            top = conn.execute(
                sql.SQL("SELECT max({}) FROM {}").format(sql.Identifier(column_), sql.Identifier(table))
            ).fetchone()[0]
            conn.execute("SELECT setval(%s, %s, %s)", (sequence, top or 1, top is not None))
        print(
            f"postgres: {len(indexes)} indexes and {len(foreign)} foreign keys made again in "
            f"{time.perf_counter() - t0:.1f} s"
        )
    lite.close()
    t0 = time.perf_counter()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    print(f"postgres: VACUUM (ANALYZE) in {time.perf_counter() - t0:.1f} s")
    return {"rows": rows, "load_seconds": round(time.perf_counter() - started, 1)}


def ensure_postgres(path: Path, app_url: str, conninfo: str, rebuild: bool) -> None:
    """Load the SQLite file into PostgreSQL unless the sidecar `PATH.postgres.json` says this database already
    holds it (same SQLite build and revision, and PostgreSQL's own counts agree)."""
    from sqlalchemy.engine import make_url

    sidecar = Path(f"{path}.postgres.json")
    wanted = {
        "url": make_url(app_url).render_as_string(hide_password=True),
        "sqlite": _sqlite_meta(path),
        "revision": stored_revision(path),
    }
    meta = json.loads(sidecar.read_text()) if sidecar.is_file() else {}
    if not rebuild and all(meta.get(k) == v for k, v in wanted.items()):
        counts = _postgres_counts(conninfo)
        expected = {
            "revision": wanted["revision"],
            "articles": meta["rows"]["articles"],
            "quotes": meta["rows"]["quotes"],
        }
        if counts == expected:
            print(f"postgres: reusing {wanted['url']} (loaded in {meta.get('load_seconds')} s; {sidecar})")
            return
    sidecar.unlink(missing_ok=True)
    print(f"postgres: loading {path} into {wanted['url']} (its tables are dropped first)")
    loaded = load_postgres(path, app_url, conninfo)
    sidecar.write_text(json.dumps({**wanted, **loaded}, indent=1))
    print(f"postgres: loaded in {loaded['load_seconds']:.0f} s ({loaded['load_seconds'] / 60:.1f} min)")


@dataclass(slots=True)
class Targets:
    speaker_name: str
    speaker_id: int
    speaker_quotes: int
    search_matches: int
    entity_people: int
    article_id: int
    export_speaker_id: int  # a speaker with about EXPORT_QUOTES quotes, for the CSV export
    export_quotes: int
    person_id: int  # the person in the most articles; every link gives the synthetic people roles
    person_links: int


def pick_targets(path: Path) -> Targets:
    """A frequent speaker (the third most quoted), the search word's match count, an article in the middle, a
    speaker whose quotes make a CSV export of a few hundred rows, the person in the most articles (the
    speaker is an organisation, whose links give no roles; a person's all do)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        top = conn.execute(
            "SELECT speaker_entity_id, count(*) FROM quotes WHERE speaker_entity_id IS NOT NULL "
            "GROUP BY speaker_entity_id ORDER BY count(*) DESC LIMIT 3"
        ).fetchall()
        speaker_id, speaker_quotes = top[-1]
        name = conn.execute("SELECT name FROM entities WHERE id = ?", (speaker_id,)).fetchone()[0]
        matches = conn.execute(
            "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (f'"{SEARCH_WORD}"',)
        ).fetchone()[0]
        people = conn.execute("SELECT count(*) FROM entities WHERE type = 'PERSON'").fetchone()[0]
        last = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
        export_id, export_quotes = conn.execute(
            "SELECT speaker_entity_id, count(*) FROM quotes WHERE speaker_entity_id IS NOT NULL "
            "GROUP BY speaker_entity_id ORDER BY abs(count(*) - ?), speaker_entity_id LIMIT 1",
            (EXPORT_QUOTES,),
        ).fetchone()
        person_id, person_links = conn.execute(
            "SELECT entity_id, count(*) FROM article_entities WHERE entity_id IN (SELECT id FROM entities "
            "WHERE type = 'PERSON') GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    return Targets(
        name,
        speaker_id,
        speaker_quotes,
        matches,
        people,
        last // 2,
        export_id,
        export_quotes,
        person_id,
        person_links,
    )


# ---------------------------------------------------------------------------------------------------------
# Servers and load
# ---------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """Processes this run started, each in its own process group, stopped by their ids on exit."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.procs: list[subprocess.Popen] = []

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            argv, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT, start_new_session=True
        )
        self.procs.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        if proc in self.procs:
            self.procs.remove(proc)

    def stop_all(self) -> None:
        for proc in list(self.procs):
            self.stop(proc)


def fetch(url: str, timeout: float = 30.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_ready(url: str, proc: subprocess.Popen, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with code {proc.returncode}")
        try:
            status, _ = fetch(url, timeout=5)
            if status == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {seconds:.0f} s")


@dataclass(slots=True)
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    cpu_ms: float = math.nan  # server CPU time (all its processes) per request: steadier than req/s
    load: float = math.nan  # the machine's 1-minute load average when the run ended


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of process `root` and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    total = 0.0
    for pid, seconds in times.items():
        p = pid
        while p > 1 and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += seconds
    return total


def _process_cpu_seconds(pid: int) -> float | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backends_cpu_seconds(conninfo: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend connected to the benchmark's database (ours on PostgreSQL's
    pool), so its CPU per request counts the database's work too. Backends that leave mid-run are missed."""
    import psycopg

    with psycopg.connect(conninfo, connect_timeout=5) as conn:
        pids = [
            r[0]
            for r in conn.execute(
                "SELECT pid FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ]
    return {pid: seconds for pid in pids if (seconds := _process_cpu_seconds(pid)) is not None}


def save_plans(app_url: str, qs: list[Query], out: Path) -> None:
    """`EXPLAIN (ANALYZE, BUFFERS)` of every statement each query's request issues on PostgreSQL, captured
    from the storage layer's engines while the app answers the request in-process, written to `out`. Each is
    explained on the engine that sent it, whose connections' settings (the reads': `db.READ_OPTIONS`) the
    planner weighs."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from app.api.main import create_app
    from app.config import Settings

    app = create_app(Settings(database_url=app_url, query_time_limit_ms=0))  # no limit on EXPLAIN ANALYZE
    engine = app.state.engine
    engines = {id(e): e for e in (engine, app.state.read_engine)}.values()  # reads have their own
    captured: list[tuple[Engine, str, object]] = []

    def capture(conn, _cursor, statement, parameters, _context, _executemany) -> None:
        captured.append((conn.engine, statement, parameters))

    per_query: dict[str, list[tuple[Engine, str, object]]] = {}
    with TestClient(app) as client:
        for e in engines:
            event.listen(e, "before_cursor_execute", capture)
        try:
            for q in qs:
                captured.clear()
                response = client.get(q.ours)
                if response.status_code != 200:
                    raise RuntimeError(f"postgres in-process {q.ours} answered {response.status_code}")
                per_query[q.name] = [
                    (e, st, params)
                    for e, st, params in captured
                    if st.lstrip().split(None, 1)[0].upper() in ("SELECT", "WITH")
                ]
        finally:
            for e in engines:
                event.remove(e, "before_cursor_execute", capture)
        where = app_url.split("@")[-1]
        lines = [f"EXPLAIN (ANALYZE, BUFFERS) of each statement our API issues on PostgreSQL ({where})"]
        summary = []
        for q in qs:
            total = 0.0
            lines.append(f"\n{'=' * 100}\n{q.name}: GET {q.ours} ({len(per_query[q.name])} statements)")
            for n, (sent_by, statement, params) in enumerate(per_query[q.name], 1):
                with sent_by.connect() as conn:
                    plan = [
                        r[0] for r in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
                    ]
                    if m := re.search(r"Execution Time: ([\d.]+) ms", plan[-1]):
                        total += float(m.group(1))
                    lines += [f"\n-- statement {n}\n{statement}\n-- parameters: {params!r}\n", *plan]
            summary.append(f"  {q.name:<18} {len(per_query[q.name])} statements, {total:6.2f} ms executing")
    for e in engines:
        e.dispose()
    out.write_text("\n".join(lines) + "\n")
    print(f"postgres: plans (EXPLAIN ANALYZE, BUFFERS) in {out}; executed once each, unloaded:")
    for line in summary:
        print(line)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output: str) -> Load:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(g) for g in m.groups())
    return Load(rps, p50, p99, requests, errors)


def wrk_argv(
    url: str, seconds: float, connections: int, threads: int, script: Path | None = None
) -> list[str]:
    """wrk's command line for every benchmark here: latency on, a 10 s timeout, an optional Lua script."""
    lua = ["-s", str(script)] if script else []
    timing = [f"-t{threads}", f"-c{connections}", f"-d{round(seconds)}s", "--timeout", "10s"]
    return ["wrk", "--latency", *timing, *lua, url]


def wrk(url: str, seconds: float, connections: int, threads: int) -> Load:
    argv = wrk_argv(url, seconds, connections, threads)
    run = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return parse_wrk(run.stdout)


@dataclass(slots=True)
class Query:
    name: str
    ours: str
    theirs: str | None


def queries(t: Targets) -> list[Query]:
    """Ours (served from SQLite and from PostgreSQL) and Datasette's nearest equivalent, or None."""
    from urllib.parse import quote

    speaker = quote(t.speaker_name)
    return [
        Query(
            "quotes by speaker",
            f"/quotes?speaker={speaker}",
            f"/bench/quotes.json?speaker_entity_id={t.speaker_id}&_size=50&_shape=array",
        ),
        Query(
            "full-text search",
            f"/quotes?q={SEARCH_WORD}",
            f"/bench/quotes.json?_search={SEARCH_WORD}&_size=50&_shape=array",
        ),
        Query(
            "filtered search",
            f"/quotes?q={SEARCH_WORD}&kind=direct",
            f"/bench/quotes.json?_search={SEARCH_WORD}&kind=direct&_size=50&_shape=array",
        ),
        # Counts of a speaker's quotes by kind, beside the first page (Datasette: without its suggestions)
        Query(
            "facets",
            f"/quotes?speaker={speaker}&facet=kind",
            f"/bench/quotes.json?speaker_entity_id={t.speaker_id}&_facet=kind&_size=50&_nosuggest=1",
        ),
        Query(
            "entities by type",
            "/entities?type=PERSON",
            "/bench/entities.json?type=PERSON&_size=50&_shape=array",
        ),
        # Ours: the entity with its aliases, roles and counts; Datasette: its row
        Query("entity page", f"/entities/{t.speaker_id}", f"/bench/entities/{t.speaker_id}.json"),
        # The same for the person in the most articles, each of whose links gives it roles
        Query("person's page", f"/entities/{t.person_id}", f"/bench/entities/{t.person_id}.json"),
        # Empty here (the synthetic quotes name no entities), after reading the speaker's quotes to find so
        Query("entity mentioned", f"/entities/{t.speaker_id}/mentioned", None),
        Query("article by id", f"/articles/{t.article_id}", f"/bench/articles/{t.article_id}.json"),
        # The same one row on both sides: the article's columns and text, without its extraction.
        Query(
            "article row by id",
            f"/articles?id={t.article_id}&include=text",
            f"/bench/articles/{t.article_id}.json",
        ),
        # Every quote of one speaker (about EXPORT_QUOTES), streamed
        Query(
            "CSV export",
            f"/quotes?speaker_id={t.export_speaker_id}&format=csv",
            f"/bench/quotes.csv?speaker_entity_id={t.export_speaker_id}&_stream=on",
        ),
        Query("/health ceiling", "/health", None),
    ]


def describe(url: str, body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return f"{len(body):,} bytes (not JSON)"
    if isinstance(data, dict) and "items" in data:
        return f"{len(data['items'])} items, {len(body):,} bytes"
    if isinstance(data, list):
        return f"{len(data)} rows, {len(body):,} bytes"
    if isinstance(data, dict) and "rows" in data:
        return f"{len(data['rows'])} rows, {len(body):,} bytes"
    return f"{len(body):,} bytes"


def fmt_ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


SERVERS = ("sqlite", "postgres", "datasette")


def print_table(run: int, results: dict[tuple[str, str], Load], qs: list[Query], workers: int) -> None:
    """The run's table. cpu ms/req: CPU time per request served of the server's processes (and, for ours on
    PostgreSQL, of the database's backends); DS/SQLite cpu: how many times less CPU a request costs ours on
    SQLite than Datasette (the steadier comparison on a machine others are using)."""
    print(
        f"\nRun {run}: sqlite, postgres = ours (articles serve --workers {workers}) on each database, "
        "datasette = datasette serve -i (one process) on the SQLite file; load = 1-min load average at the "
        "end of that measurement"
    )
    header = (
        f"| {'query':<18} | {'server':<9} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'errors':>6} | "
        f"{'cpu ms/req':>10} | {'SQLite/DS req/s':>15} | {'DS/SQLite cpu':>13} | {'PG/SQLite req/s':>15} | "
        f"{'/health share':>13} | {'load':>5} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for q in qs:
        lite = results.get((q.name, "sqlite"))
        for server in SERVERS:
            load = results.get((q.name, server))
            if load is None:
                continue
            ratio = cpu_ratio = pg_ratio = share = ""
            if server == "sqlite":
                theirs = results.get((q.name, "datasette"))
                if theirs is not None and theirs.rps > 0:
                    ratio = f"{load.rps / theirs.rps:.1f}x"
                    if load.cpu_ms > 0:
                        cpu_ratio = f"{theirs.cpu_ms / load.cpu_ms:.1f}x"
            if server == "postgres" and lite is not None and lite.rps > 0:
                pg_ratio = f"{load.rps / lite.rps:.2f}x"
            ceiling = results.get(("/health ceiling", server))
            if server != "datasette" and ceiling is not None and ceiling.rps > 0:
                share = f"{load.rps / ceiling.rps:.2f}"
            print(
                f"| {q.name:<18} | {server:<9} | {load.rps:>7.0f} | {fmt_ms(load.p50_ms):>7} | "
                f"{fmt_ms(load.p99_ms):>7} | {load.errors:>6} | {load.cpu_ms:>10.2f} | {ratio:>15} | "
                f"{cpu_ratio:>13} | {pg_ratio:>15} | {share:>13} | {load.load:>5.1f} |"
            )


def _verdict(met: bool, text: str) -> str:
    return f"{'meets' if met else 'MISSES'} {text}"


def verdicts(results: dict[tuple[str, str], Load], qs: list[Query]) -> list[str]:
    """Issue 22's targets: on SQLite >= 5x Datasette and p99 <= 50 ms (25 for quotes by speaker, 35 for
    search); on PostgreSQL p99 <= 50 ms and >= 0.7x SQLite's req/s; and issue 6's /health share."""
    out = []
    for q in qs:
        lite = results.get((q.name, "sqlite"))
        theirs = results.get((q.name, "datasette"))
        pg = results.get((q.name, "postgres"))
        if lite is not None and theirs is not None:
            if lite.cpu_ms > 0:
                out.append(
                    f"(info) CPU per request, Datasette/SQLite: {q.name} "
                    f"({theirs.cpu_ms / lite.cpu_ms:.1f}x; {lite.cpu_ms:.2f} vs {theirs.cpu_ms:.2f} ms)"
                )
            ratio = lite.rps / theirs.rps if theirs.rps else math.inf
            out.append(
                _verdict(ratio >= TARGET_RATIO, f">= {TARGET_RATIO:.0f}x Datasette: {q.name} ({ratio:.1f}x)")
            )
        if lite is not None:
            limit = TARGET_P99_MS_BY_QUERY.get(q.name, TARGET_P99_MS)
            out.append(
                _verdict(
                    lite.p99_ms <= limit, f"SQLite p99 <= {limit:.0f} ms: {q.name} ({lite.p99_ms:.1f} ms)"
                )
            )
        if pg is not None:
            out.append(
                _verdict(
                    pg.p99_ms <= TARGET_P99_MS,
                    f"PostgreSQL p99 <= {TARGET_P99_MS:.0f} ms: {q.name} ({pg.p99_ms:.1f} ms)",
                )
            )
            if lite is not None and lite.rps > 0:
                share = pg.rps / lite.rps
                out.append(
                    _verdict(
                        share >= TARGET_PG_SHARE,
                        f"PostgreSQL >= {TARGET_PG_SHARE}x SQLite's req/s: {q.name} ({share:.2f}x)",
                    )
                )
    speaker = results.get(("quotes by speaker", "sqlite"))
    health = results.get(("/health ceiling", "sqlite"))
    if speaker is not None and health is not None:
        share = speaker.rps / health.rps
        out.append(
            _verdict(
                share >= TARGET_CEILING_SHARE, f"quotes by speaker >= 1/4 of /health (SQLite): {share:.2f}"
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default /tmp/articles-bench-<articles>-<quotes>.db)",
    )
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--rebuild", action="store_true", help="build the database even if it exists")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--orm",
        action="store_true",
        help="build through batch_writer.store_batch (ORM objects; ~10 ms CPU per article) "
        "instead of BulkWriter (the same rows, checked against it, ~20x faster)",
    )
    parser.add_argument("--duration", type=float, default=12.0, help="seconds of measured load per URL")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load first")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="our uvicorn worker processes")
    parser.add_argument("--runs", type=int, default=2, help="measure everything this many times")
    parser.add_argument(
        "--ours-src",
        type=Path,
        default=None,
        help="serve ours from this source tree (e.g. `git archive` of an older commit) "
        "for before/after numbers",
    )
    parser.add_argument("--skip-datasette", action="store_true", help="measure ours only")
    parser.add_argument(
        "--queries",
        help="measure only these, by name, comma-separated (e.g. 'facets,entity page,/health ceiling')",
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=None,
        help="also load the database into this PostgreSQL database (its tables are dropped first) and "
        "measure ours on it, e.g. postgresql+psycopg://articles:articles@127.0.0.1:5432/articles_bench",
    )
    parser.add_argument(
        "--rebuild-postgres", action="store_true", help="load PostgreSQL again even if it holds the database"
    )
    args = parser.parse_args(argv)
    if args.articles < 1 or args.quotes < args.articles:
        parser.error("need at least one article and at least one quote per article")
    path = args.db or Path(tempfile.gettempdir()) / f"articles-bench-{args.articles}-{args.quotes}.db"

    ensure_database(path, args.articles, args.quotes, args.seed, args.rebuild, args.orm)
    pg = None  # (the app's URL, psycopg's conninfo)
    if args.postgres is None:
        print("postgres: skipped (no --postgres URL)")
    else:
        app_url, conninfo = postgres_urls(args.postgres)
        if (why := postgres_answers(conninfo)) is not None:
            print(f"postgres: skipped ({args.postgres.split('@')[-1]} does not answer: {why})")
        else:
            ensure_postgres(path, app_url, conninfo, args.rebuild_postgres)
            pg = app_url, conninfo
    if args.build_only:
        return 0
    missing = [tool for tool in ("wrk",) if shutil.which(tool) is None]
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent)) or shutil.which("datasette")
    if datasette is None and not args.skip_datasette:
        missing.append("datasette (pip install -e '.[bench]')")
    if missing:
        print(f"skipping the load test: {', '.join(missing)} not found")
        return 0
    articles_cli = shutil.which("articles", path=str(Path(sys.executable).parent)) or shutil.which("articles")
    if articles_cli is None:
        print("skipping the load test: the `articles` command is not installed (pip install -e .)")
        return 0

    targets = pick_targets(path)
    qs = queries(targets)
    if args.queries is not None:
        wanted = {name.strip() for name in args.queries.split(",")}
        if unknown := wanted - {q.name for q in qs}:
            parser.error(f"--queries: no query named {', '.join(sorted(unknown))}")
        qs = [q for q in qs if q.name in wanted]
    print(
        f"speaker: {targets.speaker_name!r} (entity {targets.speaker_id}, {targets.speaker_quotes:,} quotes; "
        f"the third most quoted); search word {SEARCH_WORD!r} in {targets.search_matches:,} quotes; "
        f"{targets.entity_people:,} PERSON entities; article {targets.article_id}; CSV export of speaker "
        f"{targets.export_speaker_id} ({targets.export_quotes:,} quotes); person {targets.person_id} (in "
        f"{targets.person_links:,} articles)"
    )
    print(
        f"machine: {os.cpu_count()} CPUs; load average before: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )

    logs = Path(tempfile.mkdtemp(prefix="bench-logs-"))
    if pg is not None:
        save_plans(pg[0], qs, logs / "plans-postgres.txt")
    servers = Servers(logs)

    def on_term(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)  # also when started in the background, where SIGINT is ignored
    try:
        ours: dict[str, str] = {"sqlite": f"sqlite:///{path}"}
        if pg is not None:
            ours["postgres"] = pg[0]
        bases: dict[str, str] = {}
        pids: dict[str, int] = {}
        procs: dict[str, subprocess.Popen] = {}
        for server, url in ours.items():
            port = free_port()
            env = {**os.environ, "DATABASE_URL": url}
            if args.ours_src is not None:
                env["PYTHONPATH"] = str(args.ours_src.resolve())
            argv_ = [articles_cli, "serve", "--host", "127.0.0.1", "--port", str(port)]
            procs[server] = servers.start(server, [*argv_, "--workers", str(args.workers)], env)
            bases[server], pids[server] = f"http://127.0.0.1:{port}", procs[server].pid
        metadata = logs / "metadata.json"
        metadata.write_text(
            json.dumps(
                {
                    "databases": {
                        "bench": {
                            "tables": {
                                "quotes": {"fts_table": "quotes_fts", "fts_pk": "id"},
                                "claims": {"fts_table": "claims_fts", "fts_pk": "id"},
                                "articles": {"fts_table": "articles_fts", "fts_pk": "id"},
                            }
                        }
                    }
                }
            )
        )
        link = logs / "bench.db"  # Datasette names the database after the file: /bench/...
        link.symlink_to(path)
        if args.skip_datasette:
            qs = [Query(q.name, q.ours, None) for q in qs]
        else:
            port = free_port()
            argv_ = [datasette, "serve", "-i", str(link), "--host", "127.0.0.1", "--port", str(port)]
            theirs = servers.start("datasette", [*argv_, "--metadata", str(metadata)])
            bases["datasette"] = f"http://127.0.0.1:{port}"
            wait_ready(bases["datasette"] + "/-/versions.json", theirs)
            pids["datasette"] = theirs.pid
        for server, proc in procs.items():
            wait_ready(bases[server] + "/health", proc)
        print(
            f"servers: ours ({args.workers} workers) "
            + ", ".join(f"{server} on {base}" for server, base in bases.items())
            + f" (logs in {logs})"
        )

        def paths(q: Query) -> list[tuple[str, str]]:
            return [
                (server, q.theirs if server == "datasette" else q.ours)
                for server in SERVERS
                if server in bases
            ]

        print("URLs (each checked for 200 first):")
        for q in qs:
            for server, path_ in paths(q):
                if path_ is None:
                    continue
                status, body = fetch(bases[server] + path_)
                if status != 200:
                    raise RuntimeError(f"{server} {path_} answered {status}: {body[:300]!r}")
                print(f"  {q.name:<18} {server:<9} {path_}  -> {describe(path_, body)}")
        all_runs = []
        for run in range(1, args.runs + 1):
            results: dict[tuple[str, str], Load] = {}
            for q in qs:
                for server, path_ in paths(q):  # one server under load at a time
                    if path_ is None:
                        continue
                    url = bases[server] + path_
                    if args.warmup > 0:
                        wrk(url, args.warmup, args.connections, args.threads)
                    before = tree_cpu_seconds(pids[server])
                    backends = backends_cpu_seconds(pg[1]) if server == "postgres" else {}
                    r = results[(q.name, server)] = wrk(url, args.duration, args.connections, args.threads)
                    cpu = tree_cpu_seconds(pids[server]) - before
                    if server == "postgres":
                        after = backends_cpu_seconds(pg[1])
                        cpu += sum(seconds - backends.get(pid, 0.0) for pid, seconds in after.items())
                    r.cpu_ms = cpu * 1000 / max(r.requests, 1)
                    r.load = os.getloadavg()[0]
                    print(
                        f"  run {run}: {q.name:<18} {server:<9} {r.rps:8.0f} req/s  p50 {r.p50_ms:7.1f} ms  "
                        f"p99 {r.p99_ms:7.1f} ms  cpu {r.cpu_ms:5.2f} ms/req  errors {r.errors}  "
                        f"load {r.load:.1f}",
                        flush=True,
                    )
            all_runs.append(results)
            print_table(run, results, qs, args.workers)
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for run, results in enumerate(all_runs, 1):
            print(f"\nRun {run} against the targets:")
            for line in verdicts(results, qs):
                print(f"  {line}")
        if pg is not None:
            print(f"\npostgres plans: {logs / 'plans-postgres.txt'}")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        servers.stop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
