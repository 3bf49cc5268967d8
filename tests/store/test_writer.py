from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from app.extract.records import Claim, Entity, Extraction, Mention, Quote, Speaker, TextSpan
from app.inputs.articles import ArticleInput
from app.store import models
from app.store.writer import store

TEXT = "Senator Ann Lee said taxes will fall. Lee added: “We will do it.”"


def extraction() -> Extraction:
    lee = Entity(
        name="Ann Lee",
        type="PERSON",
        aliases=["Ann Lee", "Lee"],
        mentions=[Mention("Ann Lee", 8, 15), Mention("Lee", 38, 41)],
        roles=["Senator"],
        salience=1.0,
    )
    return Extraction(
        quotes=[
            Quote(
                "taxes will fall",
                21,
                36,
                "indirect",
                TextSpan("said", 16, 20),
                Speaker("Ann Lee", 8, 15, "Ann Lee", 0),
            ),
            Quote(
                "“We will do it.”",
                49,
                65,
                "direct",
                TextSpan("added", 42, 47),
                Speaker("Lee", 38, 41, "Ann Lee", 0),
            ),
        ],
        entities=[lee],
        claims=[
            Claim("taxes will fall", 21, 36, "attributed", "asserts", Speaker("Ann Lee", 8, 15, "Ann Lee", 0))
        ],
    )


def count(session: Session, table: type) -> int:
    return session.scalar(select(func.count()).select_from(table))


def test_offsets_in_the_fixture_are_right() -> None:
    for quote in extraction().quotes:
        assert TEXT[quote.start : quote.end] == quote.text


def test_an_article_is_stored_with_everything_extracted(engine) -> None:
    with Session(engine) as session:
        row, created = store(session, ArticleInput(TEXT, "t", published=date(2020, 1, 2)), extraction())
        assert created and row.id is not None
        assert row.word_count == 13
        quotes = session.scalars(select(models.Quote).order_by(models.Quote.start)).all()
        assert [(q.kind, q.cue, q.speaker_text) for q in quotes] == [
            ("indirect", "said", "Ann Lee"),
            ("direct", "added", "Lee"),
        ]
        (entity,) = session.scalars(select(models.Entity)).all()
        assert quotes[0].speaker_entity_id == quotes[1].speaker_entity_id == entity.id
        assert count(session, models.Mention) == 2
        link = session.scalars(select(models.ArticleEntity)).one()
        assert (link.mention_count, link.roles) == (2, ["Senator"])
        assert session.scalars(select(models.Claim)).one().claimant_entity_id == entity.id


def test_the_same_text_is_stored_once(engine) -> None:
    with Session(engine) as session:
        first, created = store(session, ArticleInput(TEXT, "a"), extraction())
        again, created_again = store(session, ArticleInput(TEXT, "b", title="Other title"), extraction())
        assert created and not created_again
        assert again.id == first.id
        assert count(session, models.Article) == 1
        assert count(session, models.Quote) == 2


def test_an_entity_is_one_row_across_articles_and_gathers_aliases(engine) -> None:
    other = Extraction(
        entities=[Entity("Ann Lee", "PERSON", ["Ann Lee", "Senator Lee"], [Mention("Ann Lee", 0, 7)])]
    )
    with Session(engine) as session:
        store(session, ArticleInput(TEXT, "a"), extraction())
        store(session, ArticleInput("Ann Lee spoke.", "b"), other)
        (entity,) = session.scalars(select(models.Entity)).all()
        aliases = session.scalars(
            select(models.EntityAlias.alias).where(models.EntityAlias.entity_id == entity.id)
        )
        assert sorted(aliases) == ["Ann Lee", "Lee", "Senator Lee"]
        assert count(session, models.ArticleEntity) == 2


def test_a_failure_midway_leaves_nothing_stored(engine) -> None:
    broken = extraction()
    broken.quotes[1].speaker.entity = 7  # points past the entity list: the write fails after the article row
    with Session(engine) as session:
        with pytest.raises(IndexError):
            store(session, ArticleInput(TEXT, "a"), broken)
        for table in (models.Article, models.Quote, models.Mention, models.ArticleEntity, models.Claim):
            assert count(session, table) == 0, table


def person(name: str, *aliases: str) -> Entity:
    return Entity(name, "PERSON", [name, *aliases], [Mention(name, 0, len(name))])


def entity_names(engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.scalars(select(models.Entity.name)))


def test_a_bare_surname_in_a_later_article_joins_the_one_person_of_that_name(engine) -> None:
    with Session(engine) as session:
        store(
            session,
            ArticleInput("Vladimir Putin spoke.", "a"),
            Extraction(entities=[person("Vladimir Putin", "Putin")]),
        )
        store(session, ArticleInput("Putin spoke again.", "b"), Extraction(entities=[person("Putin")]))
    assert entity_names(engine) == ["Vladimir Putin"]


def test_people_who_share_only_a_surname_stay_apart(engine) -> None:
    with Session(engine) as session:
        store(
            session,
            ArticleInput("George Bush spoke.", "a"),
            Extraction(entities=[person("George Bush", "Bush")]),
        )
        store(
            session, ArticleInput("Jeb Bush spoke.", "b"), Extraction(entities=[person("Jeb Bush", "Bush")])
        )
        store(session, ArticleInput("Bush spoke.", "c"), Extraction(entities=[person("Bush")]))
    assert entity_names(engine) == ["Bush", "George Bush", "Jeb Bush"]


