"""Hand-made SIE files shaped like what other Swedish programs write (Fortnox, Visma,
SpeedLedger, Bokio, BL, Hogia, the kommun systems): each imports cleanly with its own
#UB/#RES as the book's balances, or is refused with a Swedish sentence naming file,
line and field, and nothing is written."""

from __future__ import annotations

import pytest
from conftest import VALID_ORGNR

from finsam_desktop.book import Book
from finsam_desktop.cli import main
from finsam_desktop.exchange.sie_import import SieImportRefused, import_sie

# A förbund's year as a BAS program writes it: #SRU and #KTYP for every account, a
# kostnadsställe dimension next to the projects, period balances and budgets, three
# verifikationer in two series (A 1 and B 1 both exist), object lists with two
# dimensions, transdat/transtext/quantity/sign fields, #RTRANS/#BTRANS, and amounts
# written "1000", "-0.5", "1000.00" and "+0.5".
FILE = """#FLAGGA 0
#PROGRAM "Fortnox" 3.57.11
#FORMAT PC8
#GEN 20240115 "Anna"
#SIETYP 4
#FNR "12345"
#ORGNR 222000-1354
#ADRESS "Anna Andersson" "Storgatan 1" "872 30 Kramfors" "0612-12345"
#FNAMN "Samordningsförbundet Test & Co \\"Ådalen\\""
#RAR 0 20230101 20231231
#RAR -1 20220101 20221231
#TAXAR 2024
#KPTYP BAS2014
#VALUTA SEK
#KONTO 1930 "Företagskonto / affärskonto"
#KTYP 1930 T
#SRU 1930 7281
#KONTO 2010 "Eget kapital"
#KTYP 2010 S
#SRU 2010 7301
#KONTO 2440 "Leverantörsskulder"
#KTYP 2440 S
#SRU 2440 7368
#KONTO 3010 "Driftbidrag"
#KTYP 3010 I
#SRU 3010 7410
#KONTO 5010 "Lokalhyra"
#KTYP 5010 K
#SRU 5010 7513
#DIM 1 "Kostnadsställe"
#UNDERDIM 21 "Avdelning" 1
#DIM 6 "Projekt"
#OBJEKT 1 "10" "Kansli"
#OBJEKT 6 "P1" "Steg framåt"
#IB -1 1930 50000.00
#IB -1 2010 -50000.00
#UB -1 1930 80000.00
#UB -1 2010 -50000.00
#RES -1 3010 -30000.00
#IB 0 1930 80000.00
#IB 0 2010 -80000.00
#OIB 0 1930 {1 "10"} 80000.00
#UB 0 1930 70500.50
#UB 0 2010 -80000.00
#UB 0 2440 -12501.00
#OUB 0 5010 {1 "10"} 500.00
#RES 0 3010 -100000.00
#RES 0 5010 122000.50
#PSALDO 0 202301 3010 {} -100000.00
#PSALDO 0 202301 3010 {1 "10"} -100000.00 0
#PBUDGET 0 202301 3010 {} -90000.00
#VER "A" "1" 20230105 "Driftbidrag" 20230106 "Anna"
{
#TRANS 1930 {} 100000.00 20230105 "Driftbidrag kommunen" 0 "Anna"
#TRANS 3010 {1 "10"} -100000 20230105 "" 0
}
#VER A 2 20230201 "Hyra"
{
#TRANS 5010 {1 "10" 6 "P1"} 110000.00 20230201 "Hyra feb" 1.00
#TRANS 1930 {} -110000.00
}
#VER "B" 1 20231231 "Leverantörsfaktura"
{
#TRANS 5010 {6 "P1"} 12000.50
#TRANS 2440 {} -12000.50
#TRANS 2440 {} -500
#TRANS 1930 {} 500
}
#VER "B" 2 20231231 "Rättelse"
{
#RTRANS 2440 {} -0.5 20231231 "tillagd"
#TRANS 2440 {} -0.5 20231231 "tillagd"
#TRANS 1930 {} +0.5
#BTRANS 1930 {} 99.00 20231231 "struken"
}
"""

