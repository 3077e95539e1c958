"""The text layer of SIE: character set detection, splitting records into fields, and
the #KSUMMA checksum (CRC-32, section 10 of the specification)."""

from __future__ import annotations

import codecs
import re
import zlib

# Swedish letters as bytes in each candidate 8-bit character set.
_SWEDISH_CP437 = frozenset(b"\x86\x84\x94\x8f\x8e\x99\x82\x81\x9a\x90")   # åäöÅÄÖéüÜÉ
_SWEDISH_LATIN = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xfc\xdc\xc9")   # the same in ISO-8859-x/1252
_CP1252_ONLY = frozenset(range(0x80, 0xA0))
_LOW = bytes(range(0x80))  # printable in Windows-1252, control codes in ISO-8859-15

ENCODING_NAMES = {
    "cp437": "PC8 (codepage 437)",
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 med BOM",
    "iso-8859-15": "ISO-8859-15",
    "cp1252": "Windows-1252",
    "ascii": "ASCII",
}


def detect_encoding(data: bytes) -> str:
    """The character set the bytes are written in: UTF-8 when they decode strictly as
    UTF-8 (with or without BOM); otherwise what #FORMAT says (PC8 = codepage 437) unless
    the Swedish letters clearly say ISO-8859-15 or Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "ascii" if data.isascii() else "utf-8"
    except UnicodeDecodeError:
        pass
    high = data.translate(None, _LOW)          # only the bytes from 80h up
    # Count the Swedish letters each reading would give: in the other reading they are
    # control codes, box drawing or Greek, which real bookkeeping text does not contain.
    pc8 = sum(high.count(b) for b in _SWEDISH_CP437)
    latin = sum(high.count(b) for b in _SWEDISH_LATIN)
    declared = re.search(rb"^[ \t]*#FORMAT[ \t]+\"?([A-Za-z0-9_-]+)", data, re.MULTILINE)
    declared_pc8 = declared is None or declared.group(1).upper() == b"PC8"
    if pc8 > latin or (pc8 == latin and declared_pc8):
        return "cp437"
    if any(b in _CP1252_ONLY for b in high[:100000]):
        return "cp1252"
    return "iso-8859-15"


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). Never fails: bytes that do not fit become U+FFFD."""
    enc = detect_encoding(data)
    return data.decode(enc, errors="replace"), enc


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines for CRLF, LF and bare CR line ends alike."""
    return _LINE_BREAK.split(text)


# A field is a quoted string (with \" inside), an unquoted word, a brace, or a quote that
# is never closed (the rest of the line).
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\{)|(\})|([^\s{}"]+)|"(.*)$')


class Fields(list):
    """The fields of one record after its label. An object list ({...}) is a tuple of
    strings. `unclosed_quote` and `unclosed_brace` mark a damaged line."""
    unclosed_quote = False
    unclosed_brace = False
    trailing_brace = False   # an unmatched '{' at the end opens a block on this line


def tokenize(rest: str) -> Fields:
    """Split the part of a record after its label into fields."""
    out = Fields()
    stack: list[list[str]] | None = None
    for m in _TOKEN.finditer(rest):
        quoted, open_b, close_b, word, broken = m.groups()
        if quoted is not None:
            value = quoted.replace('\\"', '"') if "\\" in quoted else quoted
        elif word is not None:
            value = word
        elif open_b:
            if stack is not None:       # nested braces: flatten, keep reading
                continue
            stack = []
            continue
        elif close_b:
            if stack is not None:
                out.append(tuple(stack))
                stack = None
            continue
        else:
            out.unclosed_quote = True
            value = (broken or "").replace('\\"', '"')
        if stack is not None:
            stack.append(value)
        else:
            out.append(value)
    if stack is not None:
        if stack:
            out.unclosed_brace = True
            out.append(tuple(stack))
        else:
            out.trailing_brace = True
    return out


# codecs' own cp437 table is a dict; a built charmap encodes about ten times faster,
# which matters for a file of 400 000 records.
_CP437_MAP = codecs.charmap_build(bytes(range(256)).decode("cp437"))


def encode_pc8(text: str, errors: str = "strict") -> bytes:
    """Text as codepage 437 bytes (UnicodeEncodeError for a character it lacks)."""
    return codecs.charmap_encode(text, errors, _CP437_MAP)[0]


def checksum_part(label: str, fields: Fields | list) -> bytes:
    """The bytes of one record that enter #KSUMMA: the label and the fields without the
    blanks between them, the quotes around them and the braces, in codepage 437."""
    parts = [label]
    for f in fields:
        if isinstance(f, tuple):
            parts.extend(f)
        else:
            parts.append(f)
    return encode_pc8("".join(parts), "replace")


def crc32(data: bytes, crc: int = 0) -> int:
    """CRC-32 with generator polynomial EDB88320h, preset FFFFFFFFh and bit-inverted at
    the end, as section 10 of the specification prescribes. zlib's crc32 is exactly this
    algorithm (a test checks it against the specification's table-driven code)."""
    return zlib.crc32(data, crc)


def quote(text: str) -> str:
    """A field for writing: always quoted, inner quotes escaped, control characters
    (forbidden inside strings) turned into blanks."""
    if not text.isprintable():
        text = _CONTROL.sub(" ", text)
    if '"' in text:
        text = text.replace('"', '\\"')
    return '"' + text + '"'


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
