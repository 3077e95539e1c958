"""The SIE reader: character sets, fields, transaction rows, checksum and the Swedish
findings for broken files. The reader is pure: it returns data and findings only."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_desktop.exchange.sie_reader import parse_sie
from finsam_desktop.exchange.sie_text import crc32, detect_encoding, tokenize

HEAD = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#FNAMN "Testförbundet"
#ORGNR 222000-1354
#RAR 0 20210101 20211231
#KONTO 1930 "Bank"
#KONTO 3010 "Driftbidrag"
"""


def sie(body: str, head: str = HEAD, encoding: str = "cp437", newline: str = "\n") -> bytes:
    return (head + body).replace("\n", newline).encode(encoding)


def messages(s):
    return [f.message for f in s.findings]


def test_pc8_file_reads_swedish_letters():
    s = parse_sie(sie('#KONTO 2440 "Leverantörsskulder åäö ÅÄÖ"\n'), "x.se")
    assert s.encoding == "cp437"
    assert s.accounts[2440].name == "Leverantörsskulder åäö ÅÄÖ"
    assert not s.findings


def test_utf8_with_and_without_bom_and_latin_encodings_are_detected():
    body = '#KONTO 2440 "Leverantörsskulder"\n'
    assert parse_sie(sie(body, encoding="utf-8")).accounts[2440].name == "Leverantörsskulder"
    assert parse_sie(b"\xef\xbb\xbf" + sie(body, encoding="utf-8")).encoding == "utf-8-sig"
    latin = parse_sie(sie(body, encoding="iso-8859-15"))
    assert latin.encoding == "iso-8859-15" and latin.company_name == "Testförbundet"
    win = parse_sie(sie(body + '#KONTO 2441 "Skuld – ”Växjö”"\n', encoding="cp1252"))
    assert win.encoding == "cp1252" and win.accounts[2441].name == "Skuld – ”Växjö”"
    assert any("inte PC8" in m for m in messages(latin))


def test_detect_encoding_prefers_pc8_when_the_letters_say_so():
    assert detect_encoding("Övningsföretaget åäö".encode("cp437")) == "cp437"
    assert detect_encoding("Övningsföretaget åäö".encode("iso-8859-15")) == "iso-8859-15"


def test_crlf_lf_and_bare_cr_line_ends_read_alike():
    body = '#VER A 1 20210105 "Bidrag"\n{\n#TRANS 1930 {} 100.00\n#TRANS 3010 {} -100.00\n}\n'
    results = [parse_sie(sie(body, newline=nl)) for nl in ("\n", "\r\n", "\r")]
    for s in results:
        assert not s.errors
        assert [(r.account, r.amount) for r in s.vouchers[0].rows] == [(1930, 10000), (3010, -10000)]


def test_fields_quotes_escapes_tabs_and_object_lists():
    f = tokenize('\t1930  {6 "P 1" 1 "K"}\t-12.50 20210105 "Text med \\"citat\\"" ""')
    assert f == ["1930", ("6", "P 1", "1", "K"), "-12.50", "20210105", 'Text med "citat"', ""]
    assert tokenize('"1110\\1002 Hus 1:1"') == ["1110\\1002 Hus 1:1"]
    assert tokenize("{}") == [()]


def test_unquoted_company_name_with_blanks_is_read_whole():
    s = parse_sie(sie("", head=HEAD.replace('#FNAMN "Testförbundet"', "#FNAMN Övningsbolaget AB")))
    assert s.company_name == "Övningsbolaget AB"


def test_unknown_labels_and_extra_fields_are_ignored():
    s = parse_sie(sie('#NYPOST 1 2 3\n#KONTO 2440 "Skulder" extra fält\n'))
    assert not s.errors and s.accounts[2440].name == "Skulder"


def test_rtrans_replaces_its_duplicate_trans_and_btrans_is_not_booked():
    body = """#VER A 1 20210105 "Porto"
{
#TRANS 1930 {} -1000.00
#BTRANS 3010 {} 800.00
#TRANS 3010 {} 200.00
#RTRANS 3010 {} 800.00
#TRANS 3010 {} 800.00
}
"""
    s = parse_sie(sie(body))
    assert not s.errors
    v = s.vouchers[0]
    assert [(r.account, r.amount) for r in v.rows] == [(1930, -100000), (3010, 20000), (3010, 80000)]
    assert v.removed_rows == 1