BALANCES_2023 = {1930: 70_500_50, 2010: -80_000_00, 2440: -12_501_00, 3010: -100_000_00, 5010: 122_000_50}
USUAL = ["Objektsaldon (#OIB, #OUB) i dimension 1 läses inte in; boken har objektsaldon bara per insats (dimension "
         "6). Verifikationsradernas objekt i alla dimensioner läses in.",
         "Filens 3 periodsaldon och periodbudgetar (#PSALDO, #PBUDGET) läses inte in."]


def write(tmp_path, text, name="bok.se", encoding="cp437", newline="\n", bom=b""):
    path = tmp_path / name
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    return path


def imported(tmp_path, src):
    report = import_sie(src, tmp_path / "f.finsam")
    assert report.differences == []
    book = Book.open(tmp_path / "f.finsam")
    assert book.balance_at("2023-12-31") == BALANCES_2023
    return report, book


def warnings(report):
    return [w.message.split(": ", 1)[1] for w in report.warnings]


def test_program_file_imports_with_balances_equal_to_its_ub_and_res(tmp_path):
    report, book = imported(tmp_path, write(tmp_path, FILE))
    with book:
        assert warnings(report) == USUAL
        assert book.forbund().namn == 'Samordningsförbundet Test & Co "Ådalen"'
        assert [y.label for y in book.years()] == ["2022", "2023"]
        y = book.year_by_label("2023")
        a2 = book.voucher_by_ref(y.id, "A", 2)
        assert [(r.account, r.amount, r.text) for r in a2.rows] == [(5010, 110_000_00, "Hyra feb"),
                                                                    (1930, -110_000_00, "")]
        assert book.project_by_code("P1").name == "Steg framåt"
        assert {r.project_id for r in a2.rows} == {book.project_by_code("P1").id, None}
        b2 = book.voucher_by_ref(y.id, "B", 2)      # the #RTRANS once, the #BTRANS not at all
        assert [(r.account, r.amount) for r in b2.rows] == [(2440, -50), (1930, 50)]
        assert book.movements("2022-01-01", "2022-12-31") == {1930: 30_000_00, 3010: -30_000_00}


def variant(**replace):
    text = FILE
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("text, kw, extra", [
    # Visma: empty and numeric series, quoted dimension numbers, CRLF
    (FILE.replace('#VER "A" "1"', '#VER "" 1').replace("#VER A 2", '#VER "" 2').replace('#VER "B"', "#VER 2")
     .replace('{1 "10"}', '{"1" "10"}'), dict(newline="\r\n"), []),
    # Bokio/SpeedLedger style: UTF-8 with BOM, lowercase labels, tabs, trailing blank lines
    (FILE.replace("#TRANS ", "#trans\t").replace("#VER", "#ver").replace("#UB", "#ub").replace(" {} ", "\t{}\t")
     + "\n\n\n", dict(encoding="utf-8", bom=b"\xef\xbb\xbf"),
     ["Filen är skriven i teckenkodningen UTF-8 med BOM, inte PC8 som SIE-standarden föreskriver; den lästes "
      "som UTF-8 med BOM."]),
    # final line without a line end, bare CR
    (FILE.rstrip("\n"), dict(newline="\r"), []),
    # Windows-1252 and ISO-8859-15 written by Windows programs
    (FILE.replace('"Hyra"', '"Hyra – kansliet"'), dict(encoding="cp1252"), ["Filen är skriven i teckenkodningen Windows-1252, inte PC8 som "
                                     "SIE-standarden föreskriver; den lästes som Windows-1252."]),
    # verifikationer without numbers (the importer numbers them)
    (FILE.replace('#VER "A" "1"', '#VER "A" ""').replace("#VER A 2", '#VER A ""'), {}, []),
    (FILE, dict(encoding="iso-8859-15"), ["Filen är skriven i teckenkodningen ISO-8859-15, inte PC8 som "
                                          "SIE-standarden föreskriver; den lästes som ISO-8859-15."]),
    # very long texts and a company name with special characters
    (FILE.replace('"Hyra feb"', '"' + "Hyra för kansliet " * 60 + '"')
     .replace('#FNAMN "Samordningsförbundet Test & Co \\"Ådalen\\""',
              '#FNAMN "Samordningsförbundet Å/Ä/Ö – ’Test’ {1} #2 ' + "x" * 300 + '"'),
     dict(encoding="utf-8"), ["Filen är skriven i teckenkodningen UTF-8, inte PC8 som SIE-standarden "
                              "föreskriver; den lästes som UTF-8."]),
    # earlier years -2, -3 with balances only
    (FILE.replace("#TAXAR", "#RAR -2 20210101 20211231\n#RAR -3 20200101 20201231\n#IB -2 1930 40000\n"
                  "#IB -2 2010 -40000\n#UB -2 1930 50000\n#UB -2 2010 -40000\n#RES -2 3010 -10000\n"
                  "#UB -3 1930 40000\n#UB -3 2010 -40000\n#TAXAR"), {}, []),
    # #OIB/#OUB in dimension 6 as well
    (FILE.replace("#PSALDO 0 202301 3010 {} -100000.00\n", '#PSALDO 0 202301 3010 {} -100000.00\n'
                  '#OIB 0 1930 {6 "P1"} 100.00\n#OUB 0 1930 {6 "P1"} 100.00\n'), {}, []),
])
def test_files_as_other_programs_write_them_import_with_their_balances(tmp_path, text, kw, extra):
    report, book = imported(tmp_path, write(tmp_path, text, **kw))
    book.close()
    assert sorted(warnings(report)) == sorted(USUAL + extra)


