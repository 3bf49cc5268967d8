from fastapi.testclient import TestClient

from tests.api.conftest import seed_text


def test_articles_are_listed_with_their_metadata(client: TestClient) -> None:
    items = client.get("/articles").json()["items"]
    seed = items[0]
    assert (seed["source"], seed["published"]) == ("Press TV", "2015-09-15")
    assert "text" not in seed
    assert len(items) == 4


def test_articles_by_source_case_insensitive(client: TestClient) -> None:
    items = client.get("/articles", params={"source": "example wire"}).json()["items"]
    assert sorted(a["title"] for a in items) == ["Budget vote delayed", "Spain to cut fuel taxes"]


def test_articles_by_published_range(client: TestClient) -> None:
    params = {"published__gte": "2023-03-01", "published__lte": "2023-04-30"}
    items = client.get("/articles", params=params).json()["items"]
    assert sorted(a["published"] for a in items) == ["2023-03-07", "2023-04-02"]


def test_articles_mentioning_an_entity(client: TestClient) -> None:
    items = client.get("/articles", params={"entity": "Lopez"}).json()["items"]
    assert len(items) >= 2 and all(a["source"] and a["source"].startswith("Example") for a in items)


def test_one_article_has_its_text_quotes_entities_and_claims(client: TestClient) -> None:
    article = client.get("/articles/1").json()
    assert article["text"] == seed_text()
    assert article["quotes"] and article["entities"] and article["claims"]
    for entity in article["entities"]:
        for mention in entity["mentions"]:
            assert article["text"][mention["start"] : mention["end"]] == mention["text"]


def test_missing_article_is_a_json_404(client: TestClient) -> None:
    response = client.get("/articles/9999")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "no article with id 9999"


def test_bad_date_is_a_422_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/articles", params={"published__gte": "yesterday-ish"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "published__gte"
