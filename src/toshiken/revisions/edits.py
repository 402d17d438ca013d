"""Apply one edit of the draft editor to a Vision: initiatives, policy areas, KPIs, members."""

from __future__ import annotations

import dataclasses

from toshiken.core.codes import is_valid_code
from toshiken.core.i18n import N_
from toshiken.revisions.forms import (
    FieldError,
    Form,
    amount,
    decimal,
    first,
    line,
    period,
    required,
    text,
)
from toshiken.vision.initiatives import split_roles
from toshiken.vision.model import (
    FISCAL_YEARS,
    KATAKANA_LETTERS,
    Initiative,
    Municipality,
    ScheduleItem,
    Vision,
)

SCHEDULE_ROWS = 8
"""Schedule rows the form offers (filled ones first, the rest blank)."""


class EditError(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))


def initiative_fields(form: Form, vision: Vision, base: Initiative) -> Initiative:
    """The initiative as the form describes it (id and position kept from `base`)."""
    errors: list[FieldError] = []
    title = required(form, "title", errors)
    codes = [m.code for m in vision.municipalities]
    all_members = first(form, "all_members") == "1"
    chosen = set(form.get("participants") or [])
    unknown = sorted(chosen - set(codes))
    if unknown:
        message = N_("構成市町村ではありません：%(codes)s")
        errors.append(FieldError("participants", message, {"codes": ", ".join(unknown)}))
    participants = tuple(codes) if all_members else tuple(c for c in codes if c in chosen)
    if not participants:
        errors.append(FieldError("participants", N_("関係市町村を選んでください")))
    budget = {fy: amount(form, f"budget_{fy}", errors) for fy in FISCAL_YEARS}
    total = amount(form, "budget_total", errors, blank=False) or 0
    roles = text(form, "roles")
    hub, neighbour = split_roles(roles)
    if errors:
        raise EditError(errors)
    return dataclasses.replace(
        base, title=title, participants=participants, all_members=all_members,
        description=text(form, "description"), roles=roles, hub_role=hub,
        neighbour_role=neighbour, cost_sharing=text(form, "cost_sharing"),
        schedule=schedule(form), budget=budget, budget_total=total,
        subsidies=text(form, "subsidies"), effect=text(form, "effect"),
    )  # fmt: skip


def schedule(form: Form) -> tuple[ScheduleItem, ...]:
    """Rows schedule_label_N with checkboxes schedule_N (fiscal years); blank rows are dropped."""
    items = []
    for n in range(SCHEDULE_ROWS):
        label = line(form, f"schedule_label_{n}")
        if label:
            marked = {int(y) for y in form.get(f"schedule_{n}") or [] if y.isdigit()}
            items.append(ScheduleItem(label, tuple(fy for fy in FISCAL_YEARS if fy in marked)))
    return tuple(items)


def edit_initiative(vision: Vision, initiative_id: str, form: Form) -> Vision:
    base = _find(vision, initiative_id)
    changed = initiative_fields(form, vision, base)
    return dataclasses.replace(
        vision,
        initiatives=tuple(changed if i.id == initiative_id else i for i in vision.initiatives),
    )


def add_initiative(vision: Vision, policy_id: str, form: Form) -> tuple[Vision, str]:
    """A new initiative at the end of the policy area's list (the next letter)."""
    policy = vision.policy_by_id(policy_id)
    if policy is None:
        raise EditError([FieldError("policy", N_("取組がありません：%(id)s"), {"id": policy_id})])
    siblings = [i for i in vision.initiatives if i.policy_id == policy_id]
    if len(siblings) >= len(KATAKANA_LETTERS):
        raise EditError([FieldError("policy", N_("これ以上の具体的取組は追加できません"))])
    blank = Initiative(
        pillar=policy.pillar, policy=policy.number, number=len(siblings) + 1, title="",
        participants=(), all_members=False, description="", roles="", hub_role="",
        neighbour_role="", cost_sharing="", schedule=(), budget={}, budget_total=0,
        subsidies="", effect="",
    )  # fmt: skip
    new = initiative_fields(form, vision, blank)
    ordered = sorted((*vision.initiatives, new), key=lambda i: (i.pillar, i.policy, i.number))
    return dataclasses.replace(vision, initiatives=tuple(ordered)), new.id


def remove_initiative(vision: Vision, initiative_id: str) -> Vision:
    """Drop it; the later initiatives of its policy area move up a letter, as in the document."""
    gone = _find(vision, initiative_id)
    kept = []
    for i in vision.initiatives:
        if i.id == initiative_id:
            continue
        if i.policy_id == gone.policy_id and i.number > gone.number:
            i = dataclasses.replace(i, number=i.number - 1)
        kept.append(i)
    return dataclasses.replace(vision, initiatives=tuple(kept))


