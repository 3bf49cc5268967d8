"""The gazetteer's data files: names map to one canonical entry, with demonyms and ambiguous words flagged."""

from __future__ import annotations

from app.extract.gazetteer import GAZETTEER


def test_official_and_common_country_names_share_one_entry() -> None:
    assert GAZETTEER.aliases["Russian Federation"].entry == GAZETTEER.aliases["Russia"].entry
    assert GAZETTEER.aliases["Syrian Arab Republic"].entry.name == "Syria"


def test_demonym_points_at_its_country_and_is_flagged() -> None:
    alias = GAZETTEER.aliases["Syrian"]
    assert alias.demonym
    assert alias.entry.name == "Syria"


def test_armed_group_aliases_share_one_organisation() -> None:
    keys = {GAZETTEER.aliases[form].entry.key for form in ("ISIL", "ISIS", "Daesh", "Islamic State")}
    assert len(keys) == 1
    assert GAZETTEER.aliases["Daesh"].entry.type == "ORG"


def test_capital_is_a_place() -> None:
    assert GAZETTEER.aliases["Dushanbe"].entry.type == "GPE"


def test_word_that_is_also_a_name_is_ambiguous() -> None:
    assert GAZETTEER.aliases["Jordan"].ambiguous
    assert not GAZETTEER.aliases["Tajikistan"].ambiguous


def test_lookup_reads_a_dateline_in_capitals() -> None:
    alias = GAZETTEER.lookup("MOSCOW")
    assert alias is not None and alias.entry.name == "Moscow"
