from fastapi.testclient import TestClient

from app.api.main import create_app
from tests.conftest import settings_for


def test_stats_count_what_the_lists_hold(client: TestClient) -> None:
    stats = client.get("/stats").json()
    for name in ("articles", "quotes", "entities", "claims"):
        listed = client.get(f"/{name}", params={"count": "true", "size": 1}).json()["count"]
        assert stats[name] == listed > 0
    dates = [
        a["published"]
        for a in client.get("/articles", params={"size": 500}).json()["items"]
        if a["published"]
    ]
    assert (stats["first_published"], stats["last_published"]) == (min(dates), max(dates))


def test_stats_of_an_empty_database(database_url: str) -> None:
    with TestClient(create_app(settings_for(database_url))) as empty:
        stats = empty.get("/stats").json()
    assert stats == {
        "articles": 0,
        "quotes": 0,
        "entities": 0,
        "claims": 0,
        "first_published": None,
        "last_published": None,
    }
