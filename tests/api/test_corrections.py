"""PUT /articles/{id} (corrections), extractor versions on articles and /meta, 410 for removed entities."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from app.api.main import create_app
from app.store import models
from tests.conftest import settings_for

KEY = "test-key-123"
TEXT = (
    "Mayor Jane Smith said on Monday that the bridge would reopen in May.\n"
    "“It is safe,” Smith said. Councillor Tom Ash said the repairs cost $4 million."
)
# The same first sentence; the councillor is gone and the mayor's quote moved.
CORRECTED = (
    "Mayor Jane Smith said on Monday that the bridge would reopen in May.\n"
    "The repairs cost $4 million, officials said. “It is quite safe,” Smith said."
)


@pytest.fixture
def writer(database_url: str, extractor) -> Iterator[TestClient]:
    settings = settings_for(database_url).model_copy(update={"api_keys": KEY})
    app = create_app(settings)
    app.state.extractor = extractor
    with TestClient(app, raise_server_exceptions=False, headers={"X-API-Key": KEY}) as client:
        yield client
    app.state.engine.dispose()


def entity_ids(article: dict) -> dict[str, int]:
    return {e["name"]: e["id"] for e in article["entities"]}


def test_a_correction_replaces_the_text_and_answers_with_the_new_extraction(writer: TestClient) -> None:
    first = writer.post("/articles", json={"text": TEXT, "title": "Bridge"}).json()
    response = writer.put(f"/articles/{first['id']}", json={"text": CORRECTED, "title": "Bridge (corrected)"})
    assert response.status_code == 200
    article = response.json()
    assert (article["id"], article["text"], article["title"]) == (
        first["id"],
        CORRECTED,
        "Bridge (corrected)",
    )
    assert article["content_hash"] != first["content_hash"]
    assert writer.get(f"/articles/{first['id']}").json() == article
    assert "It is quite safe" in {q["text"] for q in article["quotes"]}


def test_what_still_exists_keeps_its_id_and_what_is_gone_answers_410(writer: TestClient) -> None:
    first = writer.post("/articles", json={"text": TEXT}).json()
    article = writer.put(f"/articles/{first['id']}", json={"text": CORRECTED}).json()
    before, after = entity_ids(first), entity_ids(article)
    assert after["Jane Smith"] == before["Jane Smith"]
    unchanged = {(q["start"], q["end"]): q["id"] for q in first["quotes"]}
    kept = [q for q in article["quotes"] if (q["start"], q["end"]) in unchanged]
    assert kept and all(q["id"] == unchanged[(q["start"], q["end"])] for q in kept)
    assert writer.get(f"/quotes/{kept[0]['id']}").json()["text"] == kept[0]["text"]

    gone = writer.get(f"/entities/{before['Tom Ash']}")
    assert gone.status_code == 410
    assert gone.headers["content-type"] == "application/problem+json"
    assert gone.json()["status"] == 410 and "Tom Ash" in gone.json()["detail"]
    assert writer.get(f"/entities/{before['Tom Ash']}/quotes").status_code == 410
    assert writer.get("/entities/99999").status_code == 404


def test_deleting_the_only_article_naming_an_entity_makes_it_410(writer: TestClient) -> None:
    first = writer.post("/articles", json={"text": TEXT}).json()
    second = writer.post("/articles", json={"text": "Jane Smith resigned on Friday."}).json()
    writer.delete(f"/articles/{first['id']}")
    names = entity_ids(first)
    assert writer.get(f"/entities/{names['Tom Ash']}").status_code == 410
    assert writer.get(f"/entities/{names['Jane Smith']}").json()["article_count"] == 1
    assert entity_ids(second)["Jane Smith"] == names["Jane Smith"]


def test_the_old_text_can_be_sent_again_once_corrected(writer: TestClient) -> None:
    first = writer.post("/articles", json={"text": TEXT}).json()
    writer.put(f"/articles/{first['id']}", json={"text": CORRECTED})
    again = writer.post("/articles", json={"text": TEXT})
    assert again.status_code == 201 and again.json()["id"] != first["id"]


def test_the_etags_of_the_lists_holding_its_rows_change(writer: TestClient) -> None:
    first = writer.post("/articles", json={"text": TEXT}).json()
    smith = entity_ids(first)["Jane Smith"]
    lists = [
        "/articles",
        f"/articles/{first['id']}",
        f"/quotes?article_id={first['id']}",
        f"/claims?article_id={first['id']}",
        f"/entities?article_id={first['id']}",
        "/quotes",
        f"/entities/{smith}/quotes",
    ]
    before = {url: writer.get(url).headers["etag"] for url in lists}
    writer.put(f"/articles/{first['id']}", json={"text": CORRECTED})
    after = {url: writer.get(url) for url in lists}
    assert all(r.status_code == 200 for r in after.values())
    assert [url for url in lists if after[url].headers["etag"] == before[url]] == []
    stale = writer.get("/articles", headers={"If-None-Match": before["/articles"]})
    assert stale.status_code == 200


def test_a_correction_takes_the_same_bodies_as_post(writer: TestClient) -> None:
    first = writer.post("/articles", json={"text": TEXT}).json()
    response = writer.put(
        f"/articles/{first['id']}?source=Example%20Wire",
        content=CORRECTED.encode(),
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 200
    assert (response.json()["text"], response.json()["source"]) == (CORRECTED, "Example Wire")
    bad = writer.put(f"/articles/{first['id']}", json={"title": "no text"})
    assert bad.status_code == 422 and '"text" is missing' in bad.json()["detail"]


@pytest.mark.parametrize(
    ("headers", "status"), [({"X-API-Key": ""}, 401), ({"X-API-Key": "wrong"}, 403)], ids=["none", "wrong"]
)
def test_a_correction_needs_a_key(writer: TestClient, headers: dict, status: int) -> None:
    first = writer.post("/articles", json={"text": TEXT}).json()
    response = writer.put(f"/articles/{first['id']}", json={"text": CORRECTED}, headers=headers)
    assert response.status_code == status
    assert writer.get(f"/articles/{first['id']}").json()["text"] == TEXT


def test_a_correction_of_no_article_is_404_and_onto_another_ones_text_is_409(writer: TestClient) -> None:
    assert writer.put("/articles/99999", json={"text": CORRECTED}).status_code == 404
    first = writer.post("/articles", json={"text": TEXT}).json()
    other = writer.post("/articles", json={"text": CORRECTED}).json()
    clash = writer.put(f"/articles/{first['id']}", json={"text": CORRECTED})
    assert clash.status_code == 409 and str(other["id"]) in clash.json()["detail"]
    assert writer.get(f"/articles/{first['id']}").json() == first


def test_articles_carry_their_extractor_version_and_meta_counts_the_others(
    writer: TestClient, engine, extractor
) -> None:
    first = writer.post("/articles", json={"text": TEXT}).json()
    writer.post("/articles", json={"text": CORRECTED})
    assert first["extractor_version"] == extractor.version
    with Session(engine) as session:
        session.execute(
            update(models.Article).where(models.Article.id == first["id"]).values(extractor_version="unknown")
        )
        session.commit()
    meta = writer.get("/meta").json()
    assert meta == {
        "extractor_version": extractor.version,
        "model": extractor.model,
        "articles": 2,
        "articles_on_other_versions": 1,
    }
    stale = writer.get("/articles?extractor_version=unknown").json()["items"]
    assert [a["id"] for a in stale] == [first["id"]]
    current = writer.get("/articles", params={"extractor_version__not": "unknown"}).json()["items"]
    assert [a["extractor_version"] for a in current] == [extractor.version]


def test_search_finds_the_corrected_text_and_not_the_old_one(writer: TestClient) -> None:
    first = writer.post("/articles", json={"text": TEXT}).json()
    writer.put(f"/articles/{first['id']}", json={"text": CORRECTED})
    assert [a["id"] for a in writer.get("/articles", params={"q": "officials"}).json()["items"]] == [
        first["id"]
    ]
    assert writer.get("/articles", params={"q": "councillor"}).json()["items"] == []
    assert writer.get("/quotes", params={"q": "quite"}).json()["items"]
