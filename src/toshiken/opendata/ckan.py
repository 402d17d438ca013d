"""CKAN's shapes: package, resource, organisation, group and tag dicts, and its error types."""

from __future__ import annotations

from dataclasses import dataclass

from toshiken.opendata.catalog import CC_BY_4
from toshiken.opendata.formats import MEDIA_TYPES, iso
from toshiken.opendata.model import FORMATS, Catalog, Dataset, Group, Organization, stable_id

CKAN_VERSION = "2.10.0"
"""The CKAN release whose API shapes these follow (2.9–2.11 agree on this subset)."""

Dict = dict[str, object]
RESOURCE_NOTES = {
    "CSV": "UTF-8（BOM付き）、改行CRLF、1行目が項目名のCSV。",
    "JSON": "CSVと同じ行を項目キー（英語、統計表は項目名）で表したJSON（data配列）。",
}


class ActionError(Exception):
    """An action's failure as CKAN reports it: HTTP status, __type and message."""

    status = 500
    kind = "Internal Server Error"

    def error(self) -> Dict:
        return {"__type": self.kind, "message": str(self)}


class NotFound(ActionError):
    status, kind = 404, "Not Found Error"

    def __init__(self, what: str) -> None:
        super().__init__(f"Not found: {what}")


class ValidationError(ActionError):
    status, kind = 409, "Validation Error"

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors

    def error(self) -> Dict:
        return {**self.errors, "__type": self.kind}


class SearchQueryError(ActionError):
    status, kind = 400, "Search Query Error"

    def __init__(self, message: str) -> None:
        super().__init__(f"Search Query is invalid: {(message,)!r}")


class SearchError(ActionError):
    status, kind = 409, "Search Error"

    def __init__(self, message: str) -> None:
        super().__init__(f"Search error: {(message,)!r}")


@dataclass(frozen=True)
class Site:
    """The catalog as seen from one address: what every dict's links start with."""

    catalog: Catalog
    base_url: str  # e.g. http://127.0.0.1:8000, no trailing slash

    def file_url(self, file_name: str) -> str:
        return f"{self.base_url}/opendata/files/{file_name}"

    def page_url(self, kind: str, name: str) -> str:
        return f"{self.base_url}/opendata/{kind}/{name}"


def empty_catalog() -> Catalog:
    """What the API serves before any vision is loaded."""
    return Catalog("toshiken-opendata", "オープンデータカタログ", "", CC_BY_4, (), (), ())


def tag_dict(name: str) -> Dict:
    return {"id": stable_id("tag", name), "name": name, "display_name": name,
            "state": "active", "vocabulary_id": None}  # fmt: skip


def resource_dict(site: Site, d: Dataset, fmt: str) -> Dict:
    modified = iso(d.modified)
    return {
        "id": d.resource_id(fmt), "package_id": d.id, "name": f"{d.title}（{fmt}）",
        "description": RESOURCE_NOTES[fmt], "url": site.file_url(d.file_name(fmt)),
        "format": fmt, "mimetype": MEDIA_TYPES[fmt], "mimetype_inner": None, "size": None,
        "hash": "", "created": modified, "last_modified": modified,
        "metadata_modified": modified, "position": FORMATS.index(fmt), "state": "active",
        "url_type": None, "resource_type": None, "datastore_active": False, "cache_url": None,
    }  # fmt: skip


_PACKAGES: dict[tuple[int, str], tuple[Catalog, dict[str, Dict]]] = {}


def package_dict(site: Site, d: Dataset) -> Dict:
    """package_show's result; package_search returns the same dict for every hit.

    Made once per catalog, address and dataset (the catalog never changes; callers must not
    change the dict they get).
    """
    key = (id(site.catalog), site.base_url)
    found = _PACKAGES.get(key)
    if found is None or found[0] is not site.catalog:
        if len(_PACKAGES) >= 8:
            _PACKAGES.clear()
        found = _PACKAGES[key] = (site.catalog, {})
    made = found[1].get(d.name)
    if made is None:
        made = found[1][d.name] = _package_dict(site, d)
    return made


def _package_dict(site: Site, d: Dataset) -> Dict:
    catalog, license = site.catalog, site.catalog.license
    org = catalog.organization(d.organization)
    groups = [g for g in catalog.groups if g.name in d.groups]
    extras = [("出典", d.source), ("準拠する標準", d.standard or ""), *d.extras]
    return {
        "id": d.id, "name": d.name, "title": d.title, "notes": d.notes, "type": "dataset",
        "url": site.page_url("dataset", d.name), "version": d.version,
        "author": org.title if org else None, "author_email": None,
        "maintainer": org.title if org else None, "maintainer_email": None,
        "license_id": license.id, "license_title": license.title, "license_url": license.url,
        "isopen": license.is_open, "private": False, "state": "active",
        "owner_org": org.id if org else None,
        "organization": _org_brief(site, org) if org else None,
        "groups": [_group_brief(site, g) for g in groups],
        "tags": [tag_dict(t) for t in d.tags], "num_tags": len(d.tags),
        "extras": [{"key": k, "value": v} for k, v in extras if v],
        "resources": [resource_dict(site, d, fmt) for fmt in FORMATS],
        "num_resources": len(FORMATS),
        "metadata_created": iso(d.modified), "metadata_modified": iso(d.modified),
        "creator_user_id": None, "relationships_as_subject": [], "relationships_as_object": [],
    }  # fmt: skip


def _org_brief(site: Site, org: Organization) -> Dict:
    return {
        "id": org.id, "name": org.name, "title": org.title, "type": "organization",
        "description": org.description, "image_url": "", "created": _created(site),
        "is_organization": True, "approval_status": "approved", "state": "active",
    }  # fmt: skip


def _group_brief(site: Site, group: Group) -> Dict:
    return {"id": group.id, "name": group.name, "title": group.title,
            "display_name": group.title, "description": group.description,
            "image_display_url": ""}  # fmt: skip


def _created(site: Site) -> str | None:
    modified = site.catalog.modified
    return iso(modified) if modified else None


def organization_dict(site: Site, org: Organization, packages: list[Dict] | None = None) -> Dict:
    """organization_show's result (organization_list's with all_fields)."""
    count = len(site.catalog.published_by(org.name))
    extras = [{"key": "全国地方公共団体コード", "value": org.code}] if org.code else []
    shown: Dict = {
        **_org_brief(site, org), "display_name": org.title, "image_display_url": "",
        "package_count": count, "num_followers": 0, "extras": extras, "groups": [],
        "tags": [], "users": [],
    }  # fmt: skip
    if packages is not None:
        shown["packages"] = packages
    return shown


def group_dict(site: Site, group: Group, packages: list[Dict] | None = None) -> Dict:
    """group_show's result (group_list's with all_fields)."""
    shown: Dict = {
        **_group_brief(site, group), "type": "group", "is_organization": False,
        "approval_status": "approved", "state": "active", "created": _created(site),
        "image_url": "", "package_count": len(site.catalog.in_group(group.name)),
        "num_followers": 0, "extras": [], "groups": [], "tags": [], "users": [],
    }  # fmt: skip
    if packages is not None:
        shown["packages"] = packages
    return shown
