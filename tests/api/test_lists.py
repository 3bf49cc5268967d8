"""The query syntax shared by every list: filters with operators, search, sort, pages, counts, facets,
fields, include and exports."""

import csv
import io

import orjson
from fastapi.testclient import TestClient
from sqlalchemy import event


def items(client: TestClient, url: str, **params) -> list[dict]:
    response = client.get(url, params={"size": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_operators_on_dates(client: TestClient) -> None:
    after = items(client, "/articles", published__gt="2023-03-07")
    assert sorted(a["published"] for a in after) == ["2023-04-02", "2023-05-10"]


def test_in_and_not_operators(client: TestClient) -> None:
    both = items(client, "/quotes", kind__in="direct,mixed")
    assert both and {q["kind"] for q in both} <= {"direct", "mixed"}
    others = items(client, "/quotes", kind__not="direct")
    assert "direct" not in {q["kind"] for q in others}


def test_isnull_finds_quotes_without_a_resolved_speaker(client: TestClient) -> None:
    unresolved = items(client, "/quotes", speaker__isnull="true")
    resolved = items(client, "/quotes", speaker__isnull="false")
    assert all(q["speaker"] is None or q["speaker"]["entity_id"] is None for q in unresolved)
    assert all(q["speaker"]["entity_id"] is not None for q in resolved)
    assert len(unresolved) + len(resolved) == len(items(client, "/quotes"))


def test_contains_is_case_insensitive(client: TestClient) -> None:
    found = items(client, "/quotes", text__contains="REFUGEE")
    assert found and all("refugee" in q["text"].lower() for q in found)


def test_speaker_not_excludes_every_name_of_the_speaker(client: TestClient) -> None:
    assert all(
        q["speaker"] is None or q["speaker"]["name"] != "Vladimir Putin"
        for q in items(client, "/quotes", speaker__not="putin")
    )


def test_filters_combine_with_and(client: TestClient) -> None:
    found = items(client, "/quotes", speaker="Putin", kind="direct")
    assert found and all(q["kind"] == "direct" and q["speaker"]["name"] == "Vladimir Putin" for q in found)


def test_unknown_parameter_and_operator_are_named(client: TestClient) -> None:
    for params, parameter in [
        ({"spaeker": "x"}, "spaeker"),
        ({"kind__gt": "a"}, "kind__gt"),
        ({"published__gte": "soon"}, "published__gte"),
        ({"sort": "colour"}, "sort"),
    ]:
        response = client.get("/quotes", params=params)
        assert response.status_code == 422, params
        assert response.json()["errors"][0]["parameter"] == parameter


def test_sort_descending_and_keyset_pages_agree(client: TestClient) -> None:
    everything = [a["id"] for a in items(client, "/articles", sort="-published")]
    seen, url = [], "/articles?sort=-published&size=1"
    while url:
        body = client.get(url).json()
        seen += [a["id"] for a in body["items"]]
        url = body["next"]
    assert seen == everything
    published = [a["published"] for a in items(client, "/articles", sort="-published")]
    assert published == sorted(published, reverse=True)


def test_quotes_page_by_a_sort_key_from_their_article(client: TestClient) -> None:
    everything = [q["id"] for q in items(client, "/quotes", sort="-published,start")]
    seen, url = [], "/quotes?sort=-published,start&size=2"
    while url:
        body = client.get(url).json()
        assert all("published" not in q for q in body["items"])
        seen += [q["id"] for q in body["items"]]
        url = body["next"]
    assert len(everything) > 2 and seen == everything


def test_count_is_opt_in(client: TestClient) -> None:
    assert "count" not in client.get("/quotes").json()
    body = client.get("/quotes", params={"count": "true", "size": 1}).json()
    assert body["count"] == len(items(client, "/quotes")) and body["count_capped"] is False


def test_facets_count_by_value(client: TestClient) -> None:
    body = client.get("/quotes", params={"facet": "kind,speaker"}).json()
    kinds = {f["value"]: f["count"] for f in body["facets"]["kind"]}
    assert sum(kinds.values()) == len(items(client, "/quotes"))
    speakers = {f["label"]: f["count"] for f in body["facets"]["speaker"] if f["label"]}
    assert speakers["Vladimir Putin"] == len(items(client, "/quotes", speaker="Putin"))


def test_fields_choose_what_comes_back(client: TestClient) -> None:
    (first, *_) = items(client, "/quotes", fields="text,kind")
    assert set(first) == {"id", "text", "kind"}


def test_include_text_adds_each_articles_text(client: TestClient) -> None:
    (first, *_) = items(client, "/articles", source="Press TV", include="text")
    assert first["text"] == client.get(f"/articles/{first['id']}").json()["text"]
    assert "text" not in items(client, "/articles", source="Press TV")[0]


def test_include_text_is_read_by_the_pages_own_statement(client: TestClient) -> None:
    plain = items(client, "/articles", word_count__gt=0)  # its statement kept first, then one with the text
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_) -> None:
        statements.append(statement)

    engine = client.app.state.read_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        with_text = items(client, "/articles", word_count__gt=0, include="text")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert [a["id"] for a in with_text] == [a["id"] for a in plain]
    assert all(a["text"] for a in with_text)
    assert len(statements) == 1, statements


def test_include_named_twice_reads_the_text_once(client: TestClient) -> None:
    (first, *_) = items(client, "/articles", include="text,text")
    assert [key for key in first if key.startswith("text")] == ["text"]


def test_include_embeds_the_article_and_the_speaker(client: TestClient) -> None:
    (first, *_) = items(client, "/quotes", speaker="Putin", include="article,speaker")
    assert first["article"]["source"] == "Press TV"
    assert first["speaker"]["entity"]["type"] == "PERSON"
    assert "Putin" in first["speaker"]["entity"]["aliases"]


def test_search_ranks_and_highlights(client: TestClient) -> None:
    found = items(client, "/quotes", q="refugees")
    assert found
    for quote in found:
        assert "<mark>" in quote["search"]["snippet"]
    scores = [q["search"]["score"] for q in found]
    assert scores == sorted(scores, reverse=True)


def test_search_snippets_belong_to_the_items_of_the_page(client: TestClient) -> None:
    everything = items(client, "/quotes", q="military")
    page = items(client, "/quotes", q="military", size=2)
    assert len(everything) > 2 and len(page) == 2
    for quote in page:
        snippet = quote["search"]["snippet"]
        plain = snippet.replace("<mark>", "").replace("</mark>", "").strip("…")
        assert "<mark>" in snippet and plain in quote["text"]


def test_search_text_with_fts_syntax_is_taken_literally(client: TestClient) -> None:
    response = client.get("/quotes", params={"q": 'refugees" OR NEAR(* -'})
    assert response.status_code == 200


def test_search_articles_and_claims(client: TestClient) -> None:
    assert [a["source"] for a in items(client, "/articles", q="fuel taxes")] == ["Example Wire"]
    assert items(client, "/claims", q="Syria")


def test_article_search_snippets_come_from_the_article_text(client: TestClient) -> None:
    (article,) = items(client, "/articles", q="fuel taxes", include="text")
    snippet = article["search"]["snippet"]
    assert "<mark>fuel</mark>" in snippet.lower()
    plain = snippet.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert plain in article["text"]


def test_an_article_matched_by_its_title_alone_gets_the_title_as_snippet(client: TestClient) -> None:
    (article,) = items(client, "/articles", q="rail")
    assert article["search"]["snippet"] == "<mark>Rail</mark> strike called off"


def test_ndjson_export_streams_the_whole_filtered_list(client: TestClient) -> None:
    response = client.get("/quotes", params={"format": "ndjson", "speaker": "Putin", "size": 1})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [orjson.loads(line) for line in response.content.splitlines()]
    assert [q["id"] for q in lines] == [q["id"] for q in items(client, "/quotes", speaker="Putin")]


def test_csv_export_flattens_nested_fields(client: TestClient) -> None:
    response = client.get("/quotes", params={"format": "csv", "speaker": "Putin"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["speaker_name"] for r in rows} == {"Vladimir Putin"}
    assert "cue_text" in rows[0]


def test_entity_quotes_and_articles(client: TestClient) -> None:
    (putin,) = items(client, "/entities", name="Putin")
    quotes = items(client, f"/entities/{putin['id']}/quotes")
    assert quotes and {q["speaker"]["name"] for q in quotes} == {"Vladimir Putin"}
    assert [a["id"] for a in items(client, f"/entities/{putin['id']}/articles")] == [1]
    assert client.get("/entities/999999/quotes").status_code == 404


def test_search_results_page_through_without_repeats(client: TestClient) -> None:
    everything = [q["id"] for q in items(client, "/quotes", q="country")]
    seen, url = [], "/quotes?q=country&size=2"
    while url:
        body = client.get(url).json()
        seen += [q["id"] for q in body["items"]]
        url = body["next"]
    assert seen == everything and len(seen) == len(set(seen)) > 2


def test_sort_by_id_descending_pages_newest_first(client: TestClient) -> None:
    seen, url = [], "/quotes?sort=-id&size=3&fields=id"
    while url:
        body = client.get(url).json()
        seen += [q["id"] for q in body["items"]]
        url = body["next"]
    assert seen == sorted(seen, reverse=True) and len(seen) > 3
    assert seen == [q["id"] for q in items(client, "/quotes", sort="-id,kind")]  # nothing decides after id


def test_search_ranked_setting_bounds_the_ranked_pages_only(client: TestClient, monkeypatch) -> None:
    every = items(client, "/quotes", q="country", sort="-id")
    monkeypatch.setattr(client.app.state.settings, "search_ranked", 2)
    body = client.get("/quotes", params={"q": "country", "count": "true"}).json()
    assert [q["id"] for q in body["items"]] != [] and len(body["items"]) == 2 and body["next"] is None
    assert {q["id"] for q in body["items"]} <= {q["id"] for q in every[:2]}  # the two newest, ranked
    assert body["count"] == len(every) > 2
    assert len(items(client, "/quotes", q="country", sort="-id")) == len(every)
    exported = client.get("/quotes", params={"q": "country", "format": "ndjson"})
    assert len(exported.content.splitlines()) == 2


def test_search_export_ends(client: TestClient) -> None:
    response = client.get("/quotes", params={"q": "country", "format": "ndjson"})
    assert len(response.content.splitlines()) == len(items(client, "/quotes", q="country"))


def test_facet_size_gives_more_values_than_the_default(client: TestClient) -> None:
    speakers = client.get("/quotes", params={"facet": "speaker", "facet_size": 2}).json()["facets"]["speaker"]
    assert len(speakers) == 2
    every = client.get("/quotes", params={"facet": "speaker", "facet_size": 500}).json()["facets"]["speaker"]
    assert len(every) > 2 and every[:2] == speakers


def test_facet_size_out_of_range_is_a_422_naming_it(client: TestClient) -> None:
    for bad in ("0", "501", "ten"):
        response = client.get("/quotes", params={"facet": "kind", "facet_size": bad})
        assert response.status_code == 422
        assert response.json()["errors"][0]["parameter"] == "facet_size"


def test_quotes_and_claims_filter_by_their_articles_source(client: TestClient) -> None:
    for path in ("/quotes", "/claims"):
        by_source = {
            f["value"]: f["count"]
            for f in client.get(path, params={"facet": "source"}).json()["facets"]["source"]
        }
        assert by_source["Press TV"] > 0
        found = items(client, path, source="press tv")
        assert len(found) == by_source["Press TV"]
        assert {
            i["article"]["source"] for i in items(client, path, source="Press TV", include="article")
        } == {"Press TV"}
