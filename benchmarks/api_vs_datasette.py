"""Our API against Datasette on the same large SQLite file, under the same concurrent load (issue 6).

    .venv/bin/pip install -e '.[bench]'          # Datasette; and Debian's wrk: apt-get install -y wrk
    .venv/bin/python benchmarks/api_vs_datasette.py [--articles 100000] [--quotes 1000000]
        [--duration 12] [--warmup 3] [--connections 32] [--threads 2] [--workers 2] [--runs 2]
        [--db PATH] [--rebuild] [--orm] [--build-only] [--skip-datasette] [--ours-src DIR]

1. Builds (once: later runs reuse it; about 9 minutes on a busy two-core machine) a database through the
   project's storage layer: the Alembic migrations, the models' tables and the writer's rules, fed with
   synthetic `Extraction` records (no spaCy): Zipf-distributed speakers (1-4 per article) and words,
   about 6,000 entities with aliases, quotes of 10-60 words, direct/mixed/indirect, dates over ten years,
   a claim in every other article. Rows are written by `BulkWriter` (Core executemany of exactly the rows
   `writer.save_article` stores, checked table by table against `batch_writer.store_batch` on 400 articles
   before every build); `--orm` writes through `store_batch` itself (~10 ms of CPU per article: hours).
   A sidecar `PATH.json` records what was built; a database at an older revision is upgraded in place.
2. Serves it with `articles serve --workers N` and, at the same time, with `datasette serve -i` (immutable,
   read-only, one process as Datasette runs; its FTS tables are named in a metadata file, since Datasette
   detects only `content="table"` and the migration writes `content='table'`).
3. Checks that every URL answers 200, then drives each with `wrk --latency` (a warm-up, then the measured
   run), one URL at a time, `--runs` times over, and prints requests/s, p50 and p99 for each query, ours
   against Datasette and against our `/health`, and the CPU time the server's processes spent per request
   (steadier than requests/s when other jobs share the machine). Targets (issue 6): >= 3x Datasette on
   every query, p99 under 50 ms at 32 connections, quotes by speaker >= 1/4 of /health.

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
TARGET_RATIO = 3.0
TARGET_P99_MS = 50.0
TARGET_CEILING_SHARE = 0.25

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


@dataclass(slots=True)
class Targets:
    speaker_name: str
    speaker_id: int
    speaker_quotes: int
    search_matches: int
    entity_people: int
    article_id: int


def pick_targets(path: Path) -> Targets:
    """A frequent speaker (the third most quoted), the search word's match count, an article in the middle."""
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
    return Targets(name, speaker_id, speaker_quotes, matches, people, last // 2)


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


def wrk(url: str, seconds: float, connections: int, threads: int) -> Load:
    argv = [
        "wrk",
        "--latency",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{round(seconds)}s",
        "--timeout",
        "10s",
        url,
    ]
    run = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return parse_wrk(run.stdout)


@dataclass(slots=True)
class Query:
    name: str
    ours: str
    theirs: str | None


def queries(t: Targets) -> list[Query]:
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
            "entities by type",
            "/entities?type=PERSON",
            "/bench/entities.json?type=PERSON&_size=50&_shape=array",
        ),
        Query("article by id", f"/articles/{t.article_id}", f"/bench/articles/{t.article_id}.json"),
        # The same one row on both sides: the article's columns and text, without its extraction.
        Query(
            "article row by id",
            f"/articles?id={t.article_id}&include=text",
            f"/bench/articles/{t.article_id}.json",
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


def print_table(run: int, results: dict[tuple[str, str], Load], qs: list[Query], workers: int) -> None:
    """The run's table. cpu ms/req: CPU time of the server's processes per request served; DS/ours cpu: how
    many times less CPU a request costs ours (the steadier comparison on a machine others are using)."""
    health = results.get(("/health ceiling", "ours"))
    print(
        f"\nRun {run}: ours = articles serve --workers {workers}, Datasette = datasette serve -i "
        "(one process); load = 1-min load average at the end of that measurement"
    )
    header = (
        f"| {'query':<18} | {'server':<9} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'errors':>6} | "
        f"{'cpu ms/req':>10} | {'ours/DS req/s':>13} | {'DS/ours cpu':>11} | {'ours/health':>11} | "
        f"{'load':>5} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for q in qs:
        for server in ("ours", "datasette"):
            load = results.get((q.name, server))
            if load is None:
                continue
            ratio = share = cpu_ratio = ""
            if server == "ours":
                theirs = results.get((q.name, "datasette"))
                if theirs is not None and theirs.rps > 0:
                    ratio = f"{load.rps / theirs.rps:.1f}x"
                    if load.cpu_ms > 0:
                        cpu_ratio = f"{theirs.cpu_ms / load.cpu_ms:.1f}x"
                if health is not None and health.rps > 0:
                    share = f"{load.rps / health.rps:.2f}"
            print(
                f"| {q.name:<18} | {server:<9} | {load.rps:>7.0f} | {fmt_ms(load.p50_ms):>7} | "
                f"{fmt_ms(load.p99_ms):>7} | {load.errors:>6} | {load.cpu_ms:>10.2f} | {ratio:>13} | "
                f"{cpu_ratio:>11} | {share:>11} | {load.load:>5.1f} |"
            )


def verdicts(results: dict[tuple[str, str], Load], qs: list[Query]) -> list[str]:
    out = []
    health = results.get(("/health ceiling", "ours"))
    for q in qs:
        ours = results.get((q.name, "ours"))
        theirs = results.get((q.name, "datasette"))
        if ours is None:
            continue
        if theirs is not None and ours.cpu_ms > 0:
            out.append(
                f"(info) CPU per request, Datasette/ours: {q.name} ({theirs.cpu_ms / ours.cpu_ms:.1f}x; "
                f"{ours.cpu_ms:.2f} vs {theirs.cpu_ms:.2f} ms)"
            )
        if theirs is not None:
            ratio = ours.rps / theirs.rps if theirs.rps else math.inf
            out.append(
                f"{'meets' if ratio >= TARGET_RATIO else 'MISSES'} >= {TARGET_RATIO:.0f}x Datasette: "
                f"{q.name} ({ratio:.1f}x)"
            )
        out.append(
            f"{'meets' if ours.p99_ms < TARGET_P99_MS else 'MISSES'} p99 < {TARGET_P99_MS:.0f} ms: "
            f"{q.name} ({ours.p99_ms:.1f} ms)"
        )
    speaker = results.get(("quotes by speaker", "ours"))
    if speaker is not None and health is not None:
        share = speaker.rps / health.rps
        out.append(
            f"{'meets' if share >= TARGET_CEILING_SHARE else 'MISSES'} quotes by speaker >= 1/4 of "
            f"/health: {share:.2f}"
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
    args = parser.parse_args(argv)
    if args.articles < 1 or args.quotes < args.articles:
        parser.error("need at least one article and at least one quote per article")
    path = args.db or Path(tempfile.gettempdir()) / f"articles-bench-{args.articles}-{args.quotes}.db"

    ensure_database(path, args.articles, args.quotes, args.seed, args.rebuild, args.orm)
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
    print(
        f"speaker: {targets.speaker_name!r} (entity {targets.speaker_id}, {targets.speaker_quotes:,} quotes; "
        f"the third most quoted); search word {SEARCH_WORD!r} in {targets.search_matches:,} quotes; "
        f"{targets.entity_people:,} PERSON entities; article {targets.article_id}"
    )
    print(
        f"machine: {os.cpu_count()} CPUs; load average before: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )

    logs = Path(tempfile.mkdtemp(prefix="bench-logs-"))
    servers = Servers(logs)

    def on_term(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)  # also when started in the background, where SIGINT is ignored
    try:
        ours_port, theirs_port = free_port(), free_port()
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
        if args.ours_src is not None:
            env["PYTHONPATH"] = str(args.ours_src.resolve())
        ours = servers.start(
            "ours",
            [
                articles_cli,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(ours_port),
                "--workers",
                str(args.workers),
            ],
            env,
        )
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
        bases = {"ours": f"http://127.0.0.1:{ours_port}", "datasette": f"http://127.0.0.1:{theirs_port}"}
        pids = {"ours": ours.pid}
        if args.skip_datasette:
            qs = [Query(q.name, q.ours, None) for q in qs]
        else:
            theirs = servers.start(
                "datasette",
                [
                    datasette,
                    "serve",
                    "-i",
                    str(link),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(theirs_port),
                    "--metadata",
                    str(metadata),
                ],
            )
            wait_ready(bases["datasette"] + "/-/versions.json", theirs)
            pids["datasette"] = theirs.pid
        wait_ready(bases["ours"] + "/health", ours)
        print(
            f"servers: ours on {bases['ours']} ({args.workers} workers), Datasette on {bases['datasette']} "
            f"(logs in {logs})"
        )
        print("URLs (each checked for 200 first):")
        for q in qs:
            for server, path_ in (("ours", q.ours), ("datasette", q.theirs)):
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
                for server, path_ in (("ours", q.ours), ("datasette", q.theirs)):
                    if path_ is None:
                        continue
                    url = bases[server] + path_
                    if args.warmup > 0:
                        wrk(url, args.warmup, args.connections, args.threads)
                    before = tree_cpu_seconds(pids[server])
                    r = results[(q.name, server)] = wrk(url, args.duration, args.connections, args.threads)
                    r.cpu_ms = (tree_cpu_seconds(pids[server]) - before) * 1000 / max(r.requests, 1)
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
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        servers.stop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
