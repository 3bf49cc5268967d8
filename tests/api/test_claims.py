from fastapi.testclient import TestClient


def test_claims_by_claimant_and_kind(client: TestClient) -> None:
    items = client.get("/claims", params={"claimant": "Putin", "kind": "attributed"}).json()["items"]
    assert items
    assert all(c["claimant"]["name"] == "Vladimir Putin" and c["kind"] == "attributed" for c in items)


def test_statistic_claims_carry_their_quantities(client: TestClient) -> None:
    items = client.get("/claims", params={"kind": "statistic", "article_id": 1}).json()["items"]
    assert any(q["value"] == 250000 for c in items for q in c["quantities"])


def test_one_claim_by_id_and_a_missing_one(client: TestClient) -> None:
    first = client.get("/claims", params={"size": 1}).json()["items"][0]
    assert client.get(f"/claims/{first['id']}").json() == first
    assert client.get("/claims/999999").status_code == 404


def test_bad_kind_is_a_422_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/claims", params={"kind": "rumour"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["parameter"] == "kind"


def test_an_accusation_keeps_its_target_and_a_denial_its_alleger(client: TestClient) -> None:
    accusations = client.get("/claims", params={"stance": "accuses", "article_id": 1}).json()["items"]
    assert any(c["target"] and c["target"]["text"] == "Moscow" for c in accusations)
    params = {"stance": "denies", "alleger__contains": "western"}
    denials = client.get("/claims", params=params).json()["items"]
    assert denials and all("Western" in c["alleger"] for c in denials)


def test_relative_dates_are_resolved_against_publication(client: TestClient) -> None:
    denials = client.get("/claims", params={"stance": "denies", "claimant": "Haddad"}).json()["items"]
    assert "2015-09-14" in denials[0]["dates"]


def test_min_score_keeps_the_most_check_worthy(client: TestClient) -> None:
    kept = client.get("/claims", params={"min_score": "0.7", "size": 500}).json()["items"]
    scores = [c["score"] for c in kept]
    assert scores and min(scores) >= 0.7
    every = client.get("/claims", params={"size": 500}).json()["items"]
    assert len(scores) == sum(c["score"] >= 0.7 for c in every)
