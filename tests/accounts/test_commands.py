"""`toshiken users …`: add, list, disable, enable, set-role, passwd; each change is audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.accounts.conftest import Site
from toshiken.accounts.audit import audit_entries
from toshiken.cli import app


@pytest.fixture
def run(site: Site, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setenv("TOSHIKEN_ENVIRONMENT", "test")
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> object:
        url = site.settings.database_url
        return runner.invoke(app, ["--database-url", url, *args], input=stdin)

    return invoke


def test_users_lifecycle(site: Site, run: object, tmp_path: Path) -> None:
    invoke = run  # type: ignore[assignment]
    added = invoke(
        "users",
        "add",
        "kikuyo",
        "--role",
        "staff",
        "--name",
        "菊陽 太郎",
        "--municipality",
        "菊陽町",
        "--password-stdin",
        stdin="a long enough pass\n",
    )
    assert added.exit_code == 0, added.output
    listed = json.loads(invoke("users", "list", "-f", "json").stdout)
    assert {
        "username": "kikuyo",
        "name": "菊陽 太郎",
        "role": "staff",
        "municipality_code": "434043",
        "active": True,
    } in listed
    assert invoke("users", "set-role", "kikuyo", "--role", "viewer").exit_code == 0
    assert invoke("users", "disable", "kikuyo").exit_code == 0
    changed = invoke("users", "passwd", "kikuyo", "--password-stdin", stdin="another fine pass\n")
    assert changed.exit_code == 0
    with site.sessions() as session:
        log = [e for e in audit_entries(session, entity="user") if e.key == "kikuyo"]
    assert [e.action for e in log] == ["update", "update", "update", "create"]
    assert log[2].before["role"] == "staff" and log[2].after["role"] == "viewer"  # type: ignore[index]
    assert log[1].after["active"] is False  # type: ignore[index]
    assert all(e.actor_name.startswith("cli:") for e in log)
    assert "hash" not in json.dumps([e.as_row() for e in log], default=str)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("users", "add", "x", "--role", "staff", "--name", "X"), "municipality"),
        (
            ("users", "add", "x", "--role", "viewer", "--name", "X", "--municipality", "東京"),
            "not a member",
        ),
        (("users", "add", "staff", "--role", "viewer", "--name", "X"), "already exists"),
        (("users", "disable", "nobody"), "no user"),
    ],
)
def test_refusals(run: object, args: tuple[str, ...], message: str) -> None:
    result = (
        run(*args, "--password-stdin", stdin="a long enough pass\n")
        if args[1] == "add"
        else run(*args)
    )  # type: ignore[operator]
    assert result.exit_code == 2
    assert message in result.output


def test_weak_password_is_refused(run: object) -> None:
    result = run(
        "users", "add", "y", "--role", "viewer", "--name", "Y", "--password-stdin", stdin="short\n"
    )  # type: ignore[operator]
    assert result.exit_code == 2 and "12文字以上" in result.output