def _find(vision: Vision, initiative_id: str) -> Initiative:
    found = vision.initiative_by_id(initiative_id)
    if found is None:
        raise EditError(
            [FieldError("id", N_("具体的取組がありません：%(id)s"), {"id": initiative_id})]
        )
    return found


def edit_policy(vision: Vision, policy_id: str, form: Form) -> Vision:
    errors: list[FieldError] = []
    if not any(p.id == policy_id for p in vision.policies):
        raise EditError([FieldError("policy", N_("取組がありません：%(id)s"), {"id": policy_id})])
    title = required(form, "title", errors)
    direction = required(form, "direction", errors)
    if errors:
        raise EditError(errors)
    return dataclasses.replace(
        vision,
        policies=tuple(
            dataclasses.replace(
                p, title=title, direction=direction,
                agreement_content=text(form, "agreement_content"),
                hub_role=text(form, "hub_role"), neighbour_role=text(form, "neighbour_role"),
            )
            if p.id == policy_id else p
            for p in vision.policies
        ),
    )  # fmt: skip


def edit_kpi(vision: Vision, number: int, form: Form) -> Vision:
    errors: list[FieldError] = []
    if not any(k.number == number for k in vision.kpis):
        raise EditError([FieldError("kpi", N_("KPIがありません：%(id)s"), {"id": str(number)})])
    kind = first(form, "target_kind")
    if kind not in ("reach", "maintain"):
        errors.append(FieldError("target_kind", N_("目標の種類を選んでください")))
    fields = {
        "name": required(form, "name", errors), "unit": required(form, "unit", errors),
        "baseline": decimal(form, "baseline", errors),
        "baseline_period": period(form, "baseline_period", errors),
        "target_kind": kind, "target": decimal(form, "target", errors),
        "target_period": period(form, "target_period", errors),
        "base_period": period(form, "base_period", errors, optional=kind != "maintain") or None,
        "source": line(form, "source") or None,
    }  # fmt: skip
    if errors:
        raise EditError(errors)
    return dataclasses.replace(
        vision,
        kpis=tuple(
            dataclasses.replace(k, **fields) if k.number == number else k  # type: ignore[arg-type]
            for k in vision.kpis
        ),
    )


def join_member(vision: Vision, form: Form) -> Vision:
    """A municipality joins: last in the member list, and in every 全市町村 initiative."""
    errors: list[FieldError] = []
    code = line(form, "code")
    if not is_valid_code(code):
        message = N_("全国地方公共団体コード（6桁）ではありません（「%(value)s」）")
        errors.append(FieldError("code", message, {"value": code}))
    elif any(m.code == code for m in vision.municipalities):
        errors.append(FieldError("code", N_("すでに構成市町村です（%(value)s）"), {"value": code}))
    name = required(form, "name", errors)
    if any(m.name == name for m in vision.municipalities):
        errors.append(FieldError("name", N_("すでに構成市町村です（%(value)s）"), {"value": name}))
    kind = name[-1:] if name[-1:] in ("市", "町", "村") else ""
    if name and not kind:
        errors.append(FieldError("name", N_("市・町・村で終わる名称を入力してください")))
    member = Municipality(
        code=code, name=name, reading=required(form, "reading", errors),
        name_en=required(form, "name_en", errors), kind=kind or "市",  # type: ignore[arg-type]
        is_hub=False, population=amount(form, "population", errors, blank=False) or 0,
        households=amount(form, "households", errors, blank=False) or 0,
        area_km2=decimal(form, "area_km2", errors), order=len(vision.municipalities),
    )  # fmt: skip
    if errors:
        raise EditError(errors)
    return dataclasses.replace(
        vision,
        municipalities=(*vision.municipalities, member),
        initiatives=tuple(
            dataclasses.replace(i, participants=(*i.participants, code)) if i.all_members else i
            for i in vision.initiatives
        ),
    )


def leave_member(vision: Vision, code: str) -> Vision:
    """A member leaves (not the hub city); initiatives that still name it block publication."""
    member = next((m for m in vision.municipalities if m.code == code), None)
    if member is None or member.is_hub:
        message = N_("外せる構成市町村ではありません（%(value)s）")
        raise EditError([FieldError("code", message, {"value": code})])
    kept = [m for m in vision.municipalities if m.code != code]
    return dataclasses.replace(
        vision,
        municipalities=tuple(dataclasses.replace(m, order=n) for n, m in enumerate(kept)),
        initiatives=tuple(
            dataclasses.replace(i, participants=tuple(c for c in i.participants if c != code))
            if i.all_members else i
            for i in vision.initiatives
        ),
    )  # fmt: skip
