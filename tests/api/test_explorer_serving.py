"""The explorer's files as the server sends them: at `/`, from the package, under a strict CSP."""

import re

from fastapi.testclient import TestClient

from app.explorer import STATIC


def test_the_explorer_is_served_at_the_root_with_a_strict_csp(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_page_has_no_inline_script_or_style(client: TestClient) -> None:
    html = client.get("/").text
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # every script is a file
    assert not re.search(r"\sstyle=|<style|\son[a-z]+=", html)


def test_every_explorer_file_is_served_with_the_policy(client: TestClient) -> None:
    files = [p for p in STATIC.rglob("*") if p.is_file() and p.name != "index.html"]
    assert {p.name for p in files} >= {"style.css", "app.js", "search.js", "entity.js", "article.js"}
    for path in files:
        response = client.get(f"/explorer/{path.relative_to(STATIC).as_posix()}")
        assert response.status_code == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/explorer/js/app.js").headers["content-type"].startswith("text/javascript")


def test_scripts_never_write_html_strings() -> None:
    for path in STATIC.rglob("*.js"):
        source = path.read_text()
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", source), path


def test_the_api_and_its_docs_stay_where_they_were(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    assert client.get("/quotes", params={"size": 1}).json()["items"]
    assert "content-security-policy" not in client.get("/quotes").headers
