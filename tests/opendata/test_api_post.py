"""POST with a JSON body or a form, as ckanapi sends it, on this feature's routes alone."""

from __future__ import annotations

import warnings

import ckanapi
import pytest
import requests
from fastapi import FastAPI

from toshiken.opendata.routes import router


def test_ckanapi_posts_list_show_and_search(bare: str) -> None:
    with ckanapi.RemoteCKAN(bare) as ckan:
        names = ckan.action.package_list()
        assert ckan.action.package_show(id=names[0])["name"] == names[0]
        found = ckan.action.package_search(fq_list=["organization:kumamoto-renkei"], rows=1000)
        assert all(p["organization"]["name"] == "kumamoto-renkei" for p in found["results"])
        with pytest.raises(ckanapi.NotFound):
            ckan.action.package_show(id="431001_event")
        with pytest.raises(ckanapi.ValidationError):
            ckan.action.package_search(rows=2000)
        with pytest.raises(ckanapi.SearchError):
            ckan.action.package_search(q="tags:(")


def test_form_posts_are_read_as_ckan_reads_them(bare: str) -> None:
    url = f"{bare}/api/3/action/package_show"
    plain = requests.post(url, data={"id": "432164_budget"}, timeout=10)
    assert plain.json()["result"]["name"] == "432164_budget"
    json_in_key = requests.post(url, data={'{"id": "432164_budget"}': ""}, timeout=10)
    assert json_in_key.json()["result"]["name"] == "432164_budget"


def test_bad_bodies_are_bad_requests(bare: str) -> None:
    url = f"{bare}/api/action/package_show"
    garbled = requests.post(
        url, data=b"{id:", headers={"Content-Type": "application/json"}, timeout=10
    )
    assert garbled.status_code == 400 and garbled.json().startswith("Bad request - JSON Error")
    listed = requests.post(url, json=[1], timeout=10)
    assert listed.status_code == 400 and "needs to be a dictionary" in listed.json()
    empty = requests.post(f"{bare}/api/action/package_list", timeout=10)
    assert empty.json()["success"] is True


def test_oversized_bodies_are_refused_unread(bare: str) -> None:
    url = f"{bare}/api/action/package_show"
    huge = b'{"id": "' + b"x" * (1024 * 1024) + b'"}'
    answer = requests.post(url, data=huge, headers={"Content-Type": "application/json"}, timeout=10)
    assert answer.status_code == 413 and answer.json().startswith("Bad request")


def test_openapi_has_one_operation_id_per_route() -> None:
    app = FastAPI()
    app.include_router(router)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FastAPI warns of duplicate operation ids
        schema = app.openapi()
    paths = schema["paths"]
    ids = [op["operationId"] for path in paths.values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert {"/api/3/action/{name}", "/api/action/{name}"} <= set(paths)
    assert set(paths["/api/action/{name}"]) == {"get", "post"}
