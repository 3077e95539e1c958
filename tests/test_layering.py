"""The layers of docs/ARCHITECTURE.md hold: every import of the program is read with
`ast` (also imports inside functions) and checked against the rules. A failure names
the file, the line and the rule broken."""

from __future__ import annotations

import ast
from pathlib import Path

import finsam_desktop

PACKAGE = Path(finsam_desktop.__file__).resolve().parent
ROOT = "finsam_desktop"

# What each part of the program may import (besides itself and the standard library),
# as in docs/ARCHITECTURE.md. The foundation modules import only each other.
FOUNDATION = {"money", "errors", "files", "findings", "paths", "arguments"}
ALLOWED = {
    "foundation": set(),
    "book": set(),
    "bank": set(),
    "reports": {"book"},
    "exchange": {"book", "reports"},
    "render": {"reports", "bank"},
    "closing": {"book", "reports", "exchange", "render"},
    "ops": {"book", "reports", "exchange", "closing", "bank"},
    "demo": {"book", "reports", "closing", "ops"},
    "cli": {"book", "reports", "exchange", "render", "closing", "ops", "demo", "bank"},
    "ui": {"book", "reports", "exchange", "render", "closing", "ops", "demo", "bank"},
    "__main__": {"cli"},
}
SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "DROP ", "ALTER ", "PRAGMA ")


def _part(module: str) -> str:
    """'finsam_desktop.book.core' -> 'book'; a foundation module -> 'foundation'."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != ROOT:
        return ""
    top = parts[1]
    if top in FOUNDATION or not ((PACKAGE / top).is_dir() or (PACKAGE / f"{top}.py").exists()):
        return "foundation"  # also names of the package itself, e.g. __version__
    return top


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in the file, wherever it stands."""
    module = module or _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.level and not node.module:
                out += [(node.lineno, f"{target}.{a.name}") for a in node.names]
            else:
                out.append((node.lineno, target))
    return out


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{line}"


def _part_of(path: Path) -> str:
    return _part(_module_name(path))


def test_sqlite_and_sql_only_in_book():
    bad = []
    for path in _sources():
        if _part_of(path) == "book":
            continue
        bad += [f"{_where(path, ln)} imports {m}" for ln, m in _imports(path)
                if m.split(".")[0] in ("sqlite3", "sqlite_utils", "apsw")]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and node.value.lstrip().upper().startswith(SQL_WORDS) \
                    and node.value.lstrip()[:6].isupper():
                bad.append(f"{_where(path, node.lineno)} holds SQL: {node.value.strip()[:40]!r}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("execute", "executemany", "executescript"):
                bad.append(f"{_where(path, node.lineno)} calls .{node.func.attr}()")
    assert bad == [], "SQL outside book/:\n" + "\n".join(bad)


def test_qt_only_in_ui():
    bad = [f"{_where(path, ln)} imports {m}" for path in _sources() if _part_of(path) != "ui"
           for ln, m in _imports(path) if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")]
    assert bad == [], "Qt outside ui/:\n" + "\n".join(bad)


def _our_imports():
    """(path, line, importing part, imported part) for every import of our own code."""
    for path in _sources():
        src = _part_of(path)
        for ln, m in _imports(path):
            dst = _part(m)
            if dst and dst != src:
                yield path, ln, src, dst


def test_book_imports_nothing_above_it():
    bad = [f"{_where(p, ln)} imports {dst}/" for p, ln, src, dst in _our_imports()
           if src == "book" and dst != "foundation"]
    assert bad == [], "book/ imports a layer above it:\n" + "\n".join(bad)


def test_render_never_imports_book():
    bad = [f"{_where(p, ln)} imports book/" for p, ln, src, dst in _our_imports()
           if src == "render" and dst == "book"]
    assert bad == [], "render/ reads the book:\n" + "\n".join(bad)


def test_every_import_between_parts_is_allowed():
    bad = [f"{_where(p, ln)}: {src} imports {dst}" for p, ln, src, dst in _our_imports()
           if dst != "foundation" and dst not in ALLOWED.get(src, set())]
    assert bad == [], "imports across layers that docs/ARCHITECTURE.md does not allow:\n" + "\n".join(bad)


def test_no_cycle_between_packages():
    edges: dict[str, set[str]] = {}
    for _p, _ln, src, dst in _our_imports():
        edges.setdefault(src, set()).add(dst)
    # Tarjan's strongly connected components: any component of more than one part is a cycle.
    index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            visit(v)
    assert cycles == [], f"packages that import each other: {cycles}"


def test_the_checker_resolves_relative_and_lazy_imports(tmp_path):
    """A renderer that reads the book inside a function, two packages up, is caught."""
    fake = tmp_path / "fake.py"
    fake.write_text("def f():\n    from ..book import Book\n    from . import pdf\n    import PySide6.QtCore\n")
    found = {_part(m) or m for _ln, m in _imports(fake, module="finsam_desktop.render.fake")}
    assert found == {"book", "render", "PySide6.QtCore"}
