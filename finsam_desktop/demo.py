"""The demo book: a fictional samordningsförbund modelled on Samordningsförbundet Kramfors.

`build_demo(path)` writes Samordningsförbundet Mellersta Ådalen with two räkenskapsår:
2024 (closed) and 2025 (open, complete, so its årsredovisning can be made). Four members
pay 648 000 kr each a year; five insatser are run by projektägare who invoice each
quarter. Every period end (30 June and 31 December of both years) is a decided
periodisering made through `finsam_desktop.accruals.book_accruals`: the quarter not yet
invoiced is an interimsskuld per insats, the insats without one is decided as 0 kr, and
at the year end the semesterlöneskuld and the year's revision join them. The återföring
on the next day is booked and linked by the same call; the one of 31 December 2025
waits until 2026 is opened by the årsbokslut. The kansli has one employee (förbundschef), the
styrelse is paid per meeting, moms goes to momsfordran and is refunded by Skatteverket.

Everything is deterministic: the same seed gives the same book, öre for öre. The
opening equity is chosen so that eget kapital at the end of 2025 is about 15 % of the
year's tilldelade medel, as in Kramfors 2021.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date as _date, timedelta
from pathlib import Path

from .book import Book, VoucherFilter, VoucherRow
from .closing.accruals import AccrualEntry, book_accruals
from .closing.checks import save_bank_statement
from .ops.bank import add_demo_statements
from .errors import BookFileError
from .money import format_kr
from .ops.budget import add_demo_budget_plan
from .ops.annual_demo import add_annual_demo
from .ops.demo_underlag import add_demo_underlag
from .ops.templates import add_demo_templates
from .reports import build_report
from .reports.keyfigures import RECOMMENDED_MAX_SHARE, share as share_of

SEED = 2025
NAME = "Samordningsförbundet Mellersta Ådalen"
ORGNR = "222000-2436"
YEARS = (2024, 2025)
CONTRIBUTION = 648_000_00          # driftbidrag per member and year (öre)
TARGET_EQUITY = 389_900_00         # eget kapital at the end of 2025 (15,04 % of 2 592 000)

# name, kind, share (1/100 %), income account, orgnr
MEMBERS = [
    ("Försäkringskassan", "stat", 2500, 3010, "202100-5521"),
    ("Arbetsförmedlingen", "stat", 2500, 3011, "202100-2114"),
    ("Region Västernorrland", "region", 2500, 3020, "232100-0206"),
    ("Kramfors kommun", "kommun", 2500, 3030, ""),
]

# code, name, projektägare, kind, start, end, beviljade medel per year (kr), use rate
PROJECTS = [
    ("STEG", "StegVidare – unga vuxna 16–29 år", "Kramfors kommun, arbetsmarknadsenheten",
     "individinriktad", "2020-01-01", "2026-12-31", {2023: 860_000, 2024: 870_000, 2025: 870_000}, 0.97),
    ("SAMK", "Samkraft – teamkoordinator/coach", "Kramfors kommun", "individinriktad",
     "2017-01-01", "2026-12-31", {2023: 560_000, 2024: 570_000, 2025: 580_000}, 0.98),
    ("STEGP", "StegVidare Plus – unga 16–20 år", "Kramfors kommun, arbetsmarknadsenheten",
     "individinriktad", "2022-11-01", "2025-12-31", {2023: 260_000, 2024: 280_000, 2025: 280_000}, 0.93),
    ("HALSA", "Hälsolots Ådalen", "Region Västernorrland", "strukturövergripande",
     "2024-01-01", "2025-12-31", {2024: 90_000, 2025: 120_000}, 0.88),
    ("PSYK", "Psykiatridagen i Ådalen", "Region Västernorrland", "samverkansstödjande",
     "2018-01-01", None, {2023: 30_000, 2024: 30_000, 2025: 30_000}, 0.9),
]

SUPPLIERS = ["Ådalsfastigheter AB", "Ådalens IT-service AB", "Höga Kusten Telekom AB",
             "Revisionsbyrån Ådalen KB", "Kontorsbutiken i Kramfors", "Norrlandsresor AB",
             "Nationella nätverket för samordningsförbund", "Förbundsförsäkring i Norr",
             "KPA Pension", "Skatteverket", "Café Kajen Kramfors"]

BOARD = [("Anna Sjöberg", "Ordförande"), ("Lars Edlund", "Vice ordförande"),
         ("Maria Holm", "Ledamot"), ("Johan Berglund", "Ledamot"), ("Eva Lindqvist", "Ledamot")]
# Each revisor is appointed by a member (the one appointed by the region also for the state).
AUDITORS = [("Per Nordin", "Revisor, utsedd av Kramfors kommun"),
            ("Karin Öberg", "Revisor, utsedd av Region Västernorrland")]

TAX_RATE = 0.31            # källskatt (tabell 31, Kramfors)
FEE_RATE = 0.3142          # arbetsgivaravgifter
PENSION_RATE = 0.045       # avtalspension (KPA)
VACATION_DEBT = {2023: 18_200_00, 2024: 19_400_00, 2025: 21_150_00}  # semesterlöneskuld at year end
AUDIT_FEE = {2023: 30_000_00, 2024: 31_000_00, 2025: 32_500_00}       # revision of each year
BOARD_MEETINGS = ["02-14", "04-11", "06-13", "09-19", "10-24", "12-05"]
BOARD_FEES = [300_000, 180_000, 120_000]  # per meeting: ordförande, vice, one more politician (öre)


@dataclass
class _Entry:
    date: str
    text: str
    rows: list[VoucherRow]
    key: str = ""                 # to refer to it (rättelse)
    reverses: str | None = None   # key of the entry this one corrects
    order: int = 0
    accruals: list | None = None  # a period end's decided accrual lines (book_accruals)


@dataclass
class _Plan:
    """The whole timeline in plain data, before anything is booked."""
    entries: list[_Entry] = field(default_factory=list)
    opening_2024: dict = field(default_factory=dict)   # (account, code or None) -> öre

    def add(self, day: str, text: str, rows: list[tuple], **kw) -> None:
        self.entries.append(_Entry(day, text, [VoucherRow(*r) for r in rows], **kw))

    def accrue(self, day: str, text: str, lines: list[_AccrualLine]) -> None:
        """A period end's periodisering: every line decided (0 too), booked last on its
        day so that the återföring booked at once on the next day keeps the numbers in
        date order."""
        rows = [VoucherRow(a, sign * ln.amount, ln.project, ln.counterpart)
                for ln in lines if ln.amount for a, sign in ((ln.debit, 1), (ln.credit, -1))]
        self.entries.append(_Entry(day, text, rows, order=99, accruals=lines))


@dataclass(frozen=True)
class _AccrualLine:
    """One decided line of a period end, naming the insats by code and the counterpart by
    name (the book's ids are not known while planning)."""
    kind: str
    amount: int
    project: str | None = None
    counterpart: str | None = None
    debit: int = 4530
    credit: int = 2990
    label: str = ""


def _kr(x: float) -> int:
    """Whole kronor in öre (suppliers' invoices in a small förbund are whole kronor)."""
    return int(round(x)) * 100


def _iso(y: int, m: int, d: int) -> str:
    d = min(d, calendar.monthrange(y, m)[1])
    return _date(y, m, d).isoformat()


def _plus(day: str, days: int) -> str:
    return (_date.fromisoformat(day) + timedelta(days=days)).isoformat()


def build_demo(path: str | Path) -> Book:
    """Create the demo book at `path` (refuses an existing file) and return it open.
    On any failure no file is left behind."""
    p = Path(path)
    if p.exists():
        raise BookFileError(f"Filen {p} finns redan. Välj ett annat namn.", path=str(p))
    book = Book.create(p, namn=NAME, orgnr=ORGNR, year_start="2024-01-01", year_end="2024-12-31",
                       adress="Torggatan 3", postnummer="872 80", ort="Kramfors",
                       epost="kansli@mellerstaadalen.example", telefon="0612-800 00")
    try:
        _fill(book)
    except BaseException:
        book.close()
        p.unlink(missing_ok=True)
        for extra in ("-wal", "-shm"):
            Path(str(p) + extra).unlink(missing_ok=True)
        raise
    return book


# ---------------------------------------------------------------------------- filling the book
def _fill(book: Book) -> None:
    with book.transaction():
        y24 = book.years()[0]
        y25 = book.add_year("2025-01-01", "2025-12-31")
        years = {2024: y24, 2025: y25}

        members, cps = {}, {}
        for sort, (name, kind, share, account, orgnr) in enumerate(MEMBERS, 1):
            m = book.add_member(name, kind, share, account=account, sort=sort)
            members[name] = m
            cps[name] = book.add_counterpart(name, orgnr, member_id=m.id)
            for y in years.values():
                book.set_contribution(m.id, y.id, CONTRIBUTION)
        cps["Kramfors kommun, arbetsmarknadsenheten"] = book.add_counterpart(
            "Kramfors kommun, arbetsmarknadsenheten", member_id=members["Kramfors kommun"].id)
        for name in SUPPLIERS:
            cps[name] = book.add_counterpart(name)

        projects = {}
        for code, name, owner, kind, start, end, grants, _rate in PROJECTS:
            pr = book.add_project(code, name, owner_id=cps[owner].id, kind=kind, start=start, end=end,
                                  account=4530)
            projects[code] = pr
            for yr, y in years.items():
                if yr in grants:
                    book.set_project_grant(pr.id, y.id, grants[yr] * 100)

        plan = _make_plan()
        pid = {code: pr.id for code, pr in projects.items()}
        cid = {name: cp.id for name, cp in cps.items()}

        def resolve(rows):
            # The plan names insatser by code and counterparts by name; the book wants ids.
            return [VoucherRow(r.account, r.amount, pid.get(r.project_id) if r.project_id else None,
                               cid.get(r.counterpart_id) if r.counterpart_id else None, r.text)
                    for r in rows]

        results = _results(plan)
        equity_2024 = TARGET_EQUITY - results[2024] - results[2025]
        opening = dict(plan.opening_2024)
        opening[(2010, None)] = -equity_2024
        opening[(1930, None)] = -sum(opening.values())
        book.set_opening_balances(y24.id, {(a, pid[c] if c else None): v for (a, c), v in opening.items()})

        _book_timeline(book, plan, resolve, pid, cid)

        # 2025 opens with 2024's closing balances, the result moved to eget kapital.
        closing = book.balance_at("2024-12-31", by_project=True)
        carried: dict = {}
        result_2024 = 0
        for (acc, p_id), amount in closing.items():
            if acc >= 3000:
                result_2024 += amount
            else:
                carried[(acc, p_id)] = carried.get((acc, p_id), 0) + amount
        carried[(2010, None)] = carried.get((2010, None), 0) + result_2024
        book.set_opening_balances(y25.id, carried)

        _budget(book, y24, projects, 2024)
        _budget(book, y25, projects, 2025)
        add_demo_budget_plan(book)
        _texts(book, years)
        _bank_statements(book, years)
        add_demo_statements(book, 2025)  # the bank's camt.053 statement, matched to the ledger
        for y in years.values():
            _interim_texts(book, y, f"{y.label}-06-30")
        for y in years.values():
            book.set_signatories(y.id, [(n, r, "styrelse") for n, r in BOARD]
                                 + [(n, r, "revisor") for n, r in AUDITORS])
        add_annual_demo(book)
        add_demo_underlag(book)
        add_demo_templates(book)  # mallar: Hyra, Löner, Arvoden styrelsen
        book.set_year_status(y24.id, "closed")


def _book_timeline(book: Book, plan: _Plan, resolve, pid: dict, cid: dict) -> None:
    """Book the plan in date order; a rättelse is booked with reverse_voucher so that it
    links to the verifikation it corrects, a period end's accruals with book_accruals so
    that they are remembered as decided and their återföring is linked."""

    ids: dict[str, int] = {}
    batch: list[_Entry] = []

    def flush():
        if batch:
            new = book.book_vouchers([(e.date, e.text, resolve(e.rows)) for e in batch], audit=False)
            ids.update({e.key: vid for e, vid in zip(batch, new) if e.key})
            batch.clear()

    entries = sorted(plan.entries, key=lambda e: (e.date, e.order))
    for e in entries:
        if e.reverses:
            flush()
            book.reverse_voucher(ids[e.reverses], date=e.date, text=e.text)
        elif e.accruals is not None:
            flush()
            book_accruals(book, e.date, [
                AccrualEntry(amount=ln.amount, kind=ln.kind, project_id=pid.get(ln.project),
                             counterpart_id=cid.get(ln.counterpart), label=ln.label,
                             debit_account=ln.debit, credit_account=ln.credit)
                for ln in e.accruals], text=e.text)
        else:
            batch.append(e)
    flush()
    book.audit("demo.build", vouchers=len(entries))


def _results(plan: _Plan) -> dict[int, int]:
    """Årets resultat per year (positive = överskott) straight from the plan."""
    out = {y: 0 for y in YEARS}
    by_key = {e.key: e for e in plan.entries if e.key}
    for e in plan.entries:
        rows = e.rows if not e.reverses else [VoucherRow(r.account, -r.amount) for r in by_key[e.reverses].rows]
        yr = int(e.date[:4])
        if yr in out:
            out[yr] -= sum(r.amount for r in rows if r.account >= 3000)
        # A periodisering is reversed on the next day, in the next year at a year end.
        nxt = int(_plus(e.date, 1)[:4]) if e.accruals is not None else None
        if nxt in out:
            out[nxt] += sum(r.amount for r in rows if r.account >= 3000)
    return out


# ---------------------------------------------------------------------------- the plan
def _make_plan() -> _Plan:
    rng = random.Random(SEED)
    plan = _Plan()
    last_day = "2025-12-31"

    # --- 2023 closing state: what the 2024 opening balances hold.
    ob = plan.opening_2024
    dec_salary, dec_fees = 44_000_00, sum(BOARD_FEES)
    ob[(2710, None)] = -_kr((dec_salary + dec_fees) / 100 * TAX_RATE)
    ob[(2730, None)] = -_kr((dec_salary + dec_fees) / 100 * FEE_RATE)
    ob[(1640, None)] = 2_912_00
    ob[(2920, None)] = -VACATION_DEBT[2023]
    ob[(2930, None)] = -_kr(VACATION_DEBT[2023] / 100 * FEE_RATE)
    ob[(2990, None)] = -AUDIT_FEE[2023]
    accrued_2023 = {}
    for code, _n, owner, _k, _s, _e, grants, rate in PROJECTS:
        if 2023 in grants and code != "PSYK":
            amount = _kr(grants[2023] / 4 * rate)
            accrued_2023[code] = (owner, amount)
            ob[(2990, code)] = -amount

    # --- Reversal of the previous year's accruals on the first day of each year.
    def reverse_accruals(year: int, accrued: dict, vacation: int, audit_fee: int):
        d = f"{year}-01-01"
        for code, (owner, amount) in accrued.items():
            plan.add(d, f"Återföring interimsskuld {code} {year - 1} ({owner})",
                     [(2990, amount, code, owner), (4530, -amount, code, owner)])
        plan.add(d, f"Återföring semesterlöneskuld {year - 1}",
                 [(2920, vacation), (2930, _kr(vacation / 100 * FEE_RATE)),
                  (5010, -vacation), (5410, -_kr(vacation / 100 * FEE_RATE))])
        plan.add(d, f"Återföring upplupen revision {year - 1}",
                 [(2990, audit_fee, None, "Revisionsbyrån Ådalen KB"), (6560, -audit_fee)])

    def supplier_invoice(day: str, supplier: str, account: int, net: int, moms_rate: float, text: str,
                         pay_days: int = 25, key: str = "", project: str | None = None):
        moms = _kr(net / 100 * moms_rate) if moms_rate else 0
        rows = [(account, net, project, supplier if project else None)]
        if moms:
            rows.append((1640, moms))
        rows.append((2440, -(net + moms), None, supplier))
        plan.add(day, f"{supplier}: {text}", rows, key=key)
        pay = _plus(day, pay_days)
        if pay <= last_day:
            plan.add(pay, f"Betalning {supplier}: {text}",
                     [(2440, net + moms, None, supplier), (1930, -(net + moms))])
        return moms

    moms_by_month: dict[tuple[int, int], int] = {(2023, 12): ob[(1640, None)]}

    def add_moms(day: str, amount: int):
        k = (int(day[:4]), int(day[5:7]))
        moms_by_month[k] = moms_by_month.get(k, 0) + amount

    # Taxes of December 2023 are paid in January 2024.
    pending_tax = (-ob[(2710, None)], -ob[(2730, None)])
    prev_accrued, prev_vac, prev_audit = accrued_2023, VACATION_DEBT[2023], AUDIT_FEE[2023]

    for year in YEARS:
        if year == YEARS[0]:
            # 2023 lies outside the book: its accruals come with the opening balances and
            # are reversed by hand. Later year ends are reversed by book_accruals itself.
            reverse_accruals(year, prev_accrued, prev_vac, prev_audit)

        # Driftbidrag: the state quarterly, the region twice a year, the kommun quarterly.
        for name, _k, _s, account, _o in MEMBERS:
            if name == "Region Västernorrland":
                for m in (2, 8):
                    plan.add(_iso(year, m, 10), f"Driftbidrag {year} halvår {1 if m == 2 else 2}, {name}",
                             [(1930, CONTRIBUTION // 2), (account, -(CONTRIBUTION // 2), None, name)])
            else:
                day = {"Försäkringskassan": 15, "Arbetsförmedlingen": 17, "Kramfors kommun": 28}[name]
                for q in range(4):
                    plan.add(_iso(year, 1 + 3 * q, day), f"Driftbidrag {year} kvartal {q + 1}, {name}",
                             [(1930, CONTRIBUTION // 4), (account, -(CONTRIBUTION // 4), None, name)])

        # Invoices for last year's fourth quarter arrive in February.
        for code, (owner, amount) in prev_accrued.items():
            actual = _kr(amount / 100 * rng.uniform(0.97, 1.02))
            supplier_invoice(_iso(year, 2, 6 + len(code)), owner, 4530, actual, 0,
                             f"{code} kvartal 4 {year - 1}", pay_days=30, project=code)

        # This year's insatser: quarters 1–3 invoiced a month after, quarter 4 accrued.
        # The delårsbokslut per 30 June accrues quarter 2 (invoiced in July) and reverses
        # it on 1 July, so the delårsrapport carries the half year's own costs.
        accrued, half_year = {}, {}
        for code, _n, owner, _k, _s, _e, grants, rate in PROJECTS:
            if year not in grants:
                continue
            grant = grants[year] * 100
            if code == "PSYK":
                used = _kr(grant / 100 * rate * rng.uniform(0.95, 1.05))
                supplier_invoice(_iso(year, 11, 8), owner, 4530, used, 0, f"Psykiatridagen {year}",
                                 project=code)
                continue
            for q in range(3):
                used = _kr(grant / 400 * rate * rng.uniform(0.92, 1.08))
                supplier_invoice(_iso(year, 4 + 3 * q, 12 + len(code)), owner, 4530, used, 0,
                                 f"{code} kvartal {q + 1} {year}", pay_days=30, project=code)
                if q == 1:
                    half_year[code] = (owner, used)
            q4 = _kr(grant / 400 * rate * rng.uniform(0.95, 1.05))
            accrued[code] = (owner, q4)
        plan.accrue(f"{year}-06-30", f"Delårsbokslut {year}-06-30: interimsskulder kvartal 2",
                    _insats_lines(year, f"{year}-06-30", half_year))

        # Payroll: förbundschef monthly, styrelsearvoden the month after each meeting.
        salary = 44_000_00 if year == 2024 else 45_500_00
        meetings = {int(md[:2]) % 12 + 1: md for md in BOARD_MEETINGS}
        for m in range(1, 13):
            # Last month's källskatt and avgifter to Skatteverket on the 12th.
            tax, fees = pending_tax
            plan.add(_iso(year, m, 12), f"Skattedeklaration {year}-{m:02d}: källskatt och arbetsgivaravgifter",
                     [(2710, tax), (2730, fees), (1930, -(tax + fees), None, "Skatteverket")])
            sal = salary if not (year == 2025 and m < 4) else 44_000_00  # löneöversyn from April 2025
            fee_pay = sum(BOARD_FEES) if m in meetings else 0
            if year == 2025 and m == 7:
                fee_pay += 150_000  # a planning day with the board in June
            gross = sal + fee_pay
            tax = _kr(gross / 100 * TAX_RATE)
            fees = _kr(gross / 100 * FEE_RATE)
            rows = [(5010, sal)]
            if fee_pay:
                held = f"{year - 1 if m == 1 else year}-{meetings.get(m, '06-20')}"
                rows.append((5050, fee_pay, None, None, f"Arvoden styrelsemöte {held}"))
            rows += [(5410, fees), (2710, -tax), (2730, -fees), (1930, -(gross - tax))]
            plan.add(_iso(year, m, 25), f"Lön och arvoden {year}-{m:02d}", rows)
            pending_tax = (tax, fees)
            plan.add(_iso(year, m, 27), f"Pensionspremie {year}-{m:02d}, KPA Pension",
                     [(5510, _kr(sal / 100 * PENSION_RATE)), (1930, -_kr(sal / 100 * PENSION_RATE), None, "KPA Pension")])
            # Running costs.
            add_moms(_iso(year, m, 1), supplier_invoice(_iso(year, m, 1), "Ådalsfastigheter AB", 6110,
                                                        5_200_00, 0.25, f"Lokalhyra {year}-{m:02d}", pay_days=27))
            add_moms(_iso(year, m, 5), supplier_invoice(
                _iso(year, m, 5), "Ådalens IT-service AB", 6540 if not (year == 2025 and m == 3) else 6410,
                1_650_00, 0.25, f"IT-drift och licenser {year}-{m:02d}",
                key=f"it-{year}-{m}"))
            add_moms(_iso(year, m, 9), supplier_invoice(_iso(year, m, 9), "Höga Kusten Telekom AB", 6420,
                                                        _kr(rng.uniform(420, 560)), 0.25,
                                                        f"Telefoni {year}-{m:02d}"))
            fee = _kr(rng.uniform(240, 340))
            plan.add(_iso(year, m, 31), f"Bankavgifter {year}-{m:02d}", [(8570, fee), (1930, -fee)])
        # The rättelse: March 2025's IT invoice went to 6410 by mistake.
        if year == 2025:
            plan.add("2025-03-20", "Rättelse: IT-faktura 2025-03 bokförd på fel konto",
                     [], reverses="it-2025-3", order=1)
            # The reversal takes back the moms too, the corrected invoice books it again:
            # the month's moms claim is unchanged.
            moms = _kr(1_650_00 / 100 * 0.25)
            plan.add("2025-03-20", "Ådalens IT-service AB: IT-drift och licenser 2025-03 (rättad kontering)",
                     [(6540, 1_650_00), (1640, moms),
                      (2440, -(1_650_00 + moms), None, "Ådalens IT-service AB")], order=2)

        # Occasional purchases.
        for m in sorted(rng.sample(range(1, 13), 6)):
            d = _iso(year, m, rng.randint(2, 26))
            add_moms(d, supplier_invoice(d, "Kontorsbutiken i Kramfors", 6410, _kr(rng.uniform(300, 1800)),
                                         0.25, "Kontorsmaterial"))
        for m in sorted(rng.sample(range(1, 12), 8)):
            d = _iso(year, m, rng.randint(2, 26))
            add_moms(d, supplier_invoice(d, "Norrlandsresor AB", 7010, _kr(rng.uniform(800, 4500)), 0.06,
                                         "Resor till nätverksträffar"))
        for md in BOARD_MEETINGS:
            d = f"{year}-{md}"
            add_moms(d, supplier_invoice(d, "Café Kajen Kramfors", 6900, _kr(rng.uniform(450, 950)), 0.12,
                                         "Förtäring styrelsemöte", pay_days=20))
        add_moms(f"{year}-03-15", supplier_invoice(f"{year}-03-15", "Revisionsbyrån Ådalen KB", 6560,
                                                   prev_audit, 0.25, f"Revision av räkenskapsår {year - 1}"))
        add_moms(f"{year}-03-22", supplier_invoice(f"{year}-03-22", "Nationella nätverket för samordningsförbund",
                                                   5610, 4_500_00, 0.25, "Avgift nationell Finsamkonferens"))
        add_moms(f"{year}-10-02", supplier_invoice(f"{year}-10-02", "Nationella nätverket för samordningsförbund",
                                                   5610, 2_200_00, 0.25, "Norrlandsförbundens nätverkskonferens"))
        supplier_invoice(f"{year}-02-03", "Nationella nätverket för samordningsförbund", 7610, 5_000_00, 0,
                         f"Medlemsavgift NNS {year}")
        supplier_invoice(f"{year}-01-20", "Förbundsförsäkring i Norr", 7310, 3_400_00, 0,
                         f"Försäkringar {year}")
        for q in range(4):
            d = _iso(year, 3 * q + 3, 28)
            add_moms(d, supplier_invoice(d, "Kramfors kommun", 6550, 11_250_00, 0.25,
                                         f"Ekonomistöd och löneadministration kvartal {q + 1}"))
        add_moms(f"{year}-06-10", supplier_invoice(f"{year}-06-10", "Kramfors kommun", 6590, 4_000_00, 0.25,
                                                   f"Dataskyddsombud {year}"))
        interest = _kr(rng.uniform(900, 1600))
        plan.add(f"{year}-12-31", f"Ränta på bankmedel {year}", [(1930, interest), (8440, -interest)])

        # Ersättning för mervärdesskatt: each month's moms comes back on the 18th of the next.
        for m in range(1, 13):
            prev = (year, m - 1) if m > 1 else (year - 1, 12)
            refund = moms_by_month.get(prev, 0)
            if refund:
                plan.add(_iso(year, m, 18), f"Ersättning för mervärdesskatt {prev[0]}-{prev[1]:02d}",
                         [(1930, refund), (1640, -refund, None, "Skatteverket")])

        # Year end: interimsskulder per insats, semesterlöneskuld, the year's revision.
        vac = VACATION_DEBT[year]
        plan.accrue(f"{year}-12-31", f"Bokslut {year}: interimsskulder kvartal 4, semesterlöneskuld "
                    "och upplupen revision",
                    _insats_lines(year, f"{year}-12-31", accrued) + [
                        _AccrualLine("semesterloner", vac, debit=5010, credit=2920,
                                     label="Semesterlöneskuld"),
                        _AccrualLine("sociala_avgifter", _kr(vac / 100 * FEE_RATE), debit=5410, credit=2930,
                                     label="Upplupna sociala avgifter på semesterlöneskulden"),
                        _AccrualLine("kanslikostnader", AUDIT_FEE[year], counterpart="Revisionsbyrån Ådalen KB",
                                     debit=6560, credit=2990, label="Upplupen kostnad revision")])
        prev_accrued, prev_vac, prev_audit = accrued, vac, AUDIT_FEE[year]

    plan.entries = [e for e in plan.entries if e.date <= last_day]
    return plan


def _insats_lines(year: int, period_end: str, owed: dict) -> list[_AccrualLine]:
    """A decision for every insats active at the period end: what is owed (code ->
    (owner, öre)), an explicit 0 for the others, so the kontroll finds none undecided."""
    lines = []
    for code, _n, owner, _k, start, end, _g, _r in PROJECTS:
        if start <= period_end and (end is None or end >= f"{year}-01-01"):
            lines.append(_AccrualLine("insats", owed.get(code, (owner, 0))[1], code, owner))
    return lines


# ---------------------------------------------------------------------------- budget and texts
def _budget(book: Book, year, projects: dict, yr: int) -> None:
    """The year's resultatbudget in ledger sign (income negative, costs positive)."""
    add = book.add_budget_row
    add(year.id, "Driftbidrag från medlemmarna", -4 * CONTRIBUTION, account_from=3000, account_to=3999,
        section="intakter")
    grants = book.project_grants(year.id)
    for code, pr in projects.items():
        if pr.id in grants:
            add(year.id, pr.name, grants[pr.id], account_from=4530, project_id=pr.id, section="insatser")
    add(year.id, "Nya insatser / kvar att fördela", 40_000_00, account_from=5590, section="insatser")
    add(year.id, "Löner kansli", (560_000 if yr == 2025 else 548_000) * 100, account_from=5010,
        account_to=5049, section="kansli")
    add(year.id, "Sociala avgifter och pension", 215_000_00, account_from=5400, account_to=5589,
        section="kansli")
    add(year.id, "Kompetensutveckling och övriga personalkostnader", 12_000_00, account_from=5600,
        account_to=5999, section="kansli")
    add(year.id, "Arvoden förtroendevalda", 38_000_00, account_from=5050, account_to=5099, section="styrelse")
    add(year.id, "Lokaler, IT, administration och revision", 175_000_00, account_from=6000,
        account_to=7999, section="ovrigt")
    # Each budget row stays within one row of the resultaträkning: the interest on the
    # bank account is an income (finansiella intäkter), the bank charges a cost.
    add(year.id, "Ränteintäkter", -1_000_00, account_from=8400, account_to=8499, section="finansiellt")
    add(year.id, "Bankkostnader", 3_000_00, account_from=8500, account_to=8699, section="finansiellt")


def _bank_statements(book: Book, years: dict) -> None:
    """The bank statement figure of each year end and delårsbokslut (what the förbundschef
    types from the kontoutdrag): the demo's bank agrees with the bank's own statement."""

    number = book.account_role("bank")
    for y in years.values():
        for day in (f"{y.label}-06-30", y.end):
            balance = book.balance_at(day, accounts=[number]).get(number, 0)
            save_bank_statement(book, y.id, day, balance)


NUMBER_WORDS = {1: "en", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta"}


def _outcome(amount: int) -> str:
    """'ett överskott på 1 234 kr' / 'ett underskott på 1 234 kr' (amount: report sign)."""
    return f"{'ett överskott' if amount >= 0 else 'ett underskott'} på {format_kr(abs(amount))} kr"


def _texts(book: Book, years: dict) -> None:
    """The förvaltningsberättelse of each year. Every figure and every claim about a
    figure (the result against the budget, the financial goal reached or not) is read
    from the booked ledger, so the texts cannot contradict the report's tables."""

    labels = sorted(years)
    for yr, y in years.items():
        fig = main_figures(book, y.label)
        ek = fig["equity"]
        allotted = book.allotted_funds(y.id)
        budgeted = -sum(b.amount for b in book.budget(y.id))
        pct = share_of(ek, allotted)
        count = len(book.project_grants(y.id))
        goal = (f"Det finansiella målet är att det egna kapitalet inte ska överstiga "
                f"{RECOMMENDED_MAX_SHARE:.0f} procent av tilldelade medel. Vid årets slut uppgår eget kapital "
                "till {eget_kapital}, vilket motsvarar {eget_kapital_andel} av tilldelade medel. ")
        if pct <= RECOMMENDED_MAX_SHARE:
            goal += "Målet är uppnått."
        else:
            goal += ("Målet är inte uppnått: det egna kapitalet är {eget_kapital_över_målet} högre än "
                     f"{RECOMMENDED_MAX_SHARE:.0f} procent av tilldelade medel.")
            following = years.get(yr + 1)
            planned = -sum(b.amount for b in book.budget(following.id)) if following else 0
            if planned < 0:
                goal += (f" Styrelsen har därför budgeterat {_outcome(planned)} för {yr + 1} för att "
                         "minska det egna kapitalet.")
        plan = (f"Styrelsen hade budgeterat {_outcome(budgeted)}"
                + (" för att använda en del av det egna kapitalet till insatser för unga vuxna. "
                   if budgeted < 0 else ". "))
        texts = {
            "oversikt": (
                f"Samordningsförbundet Mellersta Ådalen har under {yr} finansierat "
                f"{NUMBER_WORDS.get(count, str(count))} insatser för personer i förvärvsaktiv ålder som "
                "behöver samordnat stöd från flera myndigheter för att närma sig arbete eller studier. "
                "Förbundets medlemmar är Försäkringskassan, Arbetsförmedlingen, Region Västernorrland och "
                "Kramfors kommun."),
            "viktiga_forhallanden": (
                "För {år} fick förbundet driftbidrag från medlemmarna med {tilldelade_medel}. " + plan
                + "Årets resultat blev {resultatet}, {avvikelse_mot_budget}."),
            "handelser": (
                "Insatserna StegVidare och Samkraft har arbetat med fler ärenden än målet. "
                + ("Hälsolots Ådalen startade i januari som en strukturövergripande insats."
                   if yr == labels[0] else "Styrelsen beslutade i oktober om fortsatt finansiering av "
                                           "StegVidare och Samkraft till och med 2026.")),
            "styrning": (
                "Styrelsen har haft sex protokollförda sammanträden. Budget och ekonomi har följts upp vid "
                "varje sammanträde, och en delårsrapport per den 30 juni har upprättats. Varje insats följs "
                "upp av en styrgrupp med representanter för medlemmarna."),
            "god_ekonomisk_hushallning": goal,
            "personal": (
                "Förbundet är egen arbetsgivare och har en anställd förbundschef på heltid. Ekonomistöd, "
                "löneadministration och dataskyddsombud köps av Kramfors kommun."),
            "forvantad_utveckling": (
                "Medlemmarna har aviserat oförändrade driftbidrag för kommande år. Styrelsen planerar en "
                "budget i balans och en ny insats för personer som inte kommer vidare från SFI."),
            "disposition": (
                "Årets verksamhet visar {resultatet}. Styrelsen föreslår att årets resultat överförs i "
                "ny räkning."),
            "beslutsort": "Kramfors",
            "beslutsdatum": f"{yr + 1}-03-20",
        }
        for key, text in texts.items():
            book.set_year_text(y.id, key, text)


def _interim_texts(book: Book, y, date_to: str) -> None:
    """The delårsrapport's own förvaltningsberättelse per `date_to` (saved as
    'KEY@date_to'): the year's texts describe the whole year and would contradict the
    half year's figures. Every figure is read from the report of the period."""

    r = build_report(book, y.id, y.start, date_to)
    res = r.resultatrakning.row("arets_resultat")
    accrued = sum(ln.amount for ln in r.note("interimsskulder").lines if ln.project_id) \
        if r.note("interimsskulder") else 0
    texts = {
        "oversikt": (
            f"Delårsrapporten omfattar perioden {y.start} – {date_to}. Förbundet finansierar insatser för "
            "personer i förvärvsaktiv ålder som behöver samordnat stöd från flera myndigheter för att "
            "närma sig arbete eller studier."),
        "viktiga_forhallanden": (
            "Medlemmarnas driftbidrag för perioden, {verksamhetens_intäkter}, har betalats enligt plan. "
            "Periodens resultat är {resultatet}. Insatsernas kostnader för andra kvartalet, "
            f"{format_kr(accrued)} kr, har bokförts som interimsskulder till projektägarna eftersom de "
            f"faktureras i juli. Helårsbudgeten är {_outcome(res.budget)}."),
        "handelser": "Inga händelser av väsentlig betydelse har inträffat under perioden.",
        "styrning": (
            "Styrelsen har följt upp budget och ekonomi vid varje sammanträde under perioden. Varje insats "
            "följs upp av en styrgrupp med representanter för medlemmarna."),
        "god_ekonomisk_hushallning": (
            "Per den {periodens_slut} uppgår eget kapital till {eget_kapital}, vilket "
            "motsvarar {eget_kapital_andel} av årets tilldelade medel. Det finansiella målet avser eget kapital vid "
            "årets slut och bedöms i årsredovisningen."),
        "personal": "Förbundet har en anställd förbundschef på heltid.",
        "forvantad_utveckling": (
            "Insatsernas kostnader är som störst under hösten. Styrelsen bedömer att årets resultat "
            "hamnar nära budget."),
    }
    for key, text in texts.items():
        book.set_year_text(y.id, f"{key}@{date_to}", text)


def main_figures(book: Book, year_label: str = "2025") -> dict:
    """Key figures of a demo book year (for the command line and the tests)."""
    y = book.year_by_label(year_label)
    tb = book.trial_balance(y.id)
    result = -sum(line.period for line in tb if line.account >= 3000)
    equity = -sum(line.closing for line in tb if 2000 <= line.account < 2100) + result
    bank = sum(line.closing for line in tb if 1900 <= line.account < 2000)
    return dict(result=result, equity=equity, bank=bank,
                vouchers=book.count_vouchers(VoucherFilter(year_id=y.id)))