def test_earlier_years_come_in_as_balances_for_comparison(tmp_path):
    text = FILE.replace("#TAXAR", "#RAR -2 20210101 20211231\n#IB -2 1930 40000\n#IB -2 2010 -40000\n"
                        "#UB -2 1930 50000\n#UB -2 2010 -40000\n#RES -2 3010 -10000\n#TAXAR")
    report, book = imported(tmp_path, write(tmp_path, text))
    with book:
        assert [y.label for y in book.years()] == ["2021", "2022", "2023"]
        assert book.balance_at("2021-12-31") == {1930: 50_000_00, 2010: -40_000_00, 3010: -10_000_00}


def test_a_checksum_that_matches_is_accepted_and_one_that_does_not_is_named(tmp_path):
    from finsam_desktop.exchange.sie_reader import parse_sie
    body = FILE
    crc = parse_sie(("#KSUMMA\n" + body + "#KSUMMA 0\n").encode("cp437"), "k.se")
    want = int(crc.findings[0].message.split("innehållet ger ")[1].split(")")[0])
    report, book = imported(tmp_path, write(tmp_path, "#KSUMMA\n" + body + f"#KSUMMA {want}\n"))
    book.close()
    assert sorted(warnings(report)) == sorted(USUAL)
    bad = write(tmp_path, "#KSUMMA\n" + body + "#KSUMMA 12345\n", name="andrad.se")
    report = import_sie(bad, tmp_path / "g.finsam")
    assert (f"andrad.se, rad 77: Kontrollsumman stämmer inte (filen anger 12345, innehållet ger {want}). "
            "Filen kan ha ändrats efter att den skrevs.") in [w.message for w in report.warnings]


def test_result_booked_into_equity_in_the_files_ub_is_named_as_the_only_difference(tmp_path):
    # Visma and others write #UB with the year's result already in eget kapital: the
    # balance accounts then sum to zero.
    text = FILE.replace("#UB 0 2010 -80000.00", "#UB 0 2010 -57999.50")
    report = import_sie(write(tmp_path, text), tmp_path / "f.finsam")
    assert [(d.year, d.record, d.account, d.difference) for d in report.differences] == [
        ("2023", "#UB", 2010, -22_000_50)]
    assert ("Filens utgående balanser för 2023 innehåller årets resultat (-22 000,50 kr) i eget kapital; boken för "
            "resultatet till eget kapital först vid bokslutet, så eget kapital skiljer med årets resultat."
            ) in warnings(report)
    with Book.open(tmp_path / "f.finsam") as book:
        assert book.balance_at("2023-12-31") == BALANCES_2023


