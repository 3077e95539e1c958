"""Samordningsförbundet Kramfors 2020–2021, rebuilt through the public Book API from its
årsredovisning 2021 and verksamhetsplan 2021 (kept beside the repository, not in it).

    book = build_kramfors(tmp_path / "kramfors.finsam")

What the book holds:
* Kramfors' own chart: bank on 1040 and momsfordran on 1480 (mapped to kassa och bank
  and fordringar explicitly: the default Kommun-BAS ranges would put them elsewhere),
  2110 leverantörsskulder and 2331 upplupna sociala avgifter on kortfristiga skulder,
  eget kapital on 2010 and 2020.
* 2020 ingående balanser (the 2019 closing), with the interimsskulder per insats.
* 2020 as summary verifikationer that reproduce its figures; 2021 ingående balanser as
  Kramfors printed them; 2021 as a realistic ledger (driftbidrag per quarter, monthly
  salaries and skattekonto, invoices from the projektägare, moms, bank charges, the
  reversal of last year's interimsskulder on 1 January and the new ones on 31 December).
* Members, driftbidrag (tilldelade medel) and the 2021 budget of the verksamhetsplan.
* Beviljade medel per insats for 2020 and 2021, and the board that signed the report
  (Kramfors 2022-03-25), as the report prints them.

Where the printed report contradicts itself, the book follows the arithmetic:
* Verksamhetens intäkter 2021 are 2 591 997 kr (resultat −198 735 = intäkter
  − 2 787 112 − 3 620); the resultaträkning prints 2 691 997, the note 2 592 000 (the
  driftbidrag; the 3 kr are an öresutjämning booked on 3990). 2020 likewise 2 591 995.
* Verksamhetens kostnader 2020 are 2 547 895 kr (the five-year table's 2 551 435 less
  3 540 finansiella kostnader, and what resultat 40 560 requires); the resultaträkning
  prints 2 547 894.
* The balance sheet prints summa tillgångar 1 417 237 against 1 417 238 on the other
  side (and 1 594 726 / 1 594 727 a year earlier). The book keeps tillgångar, eget
  kapital 389 901 (IB 588 636) and övriga interimsskulder 1 040 378 (note 6) and puts
  the öre difference on 2811 Avräkning skatter och avgifter: 13 042 kr (printed 13 041)
  and 22 729 kr a year earlier (printed 22 728). The changes the finansieringsanalys
  prints (fordringar −631, skulder +21 246) are unchanged by this.
* Note 3 prints "Övriga kostnader 96 824" including the 3 620 bank charges; with the other
  lines of note 3 fixed, the arithmetic leaves 93 203 + 3 620 = 96 823.
* Note 6 lists "Övriga kostnader 20 391" and "Upplupna sociala avgifter och personalens
  källskatt 26 935" separately; both sit on 2990 without an insats, so the report shows
  them as one line, Övriga interimsskulder 47 326.
* The split of 2020's insats costs, the interimsskulder per insats at the end of 2019 and
  2020, and the monthly rhythm of 2021 are not in the report; they are plausible and
  add up to its figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from finsam_desktop.book import Book, VoucherRow

KR = 100  # öre per krona

ORGNR = "222000-1354"

# The figures the report must reproduce (kr).
EXPECTED = {
    "arets_resultat_2021": -198_735,
    "arets_resultat_2020": 40_560,
    "verksamhetens_intakter_2021": 2_591_997,
    "verksamhetens_kostnader_2021": -2_787_112,
    "finansiella_kostnader_2021": -3_620,
    "summa_tillgangar_2021": 1_417_237,
    "summa_eget_kapital_2021": 389_901,
    "kortfristiga_skulder_2021": 1_027_336,
    "kassaflode_lopande_2021": -178_120,
    "kassaflode_lopande_2020": 338_853,
    "fordringar_andring_2021": -631,
    "skulder_andring_2021": 21_246,
    "likvida_medel_ib_2021": 1_589_876,
    "likvida_medel_ub_2021": 1_411_756,
    "likvida_medel_ib_2020": 1_251_023,
    "interimsskulder_2021": 1_040_378,
}
NOTE_6 = {  # projektägare – insats: kr
    "Kramfors kommun – StegSam": 492_163,
    "Kramfors kommun – koordinator/Coach Samkraft": 321_953,
    "Kramfors kommun – StegSam+": 178_936,
}
NOTE_6_REST = 20_391 + 26_935

CHART = [  # number, name, kind, row
    (1040, "Bankkonto", "T", "kassa_och_bank"),
    (1471, "Ingående moms (Ludvika)", "T", "fordringar"),
    (1480, "Fordran moms", "T", "fordringar"),
    (1481, "Betala moms", "T", "fordringar"),
    (2010, "Eget kapital", "S", "ovrigt_eget_kapital"),
    (2020, "Årets resultat", "S", "ovrigt_eget_kapital"),
    (2110, "Leverantörsskulder", "S", "kortfristiga_skulder"),
    (2331, "Upplupna sociala avgifter", "S", "kortfristiga_skulder"),
    (2510, "Personalens källskatt", "S", "kortfristiga_skulder"),
    (2710, "Preliminär skatt", "S", "kortfristiga_skulder"),
    (2770, "Sociala avgifter enligt lag och särskild löneskatt", "S", "kortfristiga_skulder"),
    (2811, "Avräkning skatter och avgifter", "S", "kortfristiga_skulder"),
    (2910, "Upplupna löner", "S", "kortfristiga_skulder"),
    (2990, "Övriga interimsskulder", "S", "kortfristiga_skulder"),
    (3010, "Driftbidrag från staten", "I", "verksamhetens_intakter"),
    (3020, "Driftbidrag från kommun och region", "I", "verksamhetens_intakter"),
    (3990, "Öres- och kronutjämning", "I", "verksamhetens_intakter"),
    (4530, "Bidrag föreningar, kommunalförbund, företag m.fl.", "K", "verksamhetens_kostnader"),
    (5010, "Löner tjänstemän och semesterlön", "K", "verksamhetens_kostnader"),
    (5050, "Arvoden till förtroendevalda", "K", "verksamhetens_kostnader"),
    (5410, "Arbetsgivaravgifter", "K", "verksamhetens_kostnader"),
    (5590, "Nya projekt / kvar att fördela", "K", "verksamhetens_kostnader"),
    (5610, "Avgift för kurser", "K", "verksamhetens_kostnader"),
    (6550, "Administrativa tjänster", "K", "verksamhetens_kostnader"),
    (6990, "Övriga kostnader", "K", "verksamhetens_kostnader"),
    (8440, "Ränteintäkter", "I", "finansiella_intakter"),
    (8570, "Bankkostnader", "K", "finansiella_kostnader"),
    (8999, "Årets resultat", "K", None),
]

# Insatser: code, name, owner, kind, cost 2020, cost 2021, interimsskuld end 2019, 2020, 2021 (kr)
PROJECTS = [
    ("TRAPPAN", "Trappan", "Kramfors kommun", "individinriktad", 0, 0, 380_000, 0, 0),
    ("SAMKRAFT", "koordinator/Coach Samkraft", "Kramfors kommun", "strukturövergripande",
     590_000, 590_000, 310_000, 330_000, 321_953),
    ("STEGSAM", "StegSam", "Kramfors kommun", "individinriktad", 978_743, 943_000, 0, 650_000, 492_163),
    ("STEGSAMPLUS", "StegSam+", "Kramfors kommun", "individinriktad", 0, 330_000, 0, 0, 178_936),
    ("PSYK", "Psykiatridag", "Region Västernorrland", "samverkansstödjande", 30_000, 0, 0, 0, 0),
]
# Beviljade medel per insats and year (kr), as the report's tables "Beviljade medel / Utfall"
# give them: Samkraft 600 000 both years; StegSam and StegSam+ together 1 280 000 in 2021
# (950 000 + 330 000) and 1 005 000 in 2020 (StegSam+ got 55 000 from November 2020);
# Psykiatridagen 30 000 both years. Trappan had ended and got nothing.
GRANTS = {
    "SAMKRAFT": {2020: 600_000, 2021: 600_000},
    "STEGSAM": {2020: 950_000, 2021: 950_000},
    "STEGSAMPLUS": {2020: 55_000, 2021: 330_000},
    "PSYK": {2020: 30_000, 2021: 30_000},
}
# The board that signed the årsredovisning 2021 ("Styrelsens beslut", Kramfors 2022-03-25).
BOARD_2021 = [("Thomas Näsholm", "Ordförande"), ("Jessica Norman", "Vice ordförande"),
              ("Siw Sachs", "Ledamot"), ("Camilla Steen", "Ledamot")]
DECIDED_2021 = ("Kramfors", "2022-03-25")

# Interimsskulder on 2990 without an insats (upplupna sociala avgifter, övriga kostnader).
ACCRUAL_REST = {2019: 34_201, 2020: 48_819, 2021: NOTE_6_REST}

# Kansli, styrelse and övrigt per account (kr): 2020 summary figures, 2021 from note 3.
COSTS = {
    2020: {5010: 560_000, 5050: 40_000, 5410: 185_000, 6550: 45_000, 5610: 20_000, 6990: 99_152, 8570: 3_540},
    2021: {5010: 549_251, 5050: 36_500, 5410: 181_916, 6550: 44_492, 5610: 18_750, 6990: 93_203, 8570: 3_620},
}
ROUNDING = {2020: -5, 2021: -3}  # öresutjämning on 3990 (a negative income)
MEMBERS = [("Försäkringskassan", "stat", 3010), ("Arbetsförmedlingen", "stat", 3010),
           ("Region Västernorrland", "region", 3020), ("Kramfors kommun", "kommun", 3020)]
CONTRIBUTION = 648_000  # per member and year

# Balances at the end of 2019 (the 2020 ingående balans) and of 2020 as the book keeps them.
IB_2020 = {1040: 1_251_023, 1480: 11_254, 2811: 10_000, 2010: -438_744, 2020: -109_332}
IB_2021 = {1040: 1_589_876, 1480: 4_850, 2811: 22_729, 2010: -548_076, 2020: -40_560}
MOMS_CHANGE = {2020: -6_404, 2021: 631}
TAX_ACCOUNT_END = {2020: 22_729, 2021: 13_042}  # 2811, debit balance


def _setup(path: Path) -> tuple[Book, dict, dict]:
    book = Book.create(path, namn="Samordningsförbundet Kramfors", orgnr=ORGNR, year_start="2020-01-01",
                       year_end="2020-12-31", chart=False, ort="Kramfors")
    for number, name, kind, row in CHART:
        book.add_account(number, name, kind, row_id=row)
    book.set_setting("equity_account", "2010")
    book.set_setting("accrual_account", "2990")
    book.set_setting("bank_account", "1040")
    book.set_setting("project_account", "4530")
    members, counterparts = {}, {}
    for name, kind, account in MEMBERS:
        m = book.add_member(name, kind, 2500)
        members[name] = m
        counterparts[name] = book.add_counterpart(name, member_id=m.id)
    projects = {}
    for code, name, owner, kind, *_ in PROJECTS:
        projects[code] = book.add_project(code, name, owner_id=counterparts[owner].id, kind=kind, account=4530)
    return book, counterparts, projects


def _opening(projects: dict, balances: dict, col: int, rest: int) -> dict:
    out = {k: v * KR for k, v in balances.items()}
    for p in PROJECTS:
        if p[col]:
            out[(2990, projects[p[0]].id)] = -p[col] * KR
    out[(2990, None)] = -rest * KR
    return out


def _paid(p, year: int) -> int:
    """What the projektägare invoiced and was paid in the year: cost + reversed − new accrual."""
    cost = p[4] if year == 2020 else p[5]
    ib = p[6] if year == 2020 else p[7]
    ub = p[7] if year == 2020 else p[8]
    return cost + ib - ub


def _reverse_and_accrue(book: Book, projects: dict, year: int) -> None:
    """1 January: reverse last year's interimsskulder; 31 December: book this year's."""
    ib_col, ub_col = (6, 7) if year == 2020 else (7, 8)
    rows = []
    for p in PROJECTS:
        if p[ib_col]:
            pid = projects[p[0]].id
            rows += [VoucherRow(2990, p[ib_col] * KR, pid), VoucherRow(4530, -p[ib_col] * KR, pid)]
    rest = ACCRUAL_REST[year - 1]
    rows += [VoucherRow(2990, rest * KR), VoucherRow(6990, -rest * KR)]
    book.book_voucher(f"{year}-01-01", "Återföring av interimsskulder", rows)
    rows = []
    for p in PROJECTS:
        if p[ub_col]:
            pid = projects[p[0]].id
            rows += [VoucherRow(4530, p[ub_col] * KR, pid), VoucherRow(2990, -p[ub_col] * KR, pid)]
    rest = ACCRUAL_REST[year]
    rows += [VoucherRow(6990, rest * KR), VoucherRow(2990, -rest * KR)]
    book.book_voucher(f"{year}-12-31", "Interimsskulder till projektägarna", rows)


def _year_2020(book: Book, counterparts: dict, projects: dict) -> None:
    """2020 in summary verifikationer (one per kind of transaction)."""
    _reverse_and_accrue(book, projects, 2020)
    book.book_voucher("2020-12-31", "Driftbidrag 2020", [VoucherRow(1040, 4 * CONTRIBUTION * KR)] + [
        VoucherRow(acc, -CONTRIBUTION * KR, counterpart_id=counterparts[name].id) for name, _k, acc in MEMBERS])
    book.book_voucher("2020-12-31", "Öresutjämning 2020", [(3990, 5 * KR), (1040, -5 * KR)])
    rows = [VoucherRow(4530, _paid(p, 2020) * KR, projects[p[0]].id) for p in PROJECTS if _paid(p, 2020)]
    book.book_voucher("2020-12-31", "Fakturor från projektägarna 2020",
                      rows + [VoucherRow(1040, -sum(r.amount for r in rows))])
    # 6990 already carries the change of the interimsskuld rest (reversed and re-booked).
    costs = dict(COSTS[2020])
    costs[6990] -= ACCRUAL_REST[2020] - ACCRUAL_REST[2019]
    moms = 11_250
    book.book_voucher("2020-12-31", "Kansli, styrelse och övriga kostnader 2020",
                      [(acc, amt * KR) for acc, amt in costs.items()] + [(1480, moms * KR)]
                      + [(1040, -(sum(costs.values()) + moms) * KR)])
    book.book_voucher("2020-12-31", "Ersättning för mervärdesskatt 2020",
                      [(1040, (moms - MOMS_CHANGE[2020]) * KR), (1480, -(moms - MOMS_CHANGE[2020]) * KR)])
    change = TAX_ACCOUNT_END[2020] - IB_2020[2811]
    book.book_voucher("2020-12-31", "Skattekontot 2020", [(2811, change * KR), (1040, -change * KR)])


def _spread(total: int, parts: int) -> list[int]:
    """Split whole kronor into `parts` instalments; the last takes the remainder."""
    each = total // parts
    return [each] * (parts - 1) + [total - each * (parts - 1)]


def _year_2021(book: Book, counterparts: dict, projects: dict) -> None:
    """2021 as a ledger: the rhythm of a real year, adding up to the report's figures."""
    _reverse_and_accrue(book, projects, 2021)
    for q, month in enumerate(("01", "04", "07", "10")):
        for name, _kind, acc in MEMBERS:
            book.book_voucher(f"2021-{month}-{15 + q:02d}", f"Driftbidrag {name} kvartal {q + 1}",
                              [VoucherRow(1040, CONTRIBUTION // 4 * KR),
                               VoucherRow(acc, -CONTRIBUTION // 4 * KR, counterpart_id=counterparts[name].id)])
    book.book_voucher("2021-12-31", "Öresutjämning", [(3990, 3 * KR), (1040, -3 * KR)])
    for p in PROJECTS:
        paid = _paid(p, 2021)
        if not paid:
            continue
        pid = projects[p[0]].id
        for q, amount in enumerate(_spread(paid, 4)):
            book.book_voucher(f"2021-{3 * q + 3:02d}-25", f"Faktura {p[2]}, {p[1]} kvartal {q + 1}",
                              [VoucherRow(4530, amount * KR, pid, counterparts[p[2]].id), VoucherRow(1040, -amount * KR)])
    costs = COSTS[2021]
    salaries, fees = _spread(costs[5010], 12), _spread(costs[5410], 12)
    withheld_total = 0
    for m in range(12):
        gross, fee = salaries[m], fees[m]
        tax = gross * 30 // 100
        withheld_total += tax
        book.book_voucher(f"2021-{m + 1:02d}-25", f"Lön förbundschef {m + 1:02d}",
                          [(5010, gross * KR), (1040, -(gross - tax) * KR), (2811, -tax * KR)])
        book.book_voucher(f"2021-{m + 1:02d}-25", f"Arbetsgivaravgifter {m + 1:02d}",
                          [(5410, fee * KR), (2811, -fee * KR)])
    # Payments to the skattekonto: what was withheld and charged, less the balance used up.
    paid_in = withheld_total + costs[5410] + (TAX_ACCOUNT_END[2021] - IB_2021[2811])
    for m, amount in enumerate(_spread(paid_in, 12)):
        book.book_voucher(f"2021-{m + 1:02d}-12", "Inbetalning till skattekontot", [(2811, amount * KR),
                                                                                   (1040, -amount * KR)])
    for q, amount in enumerate(_spread(costs[5050], 4)):
        book.book_voucher(f"2021-{3 * q + 3:02d}-28", f"Arvoden styrelsen kvartal {q + 1}",
                          [(5050, amount * KR), (1040, -amount * KR)])
    moms_total = 0
    for q, amount in enumerate(_spread(costs[6550], 4)):
        moms = amount // 4
        moms_total += moms
        book.book_voucher(f"2021-{3 * q + 2:02d}-20", f"Ekonomitjänst Kramfors kommun kvartal {q + 1}",
                          [(6550, amount * KR), (1480, moms * KR), (1040, -(amount + moms) * KR)])
    refund = moms_total - MOMS_CHANGE[2021]
    for half, amount in enumerate(_spread(refund, 2)):
        book.book_voucher(f"2021-{6 * half + 5:02d}-10", "Ersättning för mervärdesskatt från Skatteverket",
                          [(1040, amount * KR), (1480, -amount * KR)])
    for i, amount in enumerate(_spread(costs[5610], 3)):
        book.book_voucher(f"2021-{3 + 3 * i:02d}-10", "Kursavgift", [(5610, amount * KR), (1040, -amount * KR)])
    # Övriga kostnader net of the interimsskuld rest reversed and re-booked on 6990.
    other = costs[6990] + ACCRUAL_REST[2020] - ACCRUAL_REST[2021]
    for m, amount in enumerate(_spread(other, 12)):
        book.book_voucher(f"2021-{m + 1:02d}-18", "Övriga verksamhetskostnader",
                          [(6990, amount * KR), (1040, -amount * KR)])
    for m, amount in enumerate(_spread(costs[8570], 12)):
        book.book_voucher(f"2021-{m + 1:02d}-28", "Bankavgift", [(8570, amount * KR), (1040, -amount * KR)])


def _budget_2021(book: Book, year_id: int, projects: dict) -> None:
    """Resultatbudget 2021 of the verksamhetsplan (ledger sign)."""
    add = book.add_budget_row
    add(year_id, "Driftbidrag från staten", -1_296_000 * KR, account_from=3010, section="intakter")
    add(year_id, "Driftbidrag från kommun och region", -1_296_000 * KR, account_from=3020, section="intakter")
    for code, label, amount in (("SAMKRAFT", "Teamkoordinator/Coach Samkraft", 600_000),
                                ("STEGSAM", "Aktivitetscoach & samordnare StegSam", 950_000),
                                ("STEGSAMPLUS", "Aktivitetscoach StegSam Plus", 330_000),
                                ("PSYK", "Psykiatridagen", 30_000)):
        add(year_id, label, amount * KR, account_from=4530, section="insatser", project_id=projects[code].id)
    add(year_id, "Personalkostnader", 797_000 * KR, account_from=5000, account_to=5999, section="kansli")
    add(year_id, "Övriga verksamhetskostnader", 134_000 * KR, account_from=6000, account_to=7999, section="ovrigt")
    add(year_id, "Bankkostnader", 4_000 * KR, account_from=8570, section="finansiellt")


def build_kramfors(path: Path | str) -> Book:
    """The Kramfors book: 2020 (summary) and 2021 (ledger), open, with budget 2021."""
    book, counterparts, projects = _setup(Path(path))
    y2020 = book.years()[0]
    book.set_opening_balances(y2020.id, _opening(projects, IB_2020, 6, ACCRUAL_REST[2019]))
    _year_2020(book, counterparts, projects)
    y2021 = book.add_year("2021-01-01", "2021-12-31")
    book.set_opening_balances(y2021.id, _opening(projects, IB_2021, 7, ACCRUAL_REST[2020]))
    for name, m in ((n, book.members()[i]) for i, (n, _k, _a) in enumerate(MEMBERS)):
        book.set_contribution(m.id, y2020.id, CONTRIBUTION * KR)
        book.set_contribution(m.id, y2021.id, CONTRIBUTION * KR)
    _year_2021(book, counterparts, projects)
    _budget_2021(book, y2021.id, projects)
    for code, per_year in GRANTS.items():
        for y in (y2020, y2021):
            book.set_project_grant(projects[code].id, y.id, per_year[int(y.label)] * KR)
    book.set_signatories(y2021.id, [(name, role, "styrelse") for name, role in BOARD_2021])
    book.set_year_text(y2021.id, "beslutsort", DECIDED_2021[0])
    book.set_year_text(y2021.id, "beslutsdatum", DECIDED_2021[1])
    return book


@pytest.fixture(scope="module", name="kramfors")
def kramfors_book(tmp_path_factory):
    """`kramfors` in the tests that import it: the Kramfors book, one per test module
    (skipped without the shared årsredovisning its figures come from)."""
    shared_path("seeds", "kramfors-arsredovisning-2021.txt")
    book = build_kramfors(tmp_path_factory.mktemp("kramfors") / "kramfors.finsam")
    yield book
    book.close()
