from app.store.search import fts5_query, has_terms, is_search_object


def test_user_text_becomes_quoted_fts5_phrases() -> None:
    assert fts5_query('refugees" OR NEAR(europe* -') == '"refugees" "OR" "NEAR" "europe"'


def test_text_without_words_has_no_terms() -> None:
    assert not has_terms("*** ---")
    assert has_terms("Putin")


def test_search_objects_are_recognised() -> None:
    assert all(is_search_object(n) for n in ["quotes_fts", "claims_fts_data", "tsv", "ix_quotes_tsv"])
    assert not is_search_object("quotes")
