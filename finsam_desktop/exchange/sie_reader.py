"""Read a SIE file (types 1–4 and 4I) into plain data plus findings.

A pure reader: it never touches a book and never raises for what is inside the file.
Every problem becomes a Finding (error or warning) with a Swedish sentence naming the
file, the line and the field, so that the desktop program can show a preview before
anything is written, and the importer can refuse a file with errors.

    sie = read_sie("BOKF.SE")
    if sie.errors: ...          # refuse
    sie.vouchers, sie.ub, ...   # plain data
"""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import date as _date
from pathlib import Path

from ..errors import InputError
from ..files import read_input
from ..money import format_ore, parse_sie_amount
from ..findings import ERROR, WARNING, Finding
from .sie_model import MOTPART_DIM, SieAccount, SieFile, SieObject, SieRow, SieVoucher
from .sie_text import ENCODING_NAMES, checksum_part, crc32, decode, encode_pc8, tokenize

MAX_ERRORS = 100
_LABEL = re.compile(r"(#[^\s{}\"]*)\s*(.*)")
# A #TRANS row with a four-digit account, an empty object list, an amount and at most a
# date and a text; anything else takes the general path.
_FAST_TRANS = re.compile(r'#TRANS[ \t]+([1-9]\d{3})[ \t]+\{[ \t]*(?:6[ \t]+"([^"\\]+)"[ \t]*)?\}[ \t]+'
                         r'((-?)(\d+)(?:\.(\d{1,2}))?)'
                         r'(?:[ \t]+(?:(\d{8})|"")(?:[ \t]+"((?:[^"\\]|\\.)*)")?)?$')
# A quoted text with \" inside, written as an unrolled loop (one character class per run,
# not one alternation per character: about twice as fast on long texts).
_QUOTED = r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"'
# A #VER line with series, number, date and at most a text, a registration date and a
# signature: (quoted series, series, number, date, text, regdate, sign).
_VER_FIELDS = (r'#VER[ \t]+(?:"([^"\\\n]*)"|([^\s"{}\\]+))[ \t]+"?([1-9]\d*)"?[ \t]+"?(\d{8})"?'
               r'(?:[ \t]+' + _QUOTED + r'(?:[ \t]+"?(\d{8})"?(?:[ \t]+' + _QUOTED + r')?)?)?')
_FAST_VER = re.compile(_VER_FIELDS + r'[ \t]*$')
# A whole plain verifikation: its #VER line, '{', only #TRANS lines, '}' (after the line
# ends are made '\n'). Such a block, nearly every one in a big file, is read in one go
# (_block); any other shape, or a block whose lines the fast patterns do not take, goes
# through the line-by-line reader and gets exactly the same result.
# Groups: the seven of _VER_FIELDS, then the #TRANS lines.
_BLOCK = re.compile(r'^[ \t]*' + _VER_FIELDS + r'[ \t]*\n[ \t]*\{[ \t]*\n((?:[ \t]*#TRANS[ \t][^\n]*\n)*)'
                    r'[ \t]*\}[ \t]*(?:\n|\Z)', re.MULTILINE)
# _FAST_TRANS for every line of a block at once (findall): the same fields, no line breaks.
_BLOCK_TRANS = re.compile(r'^[ \t]*#TRANS[ \t]+([1-9]\d{3})[ \t]+\{[ \t]*(?:6[ \t]+"([^"\\\n]+)"[ \t]*)?\}[ \t]+'
                          r'(-?\d+)(?:\.(\d\d?))?'
                          r'(?:[ \t]+(?:(\d{8})|"")(?:[ \t]+' + _QUOTED + r')?)?[ \t]*$', re.MULTILINE)
# The same for a block whose rows carry objects of other dimensions ({1 "100" 6 "P1"}) or
# accounts of five or six digits: the object list whole (group 2, read by _PAIR). Tried only
# when _BLOCK_TRANS does not take every line, so that a plain file pays nothing for it.
_BLOCK_TRANS_OBJ = re.compile(r'^[ \t]*#TRANS[ \t]+([1-9]\d{3,5})[ \t]+\{[ \t]*'
                              r'((?:\d+[ \t]+(?:"[^"\\\n]*"|[^\s"{}\\]+)[ \t]*)*)\}[ \t]+'
                              r'(-?\d+)(?:\.(\d\d?))?'
                              r'(?:[ \t]+(?:(\d{8})|"")(?:[ \t]+' + _QUOTED + r')?)?[ \t]*$', re.MULTILINE)
