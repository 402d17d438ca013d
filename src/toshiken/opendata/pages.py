"""The catalog's pages under /opendata and its files; each page links its CKAN API twin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.i18n import DEFAULT_LANGUAGE, N_, NAV, NavItem, gettext, install, language_of
from toshiken.core.web import not_found, templates_for
from toshiken.opendata import search
from toshiken.opendata.context import PublisherDep, SessionsDep
from toshiken.opendata.formats import cell_text
from toshiken.opendata.model import FORMATS, Catalog, Dataset, Organization
from toshiken.opendata.package import DESCRIPTOR, zip_name
from toshiken.opendata.store import Published, Publisher

router = APIRouter(include_in_schema=False)
templates = templates_for(Path(__file__).parent / "templates")
install(templates.env)
if all(item.path != "/opendata" for item in NAV):
    NAV.insert(-1, NavItem("/opendata", N_("オープンデータ")))
JST = timezone(timedelta(hours=9), "JST")
PREVIEW_ROWS = 10
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json", "zip": "application/zip"}


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def shown_time(moment: datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """2025年4月1日 09:00 or 1 April 2025, 09:00 (Japan time): a last-modified time on the pages."""
    local = moment.astimezone(JST)
    if lang != DEFAULT_LANGUAGE:
        return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def freshness(modified: datetime, now: datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """How long ago, in days: 今日, 1日前, 30日前 (today, 1 day ago, 30 days ago)."""
    days = (now.astimezone(JST).date() - modified.astimezone(JST).date()).days
    if days <= 0:
        return gettext(lang, "今日")
    if days == 1:
        return gettext(lang, "1日前")
    return gettext(lang, "%(n)s日前") % {"n": days}


def _published(publisher: Publisher, sessions: sessionmaker[Session]) -> Published:
    published = publisher.current(sessions)
    if published is None:
        raise HTTPException(503, "no vision is loaded yet: run `toshiken load`")
    return published


def _row(catalog: Catalog, d: Dataset, now: datetime, lang: str) -> dict[str, object]:
    org = catalog.organization(d.organization)
    return {"dataset": d, "organization": org, "modified": shown_time(d.modified, lang),
            "freshness": freshness(d.modified, now, lang),
            "files": [(fmt, d.file_name(fmt)) for fmt in FORMATS]}  # fmt: skip


@router.get("/opendata", response_class=HTMLResponse)
def index(
    request: Request,
    publisher: PublisherDep,
    sessions: SessionsDep,
    q: Annotated[str, Query(max_length=200)] = "",
    organization: Annotated[str, Query(max_length=120)] = "",
    group: Annotated[str, Query(max_length=120)] = "",
) -> HTMLResponse:
    """Every dataset, or those matching the words and the chosen publisher and theme."""
    catalog = _published(publisher, sessions).catalog
    terms = [search.Term(None, (word,)) for word in q.split()]
    terms += [search.Term(f, (v,)) for f, v in (("organization", organization),
                                                 ("groups", group)) if v]  # fmt: skip
    query: search.Query = (tuple(terms),) if terms else ()
    docs = search.documents(catalog)
    found = [doc for doc in docs if search.matches(query, doc)]
    if q.strip():
        found.sort(key=lambda doc: -search.score(query, doc))
    now, lang = datetime.now(UTC), language_of(request)
    fq = " ".join(f"{f}:{v}" for f, v in (("organization", organization), ("groups", group)) if v)
    api = "/api/3/action/package_search?rows=1000" + "".join(
        f"&{k}={quote(v)}" for k, v in (("q", q.strip()), ("fq", fq)) if v
    )
    return templates.TemplateResponse(
        request, "opendata/index.html",
        {"lang": lang, "catalog": catalog,
         "rows": [_row(catalog, doc.dataset, now, lang) for doc in found],
         "q": q, "organization": organization, "group": group, "api": api,
         "descriptor": DESCRIPTOR, "zip": zip_name(catalog),
         "modified": shown_time(catalog.modified, lang) if catalog.modified else None},
    )  # fmt: skip


@router.get("/opendata/dataset/{name}", response_class=HTMLResponse)
def dataset_page(
    request: Request, name: str, publisher: PublisherDep, sessions: SessionsDep
) -> HTMLResponse:
    """A dataset: what it holds, who publishes it, when it changed, its files and columns."""
    published = _published(publisher, sessions)
    catalog = published.catalog
    d = catalog.dataset(name)
    if d is None:
        raise not_found(f"dataset {name}")
    files = [(fmt, d.file_name(fmt), len(published.file(d.file_name(fmt)) or b""))
             for fmt in FORMATS]  # fmt: skip
    preview = [[cell_text(c) for c in row] for row in d.table.rows[:PREVIEW_ROWS]]
    lang = language_of(request)
    return templates.TemplateResponse(
        request, "opendata/dataset.html",
        {"lang": lang, "catalog": catalog, "d": d,
         "organization": catalog.organization(d.organization),
         "groups": [g for g in catalog.groups if g.name in d.groups], "files": files,
         "preview": preview, "row_count": len(d.table.rows),
         "modified": shown_time(d.modified, lang),
         "freshness": freshness(d.modified, datetime.now(UTC), lang),
         "api": f"/api/3/action/package_show?id={d.name}"},
    )  # fmt: skip


def _organization_row(
    catalog: Catalog, org: Organization, now: datetime, lang: str
) -> dict[str, object]:
    datasets = catalog.published_by(org.name)
    latest = max((d.modified for d in datasets), default=None)
    return {"organization": org, "count": len(datasets),
            "modified": shown_time(latest, lang) if latest else "—",
            "freshness": freshness(latest, now, lang) if latest else "—"}  # fmt: skip


@router.get("/opendata/organization", response_class=HTMLResponse)
def organizations_page(
    request: Request, publisher: PublisherDep, sessions: SessionsDep
) -> HTMLResponse:
    """What each member publishes and how fresh it is."""
    catalog = _published(publisher, sessions).catalog
    now, lang = datetime.now(UTC), language_of(request)
    return templates.TemplateResponse(
        request, "opendata/organizations.html",
        {"lang": lang, "catalog": catalog,
         "rows": [_organization_row(catalog, o, now, lang) for o in catalog.organizations],
         "api": "/api/3/action/organization_list?all_fields=true"},
    )  # fmt: skip


@router.get("/opendata/organization/{name}", response_class=HTMLResponse)
def organization_page(
    request: Request, name: str, publisher: PublisherDep, sessions: SessionsDep
) -> HTMLResponse:
    """One publisher: its datasets and when each last changed."""
    catalog = _published(publisher, sessions).catalog
    org = catalog.organization(name)
    if org is None:
        raise not_found(f"organization {name}")
    now, lang = datetime.now(UTC), language_of(request)
    return templates.TemplateResponse(
        request, "opendata/organization.html",
        {"lang": lang, "catalog": catalog, "org": org,
         "summary": _organization_row(catalog, org, now, lang),
         "rows": [_row(catalog, d, now, lang) for d in catalog.published_by(org.name)],
         "partnership": catalog.organizations[0],
         "api": f"/api/3/action/organization_show?id={org.name}&include_datasets=true"},
    )  # fmt: skip


@router.get("/opendata/files/{file_name}")
def download(file_name: str, publisher: PublisherDep, sessions: SessionsDep) -> Response:
    """A dataset's CSV or JSON, datapackage.json, or the bulk ZIP of everything."""
    published = _published(publisher, sessions)
    content = published.file(file_name)
    if content is None:
        raise not_found(f"file {file_name}")
    catalog = published.catalog
    found = catalog.file(file_name)
    modified = found[0].modified if found else catalog.modified
    extension = file_name.rpartition(".")[2]
    headers = {"Content-Disposition": f'{"inline" if extension == "json" else "attachment"}; '
               f'filename="{file_name}"'}  # fmt: skip
    if modified is not None:
        headers["Last-Modified"] = modified.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    return Response(content, media_type=MEDIA[extension], headers=headers)
