"""The diff serializer: removals that renumber a policy area, members, budget totals."""

from __future__ import annotations

from toshiken.revisions import edits
from toshiken.revisions.changes import diff_dict, diff_rows
from toshiken.vision.reader import ReadResult


def test_removing_an_initiative_renumbers_without_false_renames(read_result: ReadResult) -> None:
    vision = read_result.vision
    siblings = [i for i in vision.initiatives if i.policy_id == "3-2"]
    assert len(siblings) >= 3
    after = edits.remove_initiative(vision, "3-2-1")
    data = diff_dict(vision, after)
    assert [i["id"] for i in data["removed"]] == ["3-2-1"]
    assert data["added"] == []
    moved = [(c["moved_from"], c["id"], c["renamed_from"]) for c in data["changed"]]
    assert moved == [(s.id, f"3-2-{s.number - 1}", None) for s in siblings[1:]]
    total = data["budget"]["total"]
    assert total["change"] == -siblings[0].budget_total
    rows = diff_rows(data)
    assert rows[0] == {
        "change": "initiative removed", "id": "3-2-1", "title": siblings[0].title,
        "detail": f"{siblings[0].budget_total:,} 千円",
    }  # fmt: skip
    assert rows[-1]["change"] == "budget total"
