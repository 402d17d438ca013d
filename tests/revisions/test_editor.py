"""The draft editor: the secretariat edits and publishes; every other role is refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.accounts.conftest import ARAO, Site, csrf
from toshiken.accounts.orm import AuditRow
from toshiken.core.codes import check_digit
from toshiken.revisions.orm import DraftRow, RevisionRow
from toshiken.vision.orm import BudgetRow, MunicipalityRow

MINAMATA = "43205" + str(check_digit("43205"))


def snapshot(site: Site) -> tuple[object, ...]:
    """Everything an edit or a publication could change."""
    with site.sessions() as session:
        return (
            session.execute(select(RevisionRow.number, RevisionRow.sha256)).all(),
            session.execute(select(DraftRow.data)).all(),
            sorted(
                session.execute(
                    select(BudgetRow.initiative_id, BudgetRow.fiscal_year, BudgetRow.amount)
                ).all()
            ),
            session.scalar(select(func.count()).select_from(MunicipalityRow)),
        )


def initiative_form(client: TestClient, initiative_id: str) -> dict[str, object]:
    """The initiative's form as the editor shows it, ready to post."""
    data = client.get("/api/revisions/1").json()["vision"]
    i = next(
        x for x in data["initiatives"]
        if f"{x['pillar']}-{x['policy']}-{x['number']}" == initiative_id
    )  # fmt: skip
    form: dict[str, object] = {
        "csrf_token": csrf(client), "title": i["title"], "participants": i["participants"],
        "description": i["description"], "roles": i["roles"], "cost_sharing": i["cost_sharing"],
        "subsidies": i["subsidies"], "effect": i["effect"],
        "budget_total": str(i["budget_total"]),
    }  # fmt: skip
    if i["all_members"]:
        form["all_members"] = "1"
    for fy, amount in i["budget"].items():
        form[f"budget_{fy}"] = "" if amount is None else f"{amount:,}"
    for n, item in enumerate(i["schedule"]):
        form[f"schedule_label_{n}"] = item["label"]
        form[f"schedule_{n}"] = [str(y) for y in item["years"]]
    return form


def test_edit_then_publish_makes_revision_2_everywhere(site: Site) -> None:
    client = site.client("secretariat")
    form = initiative_form(client, "1-1-1")
    form.update(budget_2025="7,000", budget_total="29,913", title="産学連携支援事業（拡充）")
    saved = client.post("/revisions/draft/initiatives/1-1-1", data=form, follow_redirects=False)
    assert saved.status_code == 303
    draft = client.get("/api/revisions/draft").json()
    assert (
        client.get("/api/revisions/draft/vision").json()["initiatives"][0]["budget"]["2025"] == 7000
    )
    assert draft["problems"] == []
    [change] = draft["changes"]["changed"]
    assert change["renamed_from"] == "産学連携支援事業"
    assert change["budget"] == [{"fiscal_year": 2025, "before": 6669, "after": 7000, "change": 331}]
    assert change["total"] == {"before": 29582, "after": 29913, "change": 331}
    assert client.get("/revisions/draft").status_code == 200
    published = client.post(
        "/revisions/draft/publish",
        data={"csrf_token": csrf(client), "note": "産学連携の拡充"},
        follow_redirects=False,
    )
    assert published.status_code == 303 and published.headers["location"] == "/revisions/2"
    rows = client.get("/api/revisions").json()
    assert [(r["number"], r["current"]) for r in rows] == [(2, True), (1, False)]
    assert rows[0]["note"] == "産学連携の拡充"
    # every page, API and CLI reads the vision tables: they hold revision 2 now
    public = site.client()
    initiative = public.get("/api/initiatives/1-1-1").json()
    assert initiative["title"] == "産学連携支援事業（拡充）"
    diff = public.get("/api/revisions/diff", params={"from": 1, "to": 2}).json()
    assert diff["budget"]["total"]["change"] == 331
    assert [y["change"] for y in diff["budget"]["by_year"]] == [0, 0, 0, 0, 331]
    assert public.get("/revisions/1").status_code == 200  # the old revision stays readable
    assert public.get("/revisions/1.txt").text.endswith("令和7年（2025年）3月改定\n")
    assert public.get("/revisions/2.txt").text.endswith("月改定\n")
    assert "産学連携支援事業（拡充）" in public.get("/revisions/2.txt").text
    with site.sessions() as session:
        log = session.execute(select(AuditRow.entity, AuditRow.action, AuditRow.after)).all()
    drafts = [(action, after["edit"]) for entity, action, after in log if entity == "vision_draft"]
    assert drafts == [("create", "initiative 1-1-1")]
    assert [e for e, _a, _b in log if e == "vision_revision"] == ["vision_revision"]