_PAIR = re.compile(r'(\d+)[ \t]+(?:"([^"\\\n]*)"|([^\s"{}\\]+))')
_new = tuple.__new__   # builds a SieRow/SieVoucher without the named tuple's Python-level __new__
_KNOWN = frozenset("""#ADRESS #BKOD #DIM #ENHET #FLAGGA #FNAMN #FNR #FORMAT #FTYP #GEN #IB #KONTO
#KPTYP #KTYP #OBJEKT #OIB #OMFATTN #ORGNR #OUB #PBUDGET #PROGRAM #PROSA #PSALDO #RAR #RES
#SIETYP #SRU #TAXAR #TRANS #RTRANS #BTRANS #UB #UNDERDIM #VALUTA #VER #KSUMMA""".split())


def read_sie(path: str | Path) -> SieFile:
    """Read a SIE file from disk. Only a file that cannot be opened raises (InputError);
    everything about its content is reported as findings on the returned SieFile."""
    data = read_input(path, what="SIE-filen", kind="en SIE-fil", error=InputError)
    return parse_sie(data, str(Path(path)))


def parse_sie(data: bytes, path: str = "SIE-filen") -> SieFile:
    """Read SIE bytes; `path` is only used to name the file in findings."""
    return _Reader(path).read(data)


@lru_cache(maxsize=4096)
def _iso(text: str) -> str | None:
    """'20170131' -> '2017-01-31'; None for anything else (six-digit dates included)."""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return _date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return None


