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
