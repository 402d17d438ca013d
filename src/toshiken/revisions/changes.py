"""One serializer of a diff between two revisions, for the page, the JSON API and the CLI."""

from __future__ import annotations

from typing import Any

from toshiken.vision.diff import diff_visions
from toshiken.vision.model import Vision


def diff_dict(before: Vision, after: Vision) -> dict[str, Any]:
    """What changed from `before` to `after`, with names, labels and budget totals (千円)."""
    diff = diff_visions(before, after)
    names = {m.code: m.name for m in (*before.municipalities, *after.municipalities)}
    old = {i.id: i for i in before.initiatives}
    new = {i.id: i for i in after.initiatives}

    def members(codes: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"code": c, "name": names.get(c, c)} for c in codes]

    def brief(i: Any) -> dict[str, Any]:
        return {"id": i.id, "label": i.label, "title": i.title, "budget_total": i.budget_total}

    return {
        "empty": diff.empty,
        "members_joined": members(diff.members_joined),
        "members_left": members(diff.members_left),
        "added": [brief(new[i]) for i in diff.added],
        "removed": [brief(old[i]) for i in diff.removed],
        "changed": [
            {
                "id": c.id, "label": new[c.id].label, "title": c.title,
                "renamed_from": c.renamed_from, "moved_from": c.moved_from,
                "joined": members(c.joined),
                "left": members(c.left),
                "budget": [_change(b.fiscal_year, b.before, b.after) for b in c.budget],
                "total": _change(None, c.total_before, c.total_after), "fields": list(c.fields),
            }
            for c in diff.changed
        ],
        "policies": [
            {"id": p.id, "title": p.title, "fields": list(p.fields)} for p in diff.policies
        ],
        "kpis": [
            {"number": k.number, "name": k.name,
             "changes": [{"field": f, "before": a, "after": b} for f, a, b in k.changes]}
            for k in diff.kpis
        ],
        "budget": {
            "by_year": [_change(fy, a, b) for fy, (a, b) in sorted(diff.budget_by_year.items())],
            "total": _change(None, diff.budget_total_before, diff.budget_total_after),
        },
        "unit": "千円",
    }  # fmt: skip


def _change(fiscal_year: int | None, before: int | None, after: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {} if fiscal_year is None else {"fiscal_year": fiscal_year}
    change = None if before is None and after is None else (after or 0) - (before or 0)
    return {**row, "before": before, "after": after, "change": change}


def diff_rows(data: dict[str, Any]) -> list[dict[str, object]]:
    """The diff flattened to one row per change, for a table or CSV."""
    rows: list[dict[str, object]] = []

    def add(kind: str, key: object, title: str, detail: str) -> None:
        rows.append({"change": kind, "id": key, "title": title, "detail": detail})

    for m in data["members_joined"]:
        add("member joined", m["code"], m["name"], "")
    for m in data["members_left"]:
        add("member left", m["code"], m["name"], "")
    for i in data["added"]:
        add("initiative added", i["id"], i["title"], f"{i['budget_total']:,} 千円")
    for i in data["removed"]:
        add("initiative removed", i["id"], i["title"], f"{i['budget_total']:,} 千円")
    for c in data["changed"]:
        add("initiative changed", c["id"], c["title"], _detail(c))
    for p in data["policies"]:
        add("policy changed", p["id"], p["title"], ", ".join(p["fields"]))
    for k in data["kpis"]:
        detail = "; ".join(f"{x['field']}: {x['before']} → {x['after']}" for x in k["changes"])
        add("KPI changed", k["number"], k["name"], detail)
    for y in data["budget"]["by_year"]:
        if y["change"]:
            add("budget", y["fiscal_year"], "事業費 (千円)", _money(y))
    total = data["budget"]["total"]
    add("budget total", "", "事業費 合計 (千円)", _money(total))
    return rows


def _money(change: dict[str, Any]) -> str:
    before, after = change["before"] or 0, change["after"] or 0
    return f"{before:,} → {after:,} ({after - before:+,})"


def _detail(c: dict[str, Any]) -> str:
    parts = []
    if c["moved_from"]:
        parts.append(f"was {c['moved_from']}")
    if c["renamed_from"]:
        parts.append(f"renamed from {c['renamed_from']}")
    if c["joined"]:
        parts.append("joined: " + "、".join(m["name"] for m in c["joined"]))
    if c["left"]:
        parts.append("left: " + "、".join(m["name"] for m in c["left"]))
    if c["budget"]:
        years = ", ".join(f"FY{b['fiscal_year']} {_money(b)}" for b in c["budget"])
        parts.append(f"budget {years}; total {_money(c['total'])}")
    if c["fields"]:
        parts.append("text: " + ", ".join(c["fields"]))
    return "; ".join(parts)
