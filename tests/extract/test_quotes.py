"""The `news_quotes` component on sentences written for these tests: one test per quotation pattern."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from app.extract.quotemarks import quoted_spans
from app.extract.records import Quote


def quotes(nlp: Language, text: str) -> list[Quote]:
    """The quotes of `text`, each checked to point at its own words in the article."""
    found = nlp(text, disable=["news_claims"])._.quotes
    for quote in found:
        assert quote.text == text[quote.start : quote.end]
        assert quote.cue is not None and quote.cue.text == text[quote.cue.start : quote.cue.end]
        if quote.speaker is not None:
            assert quote.speaker.text == text[quote.speaker.start : quote.speaker.end]
    return found


def only(found: list[Quote]) -> Quote:
    assert len(found) == 1, [(q.kind, q.text) for q in found]
    return found[0]


def test_straight_quote_before_its_cue(nlp: Language) -> None:
    text = 'Mayor Ellen Park opened the new bridge on Friday. "It took us ten years to get here," Park said.'
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "It took us ten years to get here")
    assert quote.cue.text == "said"
    assert quote.speaker.text == "Park" and quote.speaker.name == "Ellen Park"


def test_curly_quote_after_inverted_cue(nlp: Language) -> None:
    text = "“The river towns are finally joined again,” said Governor Tom Reyes."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "The river towns are finally joined again")
    assert quote.speaker.name == "Tom Reyes"


def test_quote_after_the_cue_and_a_comma(nlp: Language) -> None:
    text = 'Tom Reyes told the crowd, "Nobody here will pay a toll."'
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "Nobody here will pay a toll.")
    assert quote.speaker.name == "Tom Reyes"


def test_quote_split_around_its_cue(nlp: Language) -> None:
    text = "“We will keep the old ferry,” Ellen Park said, “because tourists still love it.”"
    first, second = quotes(nlp, text)
    assert (first.kind, first.text) == ("direct", "We will keep the old ferry")
    assert (second.kind, second.text) == ("direct", "because tourists still love it.")
    assert first.speaker.name == second.speaker.name == "Ellen Park"
    assert first.cue == second.cue


def test_quote_running_over_two_paragraphs(nlp: Language) -> None:
    text = (
        "“Crossing used to take an hour,” Ellen Park said. “Now it takes four minutes.\n"
        "“My grandmother would not believe it.”"
    )
    found = quotes(nlp, text)
    assert [q.text for q in found] == [
        "Crossing used to take an hour",
        "Now it takes four minutes.",
        "My grandmother would not believe it.",
    ]
    assert {q.kind for q in found} == {"direct"}
    assert {q.speaker.name for q in found} == {"Ellen Park"}


def test_quote_introduced_by_a_colon(nlp: Language) -> None:
    text = "The harbor workers union wrote in a letter to members: “Our contract expires in March.”"
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "Our contract expires in March.")
    assert quote.cue.text == "wrote"
    assert quote.speaker.text == "The harbor workers union"


def test_mixed_quote(nlp: Language) -> None:
    text = "Ellen Park said the delays were “simply unacceptable” for commuters."
    quote = only(quotes(nlp, text))
    assert quote.kind == "mixed"
    assert quote.text == "the delays were “simply unacceptable” for commuters"
    assert quote.speaker.name == "Ellen Park"


def test_indirect_quote_in_the_present(nlp: Language) -> None:
    text = "Governor Tom Reyes says his state will finish the second bridge by spring."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("indirect", "his state will finish the second bridge by spring")
    assert quote.cue.text == "says"
    assert quote.speaker.name == "Tom Reyes"


def test_indirect_quote_told_reporters_that(nlp: Language) -> None:
    text = "Ellen Park told reporters that the ferry would stop running in June."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("indirect", "that the ferry would stop running in June")
    assert quote.cue.text == "told"


def test_indirect_quote_according_to(nlp: Language) -> None:
    text = "According to Ellen Park, the bridge cost less than planned."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("indirect", "the bridge cost less than planned")
    assert quote.cue.text == "According to"
    assert quote.speaker.name == "Ellen Park"


def test_indirect_quote_according_to_at_the_end(nlp: Language) -> None:
    text = "The bridge cost less than planned, according to Ellen Park."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("indirect", "The bridge cost less than planned")


def test_indirect_quote_accused_of(nlp: Language) -> None:
    text = "Tom Reyes accused the ferry company of raising prices before the election."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("indirect", "the ferry company of raising prices before the election")
    assert quote.cue.text == "accused"


def test_indirect_quote_dismissed_allegations_that(nlp: Language) -> None:
    text = "Ellen Park dismissed allegations that the contract had been rigged, saying the bids were public."
    first, second = quotes(nlp, text)
    assert (first.kind, first.text) == ("indirect", "allegations that the contract had been rigged")
    assert (second.kind, second.text) == ("indirect", "the bids were public")
    assert first.speaker.name == second.speaker.name == "Ellen Park"


def test_reported_clause_before_its_cue(nlp: Language) -> None:
    text = "The ferry will stop running in June, a spokesman for the company said."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("indirect", "The ferry will stop running in June")


def test_parenthetical_cue_splits_the_report(nlp: Language) -> None:
    text = "The old ferry, Ellen Park said, will become a floating museum next year."
    found = quotes(nlp, text)
    assert [q.text for q in found] == ["The old ferry", "will become a floating museum next year"]
    assert {q.kind for q in found} == {"indirect"}


def test_signed_quotation(nlp: Language) -> None:
    text = "“The bridge changed my commute completely.” ― Maria Gonzalez\n"
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "The bridge changed my commute completely.")
    assert quote.speaker.text == "Maria Gonzalez"


def test_scare_quotes_are_not_quotes(nlp: Language) -> None:
    assert quotes(nlp, "The so-called “smart” meters were installed in every house last year.") == []


def test_nickname_is_not_a_quote(nlp: Language) -> None:
    assert quotes(nlp, 'Jim "The Hammer" Coleman won the county boxing title again.') == []


def test_title_of_a_work_is_not_a_quote(nlp: Language) -> None:
    assert quotes(nlp, "The school staged “The Bridge Over Cold Water” for the third year running.") == []


def test_quoted_words_in_a_headline_without_speaker(nlp: Language) -> None:
    text = "Ferry fares 'too high' as “worst winter in decades” nears\n\nThe ferry will run twice a day."
    assert quotes(nlp, text) == []


def test_quotation_marks_are_paired_per_paragraph() -> None:
    text = 'He said "one" and "two.\n"Three," she said.'
    spans = quoted_spans(text)
    assert [text[s.inner_start : s.inner_end] for s in spans] == ["one", "two.", "Three,"]
    assert spans[1].chain == spans[2].chain and not spans[1].closed


def test_curly_quotes_nest() -> None:
    text = "“I would rather live in what he calls “chaos” than anywhere else.”"
    spans = quoted_spans(text)
    assert len(spans) == 1 and text[spans[0].inner_start : spans[0].inner_end].endswith("anywhere else.")


def test_quoted_sentence_after_a_reported_one(nlp: Language) -> None:
    text = "The county will need new pumps, Ellen Park said. “Nobody wants another flood like this one.”"
    first, second = quotes(nlp, text)
    assert (first.kind, first.text) == ("indirect", "The county will need new pumps")
    assert (second.kind, second.text) == ("direct", "Nobody wants another flood like this one.")
    assert first.speaker.name == second.speaker.name == "Ellen Park"


def test_said_of_is_not_what_was_said(nlp: Language) -> None:
    text = "“It is finally over,” Ellen Park said of the long strike at the harbor."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "It is finally over")


def test_quote_ending_after_a_name_and_age(nlp: Language) -> None:
    text = "“We were wrong to wait so long,” Ellen Park, 58, told the Harbor Gazette on Monday."
    quote = only(quotes(nlp, text))
    assert quote.kind == "direct" and quote.speaker.name == "Ellen Park"


def test_interview_transcript_turns(nlp: Language) -> None:
    text = (
        "Partial transcript:\n\n"
        "HOST: Will the bridge open on time?\n\n"
        "PARK: It will open in May, and nobody will pay a toll.\n\n"
        "HOST: Thank you.\n\n"
        "PARK: Thank you for having me.\n\n"
        "CORRECTION: An earlier version misspelled the mayor's name."
    )
    found = quotes(nlp, text)
    assert [(q.kind, q.speaker.text, q.text) for q in found] == [
        ("direct", "HOST", "Will the bridge open on time?"),
        ("direct", "PARK", "It will open in May, and nobody will pay a toll."),
        ("direct", "HOST", "Thank you."),
        ("direct", "PARK", "Thank you for having me."),
    ]


def test_infinitive_of_saying_inside_a_report_is_not_another_quote(nlp: Language) -> None:
    text = "Ellen Park said the new rules allow residents to complain about the tolls online."
    quote = only(quotes(nlp, text))
    assert quote.cue.text == "said"
    assert quote.text == "the new rules allow residents to complain about the tolls online"


def test_cue_between_commas_inside_the_subject(nlp: Language) -> None:
    text = "The difference now, Ellen Park told me on Friday, is that the ferry runs every hour."
    found = quotes(nlp, text)
    assert [q.text for q in found] == ["The difference now", "is that the ferry runs every hour"]
    assert {q.speaker.name for q in found} == {"Ellen Park"}


def test_noun_of_saying_with_its_possessor(nlp: Language) -> None:
    text = "Reporters checked Ellen Park's claim that the bridge came in “well under budget” last spring."
    quote = only(quotes(nlp, text))
    assert quote.kind == "mixed"
    assert quote.text == "that the bridge came in “well under budget” last spring"
    assert quote.cue.text == "claim"
    assert (quote.speaker.text, quote.speaker.name) == ("Ellen Park", "Ellen Park")


def test_inverted_cue_opening_the_sentence(nlp: Language) -> None:
    text = "Most dock workers backed the deal. Said Tom Reyes: “I don’t think anyone wanted a strike.”"
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "I don’t think anyone wanted a strike.")
    assert quote.cue.text == "Said" and (quote.speaker.text, quote.speaker.name) == ("Tom Reyes", "Tom Reyes")
    text = "The vote was close.\nAdded Reyes:\n“Nobody here wanted a strike.”"
    quote = only(quotes(nlp, text))
    assert (quote.cue.text, quote.text) == ("Added", "Nobody here wanted a strike.")


def test_quote_opened_with_a_closing_mark(nlp: Language) -> None:
    text = "Photo: Archive.\n”The ferry is the best part of my day. I hope it never stops.” ― Jane Morrow"
    quote = only(quotes(nlp, text))
    assert quote.kind == "direct"
    assert quote.text == "The ferry is the best part of my day. I hope it never stops."
    assert quote.speaker.name == "Jane Morrow"


def test_cue_after_a_party_label(nlp: Language) -> None:
    text = "“A great senator. One of the brightest members,” Rep. Ellen Park (D-Ore.) said in an interview."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "A great senator. One of the brightest members")
    assert quote.speaker.name == "Ellen Park"


def test_inverted_cue_after_a_quoted_subject(nlp: Language) -> None:
    text = "“The union is in panic mode. Full panic mode,” said Tom Reyes, a dock worker in Tacoma."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text) == ("direct", "The union is in panic mode. Full panic mode")
    assert quote.speaker.name == "Tom Reyes"


def test_title_of_a_show_after_the_cue_is_not_a_quote(nlp: Language) -> None:
    text = "“We keep the ferry,” Ellen Park said on WKRP’s “Morning Edition.” “It is the heart of the town.”"
    found = quotes(nlp, text)
    assert [q.text for q in found] == ["We keep the ferry", "It is the heart of the town."]
    assert {q.speaker.name for q in found} == {"Ellen Park"}


def test_report_inside_a_report_without_a_named_source(nlp: Language) -> None:
    text = (
        "City Attorney Ellen Park said in the letter that the advertisement “unmistakably and wrongfully” "
        "suggests that the city supports the campaign."
    )
    quote = only(quotes(nlp, text))
    assert quote.kind == "mixed" and quote.speaker.name == "Ellen Park"
    assert quote.text.startswith("that the advertisement “unmistakably")


def test_a_cue_in_the_next_paragraph_does_not_claim_a_quote(nlp: Language) -> None:
    text = (
        "“We have the money,” Ellen Park said. “We only need the votes.”\n"
        "At the same meeting, Tom Reyes disagreed."
    )
    _, second = quotes(nlp, text)
    assert (second.kind, second.text, second.start, second.end) == (
        "direct",
        "We only need the votes.",
        39,
        62,
    )
    assert second.speaker.name == "Ellen Park"


def test_a_quote_closing_its_sentence_is_not_the_next_sentences(nlp: Language) -> None:
    text = "The flyer showed “a bridge for everyone.” Tom Reyes disagreed."
    assert not [q for q in quotes(nlp, text) if q.speaker is not None and q.speaker.name == "Tom Reyes"]


def test_a_quote_with_one_unquoted_word_is_mixed(nlp: Language) -> None:
    text = "Ellen Park said that if “the state cuts the grant, we will sue.”"
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.start, quote.end) == ("mixed", 16, 64)
    assert quote.text == "that if “the state cuts the grant, we will sue.”"
    assert quote.speaker.name == "Ellen Park"


def test_a_quote_carries_on_past_a_cue_in_the_framing(nlp: Language) -> None:
    text = (
        "“We need the bridge,” Ellen Park said at a dinner where Tom Reyes also spoke. "
        "“Nobody else will build it.”"
    )
    first, second = quotes(nlp, text)
    assert (second.kind, second.text, second.start, second.end) == (
        "direct",
        "Nobody else will build it.",
        79,
        105,
    )
    assert second.cue == first.cue
    assert second.speaker.name == "Ellen Park"


def test_a_verb_that_characterises_reports_only_quoted_words(nlp: Language) -> None:
    text = "Tom Reyes compared the toll plan to “a tax on grandmothers.”"
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "mixed",
        "the toll plan to “a tax on grandmothers.”",
        19,
        60,
    )
    assert quote.speaker.name == "Tom Reyes"
    assert quotes(nlp, "Tom Reyes likened the toll plan to a tax on grandmothers.") == []


def test_a_verb_of_judging_with_its_quoted_reason(nlp: Language) -> None:
    text = "Governor Tom Reyes lauded Ellen Park for her “steady hand” during the flood."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "mixed",
        "Ellen Park for her “steady hand”",
        26,
        58,
    )
    assert quote.speaker.name == "Tom Reyes"


def test_a_that_clause_hung_on_a_circumstance_is_the_content(nlp: Language) -> None:
    text = "Tom Reyes claimed during the early morning hours that Park was “weak” and “a fraud.”"
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "mixed",
        "that Park was “weak” and “a fraud.”",
        49,
        84,
    )
    assert quote.speaker.name == "Tom Reyes"
    text = "Tom Reyes told one of his old friends on a regular basis that “patience is the answer.”"
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == ("direct", "patience is the answer.", 63, 86)
    assert quote.speaker.name == "Tom Reyes"


def test_an_order_after_the_listener_and_a_place(nlp: Language) -> None:
    text = "Tom Reyes tells his volunteers at a Dayton rally to “go to the polls and wait.”"
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "mixed",
        "to “go to the polls and wait.”",
        49,
        79,
    )
    assert quote.speaker.name == "Tom Reyes"


def test_a_second_verb_of_saying_joined_to_the_report_is_its_own_quote(nlp: Language) -> None:
    text = (
        "Ellen Park wrote in the late evening hours that Reyes was “dishonest” and “a fraud” and asked "
        "voters to “read” his file."
    )
    first, second = quotes(nlp, text)
    assert (first.kind, first.text, first.start, first.end) == (
        "mixed",
        "that Reyes was “dishonest” and “a fraud”",
        43,
        83,
    )
    assert (second.kind, second.text, second.start, second.end) == ("mixed", "to “read” his file", 101, 119)
    assert second.cue.text == "asked"
    assert first.speaker.name == second.speaker.name == "Ellen Park"


def test_a_date_after_the_quotation_is_left_out_of_a_mixed_quote(nlp: Language) -> None:
    text = "Ellen Park blasted the toll plan as a “disgrace” Wednesday on a morning radio show."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "mixed",
        "the toll plan as a “disgrace”",
        19,
        48,
    )
    assert quote.speaker.name == "Ellen Park"


def test_a_quoted_paragraph_carries_on_the_report_before_it(nlp: Language) -> None:
    text = (
        "Governor Tom Reyes praised the new bridge on Friday.\n\n"
        "“It is the best thing this town has built in fifty years.”"
    )
    quote = quotes(nlp, text)[-1]
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "direct",
        "It is the best thing this town has built in fifty years.",
        55,
        111,
    )
    assert quote.cue.text == "praised" and quote.speaker.name == "Tom Reyes"


def test_a_paragraph_ending_in_a_colon_introduces_the_quotation(nlp: Language) -> None:
    text = (
        "On Monday, Ellen Park released a statement:\n\n"
        "“We are grateful to every volunteer who filled a sandbag.”"
    )
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "direct",
        "We are grateful to every volunteer who filled a sandbag.",
        46,
        102,
    )
    assert quote.speaker.name == "Ellen Park"


def test_a_quoted_label_on_its_own_line_is_no_quotation(nlp: Language) -> None:
    text = "Ellen Park opened the bridge on Friday.\n\n“Related:”\n\nThe bridge cost $40 million."
    assert quotes(nlp, text) == []


def test_a_quoted_sentence_after_a_report_carries_it_on(nlp: Language) -> None:
    text = "Tom Reyes called the mayor a master of delay. “She has never finished a single road on time.”"
    quote = quotes(nlp, text)[-1]
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "direct",
        "She has never finished a single road on time.",
        47,
        92,
    )
    assert quote.cue.text == "called" and quote.speaker.name == "Tom Reyes"


def test_a_participle_of_saying_before_a_passive_clause(nlp: Language) -> None:
    text = "After saying her knee was “badly swollen,” Ellen Park was taken to the hospital."
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "mixed",
        "her knee was “badly swollen,”",
        13,
        42,
    )
    assert quote.speaker.name == "Ellen Park"


def test_a_that_clause_the_parser_hung_as_adverbial_is_the_content(nlp: Language) -> None:
    """The small model sometimes attaches "that ..." after a circumstance as an adverbial clause; the parse is
    written out here so the test does not depend on when it does."""
    rows = [
        ("Tom", 1, "compound", "NNP", "PROPN", "Tom"),
        ("Reyes", 2, "nsubj", "NNP", "PROPN", "Reyes"),
        ("tweeted", 2, "ROOT", "VBD", "VERB", "tweet"),
        ("late", 2, "advmod", "RB", "ADV", "late"),
        ("on", 2, "prep", "IN", "ADP", "on"),
        ("Sunday", 4, "pobj", "NNP", "PROPN", "Sunday"),
        ("that", 9, "advmod", "WDT", "PRON", "that"),
        ("the", 8, "det", "DT", "DET", "the"),
        ("plan", 9, "nsubj", "NN", "NOUN", "plan"),
        ("was", 2, "advcl", "VBD", "AUX", "be"),
        ("“", 11, "punct", "``", "PUNCT", '"'),
        ("dead", 9, "acomp", "JJ", "ADJ", "dead"),
        ("”", 11, "punct", "''", "PUNCT", '"'),
        (".", 2, "punct", ".", "PUNCT", "."),
    ]
    words, heads, deps, tags, pos, lemmas = (list(column) for column in zip(*rows, strict=True))
    spaces = [True] * 10 + [False] * 4
    doc = Doc(nlp.vocab, words, spaces, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    for name in ("news_entities", "news_attributions", "news_quotes"):
        doc = nlp.get_pipe(name)(doc)
    quote = only(doc._.quotes)
    assert doc.text == "Tom Reyes tweeted late on Sunday that the plan was “dead”."
    assert (quote.kind, quote.text, quote.start, quote.end) == ("mixed", "that the plan was “dead”", 33, 57)
    assert quote.speaker.name == "Tom Reyes"


def test_paragraphs_run_together_continue_the_quotation() -> None:
    text = 'She said: "The dam held. "The roads did not." Then she left.'
    spans = quoted_spans(text)
    assert [(text[s.start : s.end], s.closed) for s in spans] == [
        ('"The dam held.', False),
        ('"The roads did not."', True),
    ]
    assert spans[0].chain == spans[1].chain


def test_quotation_after_a_reported_cue_and_a_colon_is_that_cues(nlp: Language) -> None:
    text = (
        'The Valley Courier reports that Ellen Park told a local radio station: "We will reopen the ferry. '
        '"Nobody has given up on it."'
    )
    found = quotes(nlp, text)
    assert [(q.kind, q.text, q.cue.text, q.speaker.text) for q in found] == [
        ("indirect", "that Ellen Park told a local radio station", "reports", "The Valley Courier"),
        ("direct", "We will reopen the ferry.", "told", "Ellen Park"),
        ("direct", "Nobody has given up on it.", "told", "Ellen Park"),
    ]
    assert (found[1].start, found[1].end) == (text.index("We will"), text.index(' "Nobody'))


def test_a_figure_added_is_not_a_quote(nlp: Language) -> None:
    text = (
        "Fly-half Tom Reyes added four conversions.\n"
        "Wales maintained their strong start and threatened further scores.\n"
        "Copper rose in London trading, adding $1.89 to $48.62 a tonne.\n"
        "Reyes added that the team had trained for weeks."
    )
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.speaker.name) == (
        "indirect",
        "that the team had trained for weeks",
        "Tom Reyes",
    )


def test_declining_to_comment_is_no_quote(nlp: Language) -> None:
    text = (
        "A spokesman for the port declined to comment on whether the cranes were safe.\n"
        "Tom Reyes refused to say if the budget would pass."
    )
    assert quotes(nlp, text) == []


def test_that_said_is_a_connective_not_a_cue(nlp: Language) -> None:
    text = "The port reopened on Monday. That said, the cranes are still idle and the ferry is late."
    assert quotes(nlp, text) == []


def test_a_bare_object_of_boasting_or_posting_is_no_quote(nlp: Language) -> None:
    text = "The valley boasts a reputation for fine wine, and Tom Reyes posted a triple-double on Sunday."
    assert quotes(nlp, text) == []


def test_a_participle_that_names_a_thing_is_no_quote(nlp: Language) -> None:
    text = (
        "Engineers built a new standard. Called Harbor Link, it lets ferries share their positions.\n"
        "They use a protocol called Tidewire."
    )
    assert quotes(nlp, text) == []


def test_writing_a_book_or_concluding_a_deal_is_no_quote(nlp: Language) -> None:
    text = "Ellen Park wrote a memoir of her time in Leeds, and the bank concluded a deal with the port."
    assert quotes(nlp, text) == []


def test_contending_with_or_observing_a_thing_is_no_quote(nlp: Language) -> None:
    text = "The port's owners contend with falling prices.\nThe council observed a minute of silence."
    assert quotes(nlp, text) == []


def test_a_title_in_quotation_marks_inside_an_object_is_no_quote(nlp: Language) -> None:
    text = "Both songwriters have written music for the television show “Harbor Lights” before."
    assert quotes(nlp, text) == []


def test_a_curly_quotation_nested_after_a_full_stop_stays_inside(nlp: Language) -> None:
    quote = only(quotes(nlp, "“It was fine. “Hell” is what he called it,” Tom Reyes said."))
    assert (quote.kind, quote.text) == ("direct", "It was fine. “Hell” is what he called it")


def test_a_quoted_bare_object_is_still_a_quote(nlp: Language) -> None:
    quote = only(quotes(nlp, "Coach Tom Reyes added “lucky” to the list of words on the board."))
    assert (quote.kind, quote.text, quote.speaker.name) == ("direct", "lucky", "Tom Reyes")


def test_a_name_given_by_someone_is_their_quote(nlp: Language) -> None:
    quote = only(quotes(nlp, "The plan, called “a disaster” by critics, was dropped."))
    assert (quote.kind, quote.text, quote.speaker.text) == ("direct", "a disaster", "critics")


def test_a_relative_that_said_is_a_cue(nlp: Language) -> None:
    quote = only(quotes(nlp, 'Tom Reyes was the only one that said, "We will win."'))
    assert (quote.kind, quote.text) == ("direct", "We will win.")


def test_as_someone_said_is_an_aside_on_the_clause(nlp: Language) -> None:
    found = quotes(nlp, "The economy, as Tom Reyes said, is in trouble.")
    assert [(q.text, q.speaker.name) for q in found] == [
        ("The economy", "Tom Reyes"),
        ("is in trouble", "Tom Reyes"),
    ]


def test_a_quoted_sentence_followed_by_narration_carries_the_report_before_it(nlp: Language) -> None:
    text = (
        "Pay talks stalled in May, Ellen Park said. Park dismissed the airline's latest offer.\n\n"
        "“Nobody has called us since the spring.” The airline will meet the union next week."
    )
    found = quotes(nlp, text)
    direct = next(q for q in found if q.kind == "direct")
    assert direct.text == "Nobody has called us since the spring."
    assert direct.speaker is not None and direct.speaker.name == "Ellen Park"


def test_a_participle_of_naming_is_not_a_cue(nlp: Language) -> None:
    text = "Channel 9 will show a documentary called 'The Long Strike' on Sunday."
    assert quotes(nlp, text) == []


def test_commenting_on_a_topic_is_not_a_quote(nlp: Language) -> None:
    text = "Ellen Park was commenting on the strike at the harbour."
    assert quotes(nlp, text) == []


def test_proposing_or_charging_a_thing_is_not_a_quote(nlp: Language) -> None:
    assert quotes(nlp, "The minister will propose new quotas for fishing boats.") == []
    assert quotes(nlp, "The ferry company charges ten dollars for a crossing.") == []


def test_a_smile_after_a_quotation_is_its_cue(nlp: Language) -> None:
    text = "“You can call it a lucky year,” smiles one trader. “Let us see how long it lasts.”"
    found = quotes(nlp, text)
    assert [q.text for q in found] == ["You can call it a lucky year", "Let us see how long it lasts."]
    assert all(q.speaker is not None and q.speaker.text == "one trader" for q in found)


def test_a_confession_introduces_a_quotation(nlp: Language) -> None:
    text = "After the race, Ellen Park confesses: “I would rather have won it.”"
    quote = only(quotes(nlp, text))
    assert quote.text == "I would rather have won it." and quote.speaker.name == "Ellen Park"


def test_page_furniture_is_no_quote(nlp: Language) -> None:
    text = (
        "Ellen Park opened the ferry terminal on Friday.\n"
        "READ MORE: Park says “the ferries will be free next year”\n"
        "“We waited a long time for this,” Park said.\n"
        "Tom Reyes/The Canadian Press"
    )
    found = quotes(nlp, text)
    assert [q.text for q in found] == ["We waited a long time for this"]


def test_a_passive_participle_before_the_subject_is_said_of_it_not_by_it(nlp: Language) -> None:
    text = "Criticised for closing the ferry, Ellen Park said: “It was losing money every week.”"
    found = quotes(nlp, text)
    assert [q.cue.text for q in found] == ["said"]


def test_a_name_calling_something_a_name_is_saying(nlp: Language) -> None:
    text = "The ferry tax -- which the mayor, Ellen Park, called ''a disgrace'' -- was passed on Monday."
    found = quotes(nlp, text)
    assert [q.text for q in found if q.cue.text == "called"] != []


def test_reported_words_never_start_inside_a_word(nlp: Language) -> None:
    text = "“We had some frank talks about this,” he told BBC Radio 4's The World at One."
    found = quotes(nlp, text)
    assert len(found) == 1 and "frank talks" in found[0].text


def test_a_colon_within_the_paragraph_lets_its_clause_introduce_the_quotation(nlp: Language) -> None:
    text = (
        "Ellen Park opened the ferry terminal on Friday.\n"
        "She then turned to the dock workers: “You built this, and nobody will forget it.”"
    )
    quote = only(quotes(nlp, text))
    assert quote.text == "You built this, and nobody will forget it."
    assert quote.speaker.name == "Ellen Park"


def test_a_colon_ending_a_reported_clause_carries_that_report(nlp: Language) -> None:
    text = (
        "As the Gazette reported, the council was refusing to fund the ferry: "
        "“The council sees no case for a subsidy while the terminal is losing money every week.”"
    )
    quote = only(quotes(nlp, text))
    assert quote.cue.text == "reported" and quote.speaker.text == "the Gazette"


def test_a_participle_set_off_after_its_clause_belongs_to_it_when_the_quotation_is_parsed_as_root(
    nlp: Language,
) -> None:
    text = (
        "Tom Reyes did not seem impressed with the plan on Tuesday, telling reporters, "
        "“A lot of people said the mayor should resign.”"
    )
    quote = only(quotes(nlp, text))
    assert quote.text == "A lot of people said the mayor should resign."
    assert quote.cue.text == "telling" and quote.speaker.name == "Tom Reyes"


def test_an_inverted_cue_closing_a_paragraph_reaches_past_a_blank_line(nlp: Language) -> None:
    text = "The mayor spoke last. Added Ellen Park:\n\n“We will keep the old ferry running for the tourists.”"
    quote = only(quotes(nlp, text))
    assert quote.cue.text == "Added" and quote.speaker.name == "Ellen Park"


def test_manner_verbs_of_speaking_report_quoted_words(nlp: Language) -> None:
    text = "“The ferry is back!” beamed Ellen Park. Tom Reyes groused that the timetable was too short."
    found = quotes(nlp, text)
    assert [(q.cue.text, q.speaker.name) for q in found] == [
        ("beamed", "Ellen Park"),
        ("groused", "Tom Reyes"),
    ]


def test_an_emotion_verb_reports_only_quoted_words(nlp: Language) -> None:
    text = "Ellen Park is fuming that she was left out of the talks."
    assert quotes(nlp, text) == []


def test_quoted_words_modifying_the_noun_after_them_are_no_quote(nlp: Language) -> None:
    text = (
        "“We will win this seat,” said Ruth Adams, wearing a “Vote Adams” badge on her coat.\n"
        "“Nobody told us the road was closing,” farmer Peter “Red” Walsh said."
    )
    assert [q.text for q in quotes(nlp, text)] == [
        "We will win this seat",
        "Nobody told us the road was closing",
    ]


def test_a_verb_casting_its_object_as_quoted_words_reports_them(nlp: Language) -> None:
    text = (
        "Mayor Ellen Park has gone after the developer as a “greedy landlord” for weeks.\n"
        "The union leader cast the pay offer as “an insult to every nurse.”\n"
        "The film, billed as “the year's funniest comedy”, opens on Friday."
    )
    found = quotes(nlp, text)
    assert [(q.kind, q.cue.text) for q in found] == [("mixed", "gone"), ("mixed", "cast")]
    assert found[0].speaker.name == "Ellen Park"
    assert found[1].text == "the pay offer as “an insult to every nurse.”"


def test_referencing_reports_only_quoted_words(nlp: Language) -> None:
    text = (
        "Health minister Ruth Okafor referenced the “broken promises” of the last government.\n"
        "Ruth Okafor referenced last year's budget in her speech."
    )
    quote = only(quotes(nlp, text))
    assert (quote.kind, quote.cue.text, quote.speaker.name) == ("mixed", "referenced", "Ruth Okafor")


def test_as_someone_put_it_reports_the_quotation_beside_it(nlp: Language) -> None:
    text = (
        "The ferry plan was “dead on arrival,” as one harbour official put it.\n"
        "The council had, as a local paper put it, “run out of road.”\n"
        "The builders put it on the market last year."
    )
    found = quotes(nlp, text)
    assert [(q.cue.text, q.speaker.text) for q in found] == [
        ("put", "one harbour official"),
        ("put", "a local paper"),
    ]
    assert found[1].text == "run out of road."


def test_a_relative_clause_holding_quoted_words_stays_in_the_report(nlp: Language) -> None:
    text = (
        "Mayor Ellen Park said the plant's closure hurt the whole valley, which is a problem because "
        "“nobody else is hiring.”\n"
        "Mayor Ellen Park said the plant will close in May, which surprised the workers."
    )
    assert [(q.kind, q.text) for q in quotes(nlp, text)] == [
        (
            "mixed",
            "the plant's closure hurt the whole valley, which is a problem because “nobody else is hiring.”",
        ),
        ("indirect", "the plant will close in May"),
    ]


def test_a_that_clause_of_result_is_not_what_was_said(nlp: Language) -> None:
    text = "Councillor Jane Roe tells so many jokes that the meetings always run late."
    assert quotes(nlp, text) == []
