"""The read-only CKAN actions: parameters checked as CKAN checks them, results in its shapes."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from toshiken.opendata import search
from toshiken.opendata.ckan import (
    CKAN_VERSION,
    Dict,
    NotFound,
    SearchError,
    SearchQueryError,
    Site,
    ValidationError,
    group_dict,
    organization_dict,
    package_dict,
    resource_dict,
)
from toshiken.opendata.model import FORMATS

Params = dict[str, object]
ROWS_MAX = 1000
MAX_GROUPS = 1000  # OR groups once q, fq and fq_list are multiplied out
FACETS = ("organization", "groups", "tags", "res_format", "license_id")
_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off", ""}


def integer(params: Params, key: str, default: int, maximum: int | None = None) -> int:
    """A natural number, also from a query string; CKAN's messages for anything else."""
    raw = params.get(key, default)
    try:
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise ValueError
        value = int(raw)
    except ValueError:
        raise ValidationError({key: ["Invalid integer"]}) from None
    if value < 0:
        raise ValidationError({key: ["Must be a natural number"]})
    if maximum is not None and value > maximum:
        raise ValidationError({key: [f"Must be less than or equal to {maximum}"]})
    return value


def flag(params: Params, key: str, default: bool = False) -> bool:
    raw = params.get(key, default)
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str | int) and str(raw).strip().lower() in _TRUE | _FALSE:
        return str(raw).strip().lower() in _TRUE
    raise ValidationError({key: ["Invalid boolean"]})


def text(params: Params, key: str, default: str = "") -> str:
    raw = params.get(key, default)
    if raw is None:
        return default
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise ValidationError({key: ["Must be a string"]})
    return str(raw)


def required(params: Params, key: str = "id") -> str:
    value = text(params, key).strip()
    if not value:
        raise ValidationError({key: ["Missing value"]})
    return value


def status_show(site: Site, params: Params) -> object:
    """The site's name, address and CKAN API version."""
    return {"site_title": site.catalog.title, "site_description": site.catalog.description,
            "site_url": site.base_url, "ckan_version": CKAN_VERSION, "error_emails_to": None,
            "locale_default": "ja", "extensions": []}  # fmt: skip


def package_list(site: Site, params: Params) -> object:
    """Every dataset's name in name order; `limit` and `offset` page through them."""
    names = sorted(d.name for d in site.catalog.datasets)
    offset = integer(params, "offset", 0)
    limit = integer(params, "limit", len(names)) if "limit" in params else len(names)
    return names[offset : offset + limit]


def package_show(site: Site, params: Params) -> object:
    """One dataset by name or id, with its resources."""
    key = required(params)
    dataset = site.catalog.dataset(key)
    if dataset is None:
        raise NotFound(f"Dataset '{key}' was not found")
    return package_dict(site, dataset)


def package_search(site: Site, params: Params) -> object:
    """Datasets matching q and fq, sorted and paged (rows at most 1000), with facets."""
    rows = integer(params, "rows", 10, maximum=ROWS_MAX)
    start = integer(params, "start", 0)
    sort_text = text(params, "sort", "score desc, metadata_modified desc") or "score desc"
    filters = [text(params, "q"), text(params, "fq"), *_strings(params, "fq_list")]
    try:
        sort = search.parse_sort(sort_text)
    except search.SortError as exc:
        raise SearchQueryError(str(exc)) from None
    try:
        query = _and(filters)
    except search.QuerySyntaxError as exc:
        raise SearchError(str(exc)) from None
    docs = search.documents(site.catalog)
    found = search.ranked(query, docs, sort)
    facet_fields = _facet_fields(params)
    counts = {f: _facet(site, f, found) for f in facet_fields}
    limit = None if params.get("facet.limit") in (-1, "-1") else integer(params, "facet.limit", 50)
    mincount = integer(params, "facet.mincount", 1)
    facets = {f: _top(c, limit, mincount) for f, c in counts.items()}
    return {
        "count": len(found),
        "sort": sort_text,
        "results": [package_dict(site, doc.dataset) for doc in found[start : start + rows]],
        "facets": facets,
        "search_facets": {f: {"title": f, "items": [
            {"name": k, "display_name": _facet_label(site, f, k), "count": n}
            for k, n in facets[f].items()]} for f in facet_fields},
    }  # fmt: skip


def _strings(params: Params, key: str) -> list[str]:
    raw = params.get(key) or []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.startswith("[") else [raw]
        except ValueError:
            raise ValidationError({key: ["Could not parse as valid JSON"]}) from None
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise ValidationError({key: ["Must be a list of strings"]})
    return raw


