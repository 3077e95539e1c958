"""Two real förbund's charts of accounts, rebuilt through the public Book API: Örnsköldsvik
(Kommun-BAS) and Degerfors-Karlskoga (company BAS). The reports tests check every figure
against hand-computed values; the PDF tests print them.

    book = build_ornskoldsvik(tmp_path / "ovik.finsam")
    book = build_degerfors_karlskoga(tmp_path / "dk.finsam")
"""

from __future__ import annotations

from conftest import VALID_ORGNR
from finsam_desktop.book import Book, VoucherRow

KR = 100


def _rows(d: dict) -> dict:
    return {k: v * KR for k, v in d.items()}

O_CHART = [  # number, name, kind (row: Kommun-BAS default of the number)
    (1220, "Inventarier", "T"), (1229, "Ackumulerade avskrivningar inventarier", "T"),
    (1650, "Momsfordran", "T"), (1790, "Förutbetalda kostnader", "T"),
    (1810, "Kortfristiga placeringar", "T"), (1930, "Bank", "T"),
    (2080, "Eget kapital", "S"), (2090, "Balanserat resultat", "S"),
    (2250, "Avsättning för pensioner", "S"), (2350, "Lån", "S"),
    (2440, "Leverantörsskulder", "S"), (2970, "Förutbetalda intäkter", "S"),
    (2990, "Upplupna kostnader", "S"), (2999, "Övriga interimsskulder", "S"),
    (3010, "Driftbidrag", "I"), (3590, "Övriga intäkter", "I"),
    (4540, "Bidrag till insatser", "K"), (4590, "Övriga bidrag till insatser", "K"),
    (5010, "Löner", "K"), (5070, "Arvoden till förtroendevalda", "K"), (5410, "Sociala avgifter", "K"),
    (6410, "Revision och konsulttjänster", "K"), (6810, "Avskrivningar inventarier", "K"),
    (8410, "Ränteintäkter", "I"), (8590, "Räntekostnader", "K"),
]
O_MEMBERS = [("Försäkringskassan", "stat", 2500), ("Arbetsförmedlingen", "stat", 2500),
             ("Region Västernorrland", "region", 2500), ("Örnsköldsviks kommun", "kommun", 2500)]
O_CONTRIBUTION = 700_000  # per member and year
O_PROJECTS = [("PLATTU", "Plattform U", "Örnsköldsviks kommun", 4540),
              ("PROCESS", "Processtöd psykisk hälsa", "Region Västernorrland", 4540),
              ("TRYGGA", "Trygga föräldrar – Älskade barn", "Örnsköldsviks kommun", 4590)]


