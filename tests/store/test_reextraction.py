from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, update
from sqlmodel import Session

from app.extract.records import Claim, Entity, Extraction, Mention, Quote, Speaker, TextSpan
from app.inputs.articles import ArticleInput
from app.store import models
from app.store.reextraction import (
    TextTaken,
    articles_to_reextract,
    correct_article,
    reextract_batch,
    replace_extractions,
    stored_inputs,
    version_counts,
)
from app.store.writer import store

TEXT = "Senator Ann Lee said taxes will fall. Lee added: “We will do it.”"
OTHER = "Mayor Tom Ash spoke. Ash said roads will open."


def lee(*aliases: str, name: str = "Ann Lee") -> Entity:
    return Entity(
        name=name,
        type="PERSON",
        aliases=[name, *aliases],
        mentions=[Mention("Ann Lee", 8, 15), Mention("Lee", 38, 41)],
        roles=["Senator"],
        salience=1.0,
    )


def first_reading() -> Extraction:
    speaker = Speaker("Ann Lee", 8, 15, "Ann Lee", 0)
    return Extraction(
        quotes=[
            Quote("taxes will fall", 21, 36, "indirect", TextSpan("said", 16, 20), speaker),
            Quote("“We will do it.”", 49, 65, "direct", TextSpan("added", 42, 47), speaker),
        ],
        entities=[lee("Lee")],
        claims=[Claim("taxes will fall", 21, 36, "attributed", "asserts", speaker)],
    )


def ash() -> Extraction:
    return Extraction(
        entities=[Entity("Tom Ash", "PERSON", ["Tom Ash", "Ash"], [Mention("Tom Ash", 6, 13)], salience=1.0)]
    )


def ids(session: Session, model) -> list[int]:
    return list(session.scalars(select(model.id).order_by(model.id)))