def test_objects_in_dimension_6_become_project_codes():
    body = """#DIM 6 "Projekt"
#OBJEKT 6 "P1" "StegSam"
#OIB 0 2990 {6 "P1"} -500.00
#VER A 1 20210105 ""
{
#TRANS 4530 {6 "P1" 1 "X"} 100.00
#TRANS 1930 {} -100.00
}
"""
    s = parse_sie(sie(body))
    assert s.objects[(6, "P1")].name == "StegSam"
    assert s.oib[(0, 2990, 6, "P1")] == -50000
    assert s.vouchers[0].rows[0].project_code == "P1"
    # The row's dimension 1 object is kept beside the insats, not dropped.
    assert s.vouchers[0].rows[0].objects == ((1, "X"),)
    assert s.vouchers[0].rows[1].objects == ()
    assert not any("dimension 1" in m for m in messages(s))


def _spec_crc(data: bytes) -> int:
    """The table-driven CRC of section 10 of the SIE specification, transcribed."""
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    crc = 0xFFFFFFFF
    for b in data:
        crc = ((crc >> 8) & 0x00FFFFFF) ^ table[(crc ^ b) & 0xFF]
    return crc ^ 0xFFFFFFFF


def test_checksum_algorithm_is_the_one_the_specification_prescribes():
    rnd = random.Random(4)
    for n in (0, 1, 7, 300):
        data = bytes(rnd.randrange(256) for _ in range(n))
        assert crc32(data) == _spec_crc(data)


def test_ksumma_covers_labels_and_fields_without_blanks_quotes_and_braces():
    records = ['#KONTO 1915 "Kassa \\"special\\""', '#OIB 0 2990 {6 "P1"} 1.00']
    crc = _spec_crc('#KONTO1915Kassa "special"#OIB029906P11.00'.encode("cp437"))
    ok = parse_sie(("#FLAGGA 0\n#KSUMMA\n" + "\n".join(records) + f"\n#KSUMMA {crc}\n").encode("cp437"))
    assert ok.checksum == "ok" and not any("Kontrollsumman" in m for m in messages(ok))
    changed = parse_sie(("#FLAGGA 0\n#KSUMMA\n#KONTO 1915 \"Kassa\"\n" + f"#KSUMMA {crc}\n").encode("cp437"), "a.se")
    assert changed.checksum == "mismatch"
    assert any("Kontrollsumman stämmer inte" in m and "kan ha ändrats" in m for m in messages(changed))


def test_ksumma_without_its_closing_sum_is_a_truncated_file():
    s = parse_sie(b"#FLAGGA 0\n#KSUMMA\n#SIETYP 4\n#RAR 0 20210101 20211231\n", "a.se")
    assert any("avkortad" in f.message for f in s.errors)


def test_unbalanced_voucher_is_an_error_naming_it_and_its_line():
    body = '#VER A 7 20210105 "Fel"\n{\n#TRANS 1930 {} 100.00\n#TRANS 3010 {} -99.90\n}\n'
    s = parse_sie(sie(body), "bok.se")
    assert [f.message for f in s.errors] == [
        "bok.se, rad 9: Verifikation A 7 (2021-01-05) balanserar inte: debet och kredit skiljer sig med 0,10 kr."]
    assert s.errors[0].line == 9 and s.errors[0].field == "belopp"


def test_missing_or_non_numeric_account_in_a_row_is_an_error():
    body = '#VER A 1 20210105 ""\n{\n#TRANS "" {} 100.00\n#TRANS 30X0 {} -100.00\n}\n'
    s = parse_sie(sie(body), "bok.se")
    msgs = [f.message for f in s.errors]
    assert "bok.se, rad 11: Kontonummer saknas i fältet kontonr." in msgs
    assert "bok.se, rad 12: Kontonumret ”30X0” i fältet kontonr är inte numeriskt." in msgs
    assert not s.vouchers


def test_impossible_and_six_digit_dates_are_refused():
    body = ('#VER A 1 20210230 ""\n{\n#TRANS 1930 {} 1\n#TRANS 3010 {} -1\n}\n'
            '#VER A 2 210501 ""\n{\n#TRANS 1930 {} 1\n#TRANS 3010 {} -1\n}\n')
    s = parse_sie(sie(body), "bok.se")
    msgs = [f.message for f in s.errors]
    assert msgs[0] == ("bok.se, rad 9: Ogiltigt datum ”20210230” i fältet verdatum: datumet finns inte eller "
                       "är inte skrivet ÅÅÅÅMMDD.")
    assert "sex siffror" in msgs[1] and "rad 14" in msgs[1]