def build_ornskoldsvik(path) -> Book:
    book = Book.create(path, namn="Samordningsförbundet Örnsköldsvik", orgnr=VALID_ORGNR,
                       year_start="2019-01-01", year_end="2019-12-31", chart=False, ort="Örnsköldsvik")
    for number, name, kind in O_CHART:
        book.add_account(number, name, kind)
    book.set_setting("accrual_account", "2990")
    cp = {}
    for name, kind, share in O_MEMBERS:
        m = book.add_member(name, kind, share, account=3010)
        cp[name] = book.add_counterpart(name, member_id=m.id)
    p = {code: book.add_project(code, name, owner_id=cp[owner].id, account=acc).id
         for code, name, owner, acc in O_PROJECTS}
    y19 = book.years()[0]
    book.set_opening_balances(y19.id, _rows({
        1220: 150_000, 1229: -30_000, 1650: 20_000, 1930: 1_780_000, 2080: -1_000_000, 2090: -180_000,
        2250: -100_000, 2350: -200_000, 2440: -60_000}) | {
        (2990, p["PLATTU"]): -180_000_00, (2990, p["PROCESS"]): -200_000_00})

    def v(date, text, rows):
        book.book_voucher(date, text, [VoucherRow(a, x * KR, *rest) for a, x, *rest in rows])

    def contributions(year):
        for i, (name, _k, _s) in enumerate(O_MEMBERS):
            for half, month in enumerate(("02", "08")):
                v(f"{year}-{month}-{10 + i:02d}", f"Driftbidrag {name}",
                  [(1930, O_CONTRIBUTION // 2), (3010, -O_CONTRIBUTION // 2, None, cp[name].id)])

    # ---- 2019
    v("2019-01-01", "Återföring av upplupna kostnader",
      [(2990, 180_000, p["PLATTU"]), (4540, -180_000, p["PLATTU"]),
       (2990, 200_000, p["PROCESS"]), (4540, -200_000, p["PROCESS"])])
    contributions(2019)
    v("2019-06-30", "Fakturor från projektägarna",
      [(4540, 600_000, p["PLATTU"]), (4540, 650_000, p["PROCESS"]), (4590, 300_000, p["TRYGGA"]),
       (1930, -1_550_000)])
    v("2019-06-30", "Löner och arvoden", [(5010, 700_000), (5410, 220_000), (5070, 60_000), (1930, -980_000)])
    v("2019-09-30", "Revision", [(6410, 80_000), (1650, 20_000), (1930, -100_000)])
    v("2019-10-15", "Ersättning för mervärdesskatt", [(1930, 25_000), (1650, -25_000)])
    v("2019-11-30", "Övriga intäkter", [(1930, 40_000), (3590, -40_000)])
    v("2019-12-20", "Amortering", [(2350, 50_000), (1930, -50_000)])
    v("2019-12-31", "Räntor", [(8590, 8_000), (8410, -2_000), (1930, -6_000)])
    v("2019-12-31", "Avsättning för pensioner", [(5410, 20_000), (2250, -20_000)])
    v("2019-12-31", "Avskrivningar", [(6810, 30_000), (1229, -30_000)])
    v("2019-12-31", "Upplupna kostnader insatser",
      [(4540, 190_000, p["PLATTU"]), (2990, -190_000, p["PLATTU"]),
       (4540, 210_000, p["PROCESS"]), (2990, -210_000, p["PROCESS"]),
       (4590, 100_000, p["TRYGGA"]), (2999, -100_000, p["TRYGGA"])])

    # ---- 2020 (opening: 2019's closing, its result 54 000 on 2090)
    y20 = book.add_year("2020-01-01", "2020-12-31")
    book.set_opening_balances(y20.id, _rows({
        1220: 150_000, 1229: -60_000, 1650: 15_000, 1930: 1_959_000, 2080: -1_000_000, 2090: -234_000,
        2250: -120_000, 2350: -150_000, 2440: -60_000}) | {
        (2990, p["PLATTU"]): -190_000_00, (2990, p["PROCESS"]): -210_000_00, (2999, p["TRYGGA"]): -100_000_00})
    v("2020-01-01", "Återföring av upplupna kostnader",
      [(2990, 190_000, p["PLATTU"]), (4540, -190_000, p["PLATTU"]),
       (2990, 210_000, p["PROCESS"]), (4540, -210_000, p["PROCESS"]),
       (2999, 100_000, p["TRYGGA"]), (4590, -100_000, p["TRYGGA"])])
    contributions(2020)
    v("2020-01-20", "Leverantörsskulder betalda", [(2440, 60_000), (1930, -60_000)])
    v("2020-03-01", "Nya inventarier", [(1220, 80_000), (1930, -80_000)])
    v("2020-05-04", "Placering i räntefond", [(1810, 300_000), (1930, -300_000)])
    v("2020-06-30", "Fakturor från projektägarna",
      [(4540, 520_000, p["PLATTU"]), (4540, 700_000, p["PROCESS"]), (4590, 250_000, p["TRYGGA"]),
       (1930, -1_470_000)])
    v("2020-06-30", "Löner och arvoden", [(5010, 720_000), (5410, 225_000), (5070, 55_000), (1930, -1_000_000)])
    v("2020-09-30", "Utbetalning av pension ur avsättningen", [(2250, 30_000), (1930, -30_000)])
    v("2020-10-10", "Revision och konsulttjänster", [(6410, 90_000), (1650, 22_500), (2440, -112_500)])
    v("2020-10-15", "Ersättning för mervärdesskatt", [(1930, 30_000), (1650, -30_000)])
    v("2020-11-30", "ESF-medel", [(1930, 25_000), (3590, -25_000)])
    v("2020-12-15", "Hyra januari 2021", [(1790, 12_000), (1930, -12_000)])
    v("2020-12-20", "Amortering", [(2350, 50_000), (1930, -50_000)])
    v("2020-12-20", "Driftbidrag 2021 i förskott", [(1930, 175_000), (2970, -175_000)])
    v("2020-12-31", "Räntor", [(8590, 6_000), (8410, -3_500), (1930, -2_500)])
    v("2020-12-31", "Avskrivningar", [(6810, 46_000), (1229, -46_000)])
    v("2020-12-31", "Upplupna kostnader",
      [(4540, 200_000, p["PLATTU"]), (2990, -200_000, p["PLATTU"]),
       (4540, 226_140, p["PROCESS"]), (2990, -226_140, p["PROCESS"]),
       (4590, 162_166, p["TRYGGA"]), (2999, -162_166, p["TRYGGA"]),
       (6410, 15_000), (2990, -15_000)])
    for m in book.members():
        book.set_contribution(m.id, y19.id, O_CONTRIBUTION * KR)
        book.set_contribution(m.id, y20.id, O_CONTRIBUTION * KR)
    return book


D_CHART = [  # company BAS: rows are the BAS2008 defaults of the numbers
    (1220, "Inventarier"), (1229, "Ackumulerade avskrivningar på inventarier"), (1510, "Kundfordringar"),
    (1650, "Momsfordran"), (1920, "Bankgiro"), (2091, "Balanserad vinst eller förlust"),
    (2099, "Årets resultat"), (2440, "Leverantörsskulder"), (2920, "Upplupna semesterlöner"),
    (2990, "Övriga upplupna kostnader och förutbetalda intäkter"), (3010, "Driftbidrag"),
    (3590, "Övriga intäkter"), (4550, "Bidrag till insatser"), (6110, "Kontorsmaterial"),
    (7010, "Löner till tjänstemän"), (7090, "Förändring av semesterlöneskuld"),
    (7240, "Styrelsearvoden"), (7510, "Arbetsgivaravgifter"), (7832, "Avskrivningar på inventarier"),
    (8310, "Ränteintäkter"), (8410, "Räntekostnader"), (8999, "Årets resultat"),
]
D_MEMBERS = [("Försäkringskassan", "stat", 2500, 800_000), ("Arbetsförmedlingen", "stat", 2500, 800_000),
             ("Region Örebro län", "region", 2500, 800_000), ("Degerfors kommun", "kommun", 625, 200_000),
             ("Karlskoga kommun", "kommun", 1875, 600_000)]
D_PROJECTS = [("UNGA", "Finsam Unga", "Karlskoga kommun"), ("HALSA", "Hälsofrämjande insatser", "Region Örebro län")]


def build_degerfors_karlskoga(path) -> Book:
    book = Book.create(path, namn="Samordningsförbundet Degerfors-Karlskoga", orgnr=VALID_ORGNR,
                       year_start="2020-01-01", year_end="2020-12-31", chart=False, ort="Karlskoga")
    for number, name in D_CHART:
        book.add_account(number, name, kptyp="BAS2008")
    cp = {}
    for name, kind, share, _c in D_MEMBERS:
        m = book.add_member(name, kind, share)
        cp[name] = book.add_counterpart(name, member_id=m.id)
    p = {code: book.add_project(code, name, owner_id=cp[owner].id, account=4550).id
         for code, name, owner in D_PROJECTS}

    def v(date, text, rows):
        book.book_voucher(date, text, [VoucherRow(a, x * KR, *rest) for a, x, *rest in rows])

    def year(y, ib, reversed_, disposition, invoices, personnel, office, refund, sales, interest, holiday,
             supplier, accruals, result):
        fy = book.year_by_label(str(y))
        book.set_opening_balances(fy.id, ib)
        v(f"{y}-01-01", "Återföring av upplupna kostnader",
          [r for code, amt in reversed_.items() for r in ((2990, amt, p[code]), (4550, -amt, p[code]))])
        v(f"{y}-04-30", "Föregående års resultat balanseras", [(2099, disposition), (2091, -disposition)])
        for i, (name, _k, _s, amount) in enumerate(D_MEMBERS):
            v(f"{y}-03-{10 + i:02d}", f"Driftbidrag {name}", [(1920, amount), (3010, -amount, None, cp[name].id)])
        v(f"{y}-09-30", "Fakturor från projektägarna",
          [(4550, amt, p[code]) for code, amt in invoices.items()] + [(1920, -sum(invoices.values()))])
        v(f"{y}-06-25", "Löner och arvoden", [(a, x) for a, x in personnel.items()] +
          [(1920, -sum(personnel.values()))])
        v(f"{y}-05-15", "Kontorsmaterial", [(6110, office), (1650, office // 4), (1920, -office - office // 4)])
        v(f"{y}-08-15", "Ersättning för mervärdesskatt", [(1920, refund), (1650, -refund)])
        if sales:
            v(f"{y}-11-30", "Fakturerad kostnadsersättning", [(1510, sales), (3590, -sales)])
        v(f"{y}-12-31", "Räntor", [(8310, -interest[0]), (8410, interest[1]), (1920, interest[0] - interest[1])])
        v(f"{y}-12-31", "Förändring av semesterlöneskuld", [(7090, holiday), (2920, -holiday)])
        v(f"{y}-02-28", "Leverantörsskulder betalda", [(2440, supplier[0]), (1920, -supplier[0])])
        v(f"{y}-12-20", "Kontorsmaterial på faktura", [(6110, supplier[1]), (2440, -supplier[1])])
        v(f"{y}-12-31", "Avskrivningar", [(7832, 12_000), (1229, -12_000)])
        v(f"{y}-12-31", "Upplupna kostnader",
          [r for code, amt in accruals.items() for r in ((4550, amt, p[code]), (2990, -amt, p[code]))])
        # The year's result booked into equity, as the program the file came from does it.
        v(f"{y}-12-31", "Årets resultat", [(8999, result), (2099, -result)])

    year(2020, _rows({1220: 60_000, 1229: -12_000, 1920: 900_000, 2091: -678_000, 2099: -50_000,
                      2440: -40_000, 2920: -30_000}) | {(2990, p["UNGA"]): -150_000_00},
         {"UNGA": 150_000}, 50_000, {"UNGA": 1_100_000, "HALSA": 700_000},
         {7010: 800_000, 7510: 250_000, 7240: 50_000}, 100_000, 20_000, 0, (1_000, 500), 5_000,
         (40_000, 30_000), {"UNGA": 180_000, "HALSA": 70_000}, 53_500)
    book.add_year("2021-01-01", "2021-12-31")
    # The 2021 ingående balanser are 2020's utgående, 2020's result still on 2099.
    year(2021, _rows({1220: 60_000, 1229: -24_000, 1650: 5_000, 1920: 1_055_500, 2091: -728_000,
                      2099: -53_500, 2440: -30_000, 2920: -35_000}) |
         {(2990, p["UNGA"]): -180_000_00, (2990, p["HALSA"]): -70_000_00},
         {"UNGA": 180_000, "HALSA": 70_000}, 53_500, {"UNGA": 1_200_000, "HALSA": 760_000},
         {7010: 820_000, 7510: 258_000, 7240: 48_000}, 110_000, 30_000, 40_000, (800, 1_200), -10_000,
         (30_000, 45_000), {"UNGA": 210_000, "HALSA": 95_000}, -58_400)
    for m, (*_x, amount) in zip(book.members(), D_MEMBERS):
        for fy in book.years():
            book.set_contribution(m.id, fy.id, amount * KR)
    return book
