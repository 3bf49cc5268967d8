"""Writing one article and its extraction: all of it in one transaction, or none of it.

Entities are shared across articles: a name already stored (same casefolded name and type), or the alias
of exactly one stored entity, is reused and gains any new aliases, so "Vladimir Putin" in two articles is
one row; a person named by a first name alone is never shared.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from app.extract.gender import Gender, combine, first_names
from app.extract.records import Extraction, Speaker
from app.extract.version import UNKNOWN
from app.inputs.articles import ArticleInput
from app.store import counts
from app.store.models import (
    Article,
    ArticleEntity,
    Claim,
    Entity,
    EntityAlias,
    Mention,
    Quote,
    RemovedEntity,
)

WORD = re.compile(r"\w+")
RETYPED = {"PERSON", "ORG"}  # the types the NER confuses in a multi-word name


def name_key(name: str) -> str:
    """The form names are matched on: casefolded, curly apostrophes straightened, spaces collapsed."""
    return " ".join(name.replace("’", "'").split()).casefold()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_article(session: Session, text: str) -> Article | None:
    return session.scalars(select(Article).where(Article.content_hash == content_hash(text))).first()


class _EntityResolver:
    """Maps one article's entities to stored rows with a handful of queries, not several per entity.

    The rules: the same canonical name and type is the same entity; else the one entity of that type that
    already has the name as an alias ("Putin" → "Vladimir Putin", "CSTO" → its expansion), a person by
    surname only, never by a first name ("Bill"); a name two entities share ("Bush" for George and Jeb
    Bush) stays its own entity; a name of two words or more stored as a person joins an organisation of that
    name and the other way round (`_retyped`); a person named by a first name alone ("Maggie") joins no one
    of another article (`_first_name_only`). Entities created earlier in the same article count as stored.
    """

    def __init__(
        self,
        session: Session,
        entities: list[tuple[str, str, list[str]]],
        article_id: int,
        previous: Sequence[int] = (),
    ) -> None:
        self.session = session
        self.article_id = article_id
        keys = {name_key(name) for name, _, _ in entities}
        self.by_name: dict[tuple[str, str], Entity] = {}
        self.by_key: dict[str, list[Entity]] = {}
        self.owners: dict[tuple[str, str], list[Entity]] = {}
        self.known: dict[int, set[str]] = {}
        self.pending: list[tuple[Entity, str, str]] = []
        self.previous: list[Entity] = []
        self.created: list[Entity] = []
        if not keys:
            return
        for entity in session.scalars(select(Entity).where(Entity.name_key.in_(keys))):
            self.by_name[(entity.name_key, entity.type)] = entity
            self.by_key.setdefault(entity.name_key, []).append(entity)
        owned = session.execute(
            select(EntityAlias.alias_key, Entity)
            .join(Entity, EntityAlias.entity_id == Entity.id)
            .where(EntityAlias.alias_key.in_(keys))
        )
        for alias_key, entity in owned:
            self._own(alias_key, entity)
        if previous:
            self.previous = list(session.scalars(select(Entity).where(Entity.id.in_(previous))))
        stored = {
            id(e): e
            for e in [*self.by_name.values(), *(e for es in self.owners.values() for e in es), *self.previous]
        }
        ids = {e.id: e for e in stored.values()}
        for entity in stored.values():
            self.known[id(entity)] = set()
        if ids:
            rows = session.execute(
                select(EntityAlias.entity_id, EntityAlias.alias_key).where(EntityAlias.entity_id.in_(ids))
            )
            for entity_id, alias_key in rows:
                self.known[id(ids[entity_id])].add(alias_key)

    def _own(self, alias_key: str, entity: Entity) -> None:
        owners = self.owners.setdefault((alias_key, entity.type), [])
        if all(o is not entity for o in owners):
            owners.append(entity)

    def _find(self, key: str, type_: str) -> Entity | None:
        entity = self.by_name.get((key, type_))
        if entity is not None:
            return entity
        owners = self.owners.get((key, type_), [])
        if type_ == "PERSON":
            owners = [o for o in owners if o.name_key.endswith(" " + key)]
        if len(owners) == 1:
            return owners[0]
        return self._retyped(key, type_) if not owners else None

    def _retyped(self, key: str, type_: str) -> Entity | None:
        """The one stored person or organisation of exactly this name of two words or more, when this
        article typed it the other way ("Helen Steel" read as an organisation here, a person before): the
        store's knowledge of the name outweighs one article's model. A one-word name ("Jordan") never."""
        if type_ not in RETYPED or len(key.split()) < 2:
            return None
        others = [e for e in self.by_key.get(key, []) if e.type in RETYPED and e.type != type_]
        return others[0] if len(others) == 1 else None

    def _earlier(self, type_: str, keys: set[str]) -> Entity | None:
        """The one entity of this type the article named before (re-extraction) that shares a name with
        `keys`: "Putin" read again as "Vladimir Putin" keeps its id and gains the longer name as an alias."""
        matches = [e for e in self.previous if e.type == type_ and self.known[id(e)] & keys]
        return matches[0] if len(matches) == 1 else None

    def _first_name_only(self, key: str, type_: str) -> str | None:
        """The article's own key for a person known only by a given name: every "Maggie" of the news is
        not one woman, and a wrong merge corrupts every page that shows it, so the row is this article's
        (its aliases still answer `name=maggie`). None for any other name."""
        if type_ == "PERSON" and " " not in key and key in first_names():
            return f"{key}#{self.article_id}"
        return None

    def resolve(self, name: str, type_: str, aliases: list[str]) -> Entity:
        own = self._first_name_only(name_key(name), type_)
        key = own or name_key(name)
        entity = self.by_name.get((key, type_)) if own else self._find(key, type_)
        if entity is None and self.previous:
            entity = self._earlier(type_, {name_key(a) for a in [name, *aliases]} - {""})
        if entity is None:
            entity = Entity(name=name, name_key=key, type=type_)
            self.created.append(entity)
            self.session.add(entity)
            self.by_name[(key, type_)] = entity
            self.by_key.setdefault(key, []).append(entity)
            self.known[id(entity)] = set()
        known = self.known[id(entity)]
        for alias in [name, *aliases]:
            alias_key = name_key(alias)
            if alias_key and alias_key not in known:
                known.add(alias_key)
                self.pending.append((entity, alias, alias_key))
                self._own(alias_key, entity)
        return entity

    def flush(self) -> None:
        """Insert the new entities, then their new aliases."""
        if self.created:
            _above_removed(self.session, self.created)
            self.created = []
        self.session.flush()
        insert_rows(
            self.session,
            EntityAlias,
            [
                {"entity_id": entity.id, "alias": alias, "alias_key": alias_key}
                for entity, alias, alias_key in self.pending
            ],
        )
        self.pending = []


def _above_removed(session: Session, created: list[Entity]) -> None:
    """Number new entities above every removed one's id when the database would not: SQLite gives a new row
    the largest id plus one, so the removed entity that had the largest id would have its id, and its 410,
    taken by a stranger. (PostgreSQL's sequences never hand out an id twice.)"""
    if session.get_bind().dialect.name != "sqlite":
        return
    with session.no_autoflush:
        removed = session.scalar(select(func.max(RemovedEntity.id)))
        if removed is None:
            return
        highest = max(removed, session.scalar(select(func.max(Entity.id))) or 0)
    for number, entity in enumerate(created, start=highest + 1):
        entity.id = number


def _speaker_columns(speaker: Speaker | None, entity_ids: list[int]) -> tuple[int | None, str | None]:
    if speaker is None:
        return None, None
    entity_id = entity_ids[speaker.entity] if speaker.entity is not None else None
    return entity_id, speaker.text


def article_row(article: ArticleInput, version: str = UNKNOWN) -> dict[str, Any]:
    """The `articles` columns of one input (its id aside), extracted by the extractor `version`."""
    return {
        "text": article.text,
        **article.metadata(),
        "content_hash": content_hash(article.text),
        "word_count": len(WORD.findall(article.text)),
        "ingested_at": datetime.now(UTC),
        "extractor_version": version,
    }


def extraction_rows(
    article_id: int, extraction: Extraction, entity_ids: list[int]
) -> dict[type[SQLModel], list[dict[str, Any]]]:
    """The rows an extraction becomes, given the stored id of each of its entities: mentions, one
    article_entities row per distinct entity (two article entities may share a row), quotes and claims."""
    mentions: list[dict[str, Any]] = []
    links: dict[int, dict[str, Any]] = {}
    for entity, entity_id in zip(extraction.entities, entity_ids, strict=True):
        mentions.extend(
            {"article_id": article_id, "entity_id": entity_id, "start": m.start, "end": m.end, "text": m.text}
            for m in entity.mentions
        )
        link = links.get(entity_id)
        if link is None:
            links[entity_id] = {
                "article_id": article_id,
                "entity_id": entity_id,
                "mention_count": len(entity.mentions),
                "salience": entity.salience,
                "roles": list(entity.roles),
                "gender": entity.gender,
                "gender_evidence": entity.gender_evidence,
            }
        else:
            link["mention_count"] += len(entity.mentions)
            link["salience"] = max(link["salience"], entity.salience)
            link["roles"] = [*link["roles"], *(r for r in entity.roles if r not in link["roles"])]
            if entity.gender is not None:
                both = [Gender(entity.gender, entity.gender_evidence)]
                if link["gender"] is not None:
                    both.append(Gender(link["gender"], link["gender_evidence"]))
                merged = combine(both)
                link["gender"], link["gender_evidence"] = merged.value, merged.evidence
    quotes = []
    for quote in extraction.quotes:
        speaker_id, speaker_text = _speaker_columns(quote.speaker, entity_ids)
        quotes.append(
            {
                "article_id": article_id,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "kind": quote.kind,
                "cue": quote.cue.text if quote.cue else None,
                "cue_start": quote.cue.start if quote.cue else None,
                "cue_end": quote.cue.end if quote.cue else None,
                "speaker_entity_id": speaker_id,
                "speaker_text": speaker_text,
                "speaker_start": quote.speaker.start if quote.speaker else None,
                "speaker_end": quote.speaker.end if quote.speaker else None,
                "channel": quote.channel.text if quote.channel else None,
            }
        )
    claims = []
    for claim in extraction.claims:
        claimant_id, claimant_text = _speaker_columns(claim.claimant, entity_ids)
        target_id, target_text = _speaker_columns(claim.target, entity_ids)
        claims.append(
            {
                "article_id": article_id,
                "text": claim.text,
                "start": claim.start,
                "end": claim.end,
                "kind": claim.kind,
                "stance": claim.stance,
                "claimant_entity_id": claimant_id,
                "claimant_text": claimant_text,
                "score": claim.score,
                "quantities": [asdict(q) for q in claim.quantities],
                "target_entity_id": target_id,
                "target_text": target_text,
                "alleger_text": claim.alleger.text if claim.alleger else None,
                "dates": list(claim.dates),
            }
        )
    return {Mention: mentions, ArticleEntity: list(links.values()), Quote: quotes, Claim: claims}


def resolve_entities(
    session: Session, extraction: Extraction, article_id: int, previous: Sequence[int] = ()
) -> list[int]:
    """The stored id of each of the extraction's entities in article `article_id`, creating those not stored
    yet; `previous`: the ids the same article had before, preferred for a name they share (re-extraction)."""
    entities = [(e.name, e.type, e.aliases) for e in extraction.entities]
    resolver = _EntityResolver(session, entities, article_id, previous)
    stored = [resolver.resolve(e.name, e.type, e.aliases) for e in extraction.entities]
    resolver.flush()
    return [e.id for e in stored]


def save_article(
    session: Session, article: ArticleInput, extraction: Extraction, version: str = UNKNOWN
) -> tuple[Article, bool]:
    """Store `article` with its extraction unless the same text is stored already; (row, created).

    The caller owns the transaction: commit to keep it, roll back to leave no trace.
    """
    existing = find_article(session, article.text)
    if existing is not None:
        return existing, False
    row = Article(**article_row(article, version))
    session.add(row)
    session.flush()
    entity_ids = resolve_entities(session, extraction, row.id)
    extracted = extraction_rows(row.id, extraction, entity_ids)
    for model, rows in extracted.items():
        insert_rows(session, model, rows)
    counts.add(session, counts.of_models(extracted))
    update_genders(session, extraction, entity_ids)
    return row, True


GENDERS_SEEN = (
    select(ArticleEntity.entity_id, ArticleEntity.gender, ArticleEntity.gender_evidence, func.count())
    .where(ArticleEntity.entity_id.in_(bindparam("ids", expanding=True)), ArticleEntity.gender.is_not(None))
    .group_by(ArticleEntity.entity_id, ArticleEntity.gender, ArticleEntity.gender_evidence)
)
SET_GENDER = (
    update(Entity)
    .where(Entity.id == bindparam("b_id"))
    .values(gender=bindparam("b_gender"), gender_evidence=bindparam("b_evidence"))
)


def update_genders(session: Session, extraction: Extraction, entity_ids: Sequence[int]) -> None:
    """Each person of the article gets their stored gender `combine`d again over all their articles, now
    that this one is among them: a person the first name called male and an article calls "Mrs" is female."""
    people = {
        stored
        for stored, entity in zip(entity_ids, extraction.entities, strict=True)
        if entity.gender and entity.type == "PERSON"
    }
    if not people:
        return
    seen: dict[int, list[Gender]] = {}
    for entity_id, value, evidence, count in session.connection().execute(
        GENDERS_SEEN, {"ids": list(people)}
    ):
        seen.setdefault(entity_id, []).extend([Gender(value, evidence)] * count)
    rows = []
    for entity_id, genders in sorted(seen.items()):  # entity id order: two writers lock shared rows alike
        found = combine(genders)
        rows.append({"b_id": entity_id, "b_gender": found.value, "b_evidence": found.evidence})
    if rows:
        session.connection().execute(SET_GENDER, rows)


def insert_rows(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """Many rows in one executemany on the session's transaction: building an ORM object per row cost
    more than the rest of the write (a news article brings dozens of mentions, quotes and claims)."""
    if rows:
        session.connection().execute(model.__table__.insert(), rows)


def store(
    session: Session, article: ArticleInput, extraction: Extraction, version: str = UNKNOWN
) -> tuple[Article, bool]:
    """Save and commit one article atomically; on a concurrent duplicate, return the row that won."""
    try:
        result = save_article(session, article, extraction, version)
        session.commit()
        return result
    except IntegrityError:
        session.rollback()
        existing = find_article(session, article.text)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        session.rollback()
        raise
