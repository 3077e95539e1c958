"""Operations on the årsredovisning's registers: deltagare per insats (one row or a CSV
file of figures taken from SUS), goals, earlier years' key figures and the organisation.
Each is one transaction; bad input is refused with a Swedish message naming the file,
line and field, and nothing of a refused file is saved."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..book import Book
from ..book.annual import (GOAL_KINDS, GOAL_METRICS, VERDICTS, Goal, HistoryYear, ParticipantFigures)
from ..errors import InputError
from ..files import read_input

# CSV columns: header name -> field. The header may use either spelling.
CSV_COLUMNS = {
    "insats": "code", "år": "year", "ar": "year", "åldersgrupp": "age_group", "aldersgrupp": "age_group",
    "mål": "target", "mal": "target", "kvinnor": "women", "män": "men", "man": "men",
    "till_arbete": "ended_work", "till_studier": "ended_studies", "till_annan_insats": "ended_other_insats",
    "annan_anledning": "ended_other",
}
REQUIRED = ("code", "year", "women", "men")
COUNT_FIELDS = ("target", "women", "men", "ended_work", "ended_studies", "ended_other_insats", "ended_other")
FIELD_LABELS = {"target": "mål", "women": "kvinnor", "men": "män", "ended_work": "till_arbete",
                "ended_studies": "till_studier", "ended_other_insats": "till_annan_insats",
                "ended_other": "annan_anledning"}


def _count(value: str, where: str, field: str, *, optional: bool = False) -> int | None:
    text = (value or "").strip().replace(" ", "")
    if not text:
        if optional:
            return None
        return 0
    if not text.isdigit():
        raise InputError(f"{where}: fältet {field} ska vara ett antal (heltal 0 eller större), inte '{value}'.",
                         field=field)
    return int(text)


def checked_figures(f: ParticipantFigures, where: str) -> ParticipantFigures:
    """Refuse figures that cannot be true: more ended than deltagare."""
    for name in COUNT_FIELDS:
        v = getattr(f, name)
        if v is not None and v < 0:
            raise InputError(f"{where}: {FIELD_LABELS[name]} kan inte vara negativt.", field=FIELD_LABELS[name])
    if f.ended > f.total:
        raise InputError(f"{where}: {f.ended} avslutade men bara {f.total} deltagare (kvinnor + män); "
                         "fler kan inte ha avslutats än som deltog.", field="avslutade")
    return f


def save_participants(book: Book, figures: ParticipantFigures) -> ParticipantFigures:
    """Save one insats' deltagare of one year (and age group)."""
    if book.project(figures.project_id) is None:
        raise InputError(f"Insatsen {figures.project_id} finns inte.", field="insats")
    y = book.year(figures.year_id)
    if y is None:
        raise InputError(f"Räkenskapsåret {figures.year_id} finns inte.", field="år")
    checked_figures(figures, f"Insats {book.project(figures.project_id).code} {y.label}")
    book.set_participant_figures([figures])
    return figures


