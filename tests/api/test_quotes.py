from fastapi.testclient import TestClient

from tests.api.conftest import seed_text


def test_quotes_by_speaker_find_putin_through_his_surname(client: TestClient) -> None:
    body = client.get("/quotes", params={"speaker": "Putin"}).json()
    quotes = body["items"]
    assert {q["speaker"]["name"] for q in quotes} == {"Vladimir Putin"}
    assert {"direct", "indirect"} <= {q["kind"] for q in quotes}
    assert len(quotes) >= 6
    text = seed_text()
    for quote in quotes:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert text[quote["cue"]["start"] : quote["cue"]["end"]] == quote["cue"]["text"]


def test_speaker_filter_is_case_insensitive_and_takes_the_full_name(client: TestClient) -> None:
    by_surname = client.get("/quotes", params={"speaker": "putin"}).json()["items"]
    by_name = client.get("/quotes", params={"speaker": "VLADIMIR PUTIN"}).json()["items"]
    assert [q["id"] for q in by_surname] == [q["id"] for q in by_name]


def test_a_pronoun_speaker_keeps_what_was_written(client: TestClient) -> None:
    quotes = client.get("/quotes", params={"speaker": "Putin", "kind": "direct"}).json()["items"]
    assert "he" in {q["speaker"]["text"] for q in quotes}


def test_quotes_of_an_article_by_kind(client: TestClient) -> None:
    quotes = client.get("/quotes", params={"article_id": 1, "kind": "direct"}).json()["items"]
    assert quotes and all(q["kind"] == "direct" and q["article_id"] == 1 for q in quotes)


def test_unknown_speaker_is_an_empty_page(client: TestClient) -> None:
    assert client.get("/quotes", params={"speaker": "Nobody Atall"}).json() == {
        "items": [],
        "next": None,
        "next_cursor": None,
    }


def test_one_quote_by_id(client: TestClient) -> None:
    first = client.get("/quotes", params={"size": 1}).json()["items"][0]
    assert client.get(f"/quotes/{first['id']}").json() == first


def test_pages_follow_next_until_the_end(client: TestClient) -> None:
    everything = [q["id"] for q in client.get("/quotes", params={"size": 500}).json()["items"]]
    seen, url = [], "/quotes?size=3"
    while url:
        response = client.get(url)
        body = response.json()
        seen += [q["id"] for q in body["items"]]
        assert len(body["items"]) <= 3
        if body["next"]:
            assert response.headers["link"] == f'<{body["next"]}>; rel="next"'
        url = body["next"]
    assert seen == everything and len(seen) > 3
