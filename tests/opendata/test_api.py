"""The CKAN Action API driven by the real ckanapi client against a live server."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import ckanapi
import pytest
import requests

from tests.opendata.conftest import LOADED_AT
from toshiken.vision.model import Vision
from toshiken.vision.queries import budget_grand_total

EXPECTED_MODIFIED = LOADED_AT.replace(tzinfo=None).isoformat(timespec="microseconds")


def post(url: str, **kwargs: object) -> requests.Response:
    """A POST as a CKAN client sends it (no CSRF token), never following a redirect."""
    return requests.post(url, timeout=10, allow_redirects=False, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module", params=["post", "get"])
def ckan(request: pytest.FixtureRequest, live: str) -> Iterator[ckanapi.RemoteCKAN]:
    """ckanapi as clients use it: POST with a JSON body, or GET with a query string."""
    with ckanapi.RemoteCKAN(live, get_only=request.param == "get") as client:
        yield client


def test_status_and_lists(ckan: ckanapi.RemoteCKAN, vision: Vision) -> None:
    status = ckan.action.status_show()
    assert status["site_title"] == "熊本連携中枢都市圏 オープンデータカタログ"
    names = ckan.action.package_list()
    assert names == sorted(names)
    assert {"kumamoto-renkei_initiatives", "431001_participation", "434477_budget"} <= set(names)
    assert ckan.action.package_list(limit=5, offset=5) == names[5:10]
    orgs = ckan.action.organization_list()
    assert len(orgs) == 1 + len(vision.municipalities)
    assert "431001-kumamoto-shi" in orgs and "434477-yamato-cho" in orgs
    detailed = ckan.action.organization_list(all_fields=True)
    assert sum(o["package_count"] for o in detailed) == len(names)
    assert ckan.action.group_list() == ["budget", "events", "statistics", "vision"]


def test_package_show_has_ckan_shape_and_load_time(ckan: ckanapi.RemoteCKAN, live: str) -> None:
    package = ckan.action.package_show(id="432164_budget")
    assert package["organization"]["name"] == "432164-koshi-shi"
    assert package["owner_org"] == package["organization"]["id"]
    assert package["license_id"] == "CC-BY-4.0" and package["isopen"] is True
    assert package["metadata_modified"] == EXPECTED_MODIFIED
    assert [r["format"] for r in package["resources"]] == ["CSV", "JSON"]
    csv_url = package["resources"][0]["url"]
    assert csv_url == f"{live}/opendata/files/432164_budget.csv"
    assert ckan.action.package_show(id=package["id"])["name"] == "432164_budget"
    resource = ckan.action.resource_show(id=package["resources"][1]["id"])
    assert resource["package_id"] == package["id"] and resource["format"] == "JSON"
    assert resource["last_modified"] == EXPECTED_MODIFIED


def test_search_pages_through_every_dataset_exactly_once(ckan: ckanapi.RemoteCKAN) -> None:
    everything = ckan.action.package_list()
    seen: list[str] = []
    start = 0
    while True:
        page = ckan.action.package_search(rows=7, start=start, sort="name asc")
        assert page["count"] == len(everything)
        if not page["results"]:
            break
        seen += [p["name"] for p in page["results"]]
        start += 7
    assert seen == everything


def test_search_by_organisation_tags_and_words(ckan: ckanapi.RemoteCKAN) -> None:
    mine = ckan.action.package_search(fq="organization:432164-koshi-shi", rows=1000)
    assert sorted(p["name"] for p in mine["results"]) == ["432164_budget", "432164_participation"]
    both = ckan.action.package_search(
        fq="organization:kumamoto-renkei AND tags:統計", sort="name asc", rows=1000
    )
    assert "kumamoto-renkei_libraries" in [p["name"] for p in both["results"]]
    assert all(p["organization"]["name"] == "kumamoto-renkei" for p in both["results"])
    excluded = ckan.action.package_search(fq="-organization:kumamoto-renkei", rows=1000)
    assert all(p["organization"]["name"] != "kumamoto-renkei" for p in excluded["results"])
    # full-width query text finds half-width titles (NFKC)
    kpi = ckan.action.package_search(q="ＫＰＩ")
    assert kpi["results"][0]["name"] == "kumamoto-renkei_kpis"
    facets = ckan.action.package_search(q="事業費", **{"facet.field": '["organization"]'})
    assert facets["facets"]["organization"]["432164-koshi-shi"] == 1


def test_newest_first_and_harvester_style_filters(ckan: ckanapi.RemoteCKAN) -> None:
    newest = ckan.action.package_search(sort="metadata_modified desc", rows=1000)
    times = [p["metadata_modified"] for p in newest["results"]]
    assert times == sorted(times, reverse=True) and EXPECTED_MODIFIED in times
    mine = "organization:432164-koshi-shi"  # the vision's datasets only: loaded at LOADED_AT
    since = ckan.action.package_search(fq=f"{mine} metadata_modified:[2025-04-01T00:00:00Z TO *]")
    later = ckan.action.package_search(fq=f"{mine} metadata_modified:[2025-05-01T00:00:00Z TO *]")
    assert since["count"] == 2 and later["count"] == 0
    assert {p["metadata_modified"] for p in since["results"]} == {EXPECTED_MODIFIED}


def test_not_found_is_ckanapis_not_found(ckan: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="431001_event")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.organization_show(id="999999-nowhere")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.resource_show(id="00000000-0000-0000-0000-000000000000")


def test_bad_requests_are_ckan_errors(ckan: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.ValidationError) as rows:
        ckan.action.package_search(rows=1001)
    assert rows.value.error_dict["rows"] == ["Must be less than or equal to 1000"]
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.package_search(start="-3")
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.package_show()
    with pytest.raises(ckanapi.SearchError):
        ckan.action.package_search(fq='organization:"kumamoto-renkei')
    with pytest.raises(ckanapi.SearchError):
        ckan.action.package_search(fq="colour:red")
    with pytest.raises(ckanapi.SearchQueryError):
        ckan.action.package_search(sort="popularity desc")
    with pytest.raises(ckanapi.CKANAPIError):
        ckan.action.package_create(name="x")


def test_organisation_show_lists_what_a_member_publishes(ckan: ckanapi.RemoteCKAN) -> None:
    org = ckan.action.organization_show(id="432164-koshi-shi", include_datasets=True)
    assert org["title"] == "合志市" and org["is_organization"] is True
    assert org["package_count"] == 2
    assert {p["name"] for p in org["packages"]} == {"432164_participation", "432164_budget"}
    assert {"key": "全国地方公共団体コード", "value": "432164"} in org["extras"]


def test_exported_numbers_equal_the_documents(ckan: ckanapi.RemoteCKAN, vision: Vision) -> None:
    package = ckan.action.package_show(id="kumamoto-renkei_budgets")
    document = requests.get(package["resources"][1]["url"], timeout=10).json()
    assert sum(r["budgetTotal"] for r in document["data"]) == budget_grand_total(vision)


def test_both_paths_answer_without_redirect(live: str) -> None:
    for path in ("/api/3/action/package_list", "/api/action/package_list",
                 "/api/3/action/package_list/"):  # fmt: skip
        answer = post(f"{live}{path}", json={})
        assert answer.status_code == 200, path
        assert answer.json()["success"] is True
        assert answer.json()["help"] == f"{live}/api/3/action/help_show?name=package_list"


def test_envelope_of_errors(live: str) -> None:
    missing = requests.get(f"{live}/api/3/action/package_show?id=nope", timeout=10)
    assert missing.status_code == 404
    assert missing.json()["success"] is False
    assert missing.json()["error"]["__type"] == "Not Found Error"
    too_many = requests.get(f"{live}/api/3/action/package_search?rows=5000", timeout=10)
    assert too_many.status_code == 409
    assert too_many.json()["error"]["__type"] == "Validation Error"
    unknown = requests.get(f"{live}/api/3/action/package_patch", timeout=10)
    assert unknown.status_code == 400
    assert unknown.json() == "Bad request - Action name not known: package_patch"


def test_posts_pass_the_csrf_check_whatever_cookie_they_bring(live: str) -> None:
    """Harvesters keep cookies across restarts: a stale or foreign one must not get a 403."""
    for cookie in ("toshiken_session=forged.value", "other=1", ""):
        answer = post(f"{live}/api/action/package_show", json={"id": "432164_budget"},
                      headers={"Cookie": cookie} if cookie else {})  # fmt: skip
        assert answer.status_code == 200, (cookie, answer.text[:200])
        assert answer.json()["result"]["name"] == "432164_budget"
    page = post(f"{live}/login", data={"username": "x"}, headers={"Cookie": "x=1"})
    assert page.status_code == 403  # the rest of the site is still checked


def test_bodies_that_are_not_json_objects(live: str) -> None:
    garbled = post(
        f"{live}/api/action/package_show", data=b"{id:",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    assert garbled.status_code == 400 and garbled.json().startswith("Bad request - JSON Error")
    not_a_dict = post(f"{live}/api/action/package_show", json=[1])
    assert not_a_dict.status_code == 400


@pytest.mark.parametrize(
    "query",
    ["fq=organization:", "fq=(", "fq=tags:[a TO b]", "q=OR", "rows=ten", "start=1.5",
     "facet.field=[", "facet.field=[\"colour\"]", "sort=name", "fq_list=[1]", "limit=-1"],
)  # fmt: skip
def test_malformed_requests_never_give_a_500(live: str, query: str) -> None:
    action = "package_list" if query.startswith("limit") else "package_search"
    answer = requests.get(f"{live}/api/3/action/{action}?{query}", timeout=10)
    assert 400 <= answer.status_code < 500, (query, answer.text)
    assert answer.json()["success"] is False


def test_the_served_zip_passes_frictionless_validate(live: str, tmp_path: Path) -> None:
    """What a user downloads from the running app: every provider's datasets, validated."""
    with ckanapi.RemoteCKAN(live) as ckan:
        names = ckan.action.package_list()
    answer = requests.get(f"{live}/opendata/files/kumamoto-renkei-opendata.zip", timeout=60)
    assert answer.status_code == 200
    zipfile.ZipFile(io.BytesIO(answer.content)).extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(r["name"] for r in descriptor["resources"]) == names
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "--json",
               "datapackage.json"]  # fmt: skip
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout)
    assert run.returncode == 0 and report["valid"], run.stdout[-2000:]
    budgets = (tmp_path / "kumamoto-renkei_budgets.csv").read_bytes()
    assert budgets.startswith(b"\xef\xbb\xbf\xe5\x85\xb7\xe4\xbd\x93")  # BOM, then 具体的取組ID


def test_ckanapi_dump_harvests_every_dataset_and_organisation(live: str, tmp_path: Path) -> None:
    """`ckanapi dump … --all`, as a harvester or a mirror runs it, with its extra parameters."""
    with ckanapi.RemoteCKAN(live) as ckan:
        names, orgs = ckan.action.package_list(), ckan.action.organization_list()
    tool = str(Path(sys.executable).parent / "ckanapi")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path}  # its workers start `ckanapi` by name
    for kind, expected in (("datasets", names), ("organizations", orgs)):
        out = tmp_path / f"{kind}.jsonl"
        command = [tool, "dump", kind, "--all", "-p", "1", "-q", "-r", live, "-O", str(out)]
        run = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
        assert run.returncode == 0, run.stderr[-2000:]
        dumped = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert sorted(d["name"] for d in dumped) == sorted(expected), kind
    koshi = next(d for d in dumped if d["name"] == "432164-koshi-shi")
    assert koshi["package_count"] == 2