def rows(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def stored(engine) -> int:
    with Session(engine) as session:
        row, _ = store(session, ArticleInput(TEXT, "a", source="Wire"), first_reading(), "v1")
        return row.id


def test_a_quote_or_claim_on_the_same_span_keeps_its_id_and_a_moved_one_gets_a_new_one(
    engine, stored
) -> None:
    with Session(engine) as session:
        (old_indirect, old_direct), (old_claim,) = ids(session, models.Quote), ids(session, models.Claim)
        second = first_reading()
        second.quotes[1] = replace(second.quotes[1], text="We will do it.", start=50, end=64)
        reextract_batch(session, [(stored, second)], "v2")
        quotes = {q.start: q for q in session.scalars(select(models.Quote))}
        assert quotes[21].id == old_indirect
        assert quotes[50].id not in (old_indirect, old_direct) and 49 not in quotes
        assert session.scalars(select(models.Claim.id)).one() == old_claim
        assert session.get(models.Article, stored).extractor_version == "v2"


def test_an_entity_still_named_keeps_its_id_and_gains_the_new_names_as_aliases(engine, stored) -> None:
    with Session(engine) as session:
        (old_id,) = ids(session, models.Entity)
        second = first_reading()
        second.entities = [lee("Lee", "Senator Lee", name="Senator Ann Lee")]
        reextract_batch(session, [(stored, second)], "v2")
        assert ids(session, models.Entity) == [old_id]
        aliases = session.scalars(
            select(models.EntityAlias.alias).where(models.EntityAlias.entity_id == old_id)
        )
        assert sorted(aliases) == ["Ann Lee", "Lee", "Senator Ann Lee", "Senator Lee"]
        assert set(session.scalars(select(models.Quote.speaker_entity_id))) == {old_id}
        assert rows(session, models.Mention) == 2 and rows(session, models.ArticleEntity) == 1


def test_an_entity_no_article_mentions_any_more_is_removed_with_a_tombstone(engine, stored) -> None:
    with Session(engine) as session:
        other, _ = store(session, ArticleInput(OTHER, "b"), ash(), "v1")
        ash_id = session.scalar(select(models.Entity.id).where(models.Entity.name == "Tom Ash"))
        (lee_id,) = [i for i in ids(session, models.Entity) if i != ash_id]
        reextract_batch(session, [(stored, Extraction()), (other.id, ash())], "v2")
        assert ids(session, models.Entity) == [ash_id]
        tombstone = session.get(models.RemovedEntity, lee_id)
        assert (tombstone.name, tombstone.type) == ("Ann Lee", "PERSON")
        assert rows(session, models.EntityAlias) == 2  # Tom Ash's; Ann Lee's went with her
        assert (rows(session, models.Quote), rows(session, models.Mention)) == (0, 1)


def test_a_new_entity_never_takes_the_id_of_a_removed_one(engine, stored) -> None:
    with Session(engine) as session:
        (lee_id,) = ids(session, models.Entity)
        reextract_batch(session, [(stored, ash())], "v2")
        (ash_id,) = ids(session, models.Entity)
        reextract_batch(session, [(stored, Extraction())], "v2")
        store(session, ArticleInput(OTHER, "b"), Extraction(entities=[lee()]), "v2")
        (new_id,) = ids(session, models.Entity)
        assert new_id not in (lee_id, ash_id)
        assert ids(session, models.RemovedEntity) == [lee_id, ash_id]


def test_an_entity_another_article_still_mentions_stays(engine, stored) -> None:
    with Session(engine) as session:
        store(session, ArticleInput("Ann Lee voted.", "b"), Extraction(entities=[lee()]), "v1")
        (lee_id,) = ids(session, models.Entity)
        reextract_batch(session, [(stored, Extraction())], "v2")
        assert ids(session, models.Entity) == [lee_id]
        assert rows(session, models.RemovedEntity) == 0


def test_a_failure_midway_keeps_every_old_row(engine, stored) -> None:
    broken = first_reading()
    broken.quotes[1] = replace(broken.quotes[1], speaker=Speaker("Lee", 38, 41, "Ann Lee", 7))
    with Session(engine) as session:
        before = {m: ids(session, m) for m in (models.Quote, models.Claim, models.Mention, models.Entity)}
        with pytest.raises(IndexError):
            reextract_batch(session, [(stored, broken)], "v2")
        assert {m: ids(session, m) for m in before} == before
        assert session.get(models.Article, stored).extractor_version == "v1"


def test_a_correction_replaces_the_text_and_frees_the_old_one(engine, stored) -> None:
    corrected = TEXT.replace("fall", "drop")
    with Session(engine) as session:
        article = ArticleInput(corrected, "put", title="Fixed", published=date(2024, 1, 2))
        assert correct_article(session, stored, article, Extraction(entities=[lee()]), "v2")
        row = session.get(models.Article, stored)
        assert (row.text, row.title, row.published, row.extractor_version) == (
            corrected,
            "Fixed",
            date(2024, 1, 2),
            "v2",
        )
        assert rows(session, models.Quote) == 0
        again, created = store(session, ArticleInput(TEXT, "again"), first_reading(), "v2")
        assert created and again.id != stored
        with pytest.raises(TextTaken):
            correct_article(session, stored, ArticleInput(TEXT, "put"), Extraction(), "v2")
        assert not correct_article(session, 999, ArticleInput("New text.", "put"), Extraction(), "v2")


def test_the_articles_to_reextract_are_those_on_another_version_by_default(engine, stored) -> None:
    with Session(engine) as session:
        other, _ = store(session, ArticleInput(OTHER, "b", source="Post"), ash(), "v2")
        session.execute(
            update(models.Article)
            .where(models.Article.id == other.id)
            .values(ingested_at=datetime(2030, 1, 1, tzinfo=UTC))
        )
        session.commit()
        assert articles_to_reextract(session, "v2") == [stored]
        assert articles_to_reextract(session, "v2", everything=True) == [stored, other.id]
        assert articles_to_reextract(session, "v3", source="post") == [other.id]
        assert articles_to_reextract(session, "v3", since=date(2029, 12, 31)) == [other.id]
        assert version_counts(session, "v2") == {"current": 1, "other": 1}


def test_a_stored_article_reads_back_as_the_input_it_was(engine) -> None:
    text = "Bridge to reopen\n\nOfficials said the bridge would reopen."
    with Session(engine) as session:
        row, _ = store(
            session, ArticleInput(text, "a", title="Bridge to reopen", body=(18, len(text))), ash()
        )
        (article,) = stored_inputs(session, [row.id, 999]).values()
        assert (article.text, article.title, article.body) == (text, "Bridge to reopen", (18, len(text)))


def test_nothing_to_replace_is_nothing_done(engine) -> None:
    with Session(engine) as session:
        assert replace_extractions(session, [], "v2") == []
