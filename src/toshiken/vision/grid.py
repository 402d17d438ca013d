"""The participation matrix's table cells as HTML, built once per vision, filter and language.

69 rows × 24 cells are ~1,700 cells: rendering them through Jinja (an escape and a Markup per
cell) cost most of the /matrix page's time, so the cells are joined here from pre-escaped pieces
and remembered like the page's data. The template keeps the table's frame and its labels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from toshiken.core.i18n import gettext, with_language
from toshiken.vision import pages
from toshiken.vision.current import per_vision
from toshiken.vision.model import Vision

Rows = Sequence[Mapping[str, object]]


@dataclass(frozen=True)
class MatrixCells:
    """The member column headers, the body rows and the footer's counts, escaped."""

    head: Markup
    body: Markup
    foot: Markup


@per_vision
def matrix_cells(
    vision: Vision, pillar: int | None, policy: str | None, municipality: str | None, lang: str
) -> MatrixCells:
    """The cells of /matrix for these filters (validated by the caller) in this language."""
    page = pages.matrix(vision, pillar, policy, municipality)
    members: Rows = page["municipalities"]  # type: ignore[assignment]
    name = "name" if lang == "ja" else "name_en"
    links = [escape(with_language(f"/municipalities/{m['code']}", lang)) for m in members]
    head = "".join(
        f'<th scope="col" class="v"><a href="{href}">{escape(m[name])}</a></th>'
        for href, m in zip(links, members, strict=True)
    )
    foot = "".join(f'<td class="num">{escape(m["initiatives"])}</td>' for m in members)
    return MatrixCells(Markup(head), _body(page["initiatives"], lang), Markup(foot))  # type: ignore[arg-type]


def _body(rows: Rows, lang: str) -> Markup:
    """The `<tr>`s: a row header linking to the initiative, one cell per member, the count."""
    yes = f'<td class="yes"><span class="vh">{escape(gettext(lang, "参加"))}</span></td>'
    cell = {True: yes, False: "<td></td>"}
    lines = []
    for row in rows:
        href = escape(with_language(f"/initiatives/{row['id']}", lang))
        takes_part: Sequence[bool] = row["takes_part"]  # type: ignore[assignment]
        lines.append(
            f'<tr><th scope="row"><a href="{href}"><span class="label">{escape(row["label"])}'
            f'</span> <span lang="ja">{escape(row["title"])}</span></a></th>'
            + "".join(cell[bool(x)] for x in takes_part)
            + f'<td class="num">{escape(row["participant_count"])}</td></tr>\n'
        )
    return Markup("".join(lines))