def read_participants_csv(book: Book, path: str | Path) -> list[ParticipantFigures]:
    """Read a CSV file of deltagare (e.g. taken from SUS) into figures, refusing the whole
    file on the first bad line: the message names the file, line and field.

    Columns (header row, ';' or ','): insats (code), år, åldersgrupp (optional), mål
    (optional), kvinnor, män, till_arbete, till_studier, till_annan_insats, annan_anledning."""
    p = Path(path)
    raw = read_input(p, kind="en CSV-fil", error=InputError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InputError(f"{p.name}: filen är tom; första raden ska vara rubrikerna "
                         "(insats;år;kvinnor;män;…).", path=str(p), line=1)
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        if h not in CSV_COLUMNS:
            raise InputError(f"{p.name} rad 1: okänd kolumn '{h}'. Kända kolumner: insats, år, åldersgrupp, mål, "
                             "kvinnor, män, till_arbete, till_studier, till_annan_insats, annan_anledning.",
                             path=str(p), line=1, field=h)
        cols[CSV_COLUMNS[h]] = i
    missing = [f for f in REQUIRED if f not in cols]
    if missing:
        names = {"code": "insats", "year": "år", "women": "kvinnor", "men": "män"}
        raise InputError(f"{p.name} rad 1: kolumnen {', '.join(names[m] for m in missing)} saknas.",
                         path=str(p), line=1, field=names[missing[0]])
    years = {y.label: y for y in book.years()}
    out: list[ParticipantFigures] = []
    seen: set = set()
    for lineno, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        where = f"{p.name} rad {lineno}"

        def cell(field: str) -> str:
            i = cols.get(field)
            return row[i] if i is not None and i < len(row) else ""
        try:
            code = cell("code").strip()
            project = book.project_by_code(code)
            if project is None:
                raise InputError(f"{where}: insatsen '{code}' finns inte i boken.", field="insats")
            label = cell("year").strip()
            if label not in years:
                raise InputError(f"{where}: år '{label}' är inget räkenskapsår i boken.", field="år")
            age = cell("age_group").strip()
            key = (project.id, years[label].id, age)
            if key in seen:
                raise InputError(f"{where}: insats {code} år {label}"
                                 f"{' åldersgrupp ' + age if age else ''} står redan på en tidigare rad.",
                                 field="insats")
            seen.add(key)
            counts = {f: _count(cell(f), where, FIELD_LABELS[f], optional=f == "target") for f in COUNT_FIELDS}
            out.append(checked_figures(ParticipantFigures(project.id, years[label].id, age, **counts), where))
        except InputError as exc:
            exc.path, exc.line = str(p), lineno
            raise
    if not out:
        raise InputError(f"{p.name}: filen har inga rader med deltagare.", path=str(p))
    return out


def import_participants_csv(book: Book, path: str | Path) -> list[ParticipantFigures]:
    """Read and save every line of a CSV file of deltagare, all or nothing."""
    rows = read_participants_csv(book, path)
    closed = {y.id for y in book.years() if y.status == "closed"}
    for f in rows:
        if f.year_id in closed:
            label = book.year(f.year_id).label
            raise InputError(f"Räkenskapsåret {label} är stängt; deltagare för {label} kan inte läsas in.",
                             path=str(path), field="år")
    book.set_participant_figures(rows)
    return rows


def save_goal(book: Book, goal_id: int | None, year_id: int, *, kind: str, title: str, measure: str = "",
              metric: str | None = None, target: int | None = None, outcome: str = "",
              verdict: str | None = None) -> Goal:
    """Add (goal_id None) or change one goal. A goal with a metric needs a target and its
    verdict is computed, so a typed verdict is not kept for it."""
    if kind not in GOAL_KINDS:
        raise InputError(f"Måltypen '{kind}' finns inte (verksamhet eller finansiell).", field="typ")
    if not title.strip():
        raise InputError("Målet saknar text.", field="mål")
    if metric is not None and metric not in GOAL_METRICS:
        raise InputError(f"Okänt mått '{metric}'.", field="mått")
    if metric is not None and target is None:
        raise InputError("Ett mål som räknas fram ur siffrorna behöver ett målvärde.", field="målvärde")
    if verdict is not None and verdict not in VERDICTS:
        raise InputError(f"Bedömningen '{verdict}' finns inte (uppfyllt, delvis, ej_uppfyllt).", field="bedömning")
    if metric is not None:
        verdict = None
    if goal_id is None:
        return book.add_goal(year_id, kind, title, measure=measure, metric=metric, target=target,
                             outcome=outcome, verdict=verdict)
    return book.update_goal(goal_id, kind=kind, title=title.strip(), measure=measure, metric=metric,
                            target=target, outcome=outcome, verdict=verdict)


def save_history_year(book: Book, h: HistoryYear) -> HistoryYear:
    """Enter one earlier year's key figures (from its årsredovisning) once."""
    if h.eget_kapital > h.summa_tillgangar:
        raise InputError(f"År {h.year}: eget kapital ({h.eget_kapital / 100:.0f} kr) kan inte vara större än "
                         "summa tillgångar.", field="eget_kapital")
    book.set_history_year(h)
    return h
