"""The load report: every repair, warning and error found while reading the document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "repair", "warning"]


@dataclass(frozen=True)
class Finding:
    """One thing the reader noticed, with the line of the document it concerns."""

    level: Level
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.level}: line {self.line}: {self.message}"


@dataclass
class LoadReport:
    """Collects findings; the reader raises VisionError at the end if any is an error."""

    source: str
    findings: list[Finding] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.findings.append(Finding("error", line, message))

    def repair(self, line: int, message: str) -> None:
        self.findings.append(Finding("repair", line, message))

    def warning(self, line: int, message: str) -> None:
        self.findings.append(Finding("warning", line, message))

    def of_level(self, level: Level) -> list[Finding]:
        return [f for f in self.findings if f.level == level]

    @property
    def errors(self) -> list[Finding]:
        return self.of_level("error")

    def raise_if_errors(self) -> None:
        if self.errors:
            raise VisionError(self)


class VisionError(Exception):
    """The document was rejected; nothing was written."""

    def __init__(self, report: LoadReport) -> None:
        self.report = report
        lines = "\n".join(f"  {self.report.source}:{f.line}: {f.message}" for f in report.errors)
        super().__init__(
            f"the vision document was rejected ({len(report.errors)} errors):\n{lines}"
        )
