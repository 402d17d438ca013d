"""`toshiken vision revisions|show|diff`, and `toshiken load` next to published revisions."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime

from typer.testing import CliRunner

from toshiken.accounts.model import Actor
from toshiken.cli import app
from toshiken.core.db import transaction
from toshiken.core.runtime import Runtime
from toshiken.revisions import store
from toshiken.revisions.access import ensure_revisions, vision_of
from toshiken.revisions.publish import prepare
from toshiken.vision.load import current_vision


def test_load_records_revision_1_and_keeps_later_revisions(runtime: Runtime) -> None:
    url = runtime.settings.database_url
    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(app, ["--database-url", url, *args])
        assert result.exit_code == 0, result.output
        return result.output

    assert cli("load").rstrip().endswith("stored")
    listed = json.loads(cli("vision", "revisions", "-f", "json"))
    assert [(r["number"], r["title"]) for r in listed] == [(1, "令和7年3月改定")]
    [first] = ensure_revisions(runtime.sessions, runtime.settings.data_dir, lambda: NOW)
    vision = vision_of(first)
    budget = {**vision.initiatives[0].budget, 2025: 7000}
    edited = dataclasses.replace(
        vision.initiatives[0], budget=budget, budget_total=sum(v or 0 for v in budget.values())
    )
    draft = dataclasses.replace(vision, initiatives=(edited, *vision.initiatives[1:]))
    with transaction(runtime.sessions) as session:
        store.publish(session, prepare(draft, first.reference, DAY), Actor(None, "t"), NOW, DAY, "")
    diff = json.loads(cli("vision", "diff", "1", "2", "-f", "json"))
    [change] = diff["changed"]
    assert change["id"] == "1-1-1" and change["total"]["change"] == 331
    assert "initiative changed" in cli("vision", "diff", "1", "2")
    assert cli("vision", "show", "2").endswith("令和8年（2026年）1月改定\n")
    # loading the original document again must not undo revision 2
    assert "unchanged: revision 2" in cli("load")
    now = current_vision(runtime.sessions)
    assert now is not None and now.initiatives[0].budget[2025] == 7000
    bad = runner.invoke(app, ["--database-url", url, "vision", "diff", "1", "9"])
    assert bad.exit_code == 2 and "no revision 9" in bad.output


NOW = datetime(2026, 1, 15, 3, 0, tzinfo=UTC)
DAY = date(2026, 1, 15)