def test_voucher_outside_the_year_and_duplicate_numbers_are_errors():
    body = ('#VER A 1 20220105 ""\n{\n#TRANS 1930 {} 1\n#TRANS 3010 {} -1\n}\n'
            '#VER B 1 20210105 ""\n{\n#TRANS 1930 {} 1\n#TRANS 3010 {} -1\n}\n'
            '#VER B 1 20210106 ""\n{\n#TRANS 1930 {} 1\n#TRANS 3010 {} -1\n}\n')
    msgs = [f.message for f in parse_sie(sie(body), "bok.se").errors]
    assert "bok.se, rad 9: Verifikation A 1 är daterad 2022-01-05, utanför räkenskapsåret 2021-01-01 – 2021-12-31." in msgs
    assert "bok.se, rad 19: Verifikationsnumret B 1 förekommer två gånger (även på rad 14)." in msgs


def test_truncated_file_with_an_open_voucher_is_an_error():
    body = '#VER A 1 20210105 ""\n{\n#TRANS 1930 {} 100.00\n'
    s = parse_sie(sie(body), "bok.se")
    assert [f.message for f in s.errors] == [
        "bok.se, rad 9: Filen slutar mitt i verifikation A 1: den avslutande } saknas. Filen är troligen avkortad."]


def test_a_file_that_is_not_sie_is_refused():
    for data in (b"Hej, det har ar ett brev.\n", b"\x00\x01\x02SQLite", b""):
        s = parse_sie(data, "brev.txt")
        assert s.errors and "ingen SIE-fil" in s.errors[0].message


def test_balances_and_years_are_read_in_ore_with_ledger_sign():
    body = "#RAR -1 20200101 20201231\n#IB 0 1930 1234.5\n#UB 0 1930 -0.05\n#RES -1 3010 -100\n"
    s = parse_sie(sie(body))
    assert s.years == {0: ("2021-01-01", "2021-12-31"), -1: ("2020-01-01", "2020-12-31")}
    assert s.ib[(0, 1930)] == 123450 and s.ub[(0, 1930)] == -5 and s.res[(-1, 3010)] == -10000


def test_bad_amount_names_the_field():
    s = parse_sie(sie("#IB 0 1930 12,50\n"), "bok.se")
    assert s.errors[0].message == ("bok.se, rad 9: Ogiltigt belopp ”12,50” i fältet saldo: ett belopp skrivs med "
                                   "punkt och högst två decimaler, t.ex. -1234.50.")


# ---------------------------------------------------------------------------- whole blocks
# A plain verifikation block is read in one go; anything the block patterns do not take
# goes line by line. Both must give exactly the same data, findings and #KSUMMA.
_blank = st.sampled_from(["", " ", "\t", "  \t"])
_amount = st.one_of(st.integers(-10**9, 10**9).map(lambda o: f"{'-' if o < 0 else ''}{abs(o) // 100}.{abs(o) % 100:02d}"),
                    st.sampled_from(["0", "-0.00", "12", "-3.5", "7.05", "1.", "1,50", "+4.00", "0.001"]))
_text = st.text(alphabet=st.sampled_from('ab åÄ"\\{}#0 '), max_size=8)
_quoted = _text.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"')
_trans = st.tuples(_blank, st.sampled_from(["#TRANS", "#TRANS", "#RTRANS", "#trans"]), _blank,
                   st.sampled_from(["1930", "3010", "123", "30X0"]),
                   st.sampled_from(["{}", "{ }", '{6 "P1"}', '{6 " P2 "}', "{1 \"K\"}", ""]), _amount,
                   st.sampled_from(["", " 20210105", ' ""', " 2021010"]), st.one_of(st.just(""), _quoted.map(" ".__add__)),
                   _blank).map(lambda t: f"{t[0]}{t[1]} {t[3]} {t[4]} {t[5]}{t[6]}{t[7]}{t[8]}")
