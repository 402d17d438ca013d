"""Publishing: the reader's checks, and reading a revision's text gives back exactly its data."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.vision.test_render import edited_vision
from toshiken.core.codes import check_digit
from toshiken.revisions import edits
from toshiken.revisions.codec import vision_from_dict, vision_to_dict
from toshiken.revisions.publish import PublishError, prepare, problems
from toshiken.vision.initiatives import split_roles
from toshiken.vision.model import FISCAL_YEARS, Initiative, Vision
from toshiken.vision.reader import ReadResult, read_vision
from toshiken.vision.render import render_text

DAY = date(2026, 1, 15)
LETTERS = "圏域住民連携事業推進子育て支援図書館一二三ABC123、。"
WORD = st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=20)


def test_the_loaded_document_is_revision_1_with_every_figure(
    read_result: ReadResult, reference_text: str
) -> None:
    vision = read_result.vision
    again = read_vision(render_text(vision), reference_text, "revision-1.txt").vision
    assert again == vision
    assert len(again.initiatives) == 69
    assert [
        (i.id, i.title, i.participants, i.budget, i.budget_total) for i in again.initiatives
    ] == [(i.id, i.title, i.participants, i.budget, i.budget_total) for i in vision.initiatives]
    assert sum(i.budget_total for i in again.initiatives) == 15_646_448
    assert again.kpis == vision.kpis and again.municipalities == vision.municipalities


def _form(i: Initiative, **changes: object) -> dict[str, list[str]]:
    form: dict[str, list[str]] = {
        "title": [i.title], "participants": list(i.participants),
        "description": [i.description], "roles": [i.roles], "cost_sharing": [i.cost_sharing],
        "subsidies": [i.subsidies], "effect": [i.effect], "budget_total": [str(i.budget_total)],
    }  # fmt: skip
    if i.all_members:
        form["all_members"] = ["1"]
    for fy in FISCAL_YEARS:
        amount = i.budget.get(fy)
        form[f"budget_{fy}"] = ["" if amount is None else f"{amount:,}"]
    for n, item in enumerate(i.schedule):
        form[f"schedule_label_{n}"] = [item.label]
        form[f"schedule_{n}"] = [str(y) for y in item.years]
    form.update({k: v if isinstance(v, list) else [str(v)] for k, v in changes.items()})
    return form


@st.composite
def editor_edits(draw: st.DrawFn, vision: Vision) -> Vision:
    """Edits as the editor makes them: initiative forms, an added or removed one, a member."""
    codes = [m.code for m in vision.municipalities]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.sampled_from(vision.initiatives))
        budget = {fy: draw(st.one_of(st.none(), st.integers(0, 10**7))) for fy in FISCAL_YEARS}
        chosen = draw(st.lists(st.sampled_from(codes), min_size=1, unique=True))
        form = _form(
            i, title=draw(WORD), participants=chosen,
            description="\n".join(draw(st.lists(WORD, min_size=1, max_size=3))),
            budget_total=sum(v for v in budget.values() if v is not None),
            **{f"budget_{fy}": "" if v is None else f"{v:,}" for fy, v in budget.items()},
        )  # fmt: skip
        form.pop("all_members", None)
        vision = edits.edit_initiative(vision, i.id, form)
    if draw(st.booleans()):
        policy = draw(st.sampled_from(vision.policies))
        blank = _form(vision.initiatives[0], title=draw(WORD), participants=codes[:2])
        vision, _ = edits.add_initiative(vision, policy.id, blank)
    if draw(st.booleans()):
        gone = draw(st.sampled_from(vision.initiatives))
        vision = edits.remove_initiative(vision, gone.id)
    if draw(st.booleans()):
        code = "43205" + str(check_digit("43205"))
        member = {"code": [code], "name": ["水俣市"], "reading": ["ミナマタシ"],
                  "name_en": ["Minamata"], "population": ["22,364"], "households": ["10,917"],
                  "area_km2": ["163.29"]}  # fmt: skip
        vision = edits.join_member(vision, member)
    return vision


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_published_draft_reads_back_exactly(
    data: st.DataObject, read_result: ReadResult, reference_text: str
) -> None:
    draft = data.draw(editor_edits(read_result.vision))
    prepared = prepare(draft, reference_text, DAY)
    assert prepared.vision.revision == "令和8年（2026年）1月改定"
    expected = dataclasses.replace(
        draft, revision=prepared.vision.revision, revisions=prepared.vision.revisions
    )
    assert prepared.vision == expected
    again = read_vision(prepared.text, prepared.reference, "revision.txt").vision
    assert again == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_render_strategies_publish_and_serialise_exactly(
    data: st.DataObject, read_result: ReadResult, reference_text: str
) -> None:
    vision = data.draw(edited_vision(read_result.vision))
    vision = dataclasses.replace(
        vision,
        initiatives=tuple(
            dataclasses.replace(
                i, hub_role=split_roles(i.roles)[0], neighbour_role=split_roles(i.roles)[1]
            )
            for i in vision.initiatives
        ),
    )
    assert vision_from_dict(json.loads(json.dumps(vision_to_dict(vision)))) == vision
    prepared = prepare(vision, reference_text, DAY)
    assert read_vision(prepared.text, prepared.reference).vision == prepared.vision


def test_problems_name_the_initiative_and_field(
    read_result: ReadResult, reference_text: str
) -> None:
    vision = read_result.vision
    sick = next(i for i in vision.initiatives if i.id == "3-2-2")
    wrong = dataclasses.replace(sick, budget_total=sick.budget_total + 1)
    stranger = dataclasses.replace(vision.initiatives[0], participants=("999999",))
    draft = dataclasses.replace(
        vision,
        initiatives=tuple(
            wrong if i.id == "3-2-2" else stranger if i.id == stranger.id else i
            for i in vision.initiatives
        ),
    )
    found = {(p.place, p.field) for p in problems(draft)}
    assert found == {
        ("3-②-イ 病児・病後児保育における圏域住民の利用", "事業費 合計"),
        ("1-①-ア 産学連携支援事業", "関係市町村"),
    }
    with pytest.raises(PublishError) as error:
        prepare(draft, reference_text, DAY)
    assert "999999 は構成市町村ではありません" in str(error.value)
    assert f"合計 {sick.budget_total + 1:,} 千円" in str(error.value)
