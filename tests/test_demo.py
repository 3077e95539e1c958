"""The demo book: a complete, consistent förbund over two years."""

from __future__ import annotations

import time

import pytest

from finsam_desktop.book import VoucherFilter
from finsam_desktop.demo import ORGNR, build_demo, main_figures
from finsam_desktop.book.validate import normalize_orgnr
from finsam_desktop.errors import BookFileError

FV_KEYS = {"oversikt", "viktiga_forhallanden", "handelser", "styrning", "god_ekonomisk_hushallning",
           "personal", "forvantad_utveckling", "disposition", "beslutsort"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.finsam"
    t = time.perf_counter()
    book = build_demo(path)
    book.build_seconds = time.perf_counter() - t
    yield book
    book.close()


def years(book):
    return book.year_by_label("2024"), book.year_by_label("2025")


def test_demo_builds_fast_and_refuses_existing_file(demo):
    assert demo.build_seconds < 2.0
    with pytest.raises(BookFileError, match="finns redan"):
        build_demo(demo.path)


def test_demo_forbund_and_years(demo):
    f = demo.forbund()
    assert f.namn == "Samordningsförbundet Mellersta Ådalen" and f.ort == "Kramfors"
    assert normalize_orgnr(f.orgnr) == ORGNR
    y24, y25 = years(demo)
    assert (y24.status, y25.status) == ("closed", "open")
    assert any(e["action"] == "year.close" and e["detail"]["year_id"] == y24.id for e in demo.audit_log())


def test_demo_trial_balance_sums_to_zero_each_year(demo):
    for y in years(demo):
        tb = demo.trial_balance(y.id)
        assert sum(l.opening for l in tb) == 0
        assert sum(l.period for l in tb) == 0
        assert sum(l.closing for l in tb) == 0


def test_demo_2025_opens_with_2024_closing_and_result_in_equity(demo):
    y24, y25 = years(demo)
    closing = demo.balance_at(y24.end, by_project=True)
    result_2024 = sum(a for (acc, _p), a in closing.items() if acc >= 3000)
    expected = {k: v for k, v in closing.items() if k[0] < 3000}
    expected[(2010, None)] += result_2024
    assert demo.opening_balances(y25.id) == expected
    assert result_2024 > 0 or result_2024 < 0  # the 2024 result is not zero: it really moved


def test_demo_key_figures(demo):
    fig = main_figures(demo, "2025")
    # 248 verifikationer: each period end is one periodisering (insatser, semesterlöneskuld
    # and revision together) with one linked återföring.
    assert fig == {"result": -247_382_00, "equity": 389_900_00, "bank": 926_388_00, "vouchers": 248}
    assert 0.14 < fig["equity"] / demo.allotted_funds(years(demo)[1].id) < 0.16  # like Kramfors' 15,04 %
    fig24 = main_figures(demo, "2024")
    assert fig24["vouchers"] > 200 and fig24["result"] == -123_898_00


def test_demo_members_and_contributions(demo):
    members = demo.members()
    assert [(m.name, m.kind, m.share_bp, m.account) for m in members] == [
        ("Försäkringskassan", "stat", 2500, 3010), ("Arbetsförmedlingen", "stat", 2500, 3011),
        ("Region Västernorrland", "region", 2500, 3020), ("Kramfors kommun", "kommun", 2500, 3030)]
    for y in years(demo):
        assert demo.allotted_funds(y.id) == 2_592_000_00
        income = demo.movements(y.start, y.end)
        assert [income[m.account] for m in members] == [-648_000_00] * 4
    linked = {c.name: c.member_id for c in demo.counterparts() if c.member_id}
    assert linked["Kramfors kommun, arbetsmarknadsenheten"] == linked["Kramfors kommun"]


def test_demo_insatser_with_owners_grants_and_costs(demo):
    y24, y25 = years(demo)
    projects = demo.projects()
    assert len(projects) == 5 and all(p.account == 4530 and p.owner_id for p in projects)
    assert {p.kind for p in projects} == {"individinriktad", "strukturövergripande", "samverkansstödjande"}
    owners = {demo.counterpart(p.owner_id).name for p in projects}
    assert owners == {"Kramfors kommun", "Kramfors kommun, arbetsmarknadsenheten", "Region Västernorrland"}
    grants = demo.project_grants(y25.id)
    assert sum(grants.values()) == 1_880_000_00
    cost = demo.movements(y25.start, y25.end, by_project=True)
    for p in projects:  # every insats used between 80 and 105 % of its grant
        assert 0.80 * grants[p.id] < cost[(4530, p.id)] < 1.05 * grants[p.id]


def test_demo_year_end_accruals_per_insats_are_reversed(demo):
    """The 2024 year-end periodisering is one verifikation made by book_accruals: each
    insats' interimsskuld carries the insats and its projektägare, and the återföring on
    2025-01-01 is linked to it and remembered on every line."""
    y24, y25 = years(demo)
    records = [r for r in demo.accruals("2024-12-31") if r.kind == "insats"]
    owed = {r.project_id: r.amount for r in records if r.amount}
    assert len(owed) == 4
    (voucher_id,) = {r.voucher_id for r in records if r.amount}
    v = demo.voucher(voucher_id)
    assert (v.date, v.year_id) == ("2024-12-31", y24.id)
    for r in v.rows:
        if r.account == 2990 and r.project_id:
            assert -r.amount == owed[r.project_id]
            assert r.counterpart_id == demo.project(r.project_id).owner_id
    (reversal_id,) = {r.reversal_voucher_id for r in demo.accruals("2024-12-31") if r.voucher_id}
    rev = demo.voucher(reversal_id)
    assert (rev.date, rev.year_id, rev.corrects_id) == ("2025-01-01", y25.id, voucher_id)
    assert sorted((r.account, r.amount, r.project_id) for r in rev.rows) == \
        sorted((r.account, -r.amount, r.project_id) for r in v.rows)
    # Semesterlöneskuld, its sociala avgifter and the revision ride on the same verifikation.
    others = {r.kind: r.amount for r in demo.accruals("2024-12-31") if r.kind != "insats"}
    assert others == {"semesterloner": 19_400_00, "sociala_avgifter": 6_095_00, "kanslikostnader": 31_000_00}
    # The 2025 interimsskulder per insats are open at the year end.
    closing = demo.balance_at(y25.end, by_project=True)
    per_insats = {p: a for (acc, p), a in closing.items() if acc == 2990 and p}
    assert len(per_insats) == 4 and all(a < 0 for a in per_insats.values())


def test_demo_decides_every_active_insats_at_every_period_end(demo):
    """Each period end of the demo has a decision for all five insatser; PSYK (invoiced once
    a year in November) is decided as an explicit 0 kr, and nothing is left undecided."""
    from finsam_desktop.closing.accruals import undecided_projects

    psyk = next(p for p in demo.projects() if p.code == "PSYK")
    for end in ("2024-06-30", "2024-12-31", "2025-06-30", "2025-12-31"):
        decided = {r.project_id: r.amount for r in demo.accruals(end) if r.kind == "insats"}
        assert set(decided) == {p.id for p in demo.projects()}, end
        assert decided[psyk.id] == 0
        assert undecided_projects(demo, end) == []
    # Every återföring inside the book is booked and linked; only 2025-12-31 waits for 2026.
    pending = {r.period_end for r in demo.accruals_pending_reversal()}
    assert pending == {"2025-12-31"}


def test_demo_check_2025_has_no_blocking_finding(demo, capsys):
    """`finsam check` on a fresh demo book passes: the interimsskulder are decided and the
    bank statement figure saved for the year end equals the booked bank balance."""
    from finsam_desktop.cli import main

    assert demo.year_text(years(demo)[1].id, "bank_saldo") == "926 388,00"
    assert main(["check", str(demo.path), "--year", "2025"]) == 0
    text = capsys.readouterr().out
    # Its one warning is the one the PDF prints: Samkraft over its grant.
    assert "STOPP" not in text and "0 stoppande fel, 1 varning." in text
    assert "Insatser över beviljade medel: Insats SAMK Samkraft" in text
    # One list of kontroller: as many of the report's as the reports page counts.
    from finsam_desktop.reports import build_report
    count = len(build_report(demo, years(demo)[1].id).kontroller)
    assert f"alla {count} kontroller av summor" in text
    assert main(["check", str(demo.path), "--year", "2025", "--date", "2025-06-30"]) == 0
    assert "0 stoppande fel" in capsys.readouterr().out


def test_closing_demo_2025_books_the_accrual_reversals_on_2026_01_01(tmp_path):
    """Closing 2025 carries the interimsskulder per insats into 2026 and reverses them on
    the first day of 2026, so 2990 per insats is zero again after 2026-01-01."""
    from finsam_desktop.closing.close import close_year

    book = build_demo(tmp_path / "stang.finsam")
    try:
        y25 = book.year_by_label("2025")
        owed = {r.project_id: r.amount for r in book.accruals("2025-12-31") if r.kind == "insats" and r.amount}
        y26 = close_year(book, y25.id)
        ib = book.opening_balances(y26.id)
        assert {p: -a for (acc, p), a in ib.items() if acc == 2990 and p} == owed
        (rev_id,) = {r.reversal_voucher_id for r in book.accruals("2025-12-31") if r.voucher_id}
        rev = book.voucher(rev_id)
        assert (rev.date, rev.year_id, rev.ref) == ("2026-01-01", y26.id, "A 1")
        assert book.accruals_pending_reversal() == []
        after = book.balance_at("2026-01-01", by_project=True)
        assert not any(a for (acc, p), a in after.items() if acc == 2990 and p)
    finally:
        book.close()


def test_demo_budget_2025(demo):
    y25 = years(demo)[1]
    rows = demo.budget(y25.id)
    assert {r.section for r in rows} == {"intakter", "insatser", "kansli", "styrelse", "ovrigt", "finansiellt"}
    income = [r for r in rows if r.section == "intakter"]
    assert sum(r.amount for r in income) == -2_592_000_00
    per_insats = [r for r in rows if r.project_id]
    assert sorted(r.project_id for r in per_insats) == sorted(p.id for p in demo.projects())


def test_demo_texts_and_signatories(demo):
    for y in years(demo):
        texts = demo.year_texts(y.id)
        assert FV_KEYS <= set(texts) and texts["beslutsort"] == "Kramfors"
        assert all(texts[k].strip() for k in FV_KEYS)
    y25 = years(demo)[1]
    # The texts name the figures by field; they are filled when the document is made.
    assert "{eget_kapital}" in demo.year_text(y25.id, "god_ekonomisk_hushallning")
    assert "{resultatet}" in demo.year_text(y25.id, "disposition")
    people = demo.signatories(y25.id)
    assert sum(p.kind == "styrelse" for p in people) == 5 and sum(p.kind == "revisor" for p in people) == 2
    assert {p.role for p in people if p.kind == "styrelse"} == {"Ordförande", "Vice ordförande", "Ledamot"}


def test_demo_numbers_follow_dates(demo):
    for y in years(demo):
        vs = sorted(demo.list_vouchers(VoucherFilter(year_id=y.id)), key=lambda v: v.number)
        assert [v.number for v in vs] == list(range(1, len(vs) + 1))
        assert [v.date for v in vs] == sorted(v.date for v in vs)


def test_demo_has_a_linked_rattelse(demo):
    reversals = {r.reversal_voucher_id for r in demo.accruals() if r.reversal_voucher_id}
    fixes = [v for v in demo.list_vouchers() if v.corrects_id and v.id not in reversals]
    assert len(fixes) == 1
    original = demo.voucher(fixes[0].corrects_id)
    fix = demo.voucher(fixes[0].id)
    assert demo.reversal_of(original.id) == fix.id
    assert sum(r.amount for r in original.rows + fix.rows if r.account == 6410) == 0


def test_demo_settings(demo):
    assert [demo.setting(k) for k in ("bank_account", "accrual_account", "equity_account", "project_account")] \
        == ["1930", "2990", "2010", "4530"]


def test_demo_is_deterministic(demo, tmp_path):
    other = build_demo(tmp_path / "igen.finsam")
    try:
        q = "SELECT v.date, v.number, v.text, r.account, r.amount, r.project_id FROM voucher v " \
            "JOIN voucher_row r ON r.voucher_id = v.id ORDER BY r.id"
        assert other.conn.execute(q).fetchall() == demo.conn.execute(q).fetchall()
    finally:
        other.close()


def test_failed_demo_leaves_no_file(tmp_path, monkeypatch):
    import finsam_desktop.demo as demo_mod

    def boom(*a, **k):
        raise RuntimeError("avbrott")
    monkeypatch.setattr(demo_mod, "_budget", boom)
    p = tmp_path / "d.finsam"
    with pytest.raises(RuntimeError):
        build_demo(p)
    assert list(tmp_path.iterdir()) == []


def test_demo_budget_rows_each_stay_within_one_statement_row(demo):
    """The 2025 budget line "Bankkostnader och ränta" (84xx–86xx) used to cover both
    finansiella intäkter and kostnader; now every budget row has one row to land on."""
    for y in years(demo):
        for b in demo.budget(y.id):
            assert len(demo.result_rows_in_range(b.account_from, b.account_to)) <= 1, b.label
    labels = {b.label: b for b in demo.budget(years(demo)[1].id)}
    assert labels["Ränteintäkter"].amount == -1_000_00 and labels["Bankkostnader"].amount == 3_000_00


def test_demo_texts_agree_with_the_report_both_years(demo):
    """Every claim of the förvaltningsberättelse matches the report's own figures: the
    financial goal is reached only when eget kapital is within 20 % of tilldelade medel
    (2024: 24,59 %, not reached; 2025: 15,04 %, reached)."""
    from finsam_desktop.money import format_kr
    from finsam_desktop.reports import build_report
    from finsam_desktop.reports.textfields import fill

    verdicts = {}
    for y in years(demo):
        r = build_report(demo, y.id)
        share = r.nyckeltal.eget_kapital
        # The texts hold fields ({eget_kapital} ...): as printed, filled from the report.
        texts = {k: fill(v, r, "ore") for k, v in demo.year_texts(y.id).items()}
        goal = texts["god_ekonomisk_hushallning"]
        pct = f"{share.andel_procent:.2f}".replace(".", ",")
        assert f"motsvarar {pct} % av tilldelade medel" in goal
        assert f"eget kapital till {format_kr(share.eget_kapital)} kr" in goal
        reached = "Målet är uppnått." in goal
        assert reached == share.inom_rekommendation
        assert ("Målet är inte uppnått" in goal) == (not share.inom_rekommendation)
        verdicts[y.label] = reached
        result = r.resultatrakning.row("arets_resultat")
        word = "överskott" if result.amount >= 0 else "underskott"
        assert f"ett {word} på {format_kr(abs(result.amount))} kr" in texts["viktiga_forhallanden"]
        assert f"ett {word} på {format_kr(abs(result.amount))} kr" in texts["disposition"]
        budget = result.budget
        assert f"budgeterat ett underskott på {format_kr(abs(budget))} kr" in texts["viktiga_forhallanden"]
        better = result.amount - budget
        assert f"{format_kr(abs(better))} kr {'bättre' if better > 0 else 'sämre'} än budget" \
            in texts["viktiga_forhallanden"]
        assert f"finansierat {'fem'} insatser" in texts["oversikt"]
        assert len(demo.project_grants(y.id)) == 5
    assert verdicts == {"2024": False, "2025": True}
    # 2024: 637 282 kr against 20 % of 2 592 000 kr = 518 400 kr.
    goal_2024 = fill(demo.year_text(years(demo)[0].id, "god_ekonomisk_hushallning"),
                     build_report(demo, years(demo)[0].id), "ore")
    assert "det egna kapitalet är 118 882 kr högre än 20 procent" in goal_2024
    assert "budgeterat ett underskott på 330 000 kr för 2025" in goal_2024


def test_demo_delarsbokslut_accrues_quarter_2_and_reverses_it_on_1_july(demo):
    """The delårsrapport per 30 June carries the half year's own costs: quarter 2 of each
    insats (invoiced in July) is an interimsskuld on 30 June, reversed on 1 July, so the
    year's figures are unchanged."""
    from finsam_desktop.reports import build_report

    y25 = years(demo)[1]
    june = demo.balance_at("2025-06-30", by_project=True)
    per_insats = {p: -a for (acc, p), a in june.items() if acc == 2990 and p}
    assert len(per_insats) == 4 and all(a > 0 for a in per_insats.values())
    july = demo.balance_at("2025-07-01", by_project=True)
    assert not any(a for (acc, p), a in july.items() if acc == 2990 and p)
    half = build_report(demo, y25.id, "2025-01-01", "2025-06-30")
    note = {ln.project_id: ln.amount for ln in half.note("interimsskulder").lines if ln.project_id}
    assert note == per_insats
    assert half.resultatrakning.row("arets_resultat").amount == -88_647_00
    from finsam_desktop.reports.textfields import fill
    text = fill(demo.year_texts(y25.id)["god_ekonomisk_hushallning@2025-06-30"], half, "ore")
    assert "Per den 2025-06-30 uppgår eget kapital till 548 635 kr" in text



def test_demo_underlag_attest_and_unpaid_invoices(demo):
    """Every verifikation has a PDF underlag, every utbetalning and leverantörsfaktura is
    attested, the invoices of late December 2025 are unpaid, and nothing new is booked."""
    from finsam_desktop.ops import attest, invoices
    from finsam_desktop.ops import underlag as ops

    for y in years(demo):
        assert ops.without_underlag(demo, y.start, y.end) == []
        assert attest.unattested(demo, y.id) == []
    a = ops.list_attachments(demo, voucher_id=demo.voucher_by_ref(years(demo)[1].id, "A", 20).id)
    assert [x.file_name for x in a] == ["Faktura 2506002.pdf"] and ops.content(demo, a[0]).startswith(b"%PDF-1.4")
    status = invoices.open_invoices(demo, "2026-01-10")
    assert [(i.supplier, i.amount) for i in status.unpaid] == [("Höga Kusten Telekom AB", 569_00),
                                                              ("Kramfors kommun", 14_062_00)]
    assert [i.supplier for i in status.overdue] == ["Höga Kusten Telekom AB"]
    # The unpaid invoices are exactly what leverantörsskulder holds at the year end.
    assert -demo.balance_at("2025-12-31", accounts=[2440])[2440] == status.total
    assert len(invoices.invoices(demo)) == 165
