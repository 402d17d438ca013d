"""Render then read gives back exactly the same vision, for the loaded document and edits of it."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toshiken.vision.model import FISCAL_YEARS, Initiative, ScheduleItem, Vision
from toshiken.vision.reader import ReadResult, read_vision
from toshiken.vision.render import render_text

WORDS = st.text(
    alphabet=st.sampled_from(
        "圏域住民連携事業の推進と子育て支援図書館熊本市町村協議会一二三ABC123、。・"
    ),
    min_size=1,
    max_size=30,
)
PARAGRAPHS = st.lists(WORDS, min_size=1, max_size=3).map("\n".join)


def test_the_loaded_document_round_trips(read_result: ReadResult, reference_text: str) -> None:
    text = render_text(read_result.vision)
    again = read_vision(text, reference_text, "rendered.txt")
    assert again.vision == read_result.vision
    assert len(again.vision.initiatives) == 69
    assert sum(i.budget_total for i in again.vision.initiatives) == 15_646_448


@st.composite
def edited_initiative(draw: st.DrawFn, initiative: Initiative, codes: list[str]) -> Initiative:
    budget: dict[int, int | None] = {
        fy: draw(st.one_of(st.none(), st.integers(0, 10**9))) for fy in FISCAL_YEARS
    }
    chosen = draw(st.lists(st.sampled_from(codes), min_size=1, unique=True))
    participants = tuple(c for c in codes if c in chosen)
    schedule = tuple(
        ScheduleItem(draw(WORDS), tuple(sorted(draw(st.sets(st.sampled_from(FISCAL_YEARS))))))
        for _ in range(draw(st.integers(0, 3)))
    )
    return dataclasses.replace(
        initiative,
        title=draw(WORDS),
        participants=participants,
        all_members=False,
        description=draw(PARAGRAPHS),
        roles=f"<熊本市> {draw(WORDS)} <近隣市町村> {draw(WORDS)}",
        hub_role="",
        neighbour_role="",
        cost_sharing=draw(st.one_of(st.just(""), PARAGRAPHS)),
        schedule=schedule,
        budget=budget,
        budget_total=sum(v for v in budget.values() if v is not None),
        effect=draw(PARAGRAPHS),
    )


@st.composite
def edited_vision(draw: st.DrawFn, vision: Vision) -> Vision:
    codes = [m.code for m in vision.municipalities]
    initiatives = list(vision.initiatives)
    for index in draw(st.lists(st.integers(0, len(initiatives) - 1), max_size=4, unique=True)):
        initiatives[index] = draw(edited_initiative(initiatives[index], codes))
    kpis = list(vision.kpis)
    k = draw(st.integers(0, len(kpis) - 1))
    if kpis[k].target_kind == "reach":
        kpis[k] = dataclasses.replace(kpis[k], target=Decimal(draw(st.integers(1, 10**7))))
    return dataclasses.replace(vision, initiatives=tuple(initiatives), kpis=tuple(kpis))


def _split_roles(initiative: Initiative) -> Initiative:
    """hub_role / neighbour_role are derived from roles by the reader."""
    from toshiken.vision.initiatives import split_roles

    hub, neighbour = split_roles(initiative.roles)
    return dataclasses.replace(initiative, hub_role=hub, neighbour_role=neighbour)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_edits_round_trip(
    data: st.DataObject, read_result: ReadResult, reference_text: str
) -> None:
    vision = data.draw(edited_vision(read_result.vision))
    vision = dataclasses.replace(vision, initiatives=tuple(map(_split_roles, vision.initiatives)))
    again = read_vision(render_text(vision), reference_text, "edited.txt").vision
    assert again == vision
