"""The cost pages and their JSON twins on SQLite and PostgreSQL: figures, 422s by name, uploads."""

from __future__ import annotations

import io
import re
import warnings
from html import unescape

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.accounts.conftest import form_token
from tests.costs.conftest import CODE, HUB, MEMBERS, Web
from tests.costs.samples import SICK_CHILD
from toshiken.accounts.audit import audit_entries
from toshiken.costs import store

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)
PRICES = {"basic_cost": "7000000", "additions": "100:500000"}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_every_rule_is_listed_by_kind_with_its_text(web: Web) -> None:
    client = web.client()
    page = client.get("/costs")
    assert page.status_code == 200
    assert page.text.count('<blockquote class="original">') == 69
    assert '<h2 id="kind-hub_pays">熊本市が負担（22件）</h2>' in page.text
    assert "アプリ改修等システム運用における費用は、各市町村の人口比により負担し" in page.text
    assert ' style="' not in page.text and "<script" not in page.text
    api = client.get("/api/costs").json()
    assert sum(len(g["rules"]) for g in api["groups"]) == 69
    assert client.get("/api/costs.csv").text.startswith("\ufeffid,label,title,kinds,text")


def test_the_calculator_shows_the_hand_computed_figures(web: Web) -> None:
    client = web.client()
    page = client.get("/costs/3-3-5", params={"fy": "2024"})
    assert page.status_code == 200
    text = text_of(page.text)
    assert "金額：68,180,000円（令和6年度 (2024年度)の事業費）" in text
    assert (
        "人口データ：ビジョン基礎データ（2024-10-01）（基準日 2024-10-01、出典 熊本県推計人口調査"
        in text
    )
    assert "熊本市 42,847,588円 人口 737,409 / 1,173,381 × 68,180,000円" in text
    assert '<form class="calc" method="get" action="/costs/3-3-5">' in page.text
    api = client.get("/api/costs/3-3-5/allocation", params={"fy": "2024"}).json()
    assert {c["code"]: c["yen"] for c in api["contributions"]}[HUB] == 42_847_588
    assert api["population_set"]["as_of"] == "2024-10-01" and api["total_yen"] == 68_180_000
    csv = client.get("/api/costs/3-3-5/allocation.csv", params={"fy": "2024"}).text
    assert f"{HUB},熊本市,42847588," in csv


def test_bad_input_is_a_422_naming_the_parameter(web: Web) -> None:
    client = web.client()
    page = client.get("/costs/3-3-5", params={"amount": "abc", "fy": "2030"})
    assert page.status_code == 422
    assert '<div class="error-summary" role="alert"' in page.text
    assert '<a href="#f-amount">金額（円）：0以上の整数（円）を入力してください</a>' in page.text
    assert 'id="f-amount" name="amount"' in page.text and 'aria-invalid="true"' in page.text
    api = client.get("/api/costs/3-3-5/allocation", params={"amount": "-1", "rounding": "x"})
    assert api.status_code == 422
    assert {tuple(d["loc"]) for d in api.json()["detail"]} == {
        ("query", "amount"),
        ("query", "rounding"),
    }
    assert client.get("/costs/9-9-9").status_code == 404
    assert client.get("/api/costs/9-9-9").status_code == 404
    unknown = client.get("/api/costs/3-3-5/allocation", params={"amount": "1", "population": "99"})
    assert unknown.json()["detail"][0]["loc"] == ["query", "population"]


def test_what_if_shows_each_municipalitys_change(web: Web) -> None:
    client = web.client()
    params = {"amount": "1000000", "equal_weight": "0", "population_weight": "1",
              "members_form": "1", "members": [HUB, CODE["玉名市"]]}  # fmt: skip
    page = client.get("/costs/3-3-2/what-if", params=params)
    assert page.status_code == 200
    api = client.get("/api/costs/3-3-2/what-if", params=params).json()
    changes = {c["code"]: c for c in api["changes"]}
    # 玉名市 is no participant of 3-③-イ; after: population only, 熊本市 and 玉名市
    assert changes[CODE["玉名市"]]["before_yen"] == 0
    assert changes[CODE["玉名市"]]["after_yen"] == 76_938  # 1,000,000 × 61,464 / 798,873
    assert changes[CODE["山鹿市"]]["after_yen"] == 0
    assert "市町村ごとの負担額の変化" in page.text
    empty = client.get("/costs/3-3-2/what-if", params={"amount": "1", "members_form": "1"})
    assert empty.status_code == 422 and "関係市町村を1つ以上選んでください" in empty.text


def post_settle(
    client: TestClient, usage: str, save: bool = False, output: str = "html", **fields: str
) -> object:
    token = form_token(client.get("/costs/settle").text)
    data = {"csrf_token": token, "kind": "sick-child", "fy": "2024", "output": output,
            **PRICES, **fields}  # fmt: skip
    if save:
        data["save"] = "1"
    files = {"usage": ("usage.csv", usage.encode("utf-8-sig"), "text/csv")}
    return client.post("/costs/settle", data=data, files=files)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # nothing is stored
