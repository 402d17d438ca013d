"""The document as numbered lines, with the cell and number readers the reader shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from toshiken.core.text import nfkc, strip_html

_NUMBER = re.compile(r"^[+\-▲]?\d{1,3}(,\d{3})*(\.\d+)?$|^[+\-▲]?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Line:
    """A line of the document and its 1-based number."""

    number: int
    text: str

    @property
    def cells(self) -> list[str]:
        """The tab-separated cells, HTML fragments removed, trailing empty cells dropped."""
        cells = [strip_html(c) for c in self.text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        return cells

    @property
    def raw_cells(self) -> list[str]:
        """The tab-separated cells as printed (aligned with a header row by position)."""
        return [c.strip() for c in self.text.split("\t")]

    @property
    def blank(self) -> bool:
        return not self.text.strip()


class Document:
    """The text split into lines, with a cursor-free way to search forward."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.lines = [Line(i, t.rstrip("\r")) for i, t in enumerate(text.split("\n"), start=1)]

    def __len__(self) -> int:
        return len(self.lines)

    def at(self, number: int) -> Line:
        return self.lines[number - 1]

    def after(self, number: int) -> Iterator[Line]:
        """Lines after the given line number."""
        yield from self.lines[number:]

    def find(
        self, predicate: Callable[[str], bool], start: int = 0, stop: int | None = None
    ) -> Line | None:
        """The first line after `start` (a line number) whose text satisfies the predicate."""
        for line in self.lines[start:stop]:
            if predicate(line.text):
                return line
        return None

    def find_exact(self, text: str, start: int = 0) -> Line | None:
        return self.find(lambda t: t.strip() == text, start)


def parse_int(text: str) -> int:
    """'1,344,725' -> 1344725; '+4,253' -> 4253; '▲12' -> -12. Raises ValueError otherwise."""
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def parse_decimal(text: str) -> Decimal:
    """A printed number as an exact Decimal; '-' and '' are errors (callers decide on blanks)."""
    cleaned = nfkc(text).strip()
    if not _NUMBER.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    cleaned = cleaned.replace(",", "").replace("▲", "-").lstrip("+")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already excludes this
        raise ValueError(f"not a number: {text!r}") from exc


def despace_number(text: str) -> str:
    """'7, 220, 500 台/年' -> '7,220,500 台/年': spaces the PDF conversion put inside numbers."""
    return re.sub(r"(?<=\d),\s+(?=\d)", ",", text)
