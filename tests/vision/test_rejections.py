"""Damaged documents are rejected with the place named, and the database stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA
from toshiken.core.runtime import Runtime
from toshiken.vision.load import current_vision, load_document
from toshiken.vision.reader import read_vision
from toshiken.vision.report import VisionError
from toshiken.vision.store import stored_hash


def _changed_budget(text: str) -> str:
    # 産学連携支援事業 FY2021: 5,334 -> 5,335 (the row's 合計 stays 29,582)
    return text.replace("\t5,334\t5,321\t", "\t5,335\t5,321\t", 1)


def _unknown_member(text: str) -> str:
    return text.replace(
        "関係市町村\t熊本市、西原村、益城町", "関係市町村\t熊本市、西原村、八代市", 1
    )


def _truncated(text: str) -> str:
    return text[: len(text) // 2]


def _reject(text: str, reference_text: str) -> VisionError:
    with pytest.raises(VisionError) as caught:
        read_vision(text, reference_text, "damaged.txt")
    return caught.value


def test_changed_budget_figure(vision_text: str, reference_text: str) -> None:
    error = _reject(_changed_budget(vision_text), reference_text)
    [finding] = error.report.errors
    assert finding.line == 811
    assert "合計 is 29,582 but FY2021–FY2025 add up to 29,583" in finding.message


def test_unknown_municipality(vision_text: str, reference_text: str) -> None:
    error = _reject(_unknown_member(vision_text), reference_text)
    [finding] = error.report.errors
    assert "'八代市', not a member" in finding.message
    assert finding.line == 1643


def test_truncated_document(vision_text: str, reference_text: str) -> None:
    error = _reject(_truncated(vision_text), reference_text)
    messages = " ".join(f.message for f in error.report.errors)
    assert "truncated" in messages


def test_changed_population_breaks_the_area_total(vision_text: str, reference_text: str) -> None:
    text = vision_text.replace("合志市\t63,892", "合志市\t63,893", 1)
    error = _reject(text, reference_text)
    assert "圏域合計 人口 is 1344725 but the rows add up to 1344726" in str(error)


def test_bad_check_digit_in_reference(vision_text: str, reference_text: str) -> None:
    with pytest.raises(ValueError, match="row 10, column code"):
        read_vision(vision_text, reference_text.replace("432164", "432165"))


@pytest.mark.parametrize("damage", [_changed_budget, _unknown_member, _truncated])
def test_rejection_leaves_the_database_as_it_was(
    damage: object, runtime: Runtime, vision_text: str, tmp_path: Path
) -> None:
    load_document(runtime.sessions, DATA / "vision-2025-03.txt", DATA)
    before_hash = stored_hash(runtime.sessions())
    before = current_vision(runtime.sessions)
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(damage(vision_text), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(VisionError):
        load_document(runtime.sessions, damaged, DATA)
    assert stored_hash(runtime.sessions()) == before_hash
    assert current_vision(runtime.sessions) == before