def test_a_municipality_joins(site: Site) -> None:
    client = site.client("secretariat")
    member = {
        "csrf_token": csrf(client), "code": MINAMATA, "name": "水俣市", "reading": "ミナマタシ",
        "name_en": "Minamata", "population": "22,364", "households": "10,917",
        "area_km2": "163.29",
    }  # fmt: skip
    assert client.post("/revisions/draft/members", data=member).status_code == 200
    client.post("/revisions/draft/publish", data={"csrf_token": csrf(client)})
    members = site.client().get("/api/municipalities").json()
    assert len(members) == 25
    diff = client.get("/api/revisions/diff?from=1&to=2").json()
    assert diff["members_joined"] == [{"code": MINAMATA, "name": "水俣市"}]
    every = [c for c in diff["changed"] if c["joined"]]
    assert every and all(c["joined"] == [{"code": MINAMATA, "name": "水俣市"}] for c in every)


def test_a_budget_total_that_does_not_add_up_cannot_be_published(site: Site) -> None:
    client = site.client("secretariat")
    form = initiative_form(client, "3-2-2")
    form["budget_total"] = "1"
    client.post("/revisions/draft/initiatives/3-2-2", data=form)
    before = snapshot(site)
    refused = client.post("/revisions/draft/publish", data={"csrf_token": csrf(client)})
    assert refused.status_code == 400
    assert "3-②-イ 病児・病後児保育における圏域住民の利用" in refused.text
    assert "事業費 合計" in refused.text and "一致しません" in refused.text
    assert snapshot(site) == before


def test_a_participant_that_is_not_a_member_cannot_be_published(site: Site) -> None:
    client = site.client("secretariat")
    client.post(f"/revisions/draft/members/{ARAO}/remove", data={"csrf_token": csrf(client)})
    before = snapshot(site)
    refused = client.post("/revisions/draft/publish", data={"csrf_token": csrf(client)})
    assert refused.status_code == 400
    assert "関係市町村" in refused.text and f"{ARAO} は構成市町村ではありません" in refused.text
    assert "3-②-イ 病児・病後児保育における圏域住民の利用" in refused.text
    assert snapshot(site) == before


def test_bad_input_names_the_field_and_changes_nothing(site: Site) -> None:
    client = site.client("secretariat")
    form = initiative_form(client, "1-1-1")  # revision 1 is recorded on first use
    before = snapshot(site)
    form.update(budget_2021="約5千", title="")
    response = client.post("/revisions/draft/initiatives/1-1-1", data=form)
    assert response.status_code == 400
    assert (
        'href="#field-budget_2021"' in response.text and 'id="field-budget_2021"' in response.text
    )
    assert 'href="#field-title"' in response.text
    assert snapshot(site) == before


@pytest.mark.parametrize("role", ["anonymous", "viewer", "staff", "other_staff"])
def test_only_the_secretariat_edits_or_publishes(site: Site, role: str) -> None:
    secretariat = site.client("secretariat")
    form = initiative_form(secretariat, "1-1-1")
    form["budget_total"] = "29,583"
    secretariat.post("/revisions/draft/initiatives/1-1-1", data=form)  # a draft exists
    before = snapshot(site)
    client = site.client(role)
    token = csrf(client)
    assert client.get("/api/revisions/draft").status_code in (401, 403)
    assert client.get("/revisions/draft/initiatives/1-1-1").status_code in (401, 403)
    assert client.get("/api/revisions/draft/vision").status_code in (401, 403)
    posts = {
        "/revisions/draft/initiatives/1-1-1": {**form, "csrf_token": token, "title": "x"},
        "/revisions/draft/initiatives/1-1-2/remove": {"csrf_token": token},
        "/revisions/draft/policies/1-1": {"csrf_token": token, "title": "x", "direction": "x"},
        "/revisions/draft/kpis/1": {"csrf_token": token, "name": "x"},
        "/revisions/draft/members": {"csrf_token": token, "code": MINAMATA, "name": "水俣市"},
        f"/revisions/draft/members/{ARAO}/remove": {"csrf_token": token},
        "/revisions/draft/publish": {"csrf_token": token},
        "/revisions/draft/discard": {"csrf_token": token},
    }
    for path, data in posts.items():
        response = client.post(path, data=data, follow_redirects=False)
        assert response.status_code in (401, 403), path
    assert snapshot(site) == before