def test_an_upload_settles_into_statements_and_downloads(web: Web) -> None:
    client = web.client()
    page = post_settle(client, SICK_CHILD)
    assert page.status_code == 200  # type: ignore[attr-defined]
    text = text_of(page.text)  # type: ignore[attr-defined]
    assert "荒尾市 熊本市 110,838円" in text and "合計 1,365,025円" in text
    xlsx = post_settle(client, SICK_CHILD, output="xlsx")
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")  # type: ignore[attr-defined]
    book = load_workbook(io.BytesIO(xlsx.content))  # type: ignore[attr-defined]
    assert book["一覧"]["C4"].value == 110_838
    pdf = post_settle(client, SICK_CHILD, output="pdf")
    assert pdf.content.startswith(b"%PDF")  # type: ignore[attr-defined]


def test_bad_rows_are_listed_and_nothing_is_saved(web: Web) -> None:
    client = web.client("secretariat")
    assert post_settle(client, SICK_CHILD, save=True).status_code == 200  # type: ignore[attr-defined]
    bad = (
        SICK_CHILD.replace(",15\n", ",1.5\n").replace("荒尾市", "大阪市")
        + "2024,熊本市,病児保育室A,合志市,2\n"
    )
    page = post_settle(client, bad, save=True)
    assert page.status_code == 422  # type: ignore[attr-defined]
    text = text_of(page.text)  # type: ignore[attr-defined]
    assert "精算できませんでした（何も保存していません）" in text
    assert "利用実績ファイル 2 利用児童数 整数ではありません: 1.5" in text
    assert (
        "利用実績ファイル 4 利用自治体 市町村名・団体コードとして知られていません: '大阪市'" in text
    )
    with web.runtime.sessions() as session:
        kept = store.usage_totals(session, "sick-child", 2024)
        assert len(store.uploads(session)) == 1
    assert kept[CODE["荒尾市"]] == 3 and kept[CODE["合志市"]] == 51
    token = form_token(client.get("/costs/settle").text)
    files = {"usage": ("usage.csv", bad.encode(), "text/csv")}
    api = client.post("/api/costs/settle", data={"csrf_token": token, "kind": "sick-child",
                      "fy": "2024", "save": "1", **PRICES}, files=files)  # fmt: skip
    assert api.status_code == 422
    detail = api.json()["detail"]
    assert {(d["row"], d["column"]) for d in detail} >= {(2, "利用児童数"), (4, "利用自治体")}
    with web.runtime.sessions() as session:
        assert store.usage_totals(session, "sick-child", 2024) == kept


def test_saving_needs_the_right_to_edit_every_provider(web: Web) -> None:
    anonymous = web.client()
    assert post_settle(anonymous, SICK_CHILD, save=True).status_code == 403  # type: ignore[attr-defined]
    staff = web.client("staff")  # 合志市's: the file also has 熊本市's facility
    page = post_settle(staff, SICK_CHILD, save=True)
    assert page.status_code == 422  # type: ignore[attr-defined]
    assert "保存できるのは事務局と、提供自治体の担当者です" in page.text  # type: ignore[attr-defined]
    own = "年度,提供自治体,施設,利用自治体,利用児童数\n2024,合志市,こうし病児室,熊本市,4\n"
    assert post_settle(staff, own, save=True).status_code == 200  # type: ignore[attr-defined]
    with web.runtime.sessions() as session:
        assert store.usage_totals(session, "sick-child", 2024) == {HUB: 4}
        [entry] = audit_entries(session, entity="costs_usage")
    assert (entry.actor_name, entry.key, entry.before) == ("staff", "sick-child/2024", None)
    assert entry.after == {"file": "usage.csv", "records": 1, "total_yen": 7_000_000}
    listing = web.client().get("/costs/populations")
    assert "usage.csv" in listing.text and "staff" in listing.text


def population_csv(rows: list[str]) -> bytes:
    return ("市町村,人口\n" + "\n".join(rows) + "\n").encode()


def test_the_secretariat_adds_population_sets_whole_or_not_at_all(web: Web) -> None:
    rows = [f"{name},{people}" for _, name, people in MEMBERS]
    client = web.client("secretariat")
    page = client.get("/costs/populations")
    data = {"csrf_token": form_token(page.text), "name": "R7推計", "as_of": "2025-10-01",
            "source": "熊本県推計人口調査"}  # fmt: skip
    bad = [*rows[:5], "宇土市,-1", *rows[6:]]
    refused = client.post("/costs/populations", data=data,
                          files={"file": ("p.csv", population_csv(bad), "text/csv")})  # fmt: skip
    assert refused.status_code == 422
    assert "人口データのファイル 7 人口 負の値です: -1" in text_of(refused.text)
    assert len(client.get("/api/costs/population-sets").json()) == 1
    added = client.post("/costs/populations", data=data,
                        files={"file": ("p.csv", population_csv(rows), "text/csv")})  # fmt: skip
    assert added.status_code == 200 and "「R7推計」を登録しました" in added.text
    sets = client.get("/api/costs/population-sets").json()
    assert [s["name"] for s in sets] == ["ビジョン基礎データ（2024-10-01）", "R7推計"]
    figures = client.get(f"/api/costs/population-sets/{sets[1]['id']}").json()["populations"]
    assert figures[0] == {"code": HUB, "name": "熊本市", "population": 737_409}
    staff = web.client("staff")
    data["csrf_token"] = form_token(staff.get("/costs/settle").text)
    files = {"file": ("p.csv", population_csv(rows), "text/csv")}
    denied = staff.post("/costs/populations", data=data, files=files)
    assert denied.status_code == 403