def _and(filters: list[str]) -> search.Query:
    """Every filter must hold: the OR groups of each filter, multiplied out."""
    combined: search.Query = ((),)
    for f in filters:
        parsed = search.parse(f)
        if parsed:
            if len(combined) * len(parsed) > MAX_GROUPS:
                raise search.QuerySyntaxError(f"more than {MAX_GROUPS} OR combinations")
            combined = tuple(a + b for a in combined for b in parsed)
    return tuple(g for g in combined if g)


def _facet_fields(params: Params) -> list[str]:
    fields = _strings(params, "facet.field")
    unknown = [f for f in fields if f not in FACETS]
    if unknown:
        raise SearchError(f"undefined facet field {unknown[0]}")
    return fields


def _facet(site: Site, field: str, found: list[search.Document]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for doc in found:
        d = doc.dataset
        values = {"organization": [d.organization], "groups": list(d.groups),
                  "tags": list(d.tags), "res_format": list(FORMATS),
                  "license_id": [site.catalog.license.id]}[field]  # fmt: skip
        counts.update(values)
    return counts


def _top(counts: Counter[str], limit: int | None, mincount: int) -> dict[str, int]:
    """Most frequent first, then by name, as Solr orders facet values."""
    ordered = sorted((item for item in counts.items() if item[1] >= mincount),
                     key=lambda item: (-item[1], item[0]))  # fmt: skip
    return dict(ordered[:limit])


def _facet_label(site: Site, field: str, name: str) -> str:
    found = {"organization": site.catalog.organization, "groups": site.catalog.group}
    if field in found:
        thing = found[field](name)
        return thing.title if thing else name
    return name


def _listing(params: Params, shown: list[Dict]) -> object:
    sort = text(params, "sort", "name asc").split()
    fields = ("name", "title", "package_count")
    if len(sort) not in (1, 2) or sort[0] not in fields or sort[-1] not in ("asc", "desc", *fields):
        raise ValidationError({"sort": ["Sort by name, title or package_count, asc or desc"]})
    field = sort[0]
    shown.sort(
        key=lambda t: f"{t[field]:09d}" if field == "package_count" else str(t[field]),
        reverse=sort[-1] == "desc",
    )
    offset = integer(params, "offset", 0)
    limit = integer(params, "limit", len(shown)) if "limit" in params else len(shown)
    page = shown[offset : offset + limit]
    return page if flag(params, "all_fields") else [t["name"] for t in page]


def organization_list(site: Site, params: Params) -> object:
    """The publishers: the partnership and every member (names, or dicts with all_fields)."""
    return _listing(params, [organization_dict(site, o) for o in site.catalog.organizations])


def group_list(site: Site, params: Params) -> object:
    """The themes datasets are grouped by (names, or dicts with all_fields)."""
    return _listing(params, [group_dict(site, g) for g in site.catalog.groups])


def organization_show(site: Site, params: Params) -> object:
    """One publisher by name or id; include_datasets adds its datasets."""
    key, include = required(params), flag(params, "include_datasets")
    org = site.catalog.organization(key)
    if org is None:
        raise NotFound(f"Organization '{key}' was not found")
    packages = None
    if include:
        packages = [package_dict(site, d) for d in site.catalog.published_by(org.name)]
    return organization_dict(site, org, packages)


def group_show(site: Site, params: Params) -> object:
    """One theme by name or id; include_datasets adds its datasets."""
    key, include = required(params), flag(params, "include_datasets")
    group = site.catalog.group(key)
    if group is None:
        raise NotFound(f"Group '{key}' was not found")
    packages = None
    if include:
        packages = [package_dict(site, d) for d in site.catalog.in_group(group.name)]
    return group_dict(site, group, packages)


def resource_show(site: Site, params: Params) -> object:
    """One file of a dataset (its CSV or JSON) by id."""
    key = required(params)
    for d in site.catalog.datasets:
        for fmt in FORMATS:
            if key == d.resource_id(fmt):
                return resource_dict(site, d, fmt)
    raise NotFound(f"Resource '{key}' was not found")


def help_show(site: Site, params: Params) -> object:
    """What an action does."""
    name = required(params, "name")
    if name not in ACTIONS:
        raise NotFound(f"Action '{name}' was not found")
    return ACTIONS[name].__doc__


Action = Callable[[Site, Params], object]
ACTIONS: dict[str, Action] = {
    f.__name__: f
    for f in (status_show, package_list, package_show, package_search, organization_list,
              organization_show, group_list, group_show, resource_show, help_show)
}  # fmt: skip


def run(site: Site, name: str, params: Params) -> object:
    """Call an action; raises KeyError for an unknown name and ActionError for a bad call."""
    return ACTIONS[name](site, params)
