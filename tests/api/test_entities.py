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


def test_mentioned_lists_whom_a_speaker_names_in_their_quotes(client: TestClient) -> None:
    (putin,) = client.get("/entities", params={"name": "putin"}).json()["items"]
    mentioned = client.get(f"/entities/{putin['id']}/mentioned").json()
    counts = {e["name"]: e["count"] for e in mentioned}
    assert "Syria" in counts and "Vladimir Putin" not in counts
    assert [e["count"] for e in mentioned] == sorted(counts.values(), reverse=True)
    # each count is a mention inside one of his quotes: Syria appears in them this often
    quotes = client.get("/quotes", params={"speaker_id": putin["id"], "size": 500}).json()["items"]
    article = client.get(f"/articles/{quotes[0]['article_id']}").json()
    syria = next(e for e in article["entities"] if e["name"] == "Syria")
    inside = [
        m for m in syria["mentions"] if any(q["start"] <= m["start"] and m["end"] <= q["end"] for q in quotes)
    ]
    assert counts["Syria"] == len(inside)


def test_mentioned_reads_only_the_newest_quotes_asked_for(client: TestClient) -> None:
    (putin,) = client.get("/entities", params={"name": "putin"}).json()["items"]
    everything = client.get(f"/entities/{putin['id']}/mentioned", params={"size": 100}).json()
    fewer = client.get(f"/entities/{putin['id']}/mentioned", params={"size": 100, "scan": 1}).json()
    assert sum(e["count"] for e in fewer) < sum(e["count"] for e in everything)
    assert len(client.get(f"/entities/{putin['id']}/mentioned", params={"size": 2}).json()) == 2


def test_mentioned_of_a_missing_entity_is_a_404(client: TestClient) -> None:
    assert client.get("/entities/424242/mentioned").status_code == 404
