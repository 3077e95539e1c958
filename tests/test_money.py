"""Money: parsing what people type, printing Swedish amounts, rounding tables to tkr."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from finsam_desktop.errors import InputError
from finsam_desktop.money import (format_kr, format_ore, parse_kr, parse_sie_amount, round_half_away,
                                  round_to_total, sie_amount, to_kr, to_tkr)


@pytest.mark.parametrize("text, ore", [
    ("1234", 1234_00), ("1 234,50", 1234_50), ("1234.5", 1234_50), ("-1234.50", -1234_50),
    ("−12,05", -12_05), ("1\u00a0234", 1234_00), ("+7", 7_00), ("0,01", 1), ("1.5", 1_50),
    ("12 kr", 12_00), ("  -0,5 ", -50), ("1 000 000", 1_000_000_00),
])
def test_parse_kr_accepts_swedish_and_dot_decimals(text, ore):
    assert parse_kr(text) == ore


@pytest.mark.parametrize("text", ["", "abc", "1,234", "12,345", "1.2.3", "12-", "--1", "1,2,3", "kr",
                                  "1.234,50", "1,5050", "\u0661\u0662", "\uff11\uff12", "1'234"])
def test_parse_kr_refuses_garbage_with_field_name(text):
    with pytest.raises(InputError, match="Ogiltigt belopp i fältet rad 2"):
        parse_kr(text, field="rad 2")


@pytest.mark.parametrize("ore, text", [
    (0, "0,00"), (1, "0,01"), (-1, "-0,01"), (123456789, "1 234 567,89"), (-100000, "-1 000,00"),
])
def test_format_ore(ore, text):
    assert format_ore(ore) == text


@pytest.mark.parametrize("ore, text", [
    (123456789, "1 234 568"), (-49, "0"), (-50, "-1"), (50, "1"), (99_999_949, "999 999"),
])
def test_format_kr_rounds_half_away_from_zero(ore, text):
    assert format_kr(ore) == text


def test_format_with_print_minus():
    assert format_kr(-1234_00, minus="\u2212") == "\u22121 234"


def test_tkr_and_kr_rounding():
    assert to_tkr(1_500_00) == 2          # 1 500 kr -> 2 tkr
    assert to_tkr(-1_499_99) == -1
    assert to_kr(-150) == -2 and to_kr(149) == 1
    assert round_half_away(-250, 100) == -300


def test_sie_amounts_round_trip():
    assert parse_sie_amount("-1234.5") == -1234_50
    assert parse_sie_amount(".5") == 50
    assert sie_amount(-1234_50) == "-1234.50"
    with pytest.raises(ValueError):
        parse_sie_amount("12,5")


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.integers(-10**17, 10**17), st.integers(-10**15 - 5, -10**15 + 5),
                 st.integers(10**15 - 5, 10**15 + 5), st.integers(-1000, 1000)))
def test_sie_amount_is_exact_for_every_size_of_amount(ore):
    sign = "-" if ore < 0 else ""
    assert sie_amount(ore) == f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"
    assert parse_sie_amount(sie_amount(ore)) == ore


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-10**13, max_value=10**13))
def test_format_then_parse_is_identity(ore):
    assert parse_kr(format_ore(ore)) == ore
    assert parse_kr(format_ore(ore, minus="\u2212")) == ore


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-10**10, max_value=10**10), min_size=1, max_size=25),
       st.sampled_from([100, 100_000]))
def test_round_to_total_rows_add_up_to_rounded_total(values, unit):
    rounded = round_to_total(values, None, unit)
    assert len(rounded) == len(values)
    assert sum(rounded) == round_half_away(sum(values), unit)
    for v, r in zip(values, rounded):
        assert r % unit == 0
        assert abs(r - v) < unit  # each row moves less than one unit


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=10))
def test_round_to_total_keeps_exact_rows(values):
    exact = [v * 100_000 for v in values]
    assert round_to_total(exact, None, 100_000) == exact


def test_round_to_total_known_table():
    # 333,4 + 333,3 + 333,3 tkr = 1 000 tkr: the row with the largest remainder gets the unit.
    rounded = round_to_total([333_400_00, 333_300_00, 333_300_00], None, 100_000)
    assert [r // 100_000 for r in rounded] == [334, 333, 333]
    # Negative rows (costs) round the same way and still add up.
    rounded = round_to_total([-333_400_00, -333_300_00, -333_300_00], None, 100_000)
    assert [r // 100_000 for r in rounded] == [-334, -333, -333]
    assert sum(rounded) == -1_000 * 100_000


@pytest.mark.parametrize("text, readings", [
    ("1.500", "1,500 kr eller 1 500 kr"), ("1,500", "1,500 kr eller 1 500 kr"),
    ("12.345", "12,345 kr eller 12 345 kr"),
])
def test_parse_kr_refuses_an_amount_that_reads_two_ways_and_shows_both(text, readings):
    with pytest.raises(InputError) as exc:
        parse_kr(text, field="rad 1")
    assert readings in exc.value.message and "två sätt" in exc.value.message


def test_parse_kr_refuses_other_digits_and_too_many_separators_saying_why():
    with pytest.raises(InputError, match="siffrorna 0–9"):
        parse_kr("\u0664\u0665\u0663\u0660")  # Arabic-Indic 4530
    with pytest.raises(InputError, match="högst ett decimaltecken"):
        parse_kr("1.234,50")
    with pytest.raises(InputError, match="högst två decimaler"):
        parse_kr("1,2345")
