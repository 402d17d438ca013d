"""The actions without HTTP: parameters checked as CKAN checks them, results in its shapes."""

from __future__ import annotations

import pytest

from toshiken.opendata.actions import ACTIONS, run
from toshiken.opendata.ckan import NotFound, SearchError, Site, ValidationError, empty_catalog
from toshiken.opendata.model import Catalog

BASE = "https://data.example.jp"


@pytest.fixture(scope="module")
def site(catalog: Catalog) -> Site:
    return Site(catalog, BASE)


def test_every_required_action_exists() -> None:
    required = {
        "status_show", "package_list", "package_show", "package_search",
        "organization_list", "organization_show", "group_list", "resource_show",
    }  # fmt: skip
    assert required <= set(ACTIONS)


def test_query_string_values_are_coerced(site: Site) -> None:
    page = run(site, "package_search", {"rows": "2", "start": "4", "sort": "name asc"})
    assert (
        [p["name"] for p in page["results"]]
        == sorted(  # type: ignore[index]
            d.name for d in site.catalog.datasets
        )[4:6]
    )
    assert run(site, "organization_list", {"all_fields": "True", "limit": "1"})[0]["name"] == (  # type: ignore[index]
        "431001-kumamoto-shi"
    )


def test_search_result_shape_and_facets(site: Site) -> None:
    result = run(site, "package_search", {"fq": "groups:budget", "rows": 0,
                                          "facet.field": ["organization", "res_format"],
                                          "facet.limit": 3})  # fmt: skip
    assert result["count"] == 25 and result["results"] == []  # type: ignore[index]
    assert result["facets"]["res_format"] == {"CSV": 25, "JSON": 25}  # type: ignore[index]
    assert len(result["facets"]["organization"]) == 3  # type: ignore[index]
    items = result["search_facets"]["organization"]["items"]  # type: ignore[index]
    assert items[0] == {"name": "431001-kumamoto-shi", "display_name": "熊本市", "count": 1}


def test_fq_list_and_fq_must_all_hold(site: Site) -> None:
    params = {"q": "事業費", "fq": "groups:budget", "fq_list": ["organization:432164-koshi-shi"]}
    result = run(site, "package_search", params)
    assert [p["name"] for p in result["results"]] == ["432164_budget"]  # type: ignore[index]


def test_links_start_with_the_site_address(site: Site) -> None:
    package = run(site, "package_show", {"id": "kumamoto-renkei_kpis"})
    assert package["url"] == f"{BASE}/opendata/dataset/kumamoto-renkei_kpis"  # type: ignore[index]
    assert package["resources"][0]["url"] == f"{BASE}/opendata/files/kumamoto-renkei_kpis.csv"  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "params", "error"),
    [
        ("package_show", {"id": "nope"}, NotFound),
        ("package_show", {}, ValidationError),
        ("package_show", {"id": ["a", "b"]}, ValidationError),
        ("package_search", {"rows": 1001}, ValidationError),
        ("package_search", {"rows": True}, ValidationError),
        ("package_search", {"fq_list": "[broken"}, ValidationError),
        ("package_search", {"facet.field": ["owner"]}, SearchError),
        ("package_search", {"fq_list": ["tags:a OR tags:b"] * 11}, SearchError),
        ("organization_list", {"sort": "size desc"}, ValidationError),
        ("organization_show", {"id": "x", "include_datasets": "maybe"}, ValidationError),
        ("group_show", {"id": "nope"}, NotFound),
        ("help_show", {"name": "package_delete"}, NotFound),
    ],
)
def test_errors(site: Site, name: str, params: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        run(site, name, params)


def test_validation_error_has_ckans_shape() -> None:
    assert ValidationError({"rows": ["Invalid integer"]}).error() == {
        "rows": ["Invalid integer"], "__type": "Validation Error",
    }  # fmt: skip
    assert NotFound("Dataset 'x' was not found").error()["message"] == (
        "Not found: Dataset 'x' was not found"
    )


def test_an_empty_catalog_answers_before_anything_is_loaded() -> None:
    site = Site(empty_catalog(), BASE)
    assert run(site, "package_list", {}) == []
    assert run(site, "package_search", {})["count"] == 0  # type: ignore[index]
    assert run(site, "help_show", {"name": "package_list"})
