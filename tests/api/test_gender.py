"""Speaker gender on the API: filters and facets on /quotes and /entities, and the share of quotes by gender
per source and month (/stats/quote-gender), over articles stored from extractions written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api.main import create_app
from app.extract.records import Entity, Extraction, Mention, Quote, Speaker, TextSpan
from app.inputs.articles import ArticleInput
from app.store.db import make_engine
from app.store.writer import store
from tests.conftest import settings_for

PEOPLE = {
    "Ann Lee": ("female", "honorific"),
    "Tom Hale": ("male", "first_name"),
    "Kim Fairley": ("unknown", None),
}


def article(source: str, published: date, speakers: list[str | None]) -> tuple[ArticleInput, Extraction]:
    """An article of one quote per speaker (None: a quote with no one resolved)."""
    named = list(dict.fromkeys(s for s in speakers if s))
    text = " ".join(
        f"{s or 'Someone'} said quote {i} in {source} on {published}." for i, s in enumerate(speakers)
    )
    entities = [
        Entity(
            name,
            "PERSON",
            [name],
            [Mention(name, 0, len(name))],
            gender=PEOPLE[name][0],
            gender_evidence=PEOPLE[name][1],
        )
        for name in named
    ]
    quotes = [
        Quote(
            f"quote {i}",
            0,
            7,
            "indirect",
            TextSpan("said", 0, 4),
            Speaker(s, 0, len(s), s, named.index(s)) if s else None,
        )
        for i, s in enumerate(speakers)
    ]
    return ArticleInput(text, "test", source=source, published=published), Extraction(quotes, entities, [])


ARTICLES = [
    article("Daily Bugle", date(2024, 1, 10), ["Ann Lee", "Ann Lee", "Tom Hale", None]),
    article("Daily Bugle", date(2024, 2, 5), ["Tom Hale", "Kim Fairley"]),
    article("Morning Star", date(2024, 1, 20), ["Ann Lee"]),
]


@pytest.fixture(scope="module")
def client(module_database_url: str) -> Iterator[TestClient]:
    engine = make_engine(module_database_url)
    for text, extraction in ARTICLES:
        with Session(engine) as session:
            store(session, text, extraction)
    engine.dispose()
    app = create_app(settings_for(module_database_url))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.engine.dispose()


def test_quotes_filter_by_speaker_gender(client: TestClient) -> None:
    quotes = client.get("/quotes", params={"speaker_gender": "female"}).json()["items"]
    assert len(quotes) == 3
    assert {(q["speaker"]["name"], q["speaker"]["gender"]) for q in quotes} == {("Ann Lee", "female")}


def test_quotes_with_no_person_resolved(client: TestClient) -> None:
    quotes = client.get("/quotes", params={"speaker_gender__isnull": "true"}).json()["items"]
    assert [q["speaker"] for q in quotes] == [None]


def test_quotes_facet_by_speaker_gender(client: TestClient) -> None:
    facets = client.get("/quotes", params={"facet": "speaker_gender", "size": 1}).json()["facets"]
    assert {f["value"]: f["count"] for f in facets["speaker_gender"]} == {
        "female": 3,
        "male": 2,
        "unknown": 1,
        None: 1,
    }


def test_a_gender_that_is_not_one_of_the_three_is_a_client_error(client: TestClient) -> None:
    response = client.get("/quotes", params={"speaker_gender": "woman"})
    assert response.status_code == 422
    assert "speaker_gender" in response.text


def test_entities_filter_and_facet_by_gender(client: TestClient) -> None:
    body = client.get("/entities", params={"gender": "male", "facet": "gender"}).json()
    assert [(e["name"], e["gender"], e["gender_evidence"]) for e in body["items"]] == [
        ("Tom Hale", "male", "first_name")
    ]
    assert {f["value"]: f["count"] for f in body["facets"]["gender"]} == {"male": 1}
    everyone = client.get("/entities", params={"facet": "gender", "size": 1}).json()["facets"]["gender"]
    assert {f["value"]: f["count"] for f in everyone} == {"female": 1, "male": 1, "unknown": 1}


def test_share_of_quotes_from_women_per_source_and_month(client: TestClient) -> None:
    body = client.get("/stats/quote-gender", params={"by": "source,month"}).json()
    assert body["by"] == ["source", "month"]
    assert body["items"] == [
        {
            "source": "Daily Bugle",
            "month": "2024-01",
            "female": 2,
            "male": 1,
            "unknown": 0,
            "no_person": 1,
            "quotes": 4,
            "female_share": 0.6667,
        },
        {
            "source": "Daily Bugle",
            "month": "2024-02",
            "female": 0,
            "male": 1,
            "unknown": 1,
            "no_person": 0,
            "quotes": 2,
            "female_share": 0.0,
        },
        {
            "source": "Morning Star",
            "month": "2024-01",
            "female": 1,
            "male": 0,
            "unknown": 0,
            "no_person": 0,
            "quotes": 1,
            "female_share": 1.0,
        },
    ]


def test_share_overall_takes_the_quote_filters(client: TestClient) -> None:
    body = client.get(
        "/stats/quote-gender", params={"source": "daily bugle", "published__gte": "2024-02-01"}
    ).json()
    assert body["items"] == [
        {"female": 0, "male": 1, "unknown": 1, "no_person": 0, "quotes": 2, "female_share": 0.0}
    ]


def test_share_by_an_unknown_dimension_is_a_client_error(client: TestClient) -> None:
    response = client.get("/stats/quote-gender", params={"by": "author"})
    assert response.status_code == 422
    assert "by" in response.text
    assert client.get("/stats/quote-gender", params={"size": "3"}).status_code == 422
