from fastapi.testclient import TestClient


def test_entities_by_type(client: TestClient) -> None:
    items = client.get("/entities", params={"type": "person", "size": 500}).json()["items"]
    names = {e["name"] for e in items}
    assert {"Vladimir Putin", "Maria Lopez"} <= names
    assert all(e["type"] == "PERSON" for e in items)


def test_entity_by_any_alias(client: TestClient) -> None:
    (putin,) = client.get("/entities", params={"name": "putin"}).json()["items"]
    assert putin["name"] == "Vladimir Putin"
    assert {"Putin", "Vladimir Putin"} <= set(putin["aliases"])


def test_a_person_in_two_articles_is_one_entity(client: TestClient) -> None:
    (lopez,) = client.get("/entities", params={"name": "Maria Lopez"}).json()["items"]
    detail = client.get(f"/entities/{lopez['id']}").json()
    assert detail["article_count"] >= 2
    assert detail["quote_count"] >= 1


def test_entities_of_one_article(client: TestClient) -> None:
    items = client.get("/entities", params={"article_id": 1, "size": 500}).json()["items"]
    assert "Vladimir Putin" in {e["name"] for e in items}
    assert "Maria Lopez" not in {e["name"] for e in items}


def test_missing_entity_is_a_json_404(client: TestClient) -> None:
    response = client.get("/entities/424242")
    assert (response.status_code, response.json()["title"]) == (404, "Not Found")
