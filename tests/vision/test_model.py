"""Looking up an initiative, a policy area and a KPI in the Vision."""

from __future__ import annotations

from toshiken.vision.reader import ReadResult


def test_lookups_find_by_id_and_give_none_for_an_unknown_one(read_result: ReadResult) -> None:
    vision = read_result.vision
    initiative = vision.initiative_by_id("3-2-2")
    policy = vision.policy_by_id("3-2")
    kpi = vision.kpi_by_number(13)
    assert initiative is not None and initiative.id == "3-2-2"
    assert policy is not None and policy.id == "3-2"
    assert kpi is not None and kpi.number == 13
    assert vision.initiative_by_id("9-9-9") is None
    assert vision.policy_by_id("3-99") is None
    assert vision.kpi_by_number(14) is None
