import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.api.ratelimit import TokenBuckets
from tests.conftest import settings_for

KEY = "rate-key"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_holds_a_minutes_requests_and_refills_evenly() -> None:
    clock = Clock()
    buckets = TokenBuckets(60, clock)
    assert [buckets.take("a").allowed for _ in range(61)] == [True] * 60 + [False]
    refused = buckets.take("a")
    assert (refused.remaining, refused.retry_after, refused.reset) == (0, 1, 60)
    clock.now = 1.0
    assert buckets.take("a").allowed and not buckets.take("a").allowed
    assert buckets.take("b").allowed  # another client has its own bucket


@pytest.fixture
def limited(module_database_url: str) -> Iterator[TestClient]:
    settings = settings_for(module_database_url).model_copy(
        update={"rate_limit_per_minute": 2, "api_keys": KEY}
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_past_the_limit_a_client_gets_429_with_retry_after_and_ratelimit_fields(limited: TestClient) -> None:
    first = limited.get("/health")
    assert first.headers["ratelimit-policy"] == '"minute";q=2;w=60'
    assert re.fullmatch(r'"minute";r=1;t=(29|30)', first.headers["ratelimit"])
    assert limited.get("/health").status_code == 200
    refused = limited.get("/quotes")
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 30  # a token comes back every 30 s
    assert re.fullmatch(r'"minute";r=0;t=\d+', refused.headers["ratelimit"])
    assert "RATE_LIMIT_PER_MINUTE" in refused.json()["detail"]


def test_a_valid_key_has_its_own_bucket_and_a_made_up_one_shares_the_address(limited: TestClient) -> None:
    for _ in range(2):
        assert limited.get("/health").status_code == 200
    assert limited.get("/health", headers={"X-API-Key": "made-up"}).status_code == 429
    assert limited.get("/health", headers={"X-API-Key": KEY}).status_code == 200


def test_rate_limits_are_off_by_default(module_database_url: str) -> None:
    with TestClient(create_app(settings_for(module_database_url))) as client:
        responses = [client.get("/health") for _ in range(5)]
    assert all(r.status_code == 200 and "ratelimit" not in r.headers for r in responses)
