"""Match proposals, rules and mallar as pure functions."""

from __future__ import annotations

from finsam_desktop.bank.matching import (LineCandidate, Movement, Rule, propose_matches, rule_for, template_for,
                                          text_key)


def test_same_amount_nearest_date_and_ocr_win():
    lines = [LineCandidate(1, "2021-03-10", -5_000_00, "BG 5555-1234", ocr="4711"),
             LineCandidate(2, "2021-03-12", -5_000_00, "BG 5555-1234")]
    movements = [Movement(10, "2021-03-11", -5_000_00, "Faktura Kramfors kommun"),
                 Movement(11, "2021-03-09", -5_000_00, "Faktura 4711 Ådalens IT"),
                 Movement(12, "2021-03-30", -5_000_00, "För långt bort")]
    got = {p.line_id: p.voucher_ids for p in propose_matches(lines, movements)}
    assert got == {1: (11,), 2: (10,)}


def test_nothing_beyond_a_week_or_with_another_amount():
    lines = [LineCandidate(1, "2021-03-10", 100_00, "X")]
    assert propose_matches(lines, [Movement(1, "2021-03-18", 100_00), Movement(2, "2021-03-10", 100_01)]) == []


def test_one_line_to_three_verifikationer():
    lines = [LineCandidate(1, "2021-04-25", -60_000_00, "LÖN 2021-04")]
    movements = [Movement(1, "2021-04-25", -30_000_00, "Lön Anna"), Movement(2, "2021-04-25", -20_000_00, "Lön Bo"),
                 Movement(3, "2021-04-25", -10_000_00, "Lön Cia"), Movement(4, "2021-04-25", -7_000_00, "Annat"),
                 Movement(5, "2021-04-25", 10_000_00, "Insättning")]
    (p,) = propose_matches(lines, movements)
    assert sorted(p.voucher_ids) == [1, 2, 3]


def test_rules_in_order_and_mallar_by_text_without_numbers():
    rules = [Rule(1, "bankavgift", 8570), Rule(2, "Försäkringskassan", 3010)]
    assert rule_for(rules, "BANKAVGIFT JAN").account == 8570
    assert rule_for(rules, "Insättning", "FÖRSÄKRINGSKASSAN").account == 3010
    assert rule_for(rules, "Hyra") is None
    assert text_key("BANKAVGIFTER 2025-01") == "bankavgifter"
    history = [("HYRA 2021-02", "", 7, "A 7", 6110), ("BANKAVGIFTER 2021-01", "", 3, "A 3", 8570)]
    assert template_for(history, "BANKAVGIFTER 2021-03").account == 8570
    assert template_for(history, "Betalning") is None
