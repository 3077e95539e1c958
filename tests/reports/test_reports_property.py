"""For random valid ledgers every invariant of the report holds: the balance sheet
balances, årets resultat is the same everywhere, årets kassaflöde is the change in kassa
och bank, every note adds up to its row, and in the tkr version every figure is its
exact figure rounded once, half away from zero (the tables that then miss their sums
are the ones that get the rounding footnote)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import VALID_ORGNR
from finsam_desktop.book import Book, VoucherRow
from finsam_desktop.book.chart import BALANCE_ROWS, INCOME_ROWS
from finsam_desktop.reports import build_report, in_tkr
from finsam_desktop.reports.layout import LAYOUTS, with_sums

ASSET_ROWS = BALANCE_ROWS[:7]
INCOME_KIND = {"verksamhetens_intakter": "I", "skatteintakter": "I", "generella_statsbidrag_och_utjamning": "I",
               "finansiella_intakter": "I"}


def _kind(row: str) -> str:
    if row in BALANCE_ROWS:
        return "T" if row in ASSET_ROWS else "S"
    return INCOME_KIND.get(row, "K")


def _number_pool(kind: str) -> range:
    return {"T": range(1000, 1500), "S": range(2000, 2400), "I": range(3000, 3999), "K": range(4000, 7999)}[kind]


amount = st.integers(min_value=1, max_value=5_000_000_00)
ledger = st.fixed_dictionaries({
    # Where the extra accounts' numbers fall inside their class (deliberately off the default ranges).
    "offsets": st.lists(st.integers(0, 399), min_size=len(BALANCE_ROWS + INCOME_ROWS),
                        max_size=len(BALANCE_ROWS + INCOME_ROWS)),
    "opening": st.lists(st.tuples(st.integers(0, 30), amount, st.sampled_from([None, 0, 1])), max_size=8),
    "vouchers": st.lists(st.tuples(
        st.integers(0, 364),                     # day of the year
        st.lists(st.tuples(st.integers(0, 30), amount, st.booleans(), st.sampled_from([None, 0, 1])),
                 min_size=1, max_size=4)), min_size=0, max_size=25),
    "close_into_equity": st.booleans(),
    "period": st.tuples(st.integers(0, 364), st.integers(0, 364)),
    "previous_year": st.booleans(),
})


def _date(year: int, day: int) -> str:
    from datetime import date, timedelta
    return (date(year, 1, 1) + timedelta(days=min(day, 364))).isoformat()


def _build(path: Path, spec) -> tuple[Book, int]:
    first = "2020" if spec["previous_year"] else "2021"
    book = Book.create(path, namn="Slumpförbundet", orgnr=VALID_ORGNR, year_start=f"{first}-01-01",
                       year_end=f"{first}-12-31")
    if spec["previous_year"]:
        book.add_year("2021-01-01", "2021-12-31")
    accounts = [a.number for a in book.accounts() if a.row_id]
    for i, row in enumerate(BALANCE_ROWS + INCOME_ROWS):
        kind = _kind(row)
        pool = _number_pool(kind)
        number = pool.start + (spec["offsets"][i] * 7) % len(pool)
        while book.account(number):
            number = pool.start + (number - pool.start + 1) % len(pool)
        book.add_account(number, f"Konto {row}", kind, row_id=row)
        accounts.append(number)
    projects = [book.add_project(f"P{i}", f"Insats {i}").id for i in range(2)]
    equity = 2010

    def pick(i):
        return accounts[i % len(accounts)]

    for year in book.years():
        ob: dict = {}
        for i, amt, proj in spec["opening"]:
            acc = pick(i)
            if book.account(acc).is_balance:
                key = (acc, projects[proj] if proj is not None and acc == 2990 else None)
                ob[key] = ob.get(key, 0) + amt
        ob[(equity, None)] = ob.get((equity, None), 0) - sum(ob.values())
        book.set_opening_balances(year.id, ob)
        y = int(year.start[:4])
        for day, rows, in spec["vouchers"]:
            vrows = [VoucherRow(pick(i), amt if debit else -amt,
                                projects[p] if p is not None else None) for i, amt, debit, p in rows]
            rest = -sum(r.amount for r in vrows)
            vrows.append(VoucherRow(1930, rest if rest else 1_00))
            if not rest:
                vrows.append(VoucherRow(1910, -1_00))
            vrows = [r for r in vrows if r.amount]
            book.book_voucher(_date(y, day), "Slumpverifikation", vrows)
    year = book.years()[-1]
    if spec["close_into_equity"]:
        book.add_account(8999, "Årets resultat", "K", row_id=None)
        result = book.period_balances(year.id, year.start, year.end)
        r = sum(pm for acc, _p, _ob, _bf, pm in result if not book.account(acc).is_balance)
        if r:
            book.book_voucher(year.end, "Årets resultat", [(8999, -r), (2010, r)])
    return book, year.id


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledger)
def test_random_ledgers_keep_every_report_invariant(spec):
    with tempfile.TemporaryDirectory() as d:
        book, year_id = _build(Path(d) / "slump.finsam", spec)
        try:
            y = book.year(year_id)
            a, b = sorted(spec["period"])
            date_from, date_to = _date(int(y.start[:4]), a), _date(int(y.start[:4]), b)
            for period in ((None, None), (date_from, date_to)):
                r = build_report(book, year_id, *period)
                failed = [c for c in r.kontroller if not c.ok]
                assert not failed, failed
                _assert_invariants(r)
                _assert_rounded_once(r, in_tkr(r))
        finally:
            book.close()


def _half_away(ore: int) -> int:
    q, rest = divmod(abs(ore), 100_000)
    return (q + (rest >= 50_000)) * (1 if ore >= 0 else -1)


def _assert_rounded_once(r, t) -> None:
    from finsam_desktop.reports.rounding import differences
    for s, e in zip(t.statements, r.statements):
        for row, x in zip(s.rows, e.rows):
            for col in ("amount", "previous", "budget"):
                v = getattr(x, col)
                assert getattr(row, col) == (None if v is None else _half_away(v)), (s.id, row.id, col)
    for n, x in zip(t.noter, r.noter):
        assert n.total == (None if x.total is None else _half_away(x.total))
        for ln, lx in zip(n.lines, x.lines):
            assert ln.amount == (None if lx.amount is None else _half_away(lx.amount))
    for k, kx in zip(t.nyckeltal.balanskrav, r.nyckeltal.balanskrav):
        assert k.amount == _half_away(kx.amount)
    for o, ox in zip(t.nyckeltal.femarsoversikt, r.nyckeltal.femarsoversikt):
        # The column of the year before the book made from its ingående balanser has no result.
        assert o.arets_resultat == (None if ox.arets_resultat is None else _half_away(ox.arets_resultat))
        assert o.eget_kapital == _half_away(ox.eget_kapital)
    missing = {s.id for s in t.statements
               if any(with_sums(LAYOUTS[s.id], {row.id: row.amount for row in s.rows})[row.id] != row.amount
                      for row in s.rows)}
    assert missing <= differences(t)


def _assert_invariants(r) -> None:
    for s in r.statements:
        for col in ("amount", "previous"):
            values = {row.id: getattr(row, col) for row in s.rows}
            if None in values.values():
                continue
            assert with_sums(LAYOUTS[s.id], values) == values
    rr, br, k = r.resultatrakning, r.balansrakning, r.kassaflodesanalys
    assert br.row("summa_tillgangar").amount == br.row("summa_eget_kapital_avsattningar_och_skulder").amount
    if r.previous_from_opening_balances:
        # The book's first year compares with its ingående balanser: a balansräkning that
        # balances and adds up (its unknown Årets resultat aside), and no flows.
        prev = br.previous_amounts()
        assert prev["arets_resultat"] is None
        assert with_sums(LAYOUTS["balansrakning"], {**prev, "arets_resultat": 0}) == {**prev, "arets_resultat": 0}
        assert prev["summa_tillgangar"] == prev["summa_eget_kapital_avsattningar_och_skulder"]
        assert set(rr.previous_amounts().values()) == set(k.previous_amounts().values()) == {None}
    assert rr.row("arets_resultat").amount == br.row("arets_resultat").amount == k.row("arets_resultat").amount
    assert k.row("arets_kassaflode").amount == (k.row("likvida_medel_vid_arets_slut").amount
                                                - k.row("likvida_medel_vid_arets_borjan").amount)
    assert k.row("likvida_medel_vid_arets_slut").amount == br.row("kassa_och_bank").amount
    for n in r.noter:
        if n.total is not None and n.row_ids:
            assert sum(ln.amount for ln in n.lines if ln.kind == "row") == n.total
            if n.id != "interimsskulder":
                sid, rid = n.row_ids[0]
                assert getattr(r, sid).row(rid).amount == n.total


NOT_AMOUNTS = {"nummer", "niva", "konto", "insats_id"}


def _walk_tkr(ore, tkr_, key="") -> int:
    """Every amount of the tkr JSON is the öre JSON's figure rounded half away from zero."""
    if isinstance(ore, dict):
        return sum(_walk_tkr(ore[k], tkr_[k], k) for k in ore)
    if isinstance(ore, list):
        assert len(ore) == len(tkr_)
        return sum(_walk_tkr(a, b, key) for a, b in zip(ore, tkr_))
    if isinstance(ore, bool) or not isinstance(ore, int) or key in NOT_AMOUNTS:
        return 0
    assert tkr_ == _half_away(ore), (key, ore, tkr_)
    return 1


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledger)
def test_random_ledgers_print_each_tkr_figure_rounded_once_in_json_and_pdf(spec):
    from finsam_desktop.render.json_out import to_json
    from finsam_desktop.render.pdf import render_pdf_bytes
    from finsam_desktop.reports.document import build_document
    from finsam_desktop.reports.visible import visible_rows
    import io

    import pdfplumber

    from pdf_helpers import kr

    with tempfile.TemporaryDirectory() as d:
        book, year_id = _build(Path(d) / "slump.finsam", spec)
        try:
            r = build_report(book, year_id)
            exact, shown = to_json(r), to_json(in_tkr(r))
            assert shown["enhet"] == "tkr"
            shown.pop("avrundningsdifferenser")
            exact.pop("avrundningsdifferenser")
            assert _walk_tkr(exact, shown) > 50
            data = render_pdf_bytes(build_document(book, year_id, report=r, tkr=True))
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                # without the big UTKAST letters of a draft
                pages = [p.filter(lambda o: o.get("size", 0) < 30).extract_text() or "" for p in pdf.pages]
            for s, t in zip(r.statements, in_tkr(r).statements):
                page = next(p for p in pages if f"\n{s.title}\n" in p and "Belopp i tkr" in p)
                lines = [" ".join(ln.replace("\u00a0", " ").split()) for ln in page.splitlines()]
                # the rows the PDF prints (a row that is 0 tkr in both years is left out)
                for row in visible_rows(t, budget=r.has_budget and s.id == "resultatrakning"):
                    if row.kind == "heading" or row.amount is None:
                        continue
                    want = kr(_half_away(s.row(row.id).amount) * 100)
                    line = next((ln for ln in lines if ln.startswith(row.label + " ")), None)
                    assert line is not None, (s.id, row.label)
                    rest = line[len(row.label):].split()
                    # (note numbers first, then) this period's amount
                    figures = " ".join(rest)
                    assert f" {want}" in f" {figures}", (s.id, row.label, line, want)
        finally:
            book.close()
