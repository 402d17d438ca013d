"""Population sets: the vision's base-data table, and sets read from CSV or Excel all-or-nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from toshiken.core.text import nfkc
from toshiken.costs.model import PopulationSet
from toshiken.costs.usage import Problem, UsageFileError, file_rows
from toshiken.vision.model import Vision

VISION_ORIGIN = "vision"
FILE_ORIGIN = "file"
COLUMNS: dict[str, tuple[str, ...]] = {
    "municipality": ("市町村", "市町村名", "団体コード", "municipality", "code"),
    "population": ("人口", "population"),
}


class PopulationFileError(ValueError):
    """The population file was refused; nothing was saved. ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("人口データを読み込めません:\n" + "\n".join(map(str, problems)))


def vision_population(vision: Vision) -> PopulationSet:
    """The vision's base-data table as the first population set (名前に基準日を含む)."""
    return PopulationSet(
        name=f"ビジョン基礎データ（{vision.population_as_of.isoformat()}）",
        as_of=vision.population_as_of,
        source=vision.population_source,
        populations={m.code: m.population for m in vision.municipalities},
    )


def parse_population_file(
    data: bytes,
    municipalities: Mapping[str, str],
    *,
    name: str,
    as_of: date,
    source: str,
) -> PopulationSet:
    """A set from CSV or .xlsx bytes with columns 市町村 (name or code) and 人口.

    Every member must have exactly one row with a whole, non-negative population.
    """
    try:
        rows = file_rows(data)
    except UsageFileError as error:
        raise PopulationFileError(error.problems) from error
    return parse_population_rows(rows, municipalities, name=name, as_of=as_of, source=source)


def parse_population_rows(
    rows: Sequence[Sequence[str]],
    municipalities: Mapping[str, str],
    *,
    name: str,
    as_of: date,
    source: str,
) -> PopulationSet:
    """A set from text rows (the first is the header); raise with every problem found."""
    problems: list[Problem] = []
    if not name.strip():
        problems.append(Problem(0, "名前", "人口データの名前がありません"))
    if not source.strip():
        problems.append(Problem(0, "出典", "出典がありません"))
    if not rows:
        raise PopulationFileError([*problems, Problem(0, "ファイル", "空のファイルです")])
    columns = _columns(rows[0], problems)
    if len(columns) < len(COLUMNS):
        raise PopulationFileError(problems)
    lookup = {nfkc(n).strip(): code for code, n in municipalities.items()}
    lookup.update({code: code for code in municipalities})
    found: dict[str, int] = {}
    first_row: dict[str, int] = {}
    where = {f: header for f, (_, header) in columns.items()}
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        cells = {f: (raw[i].strip() if i < len(raw) else "") for f, (i, _) in columns.items()}
        code = lookup.get(nfkc(cells["municipality"]).strip())
        if not cells["municipality"]:
            problems.append(Problem(number, where["municipality"], "値がありません"))
        elif code is None:
            reason = f"市町村名・団体コードとして知られていません: {cells['municipality']!r}"
            problems.append(Problem(number, where["municipality"], reason))
        elif code in first_row:
            reason = f"{first_row[code]}行目と同じ市町村が重複しています"
            problems.append(Problem(number, where["municipality"], reason))
            code = None
        else:
            first_row[code] = number
        people = _population(cells["population"], number, where["population"], problems)
        if code is not None and people is not None:
            found[code] = people
    for code, member in municipalities.items():
        if code not in first_row:
            problems.append(Problem(0, "人口", f"{member}（{code}）の人口がありません"))
    if problems:
        raise PopulationFileError(problems)
    ordered = {code: found[code] for code in municipalities}
    return PopulationSet(name=name.strip(), as_of=as_of, source=source.strip(), populations=ordered)


def _columns(header: Sequence[str], problems: list[Problem]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for index, text in enumerate(header):
        key = nfkc(text).strip().lower()
        for field, names in COLUMNS.items():
            if key in (nfkc(n).lower() for n in names):
                if field in found:
                    problems.append(Problem(1, text, "同じ列が2つあります"))
                found[field] = (index, text.strip())
    for field, names in COLUMNS.items():
        if field not in found:
            problems.append(Problem(1, names[0], "列がありません"))
    return found


def _population(text: str, row: int, column: str, problems: list[Problem]) -> int | None:
    value = nfkc(text).replace(",", "").strip()
    if not value:
        problems.append(Problem(row, column, "人口がありません"))
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        problems.append(Problem(row, column, f"数値ではありません: {text!r}"))
    elif number < 0:
        problems.append(Problem(row, column, f"負の値です: {text}"))
    elif number != number.to_integral_value():
        problems.append(Problem(row, column, f"整数ではありません: {text}"))
    else:
        return int(number)
    return None
