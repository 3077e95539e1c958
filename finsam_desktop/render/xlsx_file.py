"""A small streaming writer of Office Open XML workbooks (.xlsx): sheets of rows written
straight into the zip file as they come, so a sheet of a million rows needs no more
memory than one of ten.

    wb = XlsxFile(fh, title="…", creator="Finsam Bokföring")
    money = wb.style(num_format='#,##0.00', font=Font(bold=True))
    sheet = wb.sheet("Huvudbok", widths=[8, 34, 12], freeze_rows=4)
    sheet.row(["Konto", (1234.5, money), None, date(2024, 1, 31)])
    sheet.autofilter(4, sheet.rows, 3)
    wb.close()

It writes only what the program's workbooks use: inline strings, numbers, dates (real
Excel dates, as serial numbers with a date format), cell styles (font, fill, top border,
alignment, number format), column widths, a frozen header and an auto filter. Each row is
one formatted string: on a huvudbok of 500 000 lines openpyxl's write-only mode took
about 45 s and XlsxWriter's constant_memory mode about 15 s (30 µs a row), this about 3 s.

Sheets are written one after the other: a sheet is finished (its closing XML written)
when the next one is started or the workbook is closed.
"""

from __future__ import annotations

import contextlib
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence
from xml.sax.saxutils import escape as _xml_escape

from ..errors import BookFileError, os_reason

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()   # serial 1 is 1900-01-01 (Excel's 1900 system)
DATE_FORMAT = "yyyy-mm-dd"

# Characters XML 1.0 cannot hold at all (Excel escapes them as _xHHHH_ in a string).
# A text that looks like such an escape has its underscore escaped, so it reads back as typed.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_NEEDS_WORK = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_|^\\s|\\s$")


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def excel_serial(day: date) -> int:
    """The day as Excel's serial number (1900 date system)."""
    return day.toordinal() - _EXCEL_EPOCH


def _text_body(text: str) -> str:
    """The <is> element of an inline string cell, escaped as XML needs."""
    if _NEEDS_WORK.search(text) is None:
        return f"<is><t>{text}</t></is>"
    text = _BAD_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", _xml_escape(text))
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<is><t{space}>{text}</t></is>"


@dataclass(frozen=True)
class Font:
    bold: bool = False
    italic: bool = False
    size: float = 11


@dataclass(frozen=True)
class Fill:
    rgb: str          # "DDE4EE"


@dataclass(frozen=True)
class Border:
    top: str = "thin"


@dataclass(frozen=True)
class Alignment:
    horizontal: str | None = None   # left, center, right
    vertical: str | None = None     # top, center, bottom
    wrap: bool = False


_DEFAULT_FONT = Font()


