"""What a person sees in the explorer, in a real browser: each page, the click path search -> person ->
article, text shown as text, the CSV link, keyboard use, and no serious or critical axe-core violation."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from tests.explorer.conftest import axe_violations, ready

SHOTS = os.environ.get("EXPLORER_SCREENSHOTS")  # a folder: save each page there (docs/screenshots)


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        size = page.viewport_size
        page.set_viewport_size({"width": 1100, "height": 760})
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))
        page.set_viewport_size(size)


def entity_id(page, name: str) -> int:
    (entity,) = page.request.get("/entities", params={"name": name}).json()["items"]
    return entity["id"]


def article_id(page, title: str) -> int:
    (article,) = page.request.get("/articles", params={"title__startswith": title}).json()["items"]
    return article["id"]


def colours(quotes) -> set[str]:
    """The speaker colour classes (c0 ... c7) of these quote elements."""
    names = quotes.evaluate_all("els => els.map(e => e.className)")
    return {re.search(r"\bc\d\b", name).group() for name in names}


def test_home_shows_what_the_database_holds(page) -> None:
    page.goto("/")
    ready(page, "home")
    stats = page.request.get("/stats").json()
    counts = page.locator(".counts li").all_inner_texts()
    assert [c.split() for c in counts] == [
        [str(stats[n]), n] for n in ("articles", "quotes", "entities", "claims")
    ]
    newest = page.get_by_role("region", name="Newest articles").get_by_role("link").all_inner_texts()
    assert newest[0] == "Budget vote delayed"  # the newest fixture, 2023-05-10
    assert page.get_by_role("region", name=re.compile("Most quoted")).get_by_role("link").count() > 0
    shoot(page, "home")


def test_search_then_person_then_article(page) -> None:
    page.goto("/")
    ready(page, "home")
    page.get_by_label("Search quotes, claims, people and articles").fill("refugees")
    page.keyboard.press("Enter")
    ready(page, "search")
    assert page.get_by_role("heading", level=1).inner_text() == "Search: refugees"
    results = page.locator(".quote-item")
    assert results.count() == 3
    assert results.locator("mark").first.inner_text().lower().startswith("refugee")
    speakers = page.get_by_role("region", name="Speaker")
    assert speakers.get_by_role("listitem").first.inner_text().split() == ["Vladimir", "Putin", "3"]
    shoot(page, "search")

    results.first.get_by_role("link", name="Vladimir Putin").click()
    ready(page, "entity")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Vladimir Putin")
    quotes = page.get_by_role("list", name="Quotes by Vladimir Putin").locator(":scope > li")
    assert quotes.count() == 8
    assert "Russian President" in page.locator(".facts").inner_text()
    assert page.locator("svg.chart rect").count() == 1  # every quote is from September 2015
    talks = page.get_by_role("region", name="Talks about").get_by_role("link").all_inner_texts()
    assert talks[0] == "Syria"
    assert page.get_by_role("region", name="Quoted by").get_by_role("listitem").all_inner_texts() == [
        "Press TV 8"
    ]
    shoot(page, "person")

    quotes.first.get_by_role("link", name="in context").click()
    ready(page, "article")
    marked = page.locator('#article-text .quote[data-speaker="Vladimir Putin"]')
    assert marked.count() == 8
    colours = {
        re.search(r"\bc\d\b", c).group() for c in marked.evaluate_all("els => els.map(e => e.className)")
    }
    assert len(colours) == 1
    others = page.locator("#article-text .quote:not([data-speaker='Vladimir Putin'])")
    assert colours.isdisjoint(
        re.search(r"\bc\d\b", c).group() for c in others.evaluate_all("els => els.map(e => e.className)")
    )
    shoot(page, "article")


def test_hover_or_focus_on_a_quote_names_speaker_cue_and_kind(page) -> None:
    page.goto(f"/#/article/{article_id(page, 'Dam to be repaired by June')}")
    ready(page, "article")
    quote = page.locator("#article-text .quote").filter(has_text="We are ready")
    tip = quote.get_by_role("tooltip")
    assert not tip.is_visible()
    quote.focus()
    assert tip.is_visible() and tip.inner_text() == "Ana Ruiz (“Ruiz”) · said · direct"
    page.mouse.move(0, 0)
    page.locator("#article-text .quote").filter(has_text="the repairs would cost").hover()
    assert page.get_by_role("tooltip").filter(has_text="Paul Okafor").is_visible()
    assert (
        page.locator("#article-text a.mention", has_text="Ana Ruiz")
        .first.get_attribute("href")
        .startswith("#/entity/")
    )
    claims = page.get_by_role("region", name="Claims")
    assert "12 million dollars" in claims.locator(".quantity").all_inner_texts()


def test_article_text_with_markup_in_quotes_shows_the_characters(page) -> None:
    page.goto(f"/#/article/{article_id(page, 'Harbour web page')}")
    ready(page, "article")
    text = page.locator("#article-text").inner_text()
    assert "printed <script>alert('harbour')</script> on the screen" in text
    assert "typed <img src=x onerror=alert(1)> into the comment box" in text
    assert page.locator("main script, main img").count() == 0
    assert page.get_by_role("heading", level=1).inner_text() == "Harbour web page <b>printed</b> a script"
    lund = page.locator('#article-text .quote[data-speaker="Mia Lund"]')
    assert "<img src=x onerror=alert(1)>" in lund.all_inner_texts()[1]
    shoot(page, "article-markup")


def test_search_snippets_with_markup_stay_text(page) -> None:
    page.goto("/#/search?q=onerror")
    ready(page, "search")
    first = page.locator(".quote-item blockquote").first
    assert "<img src=x" in first.inner_text() and first.locator("mark").count() >= 1
    assert page.locator("main img").count() == 0


def test_facets_narrow_the_list_and_the_csv_link_downloads_the_same_rows(page) -> None:
    page.goto("/#/search")
    ready(page, "search")
    page.get_by_role("region", name="Kind").get_by_role("link", name="direct", exact=True).click()
    page.wait_for_url(re.compile(r"kind=direct"))
    ready(page, "search")
    shown = page.locator(".quote-item").evaluate_all("els => els.map(e => Number(e.dataset.quoteId))")
    while page.get_by_role("button", name="More").count():
        page.get_by_role("button", name="More").click()
        page.locator(".quote-item").nth(len(shown)).wait_for()
        shown = page.locator(".quote-item").evaluate_all("els => els.map(e => Number(e.dataset.quoteId))")
    assert page.locator(".quote-item .badge.direct").count() == len(shown) > 0
    href = page.get_by_role("link", name="Download as CSV").get_attribute("href")
    assert "format=csv" in href and "kind=direct" in href
    rows = list(csv.DictReader(io.StringIO(page.request.get(href).text())))
    assert [int(r["id"]) for r in rows] == shown


def test_the_csv_of_a_search_holds_every_hit_shown(page) -> None:
    page.goto("/#/search?q=refugees")
    ready(page, "search")
    shown = page.locator(".quote-item").evaluate_all("els => els.map(e => Number(e.dataset.quoteId))")
    href = page.get_by_role("link", name="Download as CSV").get_attribute("href")
    rows = list(csv.DictReader(io.StringIO(page.request.get(href).text())))
    assert sorted(int(r["id"]) for r in rows) == sorted(shown) and len(shown) == 3
    assert {r["article_source"] for r in rows} == {"Press TV"}


def test_more_pages_through_with_the_next_link(page) -> None:
    page.goto("/#/search?type=quotes")
    ready(page, "search")
    first = page.locator(".quote-item").count()
    assert first == 20  # a page
    page.get_by_role("button", name="More").click()
    page.locator(".quote-item").nth(20).wait_for()
    ids = page.locator(".quote-item").evaluate_all("els => els.map(e => e.dataset.quoteId)")
    assert len(ids) == len(set(ids)) == page.request.get("/stats").json()["quotes"]


def test_claims_sorted_by_check_worthiness_and_filtered_by_stance(page) -> None:
    page.goto("/#/claims")
    ready(page, "claims")
    scores = [float(s) for s in page.locator(".claim-item .score").all_inner_texts()]
    assert scores == sorted(scores, reverse=True) and len(scores) > 5
    shoot(page, "claims")
    page.get_by_role("region", name="Stance").get_by_role("link", name="denies", exact=True).click()
    page.wait_for_url(re.compile(r"stance=denies"))
    ready(page, "claims")
    claims = page.locator(".claim-item")
    assert (
        claims.count()
        == page.request.get("/claims", params={"stance": "denies", "count": "true"}).json()["count"]
    )
    assert claims.locator(".badge.denies").count() == claims.count()
    assert (
        claims.filter(has_text="Russia’s support for Syria")
        .get_by_role("link", name="Vladimir Putin")
        .count()
        == 1
    )


def test_every_view_is_in_the_url(page) -> None:
    putin = entity_id(page, "Vladimir Putin")
    page.goto(f"/#/search?q=refugees&type=claims&claimant_id={putin}")
    ready(page, "search")
    tabs = page.get_by_role("navigation", name="Kinds of result")
    assert tabs.get_by_role("link", name=re.compile("^Claims")).get_attribute("aria-current") == "page"
    wanted = page.request.get("/claims", params={"q": "refugees", "claimant_id": putin}).json()["items"]
    assert page.locator(".claim-item").evaluate_all("els => els.map(e => Number(e.dataset.claimId))") == [
        c["id"] for c in wanted
    ]
    assert len(wanted) == 2
    assert (
        page.get_by_role("region", name="Claimant")
        .locator("li.chosen")
        .inner_text()
        .startswith("✓ Vladimir Putin")
    )
    page.reload()
    ready(page, "search")
    assert page.locator(".claim-item").count() == 2


def test_keyboard_alone_reaches_search_and_results(page) -> None:
    page.goto("/")
    ready(page, "home")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("ready")
    page.keyboard.press("Enter")
    ready(page, "search")
    assert page.locator(".quote-item").count() >= 1


@pytest.mark.parametrize(
    "view",
    ["/", "/#/search?q=refugees", "/#/search?q=refugees&type=claims", "/#/claims", "entity", "article"],
)
def test_no_serious_or_critical_accessibility_violation(page, view: str) -> None:
    if view == "entity":
        view = f"/#/entity/{entity_id(page, 'Vladimir Putin')}"
    elif view == "article":
        view = f"/#/article/{article_id(page, 'Harbour web page')}"
    page.goto(view)
    page.wait_for_selector('main[aria-busy="false"][data-complete="true"]')
    assert axe_violations(page) == []


def test_a_missing_entity_says_so(browser, server: str) -> None:
    page = browser.new_page(base_url=server)  # not the `page` fixture: the 404 it logs is expected here
    page.goto("/#/entity/424242")
    ready(page, "entity")
    assert page.get_by_role("alert").inner_text() == "404: no entity with id 424242"
    page.close()


def test_the_accessibility_check_finds_violations_where_there_are_some(page) -> None:
    page.set_content('<html><body><main><img src="x.png"><button></button></main></body></html>')
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "button-name", "html-has-lang"}
