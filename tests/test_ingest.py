from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.extract.records import Claim, Extraction, Quote, Speaker
from app.ingest import ingest_articles, ingest_paths, within_body
from app.inputs.articles import article_from_record
from app.store import batch_writer, models

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def articles_in(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(models.Article))


def test_a_folder_is_ingested_and_a_second_run_stores_nothing_new(engine, extractor) -> None:
    first = ingest_paths([FIXTURES], extractor, engine)
    assert [o.status for o in first] == ["stored", "stored", "stored"]
    second = ingest_paths([FIXTURES], extractor, engine)
    assert [o.status for o in second] == ["exists", "exists", "exists"]
    assert [o.article_id for o in second] == [o.article_id for o in first]
    assert articles_in(engine) == 3


def test_bad_files_fail_alone_and_the_rest_of_the_batch_is_stored(engine, extractor, tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_text("")
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c-latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "d-good.txt").write_text("The mayor said the bridge would reopen in May.")
    outcomes = ingest_paths([tmp_path], extractor, engine, batch_size=2)
    assert {Path(o.origin).name: o.status for o in outcomes} == {
        "a-empty.txt": "failed",
        "b-binary.txt": "failed",
        "c-latin1.txt": "failed",
        "d-good.txt": "stored",
    }
    assert articles_in(engine) == 1


def test_the_same_text_twice_in_one_batch_is_stored_once(engine, extractor, tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Officials said the port had reopened.")
    outcomes = ingest_paths([tmp_path], extractor, engine)
    assert [o.status for o in outcomes] == ["stored", "exists"]
    assert articles_in(engine) == 1


def test_quotes_and_claims_in_a_headline_or_byline_are_dropped() -> None:
    text = "“We stay,” says mayor\n\nThe mayor said she would stay. “We are on track,” she said.\nBy Jo Lee"
    body = (text.index("The mayor"), text.index("\nBy Jo"))
    extraction = Extraction(
        quotes=[Quote("We stay", 1, 8, "direct"), Quote("We are on track", 56, 71, "direct")],
        claims=[Claim("Jo Lee", text.index("Jo Lee"), len(text), "factual")],
    )
    kept = within_body(extraction, text, body)
    assert [q.text for q in kept.quotes] == ["We are on track"]
    assert kept.claims == []


def test_a_claim_that_starts_in_the_dateline_keeps_its_body_part() -> None:
    text = "WASHINGTON (AP) — The Senate passed the budget on Tuesday."
    claim = Claim(text, 0, len(text), "factual", claimant=Speaker("WASHINGTON", 0, 10))
    (kept,) = within_body(Extraction(claims=[claim]), text, (18, len(text))).claims
    assert (kept.text, kept.start, kept.end) == ("The Senate passed the budget on Tuesday.", 18, len(text))
    assert kept.claimant is None


def test_a_headline_quote_is_not_stored_as_a_quote(engine, extractor) -> None:
    text = (
        "“We will not resign,” says minister\n\n"
        "The finance minister Ana Costa spoke in Lisbon on Monday. “We are on track,” Costa said."
    )
    (outcome,) = ingest_articles([article_from_record({"text": text}, "x")], extractor, engine)
    with Session(engine) as session:
        article = session.get(models.Article, outcome.article_id)
        quotes = session.scalars(select(models.Quote.text)).all()
    assert article.title == "“We will not resign,” says minister"
    assert all("resign" not in quote for quote in quotes)


def test_many_articles_share_one_transaction_and_a_failure_stores_none_of_them(
    engine, extractor, monkeypatch
) -> None:
    texts = [f"Officials said berth {n} had reopened." for n in range(4)]
    articles = [article_from_record({"text": t}, f"x:{n}") for n, t in enumerate(texts)]
    real_save = batch_writer.save_article
    calls = []

    def save_then_fail(session, article, extraction, version):
        calls.append(article.origin)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_save(session, article, extraction, version)

    monkeypatch.setattr(batch_writer, "save_article", save_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_articles(articles, extractor, engine, batch_size=4)
    assert articles_in(engine) == 0


def test_a_batch_is_checked_for_stored_texts_before_parsing(engine, extractor, monkeypatch) -> None:
    first = article_from_record({"text": "Officials said the port had reopened."}, "a")
    ingest_articles([first], extractor, engine)
    parsed = []
    real = extractor.extract_many

    def counting(jobs):
        jobs = list(jobs)
        parsed.extend(text for text, _ in jobs)
        return real(jobs)

    monkeypatch.setattr(extractor, "extract_many", counting)
    second = article_from_record({"text": "The ferry was late again."}, "b")
    outcomes = ingest_articles([first, second], extractor, engine)
    assert [o.status for o in outcomes] == ["exists", "stored"]
    assert parsed == ["The ferry was late again."]


def test_a_conflict_with_a_concurrent_run_is_retried_article_by_article(
    engine, extractor, monkeypatch
) -> None:
    conflict = IntegrityError("INSERT", {}, Exception("duplicate key value violates unique constraint"))
    real_store = batch_writer.store
    failures = iter([True])

    def conflicting_save(session, article, extraction, version):
        raise conflict

    def store_after_one_conflict(session, article, extraction, version):
        if next(failures, False):
            raise conflict
        return real_store(session, article, extraction, version)

    monkeypatch.setattr(batch_writer, "save_article", conflicting_save)
    monkeypatch.setattr(batch_writer, "store", store_after_one_conflict)
    articles = [article_from_record({"text": f"The ferry to pier {n} ran late."}, f"x:{n}") for n in range(3)]
    outcomes = ingest_articles(articles, extractor, engine)
    assert [o.status for o in outcomes] == ["stored", "stored", "stored"]
    assert articles_in(engine) == 3