def test_an_acronym_alone_joins_its_expansion(engine) -> None:
    csto = Entity("Collective Security Treaty Organization", "ORG", ["CSTO"], [])
    with Session(engine) as session:
        store(session, ArticleInput("A summit of the CSTO.", "a"), Extraction(entities=[csto]))
        store(
            session,
            ArticleInput("The CSTO met.", "b"),
            Extraction(entities=[Entity("CSTO", "ORG", ["CSTO"], [])]),
        )
    assert entity_names(engine) == ["Collective Security Treaty Organization"]


def test_a_first_name_alone_does_not_join_a_person(engine) -> None:
    with Session(engine) as session:
        store(
            session,
            ArticleInput("Bill Clinton spoke.", "a"),
            Extraction(entities=[person("Bill Clinton", "Bill")]),
        )
        store(session, ArticleInput("Bill spoke.", "b"), Extraction(entities=[person("Bill")]))
    assert entity_names(engine) == ["Bill", "Bill Clinton"]


def test_two_entities_of_one_article_that_name_one_person_share_a_row(engine) -> None:
    both = Extraction(
        entities=[person("Vladimir Putin", "Putin"), person("Putin")],
        quotes=[Quote("q", 0, 1, "direct", None, Speaker("Putin", 0, 5, "Putin", 1))],
    )
    with Session(engine) as session:
        store(session, ArticleInput("Vladimir Putin and Putin.", "a"), both)
        (entity,) = session.scalars(select(models.Entity)).all()
        assert session.scalars(select(models.Quote.speaker_entity_id)).one() == entity.id
        assert session.scalars(select(models.ArticleEntity.mention_count)).one() == 2


def _person_in(text: str, gender: str, evidence: str | None) -> tuple[ArticleInput, Extraction]:
    kim = Entity("Kim Fairley", "PERSON", ["Kim Fairley"], [Mention("Kim Fairley", 0, 11)])
    kim.gender, kim.gender_evidence = gender, evidence
    return ArticleInput(text, "test"), Extraction(entities=[kim])


def test_a_persons_stored_gender_follows_the_article_evidence_over_first_names(engine) -> None:
    with Session(engine) as session:
        store(session, *_person_in("Kim Fairley spoke in Leeds.", "male", "first_name"))
        stored = session.scalars(select(models.Entity)).one()
        assert (stored.gender, stored.gender_evidence) == ("male", "first_name")
        store(session, *_person_in("Kim Fairley, Mrs Fairley, spoke in York.", "female", "honorific"))
        session.expire_all()
        stored = session.scalars(select(models.Entity)).one()
        assert (stored.gender, stored.gender_evidence) == ("female", "honorific")
        links = session.scalars(select(models.ArticleEntity.gender).order_by(models.ArticleEntity.article_id))
        assert list(links) == ["male", "female"]


def test_articles_that_disagree_leave_the_gender_unknown(engine) -> None:
    with Session(engine) as session:
        store(session, *_person_in("Kim Fairley spoke in Leeds.", "male", "pronoun"))
        store(session, *_person_in("Kim Fairley spoke in York.", "female", "pronoun"))
        stored = session.scalars(select(models.Entity)).one()
        session.refresh(stored)
        assert (stored.gender, stored.gender_evidence) == ("unknown", None)


def _one(text: str, name: str, type_: str) -> tuple[ArticleInput, Extraction]:
    return ArticleInput(text, "test"), Extraction(
        entities=[Entity(name, type_, [name], [Mention(name, 0, len(name))])]
    )


def test_a_name_stored_as_a_person_takes_in_the_same_name_read_as_an_organisation(engine) -> None:
    with Session(engine) as session:
        store(session, *_one("Helen Steel spoke in Leeds.", "Helen Steel", "PERSON"))
        store(session, *_one("Helen Steel wrote to the court.", "Helen Steel", "ORG"))
        assert [(e.name, e.type) for e in session.scalars(select(models.Entity))] == [
            ("Helen Steel", "PERSON")
        ]
        assert count(session, models.ArticleEntity) == 2


def test_a_one_word_name_of_another_type_stays_its_own_entity(engine) -> None:
    with Session(engine) as session:
        store(session, *_one("Jordan raised its prices.", "Jordan", "ORG"))
        store(session, *_one("Jordan scored twice.", "Jordan", "PERSON"))
        assert sorted(e.type for e in session.scalars(select(models.Entity))) == ["ORG", "PERSON"]


def test_a_first_name_alone_joins_no_person_of_another_article(engine) -> None:
    with Session(engine) as session:
        store(session, ArticleInput("Maggie ran the bakery.", "a"), Extraction(entities=[person("Maggie")]))
        store(session, ArticleInput("Maggie won the race.", "b"), Extraction(entities=[person("Maggie")]))
        people = session.scalars(select(models.Entity)).all()
        assert [p.name for p in people] == ["Maggie", "Maggie"]
        assert len({p.id for p in people}) == 2


def test_a_first_name_alone_twice_in_one_article_is_one_row(engine) -> None:
    with Session(engine) as session:
        store(
            session,
            ArticleInput("Maggie ran the bakery; Maggie sold bread.", "a"),
            Extraction(entities=[person("Maggie"), person("Maggie")]),
        )
        assert count(session, models.Entity) == 1


def test_a_one_word_surname_still_joins_the_same_name_in_another_article(engine) -> None:
    with Session(engine) as session:
        store(session, ArticleInput("Musharraf spoke.", "a"), Extraction(entities=[person("Musharraf")]))
        store(session, ArticleInput("Musharraf left.", "b"), Extraction(entities=[person("Musharraf")]))
        assert count(session, models.Entity) == 1
