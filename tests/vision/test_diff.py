"""Diffs between revisions name what changed, with budget totals per fiscal year."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from toshiken.vision.diff import BudgetChange, diff_visions
from toshiken.vision.reader import ReadResult


def test_same_vision_has_no_changes(read_result: ReadResult) -> None:
    diff = diff_visions(read_result.vision, read_result.vision)
    assert diff.empty
    assert diff.budget_total_before == diff.budget_total_after == 15_646_448


def test_budget_participants_title_and_kpi_changes(read_result: ReadResult) -> None:
    v = read_result.vision
    first = v.initiatives[0]
    edited = dataclasses.replace(
        first,
        title="産学連携支援事業（改）",
        participants=first.participants[:-1],
        budget={**first.budget, 2025: 7_000},
        budget_total=first.budget_total - 6_669 + 7_000,
    )
    kpi = dataclasses.replace(v.kpis[1], target=Decimal(1500))
    after = dataclasses.replace(
        v,
        initiatives=(edited, *v.initiatives[1:-1]),
        kpis=(v.kpis[0], kpi, *v.kpis[2:]),
    )
    diff = diff_visions(v, after)
    assert diff.removed == (v.initiatives[-1].id,)
    [change] = diff.changed
    assert change.renamed_from == "産学連携支援事業"
    assert change.left == ("434477",)
    assert change.budget == (BudgetChange(2025, 6_669, 7_000),)
    assert (change.total_before, change.total_after) == (29_582, 29_913)
    assert diff.kpis[0].changes == (("target", "1190", "1500"),)
    removed_total = v.initiatives[-1].budget_total
    assert diff.budget_total_after == 15_646_448 + 331 - removed_total
    assert diff.budget_by_year[2025][1] - diff.budget_by_year[2025][0] == 331 - (
        v.initiatives[-1].budget[2025] or 0
    )
