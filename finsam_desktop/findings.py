"""One kind of finding for everything the program checks or reads.

A finding is what a check, a reader or an importer has to say: an error that refuses
(or blocks a bokslut), a warning the user should read, or a check that passed. The
message is a complete Swedish sentence; `path`, `line` and `field` say where, for a
program (a preview table, a jump to the line); `check` names the check that made it and
`fix` the place where the user fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
OK = "ok"

SEVERITY_LABELS = {ERROR: "Fel", WARNING: "Varning", OK: "OK"}


@dataclass(frozen=True)
class Finding:
    severity: str              # ERROR, WARNING or OK
    message: str               # Swedish, names the file and line where there is one
    path: str = ""
    line: int | None = None
    field: str | None = None
    check: str = ""            # the id of the check that made it, e.g. "bank"
    title: str = ""            # the check's short Swedish name
    fix: str = ""              # where the user fixes it: drafts, bank, accruals, ...

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def ok(self) -> bool:
        return self.severity == OK

    @property
    def label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)


class WithFindings:
    """Errors and warnings of anything that carries a `findings` list."""

    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_warning]