_ver = st.tuples(_blank, st.sampled_from(["A", '"B"', '"C 1"', "", "LÖN"]), st.integers(0, 12),
                 st.sampled_from(["20210105", "20211301", "210105", '"20210301"']),
                 st.one_of(st.just(""), _quoted.map(" ".__add__)),
                 st.sampled_from(["", " 20210110", ' 20210110 "sign"']),
                 st.sampled_from(["{", "{", "{", " { ", "", "{\n"]),
                 st.lists(_trans, max_size=4), st.sampled_from(["}", "}", " }\t", "", "}}"]),
                 ).map(lambda t: "\n".join(x for x in (f"{t[0]}#VER {t[1]} {t[2]} {t[3]}{t[4]}{t[5]}", t[6], *t[7], t[8])
                                           if x != "") + "\n")


@settings(max_examples=60, deadline=None)
@given(st.lists(_ver, max_size=6), st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_whole_block_reading_gives_what_line_by_line_reading_gives(vers, ksumma, newline):
    from dataclasses import asdict
    from finsam_desktop.exchange import sie_reader
    body = "".join(vers)
    data = (HEAD + ("#KSUMMA\n" if ksumma else "") + body + ("#KSUMMA 1\n" if ksumma else "")
            ).replace("\n", newline).encode("cp437", "replace")
    fast = parse_sie(data, "a.se")
    original = sie_reader._Reader._block
    sie_reader._Reader._block = lambda self, *args: False
    try:
        slow = parse_sie(data, "a.se")
    finally:
        sie_reader._Reader._block = original
    assert asdict(fast) == asdict(slow)
    assert [tuple(v) for v in fast.vouchers] == [tuple(v) for v in slow.vouchers]


def test_whole_blocks_are_read_with_their_lines_rows_and_checksum():
    body = ('#VER A 1 20210105 "Bidrag \\"Q\\""\n{\n  #TRANS 1930 {} 100.50 20210105 "rad"\n'
            '\t#TRANS 3010 {6 "P1"} -100.5\n#TRANS 3010 {} 0.00\n}\n')
    records = '#VERA120210105Bidrag "Q"#TRANS1930100.5020210105rad#TRANS30106P1-100.5#TRANS30100.00'
    data = ("#FLAGGA 0\n#KSUMMA\n" + body + f"#KSUMMA {_spec_crc(records.encode('cp437'))}\n").encode("cp437")
    s = parse_sie(data, "a.se")
    assert s.checksum == "ok"
    (v,) = s.vouchers
    assert (v.series, v.number, v.date, v.text, v.line) == ("A", 1, "2021-01-05", 'Bidrag "Q"', 3)
    assert [tuple(r) for r in v.rows] == [(1930, 100_50, None, "rad", 5, None, ()),
                                          (3010, -100_50, "P1", "", 6, None, ())]


def test_digit_like_characters_in_numbers_are_findings_not_tracebacks():
    # '²' (PC8 FDh) counts as a digit for str.isdigit() but int() refuses it.
    body = ('#KONTO \u00b2790 "Konto"\n#DIM \u00b2 "Dim"\n#OBJEKT 6\u00b2 "P1" "Namn"\n'
            '#VER A 1\u00b2 20210105 ""\n{\n#TRANS 1930 {\u00b2 "P1"} 1.00\n#TRANS 3010 {} -1.00\n}\n')
    s = parse_sie(sie(body), "a.se")
    assert "a.se, rad 9: Kontonumret ”²790” i fältet kontonr är inte numeriskt." in messages(s)
    assert any("Ogiltigt dimensionsnummer ”²”" in m for m in messages(s))
    assert any("Verifikationsnumret ”1²”" in m for m in messages(s))
    assert not s.vouchers


def test_trans_with_fields_beyond_the_format_is_read_with_a_warning_naming_the_line():
    body = ('#VER A 1 20210105 "Bidrag"\n{\n'
            '#TRANS 1930 {} 100.00 20210105 "Bidrag" 1 "Anna" skräp 42\n'
            '#TRANS 3010 {} -100.00\n}\n')
    s = parse_sie(sie(body))
    (v,) = s.vouchers
    assert [(r.account, r.amount) for r in v.rows] == [(1930, 100_00), (3010, -100_00)]
    (w,) = [f for f in s.findings if "fler fält" in f.message]
    assert w.line == HEAD.count("\n") + 3 and "skräp 42" in w.message
    # A row within the format gives no such warning.
    plain = parse_sie(sie('#VER A 1 20210105 "Bidrag"\n{\n#TRANS 1930 {} 100.00 20210105 "B" 1 "Anna"\n'
                          '#TRANS 3010 {} -100.00\n}\n'))
    assert not [f for f in plain.findings if "fler fält" in f.message]