class _Reader:
    def __init__(self, path: str):
        self.sie = SieFile(path=path)
        self.name = Path(path).name or path
        self.error_count = 0
        self.kinds: dict[int, tuple[str, int]] = {}
        self.ignored_dims: set[int] = set()
        self.period_data = 0
        self.seen_labels = 0

    # ------------------------------------------------------------------ findings
    def _add(self, severity: str, line: int | None, field: str | None, text: str) -> None:
        if severity == ERROR:
            self.error_count += 1
            if self.error_count > MAX_ERRORS:
                return
            if self.error_count == MAX_ERRORS:
                text += " (Fler fel visas inte.)"
        where = f"{self.name}, rad {line}" if line else self.name
        self.sie.findings.append(Finding(severity, f"{where}: {text}", self.sie.path, line, field))

    def error(self, line, field, text):
        self._add(ERROR, line, field, text)

    def warn(self, line, field, text):
        self._add(WARNING, line, field, text)

    # ------------------------------------------------------------------ fields
    def _amount(self, fields, i, line, field) -> int | None:
        raw = fields[i] if len(fields) > i and isinstance(fields[i], str) else None
        if raw is None or raw == "":
            self.error(line, field, f"Beloppet saknas i fältet {field}.")
            return None
        try:
            return parse_sie_amount(raw)
        except ValueError:
            self.error(line, field, f"Ogiltigt belopp ”{raw}” i fältet {field}: ett belopp skrivs "
                                    "med punkt och högst två decimaler, t.ex. -1234.50.")
            return None

    def _account(self, raw, line, field, *, severity=ERROR) -> int | None:
        add = self.error if severity == ERROR else self.warn
        if not isinstance(raw, str) or raw.strip() == "":
            add(line, field, f"Kontonummer saknas i fältet {field}.")
            return None
        if not raw.isdecimal():
            add(line, field, f"Kontonumret ”{raw}” i fältet {field} är inte numeriskt.")
            return None
        number = int(raw)
        if not 1000 <= number <= 999_999 or len(raw) not in (4, 5, 6):
            add(line, field, f"Kontonumret ”{raw}” i fältet {field} har inte fyra till sex siffror; "
                             "Finsam Bokföring har konton med fyra till sex siffror.")
            return None
        return number

    def _date(self, raw, line, field) -> str | None:
        if not isinstance(raw, str) or raw == "":
            self.error(line, field, f"Datum saknas i fältet {field}.")
            return None
        iso = _iso(raw)
        if iso is None:
            if raw.isdigit() and len(raw) == 6:
                self.error(line, field, f"Datumet ”{raw}” i fältet {field} har bara sex siffror; SIE skriver "
                                        "datum ÅÅÅÅMMDD och århundradet kan inte gissas säkert.")
            else:
                self.error(line, field, f"Ogiltigt datum ”{raw}” i fältet {field}: datumet finns inte "
                                        "eller är inte skrivet ÅÅÅÅMMDD.")
        return iso

    def _yearno(self, raw, line, field="årsnr") -> int | None:
        if isinstance(raw, str) and re.fullmatch(r"[+-]?\d{1,3}", raw):
            n = int(raw)
            if n <= 0:
                return n
        self.error(line, field, f"Ogiltigt årsnummer ”{raw}” i fältet {field} (0 för innevarande år, "
                                "-1 för föregående).")
        return None

    # ------------------------------------------------------------------ reading
    def read(self, data: bytes) -> SieFile:
        sie = self.sie
        if b"\x00" in data[:4096]:
            self.error(None, None, "Filen är ingen SIE-fil (den innehåller binära data).")
            return sie
        text, enc = decode(data)
        sie.encoding = enc
        if "\r" in text:
            # CRLF, bare CR and LF each end one line, as in split_lines.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.ver = None            # the open #VER: dict with header and rows
        self.ver_state = None      # 'want_brace' | 'rows'
        self.pending_r = None      # the #RTRANS whose duplicate #TRANS comes next
        self.ks_started = None     # the line of the opening #KSUMMA
        self.ks_done = False
        self.crc = 0
        pos, lineno = 0, 1
        for m in _BLOCK.finditer(text):
            start = m.start()
            if start > pos:        # the lines before the block end in '\n'
                lines = text[pos:start].split("\n")
                lines.pop()
                self._lines(lines, lineno)
                lineno += len(lines)
            body = m.group(8)
            if self.ver_state is not None or not self._block(m, body, lineno):
                lines = m.group(0).split("\n")
                if lines[-1] == "":
                    lines.pop()
                self._lines(lines, lineno)
            lineno += 3 + body.count("\n")
            pos = m.end()
        self._lines(text[pos:].split("\n"), lineno)
        ver, ver_state, ks_started, ks_done = self.ver, self.ver_state, self.ks_started, self.ks_done
        if ver_state is not None:
            self.error(ver["line"], "}", f"Filen slutar mitt i verifikation {ver['ref']}: den avslutande }} "
                                         "saknas. Filen är troligen avkortad.")
        if ks_started and not ks_done:
            self.error(ks_started, "#KSUMMA", "Filen inleds med #KSUMMA men den avslutande kontrollsumman saknas. "
                                              "Filen är troligen avkortad.")
        self._wrap_up()
        return sie

    def _lines(self, lines: list[str], first: int) -> None:
        """Read records line by line (`first` is the number of the first line); the
        reading state lives on self between calls."""
        ver, ver_state, pending_r = self.ver, self.ver_state, self.pending_r
        ks_started, ks_done, crc = self.ks_started, self.ks_done, self.crc
        for lineno, raw in enumerate(lines, first):
            s = raw.strip()
            if not s:
                continue
            if ver_state == "rows" and pending_r is None and s.startswith("#TRANS"):
                # Fast path for the common row: '#TRANS 1930 {} -12.50 [20210105 ["text"]]'.
                m = _FAST_TRANS.match(s)
                if m:
                    acc, code, raw_amount, sign, whole, frac, tdate, ttext = m.groups()
                    amount = int(whole) * 100 + (int(frac) * (10 if len(frac) == 1 else 1) if frac else 0)
                    if sign:
                        amount = -amount
                    if ttext and "\\" in ttext:
                        ttext = ttext.replace('\\"', '"')
                    code = code.strip() if code else None
                    ver["rows"].append(SieRow(int(acc), amount, code or None, ttext or "", lineno))
                    if ks_started and not ks_done:
                        objs = f"6{m.group(2)}" if code else ""
                        crc = crc32(encode_pc8(f"#TRANS{acc}{objs}{raw_amount}{tdate or ''}{ttext or ''}", "replace"),
                                    crc)
                    continue
            if ver_state is None and s.startswith("#VER"):
                # Fast path for the common header: '#VER A 12 20210105 "text" [20210110 ["sign"]]'.
                m = _FAST_VER.match(s)
                if m:
                    qseries, series, number, vdate, vtext, regdate, sign = m.groups()
                    series = qseries if qseries is not None else series
                    iso = _iso(vdate)
                    if iso is not None:
                        if vtext and "\\" in vtext:
                            vtext = vtext.replace('\\"', '"')
                        ver = dict(series=series, number=int(number), date=iso, text=vtext or "", line=lineno,
                                   ref=f"{series} {number}".strip(), rows=[], removed=0, ok=True)
                        ver_state = "want_brace"
                        self.seen_labels += 1
                        if ks_started and not ks_done:
                            crc = crc32(encode_pc8(f"#VER{series}{number}{vdate}{vtext or ''}{regdate or ''}"
                                                   f"{sign or ''}", "replace"), crc)
                        continue
            if s == "{":
                if ver_state == "want_brace":
                    ver_state = "rows"
                else:
                    self.error(lineno, None, "Klammern { hör inte till någon verifikation.")
                continue
            if s == "}":
                if ver_state == "rows":
                    self._finish(ver)
                    ver = ver_state = pending_r = None
                else:
                    self.error(lineno, None, "Klammern } avslutar ingen verifikation.")
                continue
            m = _LABEL.match(s)
            if not m:
                self.warn(lineno, None, "Raden börjar inte med en etikett (#…) och hoppas över.")
                continue
            label = m.group(1).upper()
            self._rest = m.group(2)
            fields = tokenize(self._rest)
            if label in _KNOWN:
                self.seen_labels += 1
            if fields.unclosed_quote:
                self.warn(lineno, None, "Ett citationstecken avslutas aldrig; resten av raden lästes som ett fält.")
            if ks_started and not ks_done and label != "#KSUMMA":
                crc = crc32(checksum_part(label, fields), crc)

            if ver_state == "rows":
                if label in ("#TRANS", "#RTRANS", "#BTRANS"):
                    pending_r = self._row(label, fields, lineno, ver, pending_r)
                    continue
                self.error(ver["line"], "}", f"Verifikation {ver['ref']} avslutas inte med }} före rad {lineno}; "
                                             "filen är trasig eller avkortad.")
                ver = ver_state = pending_r = None
            elif ver_state == "want_brace":
                self.error(ver["line"], "{", f"Verifikation {ver['ref']} saknar sina rader inom {{ }}.")
                ver = ver_state = None

            if label in ("#TRANS", "#RTRANS", "#BTRANS"):
                self.error(lineno, None, f"{label} står utanför en verifikation.")
            elif label == "#VER":
                ver = self._ver(fields, lineno)
                ver_state = "rows" if fields.trailing_brace else "want_brace"
            elif label == "#KSUMMA":
                if not fields:
                    if ks_started:
                        self.warn(lineno, None, "#KSUMMA inleds två gånger; den första gäller.")
                    else:
                        ks_started = lineno
                elif ks_started and not ks_done:
                    ks_done = True
                    self._check_sum(fields[0], crc, lineno)
                else:
                    self.warn(lineno, None, "Avslutande #KSUMMA utan inledande #KSUMMA; kontrollsumman kan inte prövas.")
            else:
                self._record(label, fields, lineno)

        self.ver, self.ver_state, self.pending_r = ver, ver_state, pending_r
        self.ks_started, self.ks_done, self.crc = ks_started, ks_done, crc

    def _block(self, m: re.Match, body: str, lineno: int) -> bool:
        """Read a plain verifikation block (header on line `lineno`, '{', the #TRANS lines
        in `body`, '}') exactly as the line-by-line reader would. Returns False, having
        read nothing, when a line needs the general reader."""
        qseries, series, number, vdate, vtext, regdate, sign, _rows = m.groups()
        iso = _iso(vdate)
        if iso is None:
            return False
        found = _BLOCK_TRANS.findall(body)
        if len(found) != body.count("\n"):
            return self._block_objects(m, body, lineno)
        series = qseries if qseries is not None else series
        if vtext and "\\" in vtext:
            vtext = vtext.replace('\\"', '"')
        self.seen_labels += 1
        summing = self.ks_started and not self.ks_done
        if summing:
            parts = [f"#VER{series}{number}{vdate}{vtext or ''}{regdate or ''}{sign or ''}"]
        rows = []
        append = rows.append
        total = 0
        zero = False
        line = lineno + 2
        for acc, code, whole, frac, tdate, ttext in found:
            # 'whole' carries the sign: int('-12' + '50') is -1250 öre
            if len(frac) == 2:
                amount = int(whole + frac)
            elif frac:
                amount = int(whole + frac) * 10
            else:
                amount = int(whole) * 100
            if not amount:
                zero = True
            if "\\" in ttext:
                ttext = ttext.replace('\\"', '"')
            project = code.strip() or None if code else None
            append(_new(SieRow, (int(acc), amount, project, ttext, line, None, ())))
            if summing:
                parts.append(f"#TRANS{acc}{'6' + code if project else ''}{whole}{'.' if frac else ''}{frac}"
                             f"{tdate}{ttext}")
            total += amount
            line += 1
        if summing:
            self.crc = crc32(encode_pc8("".join(parts), "replace"), self.crc)
        self._block_done(series, number, iso, vtext, rows, zero, total, lineno)
        return True

    def _block_objects(self, m: re.Match, body: str, lineno: int) -> bool:
        """_block for a block whose rows carry objects of any dimension; False, having read
        nothing, when a line needs the general reader (a dimension twice on a row, say)."""
        qseries, series, number, vdate, vtext, regdate, sign, _rows = m.groups()
        found = _BLOCK_TRANS_OBJ.findall(body)
        if len(found) != body.count("\n"):
            return False
        rows = []
        objp_of = []
        total = 0
        zero = False
        line = lineno + 2
        uses = self.sie.object_lines
        for acc, pairs, whole, frac, tdate, ttext in found:
            if len(frac) == 2:
                amount = int(whole + frac)
            elif frac:
                amount = int(whole + frac) * 10
            else:
                amount = int(whole) * 100
            if not amount:
                zero = True
            if "\\" in ttext:
                ttext = ttext.replace('\\"', '"')
            project = counterpart = None
            others, objp = (), ""
            if pairs:
                objs = self._pairs(pairs)
                if objs is None:
                    return False
                project, counterpart, others, objp = objs
            rows.append(_new(SieRow, (int(acc), amount, project, ttext, line, counterpart, others)))
            objp_of.append(objp)
            total += amount
            line += 1
        series = qseries if qseries is not None else series
        if vtext and "\\" in vtext:
            vtext = vtext.replace('\\"', '"')
        self.seen_labels += 1
        for r in rows:
            for pair in r[6]:
                if pair not in uses:
                    uses[pair] = r[4]
        if self.ks_started and not self.ks_done:
            parts = [f"#VER{series}{number}{vdate}{vtext or ''}{regdate or ''}{sign or ''}"]
            for (acc, _p, whole, frac, tdate, ttext), objp in zip(found, objp_of):
                parts.append(f"#TRANS{acc}{objp}{whole}{'.' if frac else ''}{frac}{tdate}{ttext}")
            self.crc = crc32(encode_pc8("".join(parts), "replace"), self.crc)
        self._block_done(series, number, _iso(vdate), vtext, rows, zero, total, lineno)
        return True

    def _block_done(self, series, number, iso, vtext, rows, zero, total, lineno) -> None:
        if zero:
            rows = [r for r in rows if r[1] != 0]
        if not rows:
            self.warn(lineno, None, f"Verifikation {f'{series} {number}'.strip()} saknar rader med belopp och "
                                    "läses inte in.")
        elif total:
            self.error(lineno, "belopp", f"Verifikation {f'{series} {number}'.strip()} ({iso}) balanserar inte: "
                                         f"debet och kredit skiljer sig med {format_ore(abs(total))} kr.")
        else:
            self.sie.vouchers.append(_new(SieVoucher, (series, int(number), iso, vtext or "", tuple(rows),
                                                       lineno, 0)))

    @staticmethod
    def _pairs(text: str):
        """(project, counterpart, other objects, checksum part) of a block row's object
        list, as _row reads it; None when the list needs the general reader (a dimension
        twice)."""
        project = counterpart = None
        others = []
        seen = set()
        part = []
        for raw_dim, quoted, bare in _PAIR.findall(text):
            raw = quoted if bare == "" else bare
            dim = int(raw_dim)
            if dim in seen:
                return None
            seen.add(dim)
            part.append(raw_dim + raw)
            code = raw.strip()
            if not code:
                continue
            if dim == 6:
                project = code
            elif dim == MOTPART_DIM:
                counterpart = code
            else:
                others.append((dim, code))
        return project, counterpart, tuple(others), "".join(part)

    # ------------------------------------------------------------------ records
    def _record(self, label: str, f, line: int) -> None:
        sie = self.sie
        first = f[0] if f and isinstance(f[0], str) else ""
        if label == "#FLAGGA":
            sie.flag = first
        elif label == "#SIETYP":
            sie.sie_type = first
            if first not in ("1", "2", "3", "4"):
                self.error(line, "typnr", f"Okänd SIE-typ ”{first}” (typ 1, 2, 3 eller 4 kan läsas).")
        elif label == "#PROGRAM":
            sie.program = " ".join(x for x in f[:2] if isinstance(x, str)).strip()
        elif label == "#GEN":
            sie.generated = _iso(first)
        elif label == "#FNAMN":
            words = [x for x in f if isinstance(x, str)]
            sie.company_name = (" ".join(words) if words and not self._quoted_first(line) else first).strip() or None
        elif label == "#ORGNR":
            sie.orgnr = first.strip() or None
        elif label == "#ADRESS":
            sie.address = tuple(x for x in f if isinstance(x, str))
        elif label == "#KPTYP":
            sie.kptyp = first.strip() or None
        elif label == "#VALUTA":
            sie.currency = first.strip().upper() or None
            if sie.currency and sie.currency != "SEK":
                self.error(line, "valutakod", f"Filen är i valutan {sie.currency}; Finsam Bokföring bokför i SEK.")
        elif label == "#RAR":
            n = self._yearno(first, line)
            start = self._date(f[1] if len(f) > 1 else "", line, "start")
            end = self._date(f[2] if len(f) > 2 else "", line, "slut")
            if n is not None and start and end:
                if end < start:
                    self.error(line, "slut", f"Räkenskapsåret {n} slutar ({end}) före det börjar ({start}).")
                elif n in sie.years:
                    self.error(line, "årsnr", f"Räkenskapsår {n} anges två gånger i #RAR.")
                else:
                    sie.years[n] = (start, end)
        elif label == "#KONTO":
            number = self._account(first, line, "kontonr", severity=WARNING)
            name = f[1] if len(f) > 1 and isinstance(f[1], str) else ""
            if number is None:
                self.warn(line, "kontonr", f"Kontoposten för ”{name}” hoppas över.")
                return
            if number in sie.accounts:
                self.warn(line, "kontonr", f"Konto {number} deklareras två gånger; det senare namnet gäller.")
            sie.accounts[number] = SieAccount(number, name.strip(), None, line)
        elif label == "#KTYP":
            number = self._account(first, line, "kontonr", severity=WARNING)
            kind = (f[1] if len(f) > 1 and isinstance(f[1], str) else "").upper()
            if number is None:
                return
            if kind not in ("T", "S", "I", "K"):
                self.warn(line, "kontotyp", f"Okänd kontotyp ”{kind}” för konto {number} (T, S, I eller K); "
                                            "typen tas från kontonumret.")
                return
            self.kinds[number] = (kind, line)
        elif label in ("#DIM", "#UNDERDIM"):
            if first.isdecimal():
                sie.dimensions[int(first)] = f[1].strip() if len(f) > 1 and isinstance(f[1], str) else ""
                if label == "#UNDERDIM":
                    parent = f[2] if len(f) > 2 and isinstance(f[2], str) else ""
                    if parent.isdecimal() and int(parent) != int(first):
                        sie.parents[int(first)] = int(parent)
                    else:
                        self.warn(line, "superdimension", f"#UNDERDIM {first} saknar en giltig överordnad "
                                                          f"dimension (”{parent}”); den läses som en egen dimension.")
            else:
                self.warn(line, "dimensionsnr", f"Ogiltigt dimensionsnummer ”{first}”; posten hoppas över.")
        elif label == "#OBJEKT":
            if not first.isdecimal() or len(f) < 2 or not isinstance(f[1], str) or not f[1].strip():
                self.warn(line, "objektnr", "Objektposten saknar dimension eller objektkod och hoppas över.")
                return
            dim, code = int(first), f[1].strip()
            name = f[2].strip() if len(f) > 2 and isinstance(f[2], str) else ""
            sie.objects[(dim, code)] = SieObject(dim, code, name, line)   # the name may be empty
        elif label in ("#IB", "#UB", "#RES"):
            n = self._yearno(first, line)
            acc = self._account(f[1] if len(f) > 1 else "", line, "konto")
            amount = self._amount(f, 2, line, "saldo")
            if None in (n, acc, amount):
                return
            target = {"#IB": sie.ib, "#UB": sie.ub, "#RES": sie.res}[label]
            if (n, acc) in target:
                self.warn(line, "konto", f"{label} för konto {acc} år {n} anges två gånger; beloppen läggs ihop.")
            target[(n, acc)] = target.get((n, acc), 0) + amount
        elif label in ("#OIB", "#OUB"):
            n = self._yearno(first, line)
            acc = self._account(f[1] if len(f) > 1 else "", line, "konto")
            objs = f[2] if len(f) > 2 and isinstance(f[2], tuple) else None
            if objs is None:
                self.error(line, "objekt", f"{label} saknar objektlista {{dimension objekt}}.")
                return
            amount = self._amount(f, 3, line, "saldo")
            pairs = self._objects(objs, line)
            if None in (n, acc, amount) or pairs is None:
                return
            target = sie.oib if label == "#OIB" else sie.oub
            for dim, code in pairs:
                if dim != 6:
                    self.ignored_dims.add(dim)   # the book keeps object balances only per insats
                    continue
                key = (n, acc, dim, code)
                target[key] = target.get(key, 0) + amount
        elif label in ("#PSALDO", "#PBUDGET"):
            self.period_data += 1

    def _quoted_first(self, line: int) -> bool:
        return self._rest.lstrip().startswith('"')

    def _objects(self, objs: tuple, line: int) -> tuple[tuple[int, str], ...] | None:
        if len(objs) % 2:
            self.error(line, "objektlista", f"Objektlistan {{{' '.join(objs)}}} ska bestå av par av "
                                            "dimension och objekt.")
            return None
        pairs = []
        for i in range(0, len(objs), 2):
            if not objs[i].isdecimal():
                self.error(line, "objektlista", f"Ogiltigt dimensionsnummer ”{objs[i]}” i objektlistan.")
                return None
            pairs.append((int(objs[i]), objs[i + 1].strip()))
        return tuple(pairs)

    # ------------------------------------------------------------------ vouchers
    def _ver(self, f, line: int) -> dict:
        series = f[0].strip() if f and isinstance(f[0], str) else ""
        raw_no = f[1].strip() if len(f) > 1 and isinstance(f[1], str) else ""
        number = None
        ref = f"{series} {raw_no}".strip() if raw_no else f"{series or '(utan serie)'} utan nummer"
        ok = True
        if raw_no:
            if raw_no.isdecimal() and int(raw_no) > 0:
                number = int(raw_no)
            else:
                self.error(line, "vernr", f"Verifikationsnumret ”{raw_no}” i verifikation {ref} är inte ett "
                                          "positivt heltal.")
                ok = False
        date = self._date(f[2] if len(f) > 2 else "", line, "verdatum")
        text = f[3] if len(f) > 3 and isinstance(f[3], str) else ""
        return dict(series=series, number=number, date=date, text=text, line=line, ref=ref,
                    rows=[], removed=0, ok=ok and date is not None)

    def _row(self, label: str, f, line: int, ver: dict, pending: SieRow | None) -> SieRow | None:
        """Read one transaction row into the open voucher. Returns the #RTRANS row whose
        duplicate #TRANS must be skipped next, if any."""
        acc = self._account(f[0] if f else "", line, "kontonr")
        if len(f) > 1 and isinstance(f[1], tuple):
            objs, amount_at = f[1], 2
        else:  # some writers leave out an empty object list
            objs, amount_at = (), 1
        amount = self._amount(f, amount_at, line, "belopp")
        pairs = self._objects(objs, line) if objs else ()
        if acc is None or amount is None or pairs is None:
            ver["ok"] = False
            return None
        project = counterpart = None
        others: tuple[tuple[int, str], ...] = ()
        if pairs:
            seen = set()
            kept = []
            for dim, code in pairs:
                if dim in seen:
                    self.warn(line, "objektlista", f"Objektlistan har två objekt i dimension {dim}; det första "
                                                   f"gäller och ”{code}” läses inte in.")
                    continue
                seen.add(dim)
                if not code:
                    continue
                if dim == 6:
                    project = code
                elif dim == MOTPART_DIM:
                    counterpart = code
                else:
                    kept.append((dim, code))
            others = tuple(kept)
            if label != "#BTRANS":
                uses = self.sie.object_lines
                for pair in others:
                    if pair not in uses:
                        uses[pair] = line
        text_at = amount_at + 2
        # After the amount the format has at most transdat, transtext, kvantitet and sign.
        if len(f) > amount_at + 5:
            extra = " ".join(str(x) for x in f[amount_at + 5:])
            self.warn(line, label, f"{label} har fler fält än SIE-formatet anger (efter kvantitet och "
                                   f"signatur: {extra[:60]}); de läses inte in.")
        text = f[text_at] if len(f) > text_at and isinstance(f[text_at], str) else ""
        row = SieRow(acc, amount, project or None, text, line, counterpart or None, others)
        if label == "#BTRANS":
            ver["removed"] += 1           # struck out in the source program: not booked
            return pending
        if label == "#RTRANS":
            ver["rows"].append(row)
            return row                    # its duplicate #TRANS follows and is skipped
        if pending is not None:
            if (pending.account, pending.amount, pending.project) == (row.account, row.amount, row.project):
                return None
            self.warn(line, "#TRANS", f"#RTRANS på rad {pending.line} följs inte av en likadan #TRANS; "
                                      "båda raderna bokförs.")
        ver["rows"].append(row)
        return None

    def _finish(self, ver: dict) -> None:
        if not ver["ok"]:
            return
        rows = ver["rows"]
        amounts = [r[1] for r in rows]
        if 0 in amounts:
            rows = [r for r in rows if r[1] != 0]
        ref, line = ver["ref"], ver["line"]
        if not rows:
            self.warn(line, None, f"Verifikation {ref} saknar rader med belopp och läses inte in.")
            return
        total = sum(amounts)
        if total != 0:
            self.error(line, "belopp", f"Verifikation {ref} ({ver['date']}) balanserar inte: debet och kredit "
                                       f"skiljer sig med {format_ore(abs(total))} kr.")
            return
        self.sie.vouchers.append(SieVoucher(ver["series"], ver["number"], ver["date"], ver["text"], tuple(rows),
                                            line, ver["removed"]))

    def _check_sum(self, raw, crc: int, line: int) -> None:
        try:
            want = int(raw) % (1 << 32)
        except (TypeError, ValueError):
            self.warn(line, "#KSUMMA", f"Kontrollsumman ”{raw}” är inget tal och kan inte prövas.")
            return
        if want == crc:
            self.sie.checksum = "ok"
        else:
            self.sie.checksum = "mismatch"
            self.warn(line, "#KSUMMA", f"Kontrollsumman stämmer inte (filen anger {want}, innehållet ger "
                                       f"{crc}). Filen kan ha ändrats efter att den skrevs.")

    # ------------------------------------------------------------------ whole-file checks
    def _wrap_up(self) -> None:
        sie = self.sie
        if self.seen_labels == 0:
            self.error(None, None, "Filen är ingen SIE-fil: den saknar SIE-poster som #FLAGGA, #SIETYP, "
                                   "#KONTO och #VER.")
            return
        if sie.encoding not in ("cp437", "ascii"):
            self.warn(None, "#FORMAT", f"Filen är skriven i teckenkodningen {ENCODING_NAMES[sie.encoding]}, "
                                       "inte PC8 som SIE-standarden föreskriver; den lästes som "
                                       f"{ENCODING_NAMES[sie.encoding]}.")
        if sie.flag == "1":
            self.warn(None, "#FLAGGA", "Filen är markerad som redan inläst (#FLAGGA 1).")
        for number, (kind, line) in self.kinds.items():
            acc = sie.accounts.get(number)
            if acc is None:
                self.warn(line, "kontonr", f"#KTYP för konto {number} som inte deklarerats med #KONTO.")
                sie.accounts[number] = SieAccount(number, "", kind, line)
            else:
                sie.accounts[number] = SieAccount(number, acc.name, kind, acc.line)
        if sie.sie_type is None:
            sie.sie_type = "4" if sie.vouchers else "1"
            self.warn(None, "#SIETYP", f"Filen saknar #SIETYP; den läses som typ {sie.sie_type}.")
        if sie.sie_type in ("1", "2", "3") and sie.vouchers:
            self.warn(None, "#VER", f"En SIE-fil av typ {sie.sie_type} får inte innehålla verifikationer; "
                                    f"filens {len(sie.vouchers)} verifikationer läses inte in.")
            sie.vouchers = []
        if sie.sie_type in ("1", "2", "3") and 0 not in sie.years:
            self.error(None, "#RAR", "Filen saknar räkenskapsår (#RAR 0), som en SIE-fil av typ 1–3 måste ha.")
        if sie.years and 0 not in sie.years:
            self.error(None, "#RAR", "Filen saknar innevarande räkenskapsår (#RAR 0).")
        if 0 in sie.years:
            start, end = sie.years[0]
            for v in sie.vouchers:
                if not start <= v.date <= end:
                    self.error(v.line, "verdatum", f"Verifikation {v.ref} är daterad {v.date}, utanför "
                                                   f"räkenskapsåret {start} – {end}.")
        for n in sorted({k[0] for k in (*sie.ib, *sie.ub, *sie.res)} - set(sie.years)):
            if sie.years:
                self.warn(None, "årsnr", f"Filen har saldon för år {n} men inget #RAR {n}; de läses inte in.")
        seen: dict[tuple[str, int], int] = {}
        for v in sie.vouchers:
            if v.number is None:
                continue
            key = (v.series, v.number)
            if key in seen:
                self.error(v.line, "vernr", f"Verifikationsnumret {v.ref} förekommer två gånger (även på rad "
                                            f"{seen[key]}).")
            else:
                seen[key] = v.line
        if self.ignored_dims:
            dims = ", ".join(str(d) for d in sorted(self.ignored_dims))
            self.warn(None, "#OIB", f"Objektsaldon (#OIB, #OUB) i dimension {dims} läses inte in; boken har "
                                    "objektsaldon bara per insats (dimension 6). Verifikationsradernas objekt "
                                    "i alla dimensioner läses in.")
        if self.period_data:
            self.warn(None, "#PSALDO", f"Filens {self.period_data} periodsaldon och periodbudgetar "
                                       "(#PSALDO, #PBUDGET) läses inte in.")
