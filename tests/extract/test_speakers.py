"""Speaker resolution on short articles written for these tests: names, pronouns, role nouns, channels."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from app.extract.attribution import Reader
from app.extract.cues import source_of
from app.extract.records import Entity, Quote
from app.extract.speakers import Speakers


def quotes(nlp: Language, text: str) -> list[Quote]:
    found = nlp(text, disable=["news_claims"])._.quotes
    for quote in found:
        if quote.speaker is not None:
            assert quote.speaker.text == text[quote.speaker.start : quote.speaker.end]
    return found


def speakers(found: list[Quote]) -> list[tuple[str, str | None]]:
    return [(q.speaker.text, q.speaker.name) for q in found]


def test_surname_resolves_to_the_full_name(nlp: Language) -> None:
    text = (
        "Senator Maria Lopez visited the flooded valley on Tuesday.\n"
        "“The levees failed because nobody paid for them,” Lopez said."
    )
    assert speakers(quotes(nlp, text)) == [("Lopez", "Maria Lopez")]


def test_pronoun_takes_the_previous_speaker(nlp: Language) -> None:
    text = (
        "“The levees failed because nobody paid for them,” said Senator Maria Lopez.\n"
        "The senator toured three towns.\n"
        "“We will rebuild every one of them,” she said."
    )
    found = quotes(nlp, text)
    assert [name for _, name in speakers(found)] == ["Maria Lopez", "Maria Lopez"]
    assert found[1].speaker.text == "she"


def test_pronoun_agrees_in_gender(nlp: Language) -> None:
    text = (
        "Ms. Lopez met Mr. Grant, the county engineer, on Tuesday.\n"
        "“The pumps ran all night,” Ms. Lopez said.\n"
        "Mr. Grant disagreed with the plan.\n"
        "“They broke down twice,” he said."
    )
    found = quotes(nlp, text)
    assert found[-1].speaker.text == "he"
    assert found[-1].speaker.name is not None and "Grant" in found[-1].speaker.name


def test_role_noun_resolves_through_the_articles_description(nlp: Language) -> None:
    text = (
        "Robert Miller, Canada's ambassador to Norway, arrived in Oslo on Monday.\n"
        "The Canadian envoy said that both countries would sign the fishing treaty."
    )
    found = quotes(nlp, text)
    quote = next(q for q in found if q.speaker.text == "The Canadian envoy")
    assert quote.speaker.name == "Robert Miller"


def test_role_noun_prefers_the_matching_nationality(nlp: Language) -> None:
    text = (
        "French President Claire Dumas met Brazil's President Jorge Silva in Lisbon.\n"
        "The French president said that the talks had gone well."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "The French president")
    assert quote.speaker.name == "Claire Dumas"


def test_the_company_is_the_organisation_just_named(nlp: Language) -> None:
    text = (
        "Northwind Energy will close two coal plants next year.\n"
        "The company said the plants had lost money for a decade."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "The company")
    assert quote.speaker.name == "Northwind Energy"


def test_unnamed_sources_keep_their_words_but_no_name(nlp: Language) -> None:
    text = "Officials said the road would reopen on Friday. A spokesman said repairs were nearly done."
    assert speakers(quotes(nlp, text)) == [("Officials", None), ("A spokesman", None)]


def test_channel_is_kept_apart_from_the_speaker(nlp: Language) -> None:
    text = (
        "Norway's Ambassador to Chile Ingrid Berg spoke at the port on Monday.\n"
        "The Valparaiso Herald quoted the Norwegian envoy as saying that the treaty was “nearly ready.”"
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "saying")
    assert quote.kind == "mixed"
    assert quote.speaker.text == "the Norwegian envoy" and quote.speaker.name == "Ingrid Berg"
    assert quote.channel is not None and quote.channel.text == "The Valparaiso Herald"


def test_participle_of_saying_belongs_to_the_main_subject(nlp: Language) -> None:
    text = "Maria Lopez rejected claims that the dam was unsafe, saying engineers had checked it twice."
    found = quotes(nlp, text)
    assert {name for _, name in speakers(found)} == {"Maria Lopez"}


def test_relative_clause_speaker(nlp: Language) -> None:
    text = "The plan was backed by Maria Lopez, who said the valley could not wait another winter."
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "said")
    assert quote.speaker.name == "Maria Lopez"


def test_a_time_stamp_line_is_not_part_of_the_speaker(nlp: Language) -> None:
    text = (
        "11:40 a.m.\n\nA spokeswoman for the ferry company says the boats are safe.\n\n"
        "10 a.m.\n\nEllen Park says the ferry will run again next week."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.start > text.index("10 a.m."))
    assert (quote.speaker.text, quote.speaker.name) == ("Ellen Park", "Ellen Park")


def test_a_day_after_the_cue_is_not_the_speaker() -> None:
    # The parse the model gave a quote ending "..., Chief Jordan said Monday": the subject lost, the day
    # left as a name after the verb.
    words = ["“", "We", "will", "win", ",", "”", "Tom", "Reyes", "said", "Monday", "."]
    heads = [3, 3, 3, 3, 3, 3, 7, 8, 3, 8, 3]
    deps = ["punct", "nsubj", "aux", "ROOT", "punct", "punct", "compound", "npadvmod", "parataxis"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT"]
    ents = ["O"] * 6 + ["B-PERSON", "I-PERSON", "O", "B-DATE", "O"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=[*deps, "npadvmod", "punct"],
        pos=pos,
        lemmas=[w.lower() for w in words],
        ents=ents,
    )
    source, _ = source_of(doc[8])
    assert source is None or source.text != "Monday"


def only_quote(found: list[Quote]) -> Quote:
    assert len(found) == 1, [(q.kind, q.text) for q in found]
    return found[0]


def test_speaker_shown_in_footage_is_not_the_ad(nlp: Language) -> None:
    text = "The new ad uses footage of Ellen Park asking, “Why does the ferry still cost ten dollars?”"
    quote = only_quote(quotes(nlp, text))
    assert quote.kind == "direct" and quote.speaker.name == "Ellen Park"


def test_a_dateline_is_not_the_speaker(nlp: Language) -> None:
    text = "CLEVELAND, July 19 (UPI) — Former Mayor Ellen Park told delegates that the ferry should stay."
    quote = only_quote(quotes(nlp, text))
    assert (quote.speaker.text, quote.speaker.name) == ("Former Mayor Ellen Park", "Ellen Park")


def test_the_object_of_force_does_the_saying(nlp: Language) -> None:
    text = "Senator Maria Lopez forced Paul Stone to admit that the bank misled its customers."
    quote = only_quote(quotes(nlp, text))
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "indirect",
        "that the bank misled its customers",
        47,
        81,
    )
    assert quote.speaker.name == "Paul Stone"


def test_a_role_noun_in_the_last_speakers_sentence_is_someone_else(nlp: Language) -> None:
    text = (
        "Tom Reyes and Senator Maria Lopez met on Monday.\n"
        "Senator Maria Lopez criticised the budget on Monday after the billionaire claimed that the "
        "levees were safe."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "claimed")
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "indirect",
        "that the levees were safe",
        131,
        156,
    )
    assert (quote.speaker.text, quote.speaker.name) == ("the billionaire", "Tom Reyes")


def test_a_bare_role_noun_in_the_headline_is_the_person_of_that_role(nlp: Language) -> None:
    text = "Senator rejects toll plan\nSenator Maria Lopez on Monday rejected the plan."
    quote = quotes(nlp, text)[0]
    assert (quote.kind, quote.text, quote.start, quote.end) == ("indirect", "toll plan", 16, 25)
    assert (quote.speaker.text, quote.speaker.name) == ("Senator", "Maria Lopez")


def test_it_is_the_country_just_named_as_subject(nlp: Language) -> None:
    text = (
        "The Harbor Authority praised the plan.\n"
        "Even Canada, the largest partner of the port, said it was worried, and it warned the council to "
        "delay the vote."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "warned")
    assert (quote.kind, quote.text, quote.start, quote.end) == ("indirect", "to delay the vote", 132, 149)
    assert (quote.speaker.text, quote.speaker.name) == ("it", "Canada")


def test_a_name_before_a_subjectless_verb_is_its_subject(nlp: Language) -> None:
    text = (
        "Council members said they were increasingly sure the mayor mishandled the budget and Democrats "
        "accused the GOP of stalling the vote."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "accused")
    assert (quote.kind, quote.text, quote.start, quote.end) == (
        "indirect",
        "the GOP of stalling the vote",
        103,
        131,
    )
    assert quote.speaker.name == "Democrats"


def test_a_document_speaks_for_whoever_wrote_or_released_it(nlp: Language) -> None:
    text = (
        "Senator Jane Holloway spoke at Ohio State University on Monday.\n"
        "Taxes on quick trades would rise, according to a speech Holloway delivered there.\n"
        "An analysis released by the Department of Energy says that fuel prices will fall next year."
    )
    assert [(q.speaker.text, q.speaker.name) for q in quotes(nlp, text)] == [
        ("a speech", "Jane Holloway"),
        ("An analysis", "Department of Energy"),
    ]


def test_a_document_by_a_name_the_entities_missed_keeps_that_name(nlp: Language) -> None:
    # "A Times article said ...", parsed as the model did in a real article where its entities missed "Times".
    words = ["A", "Times", "article", "said", "the", "mayor", "lied", "."]
    heads = [2, 2, 3, 3, 5, 6, 3, 3]
    deps = ["det", "compound", "nsubj", "ROOT", "det", "nsubj", "ccomp", "punct"]
    pos = ["DET", "PROPN", "NOUN", "VERB", "DET", "NOUN", "VERB", "PUNCT"]
    tags = ["DT", "NNP", "NN", "VBD", "DT", "NN", "VBD", "."]
    doc = _parsed(words, heads, deps, pos, tags)
    speaker = Speakers(doc, [False] * len(doc)).resolve(doc[2], 3)
    assert (speaker.text, speaker.name, speaker.entity) == ("A Times article", "Times", None)


def test_a_participle_after_a_relative_clause_belongs_to_the_main_subject(nlp: Language) -> None:
    text = (
        "Mayor Dana Whitfield was defensive about not paying a builder who said he was cheated after he "
        "finished a school in the city, saying, “Maybe he didn’t do a good job.”"
    )
    found = quotes(nlp, text)
    assert [(q.text, q.speaker.name) for q in found if q.kind == "direct"] == [
        ("Maybe he didn’t do a good job.", "Dana Whitfield")
    ]


def test_a_relative_pronoun_is_not_the_source_of_the_clause_it_reports(nlp: Language) -> None:
    text = "Parents protested the state funding system, which advocates say disadvantages needy schools."
    found = [q for q in quotes(nlp, text) if q.text == "disadvantages needy schools"]
    assert [(q.speaker.text, q.speaker.name) for q in found] == [("advocates", None)]


def test_the_first_person_is_not_a_name(nlp: Language) -> None:
    text = "“We will win the vote next week,” I said to the committee."
    assert speakers(quotes(nlp, text)) == [("I", None)]


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]) -> Doc:
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=["say" if w == "said" else w.lower() for w in words],
    )


def test_a_name_hung_on_a_fronted_phrase_is_the_subject() -> None:
    # The parse the model gave "To read the real Tom Reyes, Judge Park said, ...": the fronted object taken
    # for the subject, the speaker for its apposition.
    words = ["To", "read", "Tom", "Reyes", ",", "Judge", "Park", "said", ",", "one", "should", "look", "."]
    heads = [1, 11, 3, 7, 3, 6, 3, 11, 7, 11, 11, 11, 11]
    deps = [
        "aux",
        "advcl",
        "compound",
        "nsubj",
        "punct",
        "compound",
        "appos",
        "parataxis",
        "punct",
        "nsubj",
        "aux",
        "ROOT",
        "punct",
    ]
    pos = [
        "PART",
        "VERB",
        "PROPN",
        "PROPN",
        "PUNCT",
        "PROPN",
        "PROPN",
        "VERB",
        "PUNCT",
        "PRON",
        "AUX",
        "VERB",
        "PUNCT",
    ]
    tags = ["TO", "VB", "NNP", "NNP", ",", "NNP", "NNP", "VBD", ",", "PRP", "MD", "VB", "."]
    source, _ = source_of(_parsed(words, heads, deps, pos, tags)[7])
    assert source is not None and source.text == "Park"


def test_a_name_in_apposition_before_the_cue_is_the_speaker() -> None:
    # The parse the model gave "“...,” Flynn, a surrogate, said ...": the name an apposition inside the quote.
    words = ["“", "We", "lost", "the", "war", ",", "”", "Flynn", ",", "a", "surrogate", ",", "said", "."]
    heads = [2, 2, 12, 4, 2, 2, 2, 4, 7, 10, 7, 12, 12, 12]
    deps = [
        "punct",
        "nsubj",
        "ccomp",
        "det",
        "dobj",
        "punct",
        "punct",
        "appos",
        "punct",
        "det",
        "appos",
        "punct",
        "ROOT",
        "punct",
    ]
    pos = [
        "PUNCT",
        "PRON",
        "VERB",
        "DET",
        "NOUN",
        "PUNCT",
        "PUNCT",
        "PROPN",
        "PUNCT",
        "DET",
        "NOUN",
        "PUNCT",
        "VERB",
        "PUNCT",
    ]
    tags = ["``", "PRP", "VBD", "DT", "NN", ",", "''", "NNP", ",", "DT", "NN", ",", "VBD", "."]
    reader = Reader(_parsed(words, heads, deps, pos, tags))
    assert [a.cue.source.text for a in reader.attributions] == ["Flynn"]


def test_a_person_in_apposition_to_a_company_in_the_phrase_is_the_speaker(nlp: Language) -> None:
    text = "His former business partner at Lenox, Lawrence B. Cummings, said the company would recover."
    assert speakers(quotes(nlp, text)) == [
        ("His former business partner at Lenox, Lawrence B. Cummings", "Lawrence B. Cummings")
    ]


def test_a_person_in_apposition_to_a_person_noun_in_the_phrase_is_not(nlp: Language) -> None:
    text = "The wife of the late senator, Edward Kay, said the foundation would close."
    assert [name for _, name in speakers(quotes(nlp, text))] == [None]


def test_a_role_noun_of_one_party_is_not_a_person_of_another(nlp: Language) -> None:
    text = (
        "Republican presidential nominee Tom Hale spoke in Dayton on Monday.\n"
        "Rival Anne Ford toured a school in Toledo.\n"
        "Ford says every child deserves a good teacher. "
        "The Democratic presidential nominee says she will double school funding."
    )
    assert speakers(quotes(nlp, text))[-1] == ("The Democratic presidential nominee", "Anne Ford")


def test_a_pronoun_on_the_names_own_verb_says_nothing_of_its_gender(nlp: Language) -> None:
    text = (
        "“The pill works,” said Dr. Sam Reyes.\n"
        "The pill sold millions of bottles in three years before regulators looked at what was in them "
        "and found nothing but sugar.\n"
        "Senator Claire Dunn scolded him at a hearing and told him to stop.\n"
        "“Your claims are false,” she said."
    )
    assert speakers(quotes(nlp, text))[-1] == ("she", "Claire Dunn")


def test_a_possessed_role_noun_is_nobody_described_for_another_owner(nlp: Language) -> None:
    text = (
        "Mayor Ann Cole hired a lawyer, Dana Wells, last spring.\n"
        "The council summoned Tom Reed, the city's former treasurer.\n"
        "His lawyer said Reed would not answer questions."
    )
    assert speakers(quotes(nlp, text)) == [("His lawyer", None)]


def test_a_possessed_role_noun_is_the_person_described_for_that_owner(nlp: Language) -> None:
    text = (
        "Tom Reed's lawyer, Dana Wells, met the council on Monday.\n"
        "The council had summoned Reed in May.\n"
        "Reed's lawyer said he would not answer questions."
    )
    assert speakers(quotes(nlp, text))[-1] == ("Reed's lawyer", "Dana Wells")


def test_an_office_is_not_someone_the_article_gives_another_office(nlp: Language) -> None:
    text = (
        "Home Secretary Tom Reyes warned of floods.\n"
        "“The river is rising,” Reyes said.\n"
        "Earlier, the prime minister conceded that the levees were weak."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "conceded")
    assert (quote.speaker.text, quote.speaker.name) == ("the prime minister", None)


def test_a_compound_title_is_only_someone_the_article_gave_it(nlp: Language) -> None:
    text = (
        "Businessman Carl Dunmore opened a charity in Ohio last year.\n"
        "Dunmore said the charity raised $2 million.\n"
        "The state attorney general said the charity was never registered.\n"
        "Retired Gen. Ann Wolfe leads the state's veterans board.\n"
        "The attorney general added that the board had filed its papers."
    )
    found = [q for q in quotes(nlp, text) if q.speaker is not None and "general" in q.speaker.text]
    assert speakers(found) == [("The state attorney general", None), ("The attorney general", None)]


def test_an_age_stands_for_the_person_in_focus(nlp: Language) -> None:
    text = (
        "Ellen Park won the race in Leeds on Sunday.\n“I trained all winter for this,” said the 30-year-old."
    )
    assert speakers(quotes(nlp, text)) == [("the 30-year-old", "Ellen Park")]


def test_a_nationality_noun_is_a_person_not_the_country(nlp: Language) -> None:
    text = (
        "“We played well,” said coach Tom Reyes.\n"
        "Paul Stone was left frustrated after losing in Seville.\n"
        "“I had my chances,” said the American."
    )
    assert speakers(quotes(nlp, text)) == [
        ("coach Tom Reyes", "Tom Reyes"),
        ("the American", "Paul Stone"),
    ]


def test_a_people_named_by_nationality_is_a_group(nlp: Language) -> None:
    text = "Mexico won the match.\nMexicans often say that the team plays best at home."
    assert speakers(quotes(nlp, text)) == [("Mexicans", None)]


def test_an_epithet_is_the_last_main_subject_not_the_last_speaker(nlp: Language) -> None:
    text = (
        "“The budget is fair,” said Senator Maria Lopez.\n"
        "Tom Reyes spoke after the vote in Albany, hours after Lopez left.\n"
        "The billionaire said that the budget would ruin the state."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "said" and q.kind == "indirect")
    assert (quote.speaker.text, quote.speaker.name) == ("The billionaire", "Tom Reyes")


def test_the_office_is_not_its_shadow_or_former_holder(nlp: Language) -> None:
    text = (
        "Shadow chancellor Tom Reyes attacked the budget on Monday.\n"
        "The chancellor said that the budget would cut the deficit."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "The chancellor")
    assert quote.speaker.name is None


def test_a_capitalised_institution_is_not_a_person(nlp: Language) -> None:
    text = (
        "First Minister Tom Reyes spoke in Leeds on Monday.\n"
        "The Northern Executive insisted that the plan was sound."
    )
    quote = only_quote(quotes(nlp, text))
    assert (quote.speaker.text, quote.speaker.name) == ("The Northern Executive", "Northern Executive")


def test_a_date_after_the_speaker_is_not_part_of_it(nlp: Language) -> None:
    text = "Harbor Capital on Tuesday announced that it had bought the Valley Courier."
    quote = only_quote(quotes(nlp, text))
    assert (quote.speaker.text, quote.text) == ("Harbor Capital", "that it had bought the Valley Courier")


def test_a_pronoun_takes_the_main_subject_not_one_in_a_relative_clause(nlp: Language) -> None:
    text = (
        "“The guards were tired,” said lawyer Tom Reyes.\n"
        "Reyes declined to say whether Paul Stone slept on the night the prisoner Mark Dale escaped.\n"
        "“Nobody told us anything,” he said."
    )
    assert [name for _, name in speakers(quotes(nlp, text))] == ["Tom Reyes", "Tom Reyes"]


def test_a_british_mp_is_a_title_and_an_office(nlp: Language) -> None:
    text = (
        "Labour MP Tom Reyes criticised the casino plans on Monday.\n"
        "The Labour MP claimed that the plans would bring crime."
    )
    found = quotes(nlp, text)
    assert [(q.speaker.text, q.speaker.name) for q in found if q.cue.text == "claimed"] == [
        ("The Labour MP", "Tom Reyes")
    ]


def test_a_government_is_the_country_its_modifier_names(nlp: Language) -> None:
    text = (
        "Saudi Arabia and the Harbor Group signed the deal in Riyadh.\n"
        "The Saudi government said that the port would open in May.\n"
        "The government said that the deal was final."
    )
    assert speakers(quotes(nlp, text)) == [
        ("The Saudi government", "Saudi Arabia"),
        ("The government", None),
    ]


def test_an_institution_is_only_an_organisation_so_named(nlp: Language) -> None:
    text = (
        "The Harbor Group said that profits rose in May.\n"
        "The regional health commission said that nobody had fallen ill.\n"
        "The European Commission met on Monday, and the commission said that the rules would change."
    )
    found = [(q.speaker.text, q.speaker.name) for q in quotes(nlp, text)]
    assert found == [
        ("The Harbor Group", "Harbor Group"),
        ("The regional health commission", None),
        ("the commission", "European Commission"),
    ]


def test_a_surname_the_tagger_took_for_a_noun_is_the_person(nlp: Language) -> None:
    text = (
        "John Petrides, a portfolio manager, says the deal could start a trend.\n"
        "“Here is a company that is willing to pay for the followers,” Petrides said."
    )
    assert [name for _, name in speakers(quotes(nlp, text))][-1] == "John Petrides"


def test_a_foreign_ministry_is_not_another_countrys_authority(nlp: Language) -> None:
    text = (
        "The Harbor Authority said that the port would reopen.\n"
        "The French foreign ministry said that it regretted the decision."
    )
    assert speakers(quotes(nlp, text)) == [
        ("The Harbor Authority", "Harbor Authority"),
        ("The French foreign ministry", None),
    ]


def test_i_in_the_narration_is_the_bylined_author(nlp: Language) -> None:
    text = (
        "Why the ferry must stay\n"
        "By Jane Roe\n"
        "I told the council that the ferry must stay. Tom Reyes disagreed.\n"
        "“It costs too much,” he said."
    )
    assert speakers(quotes(nlp, text)) == [("I", "Jane Roe"), ("he", "Tom Reyes")]


def test_i_without_a_single_bylined_author_stays_unresolved(nlp: Language) -> None:
    text = "By Jane Roe and Tom Reyes\nI told the council that the ferry must stay."
    assert speakers(quotes(nlp, text)) == [("I", None)]


def test_the_office_is_not_its_former_holder(nlp: Language) -> None:
    text = (
        "Former chancellor Tom Reyes spoke on Monday.\n"
        "The chancellor said that the budget would cut the deficit."
    )
    assert speakers(quotes(nlp, text)) == [("The chancellor", None)]


def test_a_government_is_named_by_a_country_not_a_lookalike(nlp: Language) -> None:
    text = (
        "Indiana voters went to the polls, and New Zealand won the cup.\n"
        "The Indian government said that the vote was fair.\n"
        "The new government said that taxes would rise.\n"
        "Britain and France met in Paris.\n"
        "Britain's government said that it would act."
    )
    assert speakers(quotes(nlp, text)) == [
        ("The Indian government", None),
        ("The new government", None),
        ("Britain's government", "United Kingdom"),
    ]


def test_an_age_is_not_matched_to_another_persons_age(nlp: Language) -> None:
    text = (
        "Paul Stone, a 45-year-old lawyer, spoke first in Leeds.\n"
        "Ellen Park won the race on Sunday.\n"
        "“I trained all winter,” said the 30-year-old."
    )
    assert speakers(quotes(nlp, text)) == [("the 30-year-old", "Ellen Park")]


def test_a_nationality_is_not_someone_of_another_nationality(nlp: Language) -> None:
    text = "Dutch striker Paul Stone beat Tom Reyes in Leeds.\n“I played well,” said the Swiss."
    assert speakers(quotes(nlp, text)) == [("the Swiss", "Tom Reyes")]


def test_the_chief_executive_is_the_person_so_described(nlp: Language) -> None:
    text = (
        "Harbor Group chief executive Tom Reyes spoke in Leeds.\nThe chief executive said that profits rose."
    )
    assert speakers(quotes(nlp, text)) == [("The chief executive", "Tom Reyes")]


def test_i_inside_a_quotation_is_not_the_author(nlp: Language) -> None:
    text = 'By Jane Roe\nTom Reyes said: "I told the council that the ferry must stay."'
    assert speakers(quotes(nlp, text)) == [("Tom Reyes", "Tom Reyes")]


def test_an_and_inside_a_relative_clause_keeps_the_subject_one_person(nlp: Language) -> None:
    text = (
        "“We played well,” said coach Tom Reyes.\n"
        "Paul Stone, who won in 2003 and 2004, was left frustrated.\n"
        "“I had my chances,” said the American."
    )
    assert [name for _, name in speakers(quotes(nlp, text))] == ["Tom Reyes", "Paul Stone"]


def test_several_people_as_one_subject_are_no_antecedent(nlp: Language) -> None:
    text = (
        "“I was hungry again,” said sprinter Tom Reyes.\n"
        "The Leeds-based athlete and team-mates Paul Stone, Mark Dale and Ed Fry were given medals.\n"
        "The 31-year-old said that an injury had slowed him."
    )
    assert speakers(quotes(nlp, text))[-1] == ("The 31-year-old", "Tom Reyes")


def test_a_first_name_tells_a_gender_no_pronoun_has_yet(nlp: Language) -> None:
    text = "Donald Reyes spoke after Ellen Park on Monday.\n“We will build it,” she said."
    assert speakers(quotes(nlp, text)) == [("she", "Ellen Park")]


def test_a_spokesman_for_an_organisation_speaks_for_it(nlp: Language) -> None:
    text = (
        "Harbour Freight Lines raised its fares on Monday.\n"
        "A spokesman for Harbour Freight Lines said fuel had doubled in price."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "said")
    assert quote.speaker.text == "A spokesman for Harbour Freight Lines"
    assert quote.speaker.name == "Harbour Freight Lines"


def test_a_party_spokeswoman_keeps_the_party_as_written(nlp: Language) -> None:
    text = "A Green Party spokeswoman said the tax would hurt farmers."
    quote = only_quote(quotes(nlp, text))
    assert quote.speaker.name is not None and "Green" in quote.speaker.name


def test_a_bare_spokesman_speaks_for_the_company_the_paragraph_is_about(nlp: Language) -> None:
    text = (
        "Northwind Energy blamed a supplier for the power cut on Tuesday.\n"
        "Phone lines were back by noon, a spokesman said."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "said")
    assert quote.speaker.name is None  # another paragraph: no one the spokesman is known to speak for
    text = (
        "Northwind Energy blamed a supplier for the power cut on Tuesday. "
        "Phone lines were back by noon, a spokesman said."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "said")
    assert quote.speaker.name == "Northwind Energy"


def test_he_after_a_spokesman_is_the_spokesman(nlp: Language) -> None:
    text = (
        "Dr Ellen Marsh said the ward had closed. A spokesman for Westfield Hospital denied the claim. "
        "“The ward is open and fully staffed,” he said."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "he")
    assert quote.speaker.name == "Westfield Hospital"


def test_a_subject_inside_reported_words_is_not_the_pronouns_antecedent(nlp: Language) -> None:
    text = (
        "“I was not told,” Maria Lopez said.\n"
        "Anna Berg is also angry and says that Lopez and herself were misled. "
        "“We were never warned about the flood,” she said."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "she")
    assert quote.speaker.name == "Anna Berg"


def test_a_new_paragraph_about_one_person_gives_him_the_pronoun(nlp: Language) -> None:
    text = (
        "Coach Tom Reyes praised his side. “We played well,” Reyes said.\n"
        "The remarks were put to Mr Peter Vance after the match. "
        "At first he said only: “I have nothing to add.”"
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "he")
    assert quote.speaker.name == "Peter Vance"


def test_a_name_compounded_into_a_role_noun_owns_it(nlp: Language) -> None:
    text = (
        "Arsene Dupont has coached Riverside United for ten years. On Friday the Riverside United boss met "
        "the press.\n“Nobody told us anything,” the Riverside United boss said."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "the Riverside United boss")
    assert quote.speaker.name == "Arsene Dupont"


def test_the_report_is_the_one_the_article_introduced_with_its_author(nlp: Language) -> None:
    text = (
        "A report by the National Fire Safety Board criticised Eastfield Homes on Monday.\n"
        "The report said that the alarms had failed in three buildings."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "The report")
    assert quote.speaker.name is not None and "Fire Safety Board" in quote.speaker.name


def test_the_company_is_the_organisation_named_as_subject_not_one_named_in_passing(nlp: Language) -> None:
    text = (
        "Northwind Energy will close two plants it bought from Eastfield Power.\n"
        "The company said the plants had lost money for a decade."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "The company")
    assert quote.speaker.name == "Northwind Energy"


def test_the_giant_is_a_company(nlp: Language) -> None:
    text = (
        "Northwind Energy will close two coal plants next year.\n"
        "The energy giant said the plants had lost money for a decade."
    )
    quote = next(q for q in quotes(nlp, text) if q.speaker.text == "The energy giant")
    assert quote.speaker.name == "Northwind Energy"


def test_a_statement_from_the_firm_is_the_firms(nlp: Language) -> None:
    text = (
        "Northwind Energy closed two coal plants on Monday.\n"
        "“We regret the job losses,” read a statement from the energy firm."
    )
    quote = only_quote(quotes(nlp, text))
    assert quote.speaker.name == "Northwind Energy"


def test_a_lead_description_is_the_person_the_next_sentence_names(nlp: Language) -> None:
    text = (
        "The transport minister at the centre of the ferry row says he will not resign.\n\n"
        "Peter Vance claims the ferries were safe when they sailed."
    )
    quote = next(q for q in quotes(nlp, text) if q.cue.text == "says")
    assert quote.speaker.name == "Peter Vance"


def test_every_kind_of_role_noun_has_one_rule() -> None:
    from app.extract.speakers import ROLE_RULES, role_nouns

    assert {role.kind for role in role_nouns().values()} == set(ROLE_RULES)


def test_officials_at_a_body_speak_for_it_and_alone_for_no_one(nlp: Language) -> None:
    text = (
        "The Department of Energy opened an inquiry on Monday.\n"
        "Officials at the Department of Energy said the pipeline had leaked for a week.\n"
        "Officials said the leak was small."
    )
    found = [(q.speaker.text, q.speaker.name) for q in quotes(nlp, text) if q.cue.text == "said"]
    assert found == [
        ("Officials at the Department of Energy", "Department of Energy"),
        ("Officials", None),
    ]


def test_a_person_introduced_by_a_lowercase_description_keeps_her_name(nlp: Language) -> None:
    text = (
        "Royal commentator and historian Jane Wexley said the palace had misjudged the mood.\n"
        "“It was a week late,” Wexley added."
    )
    assert [name for _, name in speakers(quotes(nlp, text))] == ["Jane Wexley", "Jane Wexley"]


def test_a_later_speaker_does_not_take_an_earlier_speakers_pronoun(nlp: Language) -> None:
    text = (
        "Mr Tom Reyes said the ferry was safe. “It passed every test,” he said.\n"
        "Ms Ellen Park disagreed. “The hull was rusted through,” she said.\n"
        "“I inspected it myself,” Reyes said."
    )
    names = [name for _, name in speakers(quotes(nlp, text))]
    assert names == ["Tom Reyes", "Tom Reyes", "Ellen Park", "Tom Reyes"]


def test_the_group_is_the_one_the_article_called_a_group_not_a_later_company(nlp: Language) -> None:
    text = (
        "British publishing group Harbour Press & Print is buying a stake in Danish printing company Norvik "
        "for 12m euros.\n"
        "News of the deal came as the group said its profits would rise this year."
    )
    assert speakers(quotes(nlp, text)) == [("the group", "Harbour Press & Print")]


def test_a_name_joined_by_an_ampersand_keeps_the_description_before_it(nlp: Language) -> None:
    text = (
        "Danish printing company Norvik lost a contract to publishing group Harbour Press & Print "
        "on Monday.\n"
        "The group said it would hire 40 printers."
    )
    assert speakers(quotes(nlp, text)) == [("The group", "Harbour Press & Print")]


def test_a_surname_opening_a_sentence_as_a_plural_noun_is_the_person(nlp: Language) -> None:
    text = (
        "Anna Waters runs the shelter on Main Street.\n"
        "Waters told reporters the number of families seeking help had doubled."
    )
    assert speakers(quotes(nlp, text)) == [("Waters", "Anna Waters")]


def test_a_camel_case_name_the_entities_missed_keeps_its_name() -> None:
    # "According to PoliNews, the budget will fall.": a name with a capital inside it is no less a name.
    words = ["According", "to", "PoliNews", ",", "the", "budget", "will", "fall", "."]
    heads = [7, 0, 1, 7, 5, 7, 7, 7, 7]
    deps = ["prep", "prep", "pobj", "punct", "det", "nsubj", "aux", "ROOT", "punct"]
    pos = ["VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    tags = ["VBG", "IN", "NNP", ",", "DT", "NN", "MD", "VB", "."]
    doc = _parsed(words, heads, deps, pos, tags)
    assert Speakers(doc, [False] * len(doc)).resolve(doc[2], 0).name == "PoliNews"


def test_a_name_the_tagger_took_for_a_pronoun_is_still_the_name() -> None:
    # "O’Malley notes that ...", tagged as a pronoun by the model in a real article; the entities found him.
    words = ["O’Malley", "notes", "that", "he", "won", "."]
    heads = [1, 1, 4, 4, 1, 1]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"]
    pos = ["PRON", "VERB", "SCONJ", "PRON", "VERB", "PUNCT"]
    tags = ["PRP", "VBZ", "IN", "PRP", "VBD", "."]
    doc = _parsed(words, heads, deps, pos, tags)
    doc._.entities = [Entity("Sean O’Malley", "PERSON", aliases=["O’Malley"])]
    doc._.entity_of_token = {0: 0}
    assert Speakers(doc, [False] * len(doc)).resolve(doc[0], 1).name == "Sean O’Malley"


def test_a_dash_parsed_as_the_subject_stands_for_the_subject_it_holds() -> None:
    # The parses the model gave "The film ― which runs long ― explains the case." and "... made public ―
    # Roe boasted": a dash tagged as a word and made the verb's subject.
    words = ["The", "film", "―", "which", "runs", "long", "―", "explains", "the", "case", "."]
    heads = [1, 2, 7, 4, 2, 4, 7, 7, 9, 7, 7]
    deps = ["det", "nsubj", "nsubj", "nsubj", "ccomp", "advmod", "punct", "ROOT", "det", "dobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "PRON", "VERB", "ADV", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["DT", "NN", "VBP", "WDT", "VBZ", "RB", ":", "VBZ", "DT", "NN", "."]
    doc = _parsed(words, heads, deps, pos, tags)
    assert source_of(doc[7])[0].text == "film"
    words = ["It", "was", "made", "public", "―", "Roe", "boasted", "."]
    heads = [2, 2, 2, 4, 6, 6, 2, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "amod", "nsubj", "nsubj", "ccomp", "punct"]
    pos = ["PRON", "AUX", "VERB", "ADJ", "NOUN", "PROPN", "VERB", "PUNCT"]
    tags = ["PRP", "VBD", "VBN", "JJ", "NN", "NNP", "VBN", "."]
    doc = _parsed(words, heads, deps, pos, tags)
    assert source_of(doc[6])[0].text == "Roe"


def test_of_two_subjects_a_label_before_the_speaker_is_passed_over() -> None:
    # The parses the model gave "The Latest: Roe urges voters to register." and "Jane Roe, director at
    # Greenwatch, said ...": both words made subjects of the verb; a label is passed over, an apposition not.
    words = ["The", "Latest", ":", "Roe", "urges", "voters", "to", "register", "."]
    heads = [1, 4, 4, 4, 4, 4, 7, 4, 4]
    deps = ["det", "nsubj", "punct", "nsubj", "ROOT", "dobj", "aux", "xcomp", "punct"]
    pos = ["DET", "ADJ", "PUNCT", "NOUN", "VERB", "NOUN", "PART", "VERB", "PUNCT"]
    tags = ["DT", "JJS", ":", "NN", "VBZ", "NNS", "TO", "VB", "."]
    doc = _parsed(words, heads, deps, pos, tags)
    assert source_of(doc[4])[0].text == "Roe"
    words = ["Jane", "Roe", ",", "director", "at", "Greenwatch", ",", "said", "it", "failed", "."]
    heads = [1, 7, 3, 7, 3, 4, 7, 7, 9, 7, 7]
    deps = ["compound", "nsubj", "punct", "nsubj", "prep", "pobj", "punct", "ROOT", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PUNCT", "VERB", "PRON", "VERB", "PUNCT"]
    tags = ["NNP", "NNP", ",", "NN", "IN", "NNP", ",", "VBD", "PRP", "VBD", "."]
    doc = _parsed(words, heads, deps, pos, tags)
    assert source_of(doc[7])[0].text == "Roe"
