"""Check a draft and turn it into the next revision's text, with the reader's own checks."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
from dataclasses import dataclass
from dataclasses import field as attribute
from datetime import date

from toshiken.core.codes import is_valid_code
from toshiken.core.i18n import N_
from toshiken.revisions.model import long_title
from toshiken.vision.diff import TEXT_FIELDS
from toshiken.vision.model import FISCAL_YEARS, Initiative, Vision
from toshiken.vision.reader import read_vision
from toshiken.vision.render import render_text
from toshiken.vision.report import VisionError

REFERENCE_HEADER = ("code", "name", "reading", "name_en")


@dataclass(frozen=True)
class Problem:
    """Why a draft cannot be published: where (initiative, KPI, member), which field, what."""

    place: str
    field: str
    message: str  # a Japanese msgid of the catalog, formatted with params
    params: dict[str, str] = attribute(default_factory=dict)

    @property
    def text(self) -> str:
        return self.message % self.params if self.params else self.message

    def __str__(self) -> str:
        return f"{self.place}: {self.field}: {self.text}"

    def as_dict(self) -> dict[str, str]:
        return {"place": self.place, "field": self.field, "message": self.text}


class PublishError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("the draft cannot be published:\n" + "\n".join(f"  {p}" for p in problems))


@dataclass(frozen=True)
class Prepared:
    """The next revision: the vision as the reader reads it back, its text and reference file."""

    vision: Vision
    text: str
    reference: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def dataset_sha256(self) -> str:
        return dataset_hash(self.text, self.reference)


def dataset_hash(text: str, reference: str) -> str:
    """The hash the vision tables carry, computed as `toshiken load` does (text + reference)."""
    return hashlib.sha256(text.encode() + reference.encode()).hexdigest()


def problems(vision: Vision) -> list[Problem]:
    """Everything that stops publication and can be named by initiative and field."""
    found: list[Problem] = []
    members = {m.code for m in vision.municipalities}
    names: dict[str, int] = {}
    for m in vision.municipalities:
        names[m.name] = names.get(m.name, 0) + 1
        if not is_valid_code(m.code):
            found.append(
                Problem(
                    m.name,
                    "団体コード",
                    N_("%(code)s は全国地方公共団体コードではありません"),
                    {"code": m.code},
                )
            )
    found += [
        Problem(n, "市町村名", N_("同じ名称の構成市町村があります"))
        for n, c in names.items()
        if c > 1
    ]
    for i in vision.initiatives:
        found += _initiative(i, members)
    for k in vision.kpis:
        if not k.name.strip():
            found.append(Problem(f"KPI {k.number}", "KPI", N_("名称が空です")))
    return found


def _initiative(i: Initiative, members: set[str]) -> list[Problem]:
    place = f"{i.label} {i.title}"
    found = []
    if not i.title.strip():
        found.append(Problem(place, "取組名", N_("名称が空です")))
    strangers = [c for c in i.participants if c not in members]
    if strangers:
        found.append(
            Problem(
                place,
                "関係市町村",
                N_("%(codes)s は構成市町村ではありません"),
                {"codes": "、".join(strangers)},
            )
        )
    if not i.participants:
        found.append(Problem(place, "関係市町村", N_("関係市町村がありません")))
    if i.all_members and set(i.participants) != members:
        found.append(
            Problem(place, "関係市町村", N_("全市町村ですが、全構成市町村が含まれていません"))
        )
    stated = sum(v for v in i.budget.values() if v is not None)
    if stated != i.budget_total:
        years = " + ".join(f"{i.budget.get(fy) or 0:,}" for fy in FISCAL_YEARS)
        found.append(
            Problem(
                place, "事業費 合計",
                N_("合計 %(total)s 千円が年度の和（%(years)s = %(sum)s 千円）と一致しません"),
                {"total": f"{i.budget_total:,}", "years": years, "sum": f"{stated:,}"},
            )
        )  # fmt: skip
    if any(v is not None and v < 0 for v in i.budget.values()):
        found.append(Problem(place, "事業費", N_("負の金額があります")))
    for name in (*TEXT_FIELDS[:-1], "title"):
        if "\t" in getattr(i, name):
            found.append(Problem(place, name, N_("タブ文字は使えません")))
    return found


def reference_for(vision: Vision, base_reference: str) -> str:
    """The base revision's municipalities.csv plus a row for each member joining in this draft."""
    rows = list(csv.reader(io.StringIO(base_reference)))
    known = {row[0] for row in rows[1:] if row}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows or [REFERENCE_HEADER])
    for m in vision.municipalities:
        if m.code not in known:
            writer.writerow((m.code, m.name, m.reading, m.name_en))
    return out.getvalue()


def prepare(draft: Vision, base_reference: str, day: date) -> Prepared:
    """The draft as the next revision dated `day`; raises PublishError naming each problem.

    The draft is rendered as the document's text and read back by the reader, so a published
    revision passes every check a loaded document passes (totals, members, numbering …) and
    reading its text gives back exactly its data.
    """
    found = problems(draft)
    if found:
        raise PublishError(found)
    title = long_title(day)
    vision = dataclasses.replace(draft, revision=title, revisions=(*draft.revisions, title))
    reference = reference_for(vision, base_reference)
    text = render_text(vision)
    try:
        again = read_vision(text, reference, source_name="draft.txt").vision
    except VisionError as exc:
        raise PublishError(
            [Problem(f"line {f.line}", "本文", f.message) for f in exc.report.errors]
        ) from exc
    mismatch = _mismatch(vision, again)
    if mismatch:
        raise PublishError(mismatch)
    return Prepared(again, text, reference)


def _mismatch(wanted: Vision, got: Vision) -> list[Problem]:
    """What the document's format could not carry (text the reader would read differently)."""
    if wanted == got:
        return []
    found = []
    for a, b in zip(wanted.initiatives, got.initiatives, strict=False):
        fields = [f.name for f in dataclasses.fields(a) if getattr(a, f.name) != getattr(b, f.name)]
        if fields:
            found.append(
                Problem(f"{a.label} {a.title}", ", ".join(fields), N_("文書の形式で表せません"))
            )
    if not found:
        found.append(Problem("vision", "本文", N_("文書の形式で表せません")))
    return found
