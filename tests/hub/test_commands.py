"""`toshiken hub sources | crawl | run` against the simulator on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlean
from typer.testing import CliRunner

from toshiken.cli import app
from toshiken.hub.crawl import CrawlReport
from toshiken.hub.runner import Summary
from toshiken.hub.simhttp import SimOptions
from toshiken.hub.simulator import Simulator
from toshiken.hub.sources import HubConfig

runner = CliRunner()
TEST_MODE = ["--allow-private", "--gap", "0.01"]
MEMBERS = ("431001", "432041", "432105", "434035", "434434")  # 20 sources, plus two JMA feeds


@pytest.fixture(scope="module")
def simulated(
    config: HubConfig, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Simulator, Path]]:
    """The simulator (2 items per source) and a hub_sources.yaml of 5 members pointing at it."""
    with Simulator(config, SimOptions(items_per_source=2, shared_posts=2)) as sim:
        path = tmp_path_factory.mktemp("cfg") / "hub_sources.yaml"
        yield sim, sim.write_config(path, MEMBERS)


def hub(database: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--database-url", database, "hub", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _count(path: Path, table: str) -> int:
    """Through sqlean, the app's own SQLite: two SQLite libraries in one process break each
    other's POSIX locks on a shared file (disk I/O errors)."""
    connection = sqlean.connect(str(path))
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def test_crawl_once_then_only_what_is_due(
    simulated: tuple[Simulator, Path], tmp_path: Path
) -> None:
    _, config = simulated
    db = tmp_path / "hub.sqlite3"
    url = f"sqlite:///{db}"
    code, out = hub(url, "crawl", "--once", "--config", str(config), *TEST_MODE)
    assert code == 0, out
    assert "22 sources (ok 22)" in out and "2 disaster notices" in out
    stored = _count(db, "hub_item")
    assert stored >= 20 * 2 and _count(db, "hub_notice") == 2
    code, out = hub(url, "crawl", "--config", str(config), *TEST_MODE)
    assert code == 0 and "0 sources (nothing due)" in out
    code, out = hub(url, "crawl", "--source", "arao-news", "--config", str(config), *TEST_MODE)
    assert code == 0 and "1 sources (not_modified 1); 0 new items" in out
    assert _count(db, "hub_item") == stored
    code, out = hub(url, "sources", "--config", str(config), "-f", "json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and len(rows) == 22
    assert rows["arao-news"]["next_due"] != "now" and rows["arao-news"]["items"] == 2


def test_refusals_name_the_problem(simulated: tuple[Simulator, Path], tmp_path: Path) -> None:
    _, config = simulated
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    code, out = hub(url, "crawl", "--source", "nope", "--config", str(config), *TEST_MODE)
    assert code == 2 and "unknown source id: nope" in out
    code, out = hub(url, "crawl", "--config", str(config), "--gap", "0.1")
    assert code == 2 and "--gap below 1 second" in out
    code, out = hub(url, "sources", "--config", str(tmp_path / "missing.yaml"))
    assert code == 2 and "missing.yaml" in out
    code, out = hub(url, "crawl", "--once", "--config", str(config))  # not test mode
    assert code == 0 and "refused" in out and _count(tmp_path / "x.sqlite3", "hub_item") == 0


def test_run_collects_until_sigterm(
    simulated: tuple[Simulator, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, config = simulated
    db = tmp_path / "run.sqlite3"
    swept = threading.Event()
    summary_of = Summary.of

    def noted(report: CrawlReport) -> Summary:
        swept.set()
        return summary_of(report)

    monkeypatch.setattr(Summary, "of", noted)

    def stop_after_first_sweep() -> None:
        swept.wait(timeout=60)
        os.kill(os.getpid(), signal.SIGTERM)  # the command's handler must catch it

    stopper = threading.Thread(target=stop_after_first_sweep, daemon=True)
    stopper.start()
    args = ["run", "--source", "arao-news", "--source", "kikuchi-news", "--max-sleep", "30"]
    started = time.monotonic()
    code, out = hub(f"sqlite:///{db}", *args, "--config", str(config), *TEST_MODE)
    stopper.join(timeout=5)
    assert code == 0, out
    assert "collecting from 2 sources" in out and "stopped after 1 sweeps" in out
    assert time.monotonic() - started < 25  # stopped during the pause, not after it
    assert _count(db, "hub_item") == 4 and _count(db, "hub_source_state") == 2


def test_discover_lists_a_members_feeds(simulated: tuple[Simulator, Path], tmp_path: Path) -> None:
    sim, config = simulated
    url = f"sqlite:///{tmp_path / 'd.sqlite3'}"
    yamaga = sim.site("432083")  # its top page names its feeds in <link rel="alternate">
    args = ("discover", yamaga.base + "/", "--config", str(config), "-f", "json")
    code, out = hub(url, *args, *TEST_MODE)
    rows = json.loads(out)
    assert code == 0 and {r["url"] for r in rows} == {
        yamaga.base + "/news/rss.xml",
        yamaga.base + "/kosodate/rss.xml",
    }
    assert {r["kind"] for r in rows} == {"rss"} and {r["found_by"] for r in rows} == {"link"}
    code, out = hub(url, "discover", yamaga.base + "/", "--config", str(config))  # not test mode
    assert code == 1 and "non-public address" in out
    code, out = hub(url, "discover", "ftp://x/", "--config", str(config))
    assert code == 2 and "not an http(s) address" in out


def test_hub_commands_import_no_other_feature() -> None:
    """`toshiken hub …` (a long-running collector among them) mounts only the hub's commands:
    no other feature's, so no openpyxl, Pillow or web app in the crawler's memory."""
    script = (
        "import sys\n"
        "from toshiken.cli import main\n"
        "sys.argv = ['toshiken', '--database-url', 'sqlite://', 'hub', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('toshiken.', 'openpyxl', 'PIL',"
        " 'fastapi', 'icalendar')))\n"
        "print('LOADED', *loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = done.stdout.rsplit("LOADED", 1)[1].split()
    assert "toshiken.hub.commands" in loaded and "toshiken.hub.crawl" in loaded
    features = {m.split(".")[1] for m in loaded if m.startswith("toshiken.") and m.count(".") > 1}
    assert features <= {"hub", "core", "migrations"}, features
    assert not [m for m in loaded if not m.startswith("toshiken.")], loaded
