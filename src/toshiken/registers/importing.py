"""An import as a plan: every row checked against the declaration and the reader's rights, or
every problem named by row and column; nothing is written unless every row is good."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from toshiken.core.text import nfkc
from toshiken.registers.files import Grid
from toshiken.registers.model import Register
from toshiken.registers.tables import CODE, ID, NAME
from toshiken.registers.validate import MUNICIPALITY, Cleaned, clean_entry


@dataclass(frozen=True)
class RowError:
    """A problem with its place: the file's row (1 = the header) and column (letter and header)."""

    row: int
    column: str
    header: str
    message: str

    def __str__(self) -> str:
        place = f"{self.row}行目" + (
            f"・{self.column}列（{self.header}）"
            if self.column
            else f"（{self.header}）"
            if self.header
            else ""
        )
        return f"{place}：{self.message}"

    def as_row(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "header": self.header,
                "message": self.message}  # fmt: skip


class ImportRejected(ValueError):
    """The file as a whole is refused; `errors` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


Plan = list[tuple[int | None, Cleaned]]
"""(entry id to update, or None to create; the checked values), in the file's order."""


def plan_import(
    register: Register,
    grid: Grid,
    members: Mapping[str, str],
    existing: Mapping[int, str],
    may_edit: Callable[[str], bool],
) -> Plan:
    """Check every row; raise ImportRejected with each problem, or return what to write.

    `existing` maps the register's entry ids to their municipality; `may_edit` says whether the
    importer may write a municipality's entries (staff their own, the secretariat every one).
    """
    rows = grid
    if not any(any(c.strip() for c in r) for r in rows):
        raise ImportRejected([RowError(1, "", "", "見出しの行がありません")])
    columns, errors = _header(register, rows[0])
    plan: Plan = []
    seen: set[int] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        raw = {key: (row[i] if i < len(row) else "") for i, key in columns.items()}
        place = {key: i for i, key in columns.items()}

        def error(
            key: str, message: str, number: int = number, place: dict[str, int] = place
        ) -> None:
            index = place.get(key)
            letter = get_column_letter(index + 1) if index is not None else ""
            header = rows[0][index].strip() if index is not None else ""
            errors.append(RowError(number, letter, header, message))

        entry_id = _entry_id(raw.get(ID.key, ""), existing, seen, error)
        code_text = raw.get(CODE.key, "").strip() or raw.get(NAME.key, "").strip()
        cleaned, problems = clean_entry(register, {**raw, MUNICIPALITY: code_text}, members)
        for p in problems:
            error(CODE.key if p.field == MUNICIPALITY and CODE.key in place else
                  NAME.key if p.field == MUNICIPALITY else p.field, p.message)  # fmt: skip
        if cleaned is None:
            continue
        if not may_edit(cleaned.municipality_code):
            error(CODE.key, f"{members[cleaned.municipality_code]}の登録は変更できません")
        elif entry_id is not None and not may_edit(existing[entry_id]):
            error(ID.key, f"ID {entry_id} は{members.get(existing[entry_id], '')}の登録です")
        else:
            plan.append((entry_id, cleaned))
    if errors:
        raise ImportRejected(errors)
    return plan


def _header(register: Register, header: list[str]) -> tuple[dict[int, str], list[RowError]]:
    """Column index → key, matching headers by Japanese label, English label or key."""
    known = {
        nfkc(name).strip().lower(): key for key, names in _names(register).items() for name in names
    }
    columns: dict[int, str] = {}
    errors: list[RowError] = []
    for index, text in enumerate(header):
        if not text.strip():
            continue
        key = known.get(nfkc(text).strip().lower())
        letter = get_column_letter(index + 1)
        if key is None:
            errors.append(RowError(1, letter, text, "この登録簿にない項目です"))
        elif key in columns.values():
            errors.append(RowError(1, letter, text, "同じ項目の列が2つあります"))
        else:
            columns[index] = key
    present = set(columns.values())
    if CODE.key not in present and NAME.key not in present:
        errors.append(
            RowError(
                1, "", CODE.label, "市町村の列（全国地方公共団体コードか市町村名）がありません"
            )
        )
    errors.extend(
        RowError(1, "", f.label, "必須項目の列がありません")
        for f in register.fields if f.required and f.key not in present
    )  # fmt: skip
    return columns, errors


def _names(register: Register) -> dict[str, tuple[str, ...]]:
    fixed = {c.key: (c.key, c.label, c.label_en) for c in (ID, CODE, NAME)}
    return {**fixed, **{f.key: (f.key, f.label, f.label_en) for f in register.fields}}


def _entry_id(
    text: str, existing: Mapping[int, str], seen: set[int], error: Callable[[str, str], None]
) -> int | None:
    text = nfkc(text).strip()
    if not text:
        return None
    if not text.isdigit() or int(text) not in existing:
        error(ID.key, f"ID「{text}」の登録はありません（新しい登録はIDを空欄に）")
        return None
    if int(text) in seen:
        error(ID.key, f"ID {text} の行が2つあります")
        return None
    seen.add(int(text))
    return int(text)
