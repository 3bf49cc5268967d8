"""Figures read from sentences of our own making: one test per form, as parse_quantities returns them."""

from __future__ import annotations

from app.extract.quantities import parse_quantities


def readings(text: str) -> list[tuple[str, float | list[float] | None, str | None, bool]]:
    return [(q.text, q.value, q.unit, q.approximate) for q in parse_quantities(text)]


def test_approximate_count_with_its_unit():
    assert readings("The flood displaced about 120,000 people last spring.") == [
        ("about 120,000 people", 120000, "people", True)
    ]


def test_offsets_point_at_the_figure():
    text = "Officials counted roughly 3,400 homes."
    (quantity,) = parse_quantities(text)
    assert text[quantity.start : quantity.end] == quantity.text == "roughly 3,400 homes"


def test_range_with_a_hyphen():
    assert readings("The towns have traded for 20-25 years.") == [("20-25 years", [20, 25], "year", False)]


def test_range_with_between_and():
    assert readings("Between 15 and 30 workers were hurt.") == [
        ("Between 15 and 30 workers", [15, 30], "worker", False)
    ]


def test_change_from_one_figure_to_another_is_two_figures():
    assert readings("Membership fell from 9,000 to 7,500 members.") == [
        ("9,000", 9000, "member", False),
        ("7,500 members", 7500, "member", False),
    ]


def test_scale_word():
    assert readings("The region is home to 14 million.") == [("14 million", 14000000, None, False)]


def test_population_names_what_is_counted():
    assert readings("It has a population of 6 million.") == [("6 million", 6000000, "people", False)]


def test_abbreviated_scales_with_currency():
    assert readings("The club was sold for $2.35bn, or £1.8bn, after a €450m bid failed.") == [
        ("$2.35bn", 2350000000, "USD", False),
        ("£1.8bn", 1800000000, "GBP", False),
        ("€450m", 450000000, "EUR", False),
    ]


def test_abbreviated_scale_before_a_counted_noun():
    assert readings("Some 1.2m voters stayed at home.") == [("Some 1.2m voters", 1200000, "voter", True)]


def test_percent_sign_and_words():
    assert readings("Sales rose 4.5% while costs climbed 3 per cent and margins 2 percentage points.") == [
        ("4.5%", 4.5, "percent", False),
        ("3 per cent", 3, "percent", False),
        ("2 percentage points", 2, "percentage point", False),
    ]


def test_share_words():
    assert readings("Nearly half of the staff and two-thirds of managers agreed; one in four refused.") == [
        ("Nearly half", 0.5, "share", True),
        ("two-thirds", 0.6667, "share", False),
        ("one in four", 0.25, "share", False),
    ]


def test_share_out_of():
    assert readings("About three out of 10 pupils walk.") == [("About three out of 10", 0.3, "share", True)]


def test_number_words_with_a_counted_noun():
    assert readings("Seven firefighters and twenty-two volunteers helped.") == [
        ("Seven firefighters", 7, "firefighter", False),
        ("twenty-two volunteers", 22, "volunteer", False),
    ]


def test_half_a_scale():
    assert readings("The debt is close to half a billion dollars.") == [
        ("close to half a billion dollars", 500000000, "USD", True)
    ]


def test_adjective_between_figure_and_noun():
    assert readings("The firm hired 800 new engineers.") == [("800 new engineers", 800, "engineer", False)]


def test_years_and_dates_are_not_quantities():
    text = "In 2011 the law passed; on 4 June 2019 and by May 12 it was amended, as in the 1990s."
    assert readings(text) == []


def test_names_times_and_ordinals_are_not_quantities():
    assert readings("The G7 met at 9:30 GMT; the F-35 came 2nd; one of them left.") == []


def test_year_like_count_of_a_known_unit_is_a_quantity():
    assert readings("The march drew 2000 people.") == [("2000 people", 2000, "people", False)]


def test_slashed_numbers_are_not_quantities():
    assert readings("Memorials to 9/11 are open 24/7.") == []


def test_index_names_are_not_quantities():
    assert readings("Shares in FTSE 100 firms fell.") == []
