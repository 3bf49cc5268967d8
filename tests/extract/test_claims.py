"""The `news_claims` component on sentences of our own making: one test per pattern of claim."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from app.extract.records import Claim


def claims(nlp: Language, text: str, published: date | None = None) -> list[Claim]:
    """The claims of `text`, each checked to point at its own words and to carry a score in [0, 1]."""
    doc = nlp.make_doc(text)
    doc._.published = published
    found = nlp(doc)._.claims
    for claim in found:
        assert claim.text == text[claim.start : claim.end]
        assert 0.0 <= claim.score <= 1.0
    return found


def only(found: list[Claim]) -> Claim:
    assert len(found) == 1, [c.text for c in found]
    return found[0]


def test_says_reports_an_attributed_assertion(nlp):
    claim = only(claims(nlp, "Finance Minister Laura Benning says the tax on fuel will rise next spring."))
    assert claim.text == "the tax on fuel will rise next spring"
    assert (claim.kind, claim.stance, claim.claimant.name) == ("attributed", "asserts", "Laura Benning")


@pytest.mark.parametrize("verb", ["claimed", "insisted", "warned"])
def test_verbs_of_assertion_with_that(nlp, verb):
    claim = only(claims(nlp, f"Mayor Tom Okafor {verb} that the new bridge was built without permits."))
    assert claim.text == "the new bridge was built without permits"
    assert (claim.stance, claim.claimant.name) == ("asserts", "Tom Okafor")


def test_denied_that(nlp):
    claim = only(claims(nlp, "The company denied that its factory had polluted the river."))
    assert claim.text == "its factory had polluted the river"
    assert claim.stance == "denies"


def test_dismissed_allegations_that_denies_the_allegation(nlp):
    text = "Coach Maria Lindqvist dismissed allegations that her team had fixed the match."
    claim = only(claims(nlp, text))
    assert claim.text == "her team had fixed the match"
    assert (claim.stance, claim.claimant.name) == ("denies", "Maria Lindqvist")


def test_shrugged_off_allegations_names_the_alleger(nlp):
    text = (
        "Governor Paul Ndiaye shrugged off as a “fantasy” allegations from rival parties that he rigged "
        "the count."
    )
    claim = only(claims(nlp, text))
    assert claim.text == "he rigged the count"
    assert (claim.stance, claim.claimant.name) == ("denies", "Paul Ndiaye")
    assert claim.alleger is not None and claim.alleger.text == "rival parties"


def test_accused_of_takes_the_target_into_the_claim(nlp):
    claim = only(claims(nlp, "Canada accused Norway of dumping cheap steel on its market."))
    assert claim.text == "Norway of dumping cheap steel on its market"
    assert (claim.stance, claim.claimant.name, claim.target.name) == ("accuses", "Canada", "Norway")


def test_blaming_a_thing_is_not_an_accusation(nlp):
    claim = only(claims(nlp, "The airline blamed the snow for the delays at its main hub."))
    assert claim.stance == "asserts" and claim.target.text == "the snow"


def test_alleged_that(nlp):
    claim = only(claims(nlp, "Senator Ruth Adeyemi alleged that the contract was awarded without a tender."))
    assert (claim.stance, claim.text) == ("alleges", "the contract was awarded without a tender")


def test_saying_that_belongs_to_the_main_subject(nlp):
    text = "Chief Executive Anna Kowalski defended the plan, saying that it would cut waiting times."
    found = claims(nlp, text)
    claim = only([c for c in found if c.kind == "attributed"])
    assert claim.text == "it would cut waiting times"
    assert claim.claimant.name == "Anna Kowalski"


def test_quoted_as_saying_credits_the_person_quoted(nlp):
    text = (
        "Envoy Omar Haddadi met the minister on Friday. A local radio station quoted the envoy as saying "
        "that the border would reopen within days."
    )
    claim = only([c for c in claims(nlp, text) if c.kind == "attributed"])
    assert claim.text == "the border would reopen within days"
    assert claim.claimant.name == "Omar Haddadi"


def test_pronoun_claimant_is_the_last_person_named(nlp):
    text = "Judge Helen Marsh closed the hearing early. She said the evidence had been tampered with."
    claim = only([c for c in claims(nlp, text) if c.kind == "attributed"])
    assert claim.claimant.text == "She" and claim.claimant.name == "Helen Marsh"


def test_direct_opinion_quote_is_not_a_claim(nlp):
    assert claims(nlp, "“We are very proud of this team and of our fans,” the captain said.") == []


def test_direct_quote_with_a_figure_is_an_attributed_claim(nlp):
    claim = only(claims(nlp, "“We sold 40,000 tickets in a single morning,” said promoter Dan Reyes."))
    assert claim.kind == "attributed" and claim.claimant.name == "Dan Reyes"
    assert [(q.value, q.unit) for q in claim.quantities] == [(40000, "ticket")]


def test_figure_in_the_article_voice_is_a_statistic(nlp):
    claim = only(claims(nlp, "The storm destroyed more than 2,300 homes across the coast."))
    assert (claim.kind, claim.claimant) == ("statistic", None)
    quantities = [(q.text, q.value, q.approximate) for q in claim.quantities]
    assert quantities == [("more than 2,300 homes", 2300, True)]


def test_relative_clause_and_main_clause_are_separate_statistics(nlp):
    text = (
        "The drought, which has killed about 9,000 cattle, has forced nearly half of the farms in the "
        "valley to close."
    )
    found = claims(nlp, text)
    assert [c.kind for c in found] == ["statistic", "statistic"]
    assert found[0].text == "The drought, which has killed about 9,000 cattle"
    assert found[1].text.startswith("has forced nearly half of the farms")
    assert [q.value for q in found[1].quantities] == [0.5]


def test_article_fact_of_record_is_a_factual_claim(nlp):
    text = "Portugal has been one of the largest exporters of cork to Japan since the trade deal of 1998."
    claim = only(claims(nlp, text))
    assert (claim.kind, claim.claimant, claim.dates) == ("factual", None, ["1998"])


def test_plain_narration_is_not_a_factual_claim(nlp):
    assert claims(nlp, "The minister made the remarks at a summit in Lisbon on Tuesday.") == []


def test_questions_are_not_factual_claims(nlp):
    assert claims(nlp, "Has Portugal been the largest exporter of cork to Japan since 1998?") == []


def test_byline_makes_no_claim(nlp):
    assert claims(nlp, "Rain fell on Tuesday.\nBy Staff Reporter") == []


def test_dateline_is_left_out_of_the_claim(nlp):
    claim = only(claims(nlp, "OSLO (Newswire) - The fund lost $4.2bn in the first quarter."))
    assert claim.text == "The fund lost $4.2bn in the first quarter"


def test_relative_date_is_resolved_onto_the_claim(nlp):
    text = "On Monday, Police Chief Ana Souza said that 14 officers had been injured."
    claim = only(claims(nlp, text, date(2021, 6, 16)))
    assert claim.dates == ["2021-06-14"]
    assert [q.value for q in claim.quantities] == [14]


def test_hedged_claim_scores_below_a_claim_with_figures(nlp):
    hedged = only(claims(nlp, "The mayor said the plan might perhaps be popular."))
    figures = only(claims(nlp, "The mayor said the plan cost $3m and saved 1,200 jobs in Leeds."))
    assert hedged.score < figures.score


def test_according_to_before_the_clause(nlp):
    claim = only(claims(nlp, "According to the transport ministry, 12 trains were cancelled."))
    assert (claim.kind, claim.text, claim.claimant.text) == (
        "attributed",
        "12 trains were cancelled",
        "the transport ministry",
    )
    assert claim.claimant.name is None  # a body the article never names stays unresolved, as for quotes
    assert [q.value for q in claim.quantities] == [12]


def test_according_to_after_the_clause(nlp):
    claim = only(claims(nlp, "Exports fell by 6% in May, according to Statistics Norway."))
    assert claim.text == "Exports fell by 6% in May"
    assert claim.claimant.text == "Statistics Norway"


def test_slammed_for_is_an_accusation(nlp):
    claim = only(claims(nlp, "Minister Ivo Petrov slammed the regulator for its slow response to floods."))
    assert (claim.stance, claim.target.text) == ("accuses", "the regulator")


def test_report_inside_a_report_keeps_the_outer_one(nlp):
    claim = only(claims(nlp, "Mayor Lena Berg said an audit shows the city overpaid its contractors."))
    assert claim.text == "an audit shows the city overpaid its contractors"


def test_indirect_question_is_not_a_claim(nlp):
    assert claims(nlp, "Reporters asked Mayor Lena Berg how the city would pay for the new stadium.") == []


def test_headline_line_makes_no_claim(nlp):
    text = "Ferry fares rise 8% in spring\n\nFerry fares will rise by 8% in April, the operator said."
    found = claims(nlp, text)
    assert [c.text for c in found] == ["Ferry fares will rise by 8% in April"]


def test_us_is_not_a_first_person_pronoun(nlp):
    text = "The US has kept troops in Germany since the end of the Second World War in 1945."
    assert only(claims(nlp, text)).kind == "factual"


def test_a_he_after_a_place_claimant_is_still_the_last_person(nlp):
    text = (
        "Spokesman Karim Aziz said the embassy would reopen. Cairo said that the talks had failed. "
        "He also said that the border was closed."
    )
    last = claims(nlp, text)[-1]
    assert last.claimant.text == "He" and last.claimant.name == "Karim Aziz"


def test_a_quotation_in_typewriter_marks_is_no_claim_without_a_figure(nlp):
    text = "``We must not give up on the ferry,'' Ellen Park told reporters."
    assert [c for c in claims(nlp, text) if c.kind == "attributed"] == []


def test_a_dateline_opening_a_sentence_is_not_part_of_its_claim(nlp):
    text = "Oslo (AFP) – The ferry company raised fares by 12% on Monday."
    claim = only(claims(nlp, text))
    assert claim.text.startswith("The ferry company")