class XlsxFile:
    """A workbook written into the binary file `fh` (which the caller opened and closes)."""

    def __init__(self, fh: IO[bytes], *, title: str = "", creator: str = "", compresslevel: int = 1):
        # Level 1: the sheets' XML compresses almost as well as at the default level, in a
        # third of the time.
        self._zip = zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self.title, self.creator = title, creator
        self._fonts: list[Font] = [_DEFAULT_FONT]
        self._fills: list[Fill | None] = [None, None]        # none and gray125 come first
        self._borders: list[Border | None] = [None]
        self._num_formats: dict[str, int] = {}
        self._xfs: list[tuple[int, int, int, int, Alignment | None]] = [(0, 0, 0, 0, None)]
        self._xf_index: dict[tuple, int] = {self._xfs[0]: 0}
        self._style_attrs: list[str] = [""]   # ' s="N"' of each style, for the rows
        self._sheets: list[tuple[str, str | None]] = []      # (name, autofilter ref)
        self._open: Sheet | None = None
        self._date_style = self.style(num_format=DATE_FORMAT)

    # ------------------------------------------------------------------ styles
    def style(self, *, font: Font | None = None, fill: Fill | None = None, border: Border | None = None,
              align: Alignment | None = None, num_format: str | None = None) -> int:
        """The index of the cell style with these parts (made once per combination)."""
        f = self._index(self._fonts, font) if font and font != _DEFAULT_FONT else 0
        fi = self._index(self._fills, fill) if fill else 0
        b = self._index(self._borders, border) if border else 0
        n = 0
        if num_format:
            n = self._num_formats.setdefault(num_format, 164 + len(self._num_formats))
        key = (n, f, fi, b, align)
        found = self._xf_index.get(key)
        if found is None:
            found = self._xf_index[key] = len(self._xfs)
            self._xfs.append(key)
            self._style_attrs.append(f' s="{found}"')
        return found

    @property
    def date_style(self) -> int:
        return self._date_style

    def date_style_with(self, *, font: Font | None = None, border: Border | None = None) -> int:
        return self.style(num_format=DATE_FORMAT, font=font, border=border)

    @staticmethod
    def _index(items: list, item) -> int:
        try:
            return items.index(item)
        except ValueError:
            items.append(item)
            return len(items) - 1

    # ------------------------------------------------------------------ sheets
    def sheet(self, name: str, *, widths: Sequence[float] = (), freeze_rows: int = 0) -> "Sheet":
        """Start the next sheet (the one before it is finished)."""
        if self._open is not None:
            self._open.finish()
        if any(n == name for n, _ in self._sheets):
            raise ValueError(f"two sheets named {name!r}")
        index = len(self._sheets) + 1
        self._sheets.append((name, None))
        self._open = Sheet(self, index, self._zip.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True),
                           widths, freeze_rows)
        return self._open

    def _sheet_done(self, index: int, autofilter: str | None) -> None:
        name, _ = self._sheets[index - 1]
        self._sheets[index - 1] = (name, autofilter)
        self._open = None

    def close(self) -> None:
        """Finish the last sheet and write the workbook's parts."""
        if self._open is not None:
            self._open.finish()
        if not self._sheets:
            raise ValueError("a workbook needs at least one sheet")
        z = self._zip
        n = len(self._sheets)
        z.writestr("[Content_Types].xml", _XML_HEAD + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                      f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, n + 1))
            + '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            '</Types>'))
        z.writestr("_rels/.rels", _XML_HEAD + (
            f'<Relationships xmlns="{_NS_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_NS_REL}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_NS_REL}/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>'))
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        z.writestr("docProps/core.xml", _XML_HEAD + (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
            'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_xml_escape(self.title)}</dc:title><dc:creator>{_xml_escape(self.creator)}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
            "</cp:coreProperties>"))
        z.writestr("docProps/app.xml", _XML_HEAD + (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>{_xml_escape(self.creator or 'Microsoft Excel')}</Application></Properties>"))
        sheets = "".join(f'<sheet name="{_xml_escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, (name, _f) in enumerate(self._sheets, 1))
        names = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                        f"{_quote_sheet(name)}!{_absolute(ref)}</definedName>"
                        for i, (name, ref) in enumerate(self._sheets) if ref)
        z.writestr("xl/workbook.xml", _XML_HEAD + (
            f'<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
            '<bookViews><workbookView/></bookViews>'
            f"<sheets>{sheets}</sheets>"
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>"))
        z.writestr("xl/_rels/workbook.xml.rels", _XML_HEAD + (
            f'<Relationships xmlns="{_NS_PKG_REL}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_NS_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, n + 1))
            + f'<Relationship Id="rId{n + 1}" Type="{_NS_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"))
        z.writestr("xl/styles.xml", self._styles_xml())
        z.close()

    def _styles_xml(self) -> str:
        fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{_xml_escape(code, {chr(34): "&quot;"})}"/>'
                       for code, i in self._num_formats.items())
        fonts = "".join(
            "<font>" + ("<b/>" if f.bold else "") + ("<i/>" if f.italic else "")
            + f'<sz val="{f.size:g}"/><color theme="1"/><name val="Calibri"/><family val="2"/>'
            '<scheme val="minor"/></font>' for f in self._fonts)
        fills = ('<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
                 + "".join(f'<fill><patternFill patternType="solid"><fgColor rgb="FF{f.rgb}"/>'
                           '<bgColor indexed="64"/></patternFill></fill>' for f in self._fills[2:]))
        borders = "<border><left/><right/><top/><bottom/><diagonal/></border>" + "".join(
            f'<border><left/><right/><top style="{b.top}"><color auto="1"/></top><bottom/><diagonal/></border>'
            for b in self._borders[1:])
        xfs = []
        for n, f, fi, b, align in self._xfs:
            attrs = f'numFmtId="{n}" fontId="{f}" fillId="{fi}" borderId="{b}" xfId="0"'
            attrs += (' applyNumberFormat="1"' if n else "") + (' applyFont="1"' if f else "") \
                + (' applyFill="1"' if fi else "") + (' applyBorder="1"' if b else "")
            if align:
                parts = ((f' horizontal="{align.horizontal}"' if align.horizontal else "")
                         + (f' vertical="{align.vertical}"' if align.vertical else "")
                         + (' wrapText="1"' if align.wrap else ""))
                xfs.append(f'<xf {attrs} applyAlignment="1"><alignment{parts}/></xf>')
            else:
                xfs.append(f"<xf {attrs}/>")
        return _XML_HEAD + (
            f'<styleSheet xmlns="{_NS_MAIN}">'
            + (f'<numFmts count="{len(self._num_formats)}">{fmts}</numFmts>' if fmts else "")
            + f'<fonts count="{len(self._fonts)}">{fonts}</fonts>'
            f'<fills count="{len(self._fills)}">{fills}</fills>'
            f'<borders count="{len(self._borders)}">{borders}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '<dxfs count="0"/><tableStyles count="0"/>'
            "</styleSheet>")


def _quote_sheet(name: str) -> str:
    return "'" + _xml_escape(name).replace("'", "''") + "'"


def _absolute(ref: str) -> str:
    """'A4:I99' -> '$A$4:$I$99'."""
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in ref.split(":"))


class Sheet:
    """One worksheet being written. `row()` appends a row; `rows` is the last row's number."""

    def __init__(self, wb: XlsxFile, index: int, raw, widths: Sequence[float], freeze_rows: int):
        self._wb, self._index, self._raw = wb, index, raw
        self._buf: list[str] = []
        self.rows = 0
        self._autofilter: str | None = None
        self._letters = [column_letter(i) for i in range(64)]
        self._dates: dict[str, int] = {}
        self._texts: dict[str, str] = {}   # escaped strings: names and codes repeat a lot
        head = [_XML_HEAD, f'<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">']
        if freeze_rows:
            top = f"A{freeze_rows + 1}"
            selected = ' tabSelected="1"' if index == 1 else ""
            head.append(f'<sheetViews><sheetView workbookViewId="0"{selected}>'
                        f'<pane ySplit="{freeze_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
                        f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/></sheetView></sheetViews>')
        head.append('<sheetFormatPr defaultRowHeight="15"/>')
        if widths:
            head.append("<cols>" + "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                                           for i, w in enumerate(widths, 1)) + "</cols>")
        head.append("<sheetData>")
        raw.write("".join(head).encode("utf-8"))

    def date_serial(self, iso: str) -> int:
        """'2024-01-31' as an Excel serial number (cached: a huvudbok repeats its days)."""
        serial = self._dates.get(iso)
        if serial is None:
            serial = self._dates[iso] = excel_serial(date.fromisoformat(iso))
        return serial

    def row(self, cells: Iterable) -> int:
        """Append a row: each cell a value (str, int, float, date, None) or (value, style).
        A date without its own style gets the workbook's date format."""
        self.rows = r = self.rows + 1
        rs = str(r)
        out = ['<row r="', rs, '">']
        add = out.append
        attrs = self._wb._style_attrs
        texts = self._texts
        for letter, cell in zip(self._letters, cells):
            if type(cell) is tuple:
                value, style = cell
            else:
                value, style = cell, 0
            kind = type(value)
            if kind is str:
                body = texts.get(value)
                if body is None:
                    if len(texts) > 20_000:
                        texts.clear()
                    body = texts[value] = _text_body(value)
                add(f'<c r="{letter}{rs}"{attrs[style]} t="inlineStr">{body}</c>')
            elif kind is int or kind is float:
                add(f'<c r="{letter}{rs}"{attrs[style]}><v>{value!r}</v></c>')
            elif value is None:
                if style:
                    add(f'<c r="{letter}{rs}"{attrs[style]}/>')
            elif isinstance(value, date):
                add(f'<c r="{letter}{rs}"{attrs[style or self._wb.date_style]}><v>{excel_serial(value)}</v></c>')
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a cell")
        add("</row>")
        self._buf.append("".join(out))
        if len(self._buf) >= 256:
            self.flush()
        return r

    def flush(self) -> None:
        if self._buf:
            self._raw.write("".join(self._buf).encode("utf-8"))
            self._buf.clear()

    def autofilter(self, first_row: int, last_row: int, last_col: int) -> None:
        """An auto filter over rows first_row..last_row (1-based, the first is the captions)
        and columns A..last_col (0-based)."""
        self._autofilter = f"A{first_row}:{column_letter(last_col)}{last_row}"

    def finish(self) -> None:
        self.flush()
        tail = "</sheetData>"
        if self._autofilter:
            tail += f'<autoFilter ref="{self._autofilter}"/>'
        tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        self._raw.write((tail + "</worksheet>").encode("utf-8"))
        self._raw.close()
        self._wb._sheet_done(self._index, self._autofilter)



@contextlib.contextmanager
def xlsx_written(path: str | Path, title: str) -> Iterator["XlsxFile"]:
    """A workbook streamed into a temporary file beside `path` and moved into place when
    the block ends; a failure leaves nothing behind (a write error as a Swedish
    BookFileError naming the file)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with open(tmp, "wb") as fh:
            wb = XlsxFile(fh, title=title, creator="Finsam Bokföring")
            yield wb
            wb.close()
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise BookFileError(f"Excel-filen {target} kunde inte skrivas: {os_reason(exc)}.",
                            path=str(target)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