@pytest.mark.parametrize("text, message", [
    (FILE.replace("5010", "5010101"),
     "bok.se, rad 48: Kontonumret ”5010101” i fältet konto har inte fyra till sex siffror; Finsam Bokföring har "
     "konton med fyra till sex siffror."),
    (FILE.replace("5010", "501"),
     "bok.se, rad 48: Kontonumret ”501” i fältet konto har inte fyra till sex siffror; Finsam Bokföring har "
     "konton med fyra till sex siffror."),
    (FILE.replace('#VER "B" 1', '#VER "A" 1'),
     "bok.se, rad 62: Verifikationsnumret A 1 förekommer två gånger (även på rad 52)."),
    ("\n".join(x for x in FILE.splitlines() if not x.startswith("#RAR 0")),
     "bok.se: Filen saknar innevarande räkenskapsår (#RAR 0)."),
    (FILE.replace("-12000.50", "-12000.05"),
     "bok.se, rad 62: Verifikation B 1 (2023-12-31) balanserar inte: debet och kredit skiljer sig med 0,45 kr."),
    (FILE.replace("#TRANS 1930 {} +0.5", "#TRANS 1930 {} 0,50"),
     "bok.se, rad 73: Ogiltigt belopp ”0,50” i fältet belopp: ett belopp skrivs med punkt och högst två "
     "decimaler, t.ex. -1234.50."),
])
def test_files_the_book_cannot_hold_are_refused_by_file_line_and_field(tmp_path, text, message, capsys):
    src = write(tmp_path, text)
    with pytest.raises(SieImportRefused) as exc:
        import_sie(src, tmp_path / "f.finsam")
    assert message in [f.message for f in exc.value.findings if f.is_error]
    assert main(["import-sie", str(src), "--into", str(tmp_path / "f.finsam")]) == 2
    err = capsys.readouterr().err
    assert f"  Fel: {message}\n" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [src]


def test_existing_book_with_the_files_year_gets_it_added(tmp_path):
    target = tmp_path / "f.finsam"
    Book.create(target, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2023-01-01", year_end="2023-12-31").close()
    report = import_sie(write(tmp_path, FILE), target)
    assert not report.created and report.differences == []
    with Book.open(target) as book:
        assert book.forbund().namn == "Förbundet"
        assert [y.label for y in book.years()] == ["2022", "2023"]
        assert book.balance_at("2023-12-31") == BALANCES_2023


def test_existing_book_without_the_files_year_is_refused_and_unchanged(tmp_path, capsys):
    target = tmp_path / "f.finsam"
    Book.create(target, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2025-01-01", year_end="2025-12-31").close()
    before = target.read_bytes()
    assert main(["import-sie", str(write(tmp_path, FILE)), "--into", str(target)]) == 2
    assert capsys.readouterr().err.splitlines()[1] == (
        "  Fel: bok.se: Filens räkenskapsår 2023-01-01 – 2023-12-31 (#RAR 0) finns inte i boken, som har "
        "räkenskapsåren 2025; läs in filen i en ny bok eller i boken för det året.")
    assert target.read_bytes() == before
    with Book.open(target) as book:
        assert [y.label for y in book.years()] == ["2025"]


def test_the_year_just_before_an_existing_book_comes_in_as_its_history(tmp_path):
    target = tmp_path / "f.finsam"
    Book.create(target, namn="Förbundet", orgnr=VALID_ORGNR, year_start="2024-01-01", year_end="2024-12-31").close()
    report = import_sie(write(tmp_path, FILE), target)
    assert report.differences == []
    with Book.open(target) as book:
        assert [y.label for y in book.years()] == ["2022", "2023", "2024"]


def test_the_same_file_twice_is_refused_and_never_double_booked(tmp_path, capsys):
    src, target = write(tmp_path, FILE), tmp_path / "f.finsam"
    assert main(["import-sie", str(src), "--into", str(target)]) == 0
    before = target.read_bytes()
    capsys.readouterr()
    assert main(["import-sie", str(src), "--into", str(target)]) == 2
    assert capsys.readouterr().err.splitlines()[1] == (
        "  Fel: bok.se, rad 52: Verifikation A 1 (2023-01-05) finns redan i boken, inläst från SIE med samma "
        "serie, nummer och datum (4 av filens 4 verifikationer); filen verkar redan vara inläst och läses inte "
        "in igen.")
    assert target.read_bytes() == before
