"""Import and export through the pages and the command line: all rows or none, row and column."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from tests.accounts.conftest import KOSHI, Site, csrf
from tests.registers.test_permissions import snapshot
from toshiken.cli import app
from toshiken.registers.files import read_csv

HEADER = [
    "ID",
    "全国地方公共団体コード",
    "種類",
    "目撃日",
    "頭数",
    "目撃場所（住所）",
    "通報者の連絡先",
]
GOOD = ["", KOSHI, "アライグマ", "2025-06-01", "2", "合志市竹迫", "096-000-0000"]


def csv_bytes(*rows: list[str]) -> bytes:
    return "\r\n".join(",".join(r) for r in (HEADER, *rows)).encode("utf-8-sig")


def xlsx_bytes(*rows: list[object]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (HEADER, *rows):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(site: Site, role: str, name: str, data: bytes) -> tuple[int, str]:
    client = site.client(role)
    response = client.post(
        "/registers/sightings/import", data={"csrf_token": csrf(client)},
        files={"file": (name, data)},
    )  # fmt: skip
    return response.status_code, response.text


def test_an_import_with_a_bad_row_changes_nothing(site: Site) -> None:
    before = snapshot(site)
    bad = ["", KOSHI, "アライグマ", "2025-06-31", "2", "合志市", ""]
    status, page = upload(site, "staff", "sightings.csv", csv_bytes(GOOD, GOOD, bad))
    assert status == 400
    assert "取り込めませんでした（何も変更していません）" in page
    assert '<td class="num">4</td><td>D</td><td>目撃日</td>' in page
    status, page = upload(
        site, "staff", "sightings.xlsx", xlsx_bytes(GOOD, [*GOOD[:4], "many", *GOOD[5:]])
    )
    assert status == 400 and '<td class="num">3</td><td>E</td><td>頭数</td>' in page
    status, page = upload(site, "staff", "sightings.pdf", b"%PDF")
    assert status == 400 and "CSV（.csv）でもExcel（.xlsx）でもありません" in page
    assert snapshot(site) == before


def test_a_good_import_writes_every_row_and_logs_it(site: Site) -> None:
    status, page = upload(site, "staff", "sightings.xlsx", xlsx_bytes(GOOD, GOOD))
    assert status == 200 and "新規 2件、更新 0件" in page
    secretariat = site.client("secretariat")
    entries = secretariat.get("/api/registers/sightings").json()["entries"]
    assert [(e["municipality_code"], e["count"], e["reporter"]) for e in entries] == [
        (KOSHI, 2, "096-000-0000")
    ] * 2
    first = entries[0]["id"]
    changed = [str(first), KOSHI, "イノシシ", "2025-06-01", "2", "合志市竹迫", ""]
    status, page = upload(site, "staff", "again.csv", csv_bytes(changed))
    assert status == 200 and "新規 0件、更新 1件" in page
    log = secretariat.get("/api/audit", params={"entity": "register:sightings"}).json()
    assert [e["action"] for e in log] == ["update", "create", "create"]


def test_staff_cannot_import_into_another_municipality(site: Site) -> None:
    before = snapshot(site)
    arao = ["", "432041", "アライグマ", "2025-06-01", "1", "荒尾市", ""]
    status, page = upload(site, "staff", "sightings.csv", csv_bytes(GOOD, arao))
    assert status == 400 and "荒尾市の登録は変更できません" in page
    assert upload(site, "viewer", "sightings.csv", csv_bytes(GOOD))[0] == 403
    assert snapshot(site) == before


def test_the_command_line_lists_exports_and_imports(site: Site, tmp_path: Path) -> None:
    runner = CliRunner()
    url = ["--database-url", site.settings.database_url]
    listed = runner.invoke(app, [*url, "registers", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert '"key": "tourism"' in listed.output and '"entries": 54' in listed.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(GOOD, ["", KOSHI, "クマ", "2025-06-01", "", "x", ""]))
    result = runner.invoke(app, [*url, "registers", "import", "sightings", str(bad)])
    assert result.exit_code == 1
    assert "3行目・C列（種類）" in result.output and "nothing imported" in result.output
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(GOOD))
    result = runner.invoke(app, [*url, "registers", "import", "sightings", str(good)])
    assert result.exit_code == 0 and "1 added, 0 changed" in result.output
    out = tmp_path / "public.csv"
    result = runner.invoke(
        app, [*url, "registers", "export", "sightings", "-o", str(out), "--public"]
    )
    assert result.exit_code == 0, result.output
    grid = read_csv(out.read_bytes())
    assert "通報者の連絡先" not in grid[0] and grid[1][1] == KOSHI
    full = tmp_path / "all.xlsx"
    assert (
        runner.invoke(app, [*url, "registers", "export", "sightings", "-o", str(full)]).exit_code
        == 0
    )
    assert full.read_bytes()[:2] == b"PK"
