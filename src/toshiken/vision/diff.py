"""What changed between two revisions of the vision: members, initiatives, budgets, KPIs."""

from __future__ import annotations

from dataclasses import dataclass, field

from toshiken.vision.model import FISCAL_YEARS, Initiative, Kpi, Policy, Vision

KPI_FIELDS = (
    "name",
    "unit",
    "baseline",
    "baseline_period",
    "target_kind",
    "target",
    "target_period",
)


@dataclass(frozen=True)
class BudgetChange:
    fiscal_year: int
    before: int | None  # thousand yen; None = blank cell
    after: int | None


@dataclass(frozen=True)
class InitiativeChange:
    id: str
    title: str
    renamed_from: str | None = None
    moved_from: str | None = None  # its id before, when removals renumbered its policy area
    joined: tuple[str, ...] = ()  # municipality codes that now take part
    left: tuple[str, ...] = ()
    budget: tuple[BudgetChange, ...] = ()
    total_before: int = 0
    total_after: int = 0
    fields: tuple[str, ...] = ()  # other fields whose text changed


@dataclass(frozen=True)
class KpiChange:
    number: int
    name: str
    changes: tuple[tuple[str, str, str], ...]  # (field, before, after)


@dataclass(frozen=True)
class PolicyChange:
    id: str
    title: str
    fields: tuple[str, ...]  # fields whose text changed


POLICY_FIELDS = ("title", "direction", "agreement_content", "hub_role", "neighbour_role")


@dataclass(frozen=True)
class VisionDiff:
    members_joined: tuple[str, ...] = ()
    members_left: tuple[str, ...] = ()
    added: tuple[str, ...] = ()  # initiative ids
    removed: tuple[str, ...] = ()
    changed: tuple[InitiativeChange, ...] = ()
    kpis: tuple[KpiChange, ...] = ()
    policies: tuple[PolicyChange, ...] = ()
    budget_total_before: int = 0
    budget_total_after: int = 0
    budget_by_year: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (
            self.members_joined or self.members_left or self.added or self.removed
            or self.changed or self.kpis or self.policies
        )  # fmt: skip


TEXT_FIELDS = ("description", "roles", "cost_sharing", "subsidies", "effect", "schedule")


def diff_visions(before: Vision, after: Vision) -> VisionDiff:
    """Compare two revisions; initiatives are matched by id, or by title when renumbered."""
    old = {i.id: i for i in before.initiatives}
    new = {i.id: i for i in after.initiatives}
    pairs = _pairs(old, new)
    paired = set(pairs.values())
    old_members = {m.code for m in before.municipalities}
    new_members = {m.code for m in after.municipalities}
    return VisionDiff(
        members_joined=tuple(m.code for m in after.municipalities if m.code not in old_members),
        members_left=tuple(m.code for m in before.municipalities if m.code not in new_members),
        added=tuple(i for i in new if i not in paired),
        removed=tuple(i for i in old if i not in pairs),
        changed=tuple(
            change
            for o, n in sorted(pairs.items(), key=lambda p: list(new).index(p[1]))
            if (change := _initiative(old[o], new[n])) is not None
        ),
        kpis=_kpis(before.kpis, after.kpis),
        policies=_policies(before.policies, after.policies),
        budget_total_before=sum(i.budget_total for i in before.initiatives),
        budget_total_after=sum(i.budget_total for i in after.initiatives),
        budget_by_year={
            fy: (_year_total(before, fy), _year_total(after, fy)) for fy in FISCAL_YEARS
        },
    )


def _pairs(old: dict[str, Initiative], new: dict[str, Initiative]) -> dict[str, str]:
    """Old id -> new id: a title found once on each side pairs across ids (a removal renumbered
    its policy area); the others pair by id."""

    def by_title(side: dict[str, Initiative]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for i in side.values():
            found.setdefault(i.title, []).append(i.id)
        return found

    old_titles, new_titles = by_title(old), by_title(new)
    pairs = {
        o.id: new_titles[o.title][0]
        for o in old.values()
        if len(old_titles[o.title]) == 1 and len(new_titles.get(o.title, [])) == 1
        and new_titles[o.title][0] != o.id
    }  # fmt: skip
    taken = set(pairs.values())
    for i in old:
        if i not in pairs and i in new and i not in taken:
            pairs[i] = i
    return pairs


def _year_total(vision: Vision, fy: int) -> int:
    return sum(i.budget.get(fy) or 0 for i in vision.initiatives)


def _initiative(a: Initiative, b: Initiative) -> InitiativeChange | None:
    budget = tuple(
        BudgetChange(fy, a.budget.get(fy), b.budget.get(fy))
        for fy in FISCAL_YEARS
        if a.budget.get(fy) != b.budget.get(fy)
    )
    joined = tuple(c for c in b.participants if c not in a.participants)
    left = tuple(c for c in a.participants if c not in b.participants)
    fields = tuple(f for f in TEXT_FIELDS if getattr(a, f) != getattr(b, f))
    renamed = a.title if a.title != b.title else None
    moved = a.id if a.id != b.id else None
    if not (budget or joined or left or fields or renamed or moved):
        return None
    return InitiativeChange(
        id=b.id, title=b.title, renamed_from=renamed, moved_from=moved, joined=joined, left=left,
        budget=budget,
        total_before=a.budget_total, total_after=b.budget_total, fields=fields,
    )  # fmt: skip


def _kpis(before: tuple[Kpi, ...], after: tuple[Kpi, ...]) -> tuple[KpiChange, ...]:
    old = {k.number: k for k in before}
    changes = []
    for kpi in after:
        previous = old.get(kpi.number)
        if previous is None:
            changes.append(KpiChange(kpi.number, kpi.name, (("added", "", kpi.name),)))
            continue
        fields = tuple(
            (f, str(getattr(previous, f)), str(getattr(kpi, f)))
            for f in KPI_FIELDS
            if getattr(previous, f) != getattr(kpi, f)
        )
        if fields:
            changes.append(KpiChange(kpi.number, kpi.name, fields))
    return tuple(changes)


def _policies(before: tuple[Policy, ...], after: tuple[Policy, ...]) -> tuple[PolicyChange, ...]:
    old = {p.id: p for p in before}
    return tuple(
        PolicyChange(p.id, p.title, fields)
        for p in after
        if p.id in old
        and (fields := tuple(f for f in POLICY_FIELDS if getattr(old[p.id], f) != getattr(p, f)))
    )
