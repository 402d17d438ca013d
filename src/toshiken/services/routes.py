"""The finder's pages, PDF guide and JSON/CSV API: one finding feeds every output."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from toshiken.core.i18n import N_, NAV, NavItem, install, language_of
from toshiken.core.output import to_csv
from toshiken.core.web import RuntimeDep, SessionsDep, not_found, templates_for
from toshiken.services.catalog import FILE_NAME, ServiceDataError, read_catalog
from toshiken.services.finder import find
from toshiken.services.guide import guide_html, guide_pdf
from toshiken.services.model import Finding, Service
from toshiken.services.rows import finding_row, grouped, offer_flat, reverse_row, service_row
from toshiken.vision.current import require_vision
from toshiken.vision.model import Municipality, Vision
from toshiken.vision.queries import UnknownMunicipality, find_municipality

router = APIRouter()
templates = templates_for(Path(__file__).parent / "templates")
install(templates.env)
if all(item.path != "/services" for item in NAV):
    NAV.insert(-1, NavItem("/services", N_("くらしのサービス")))

HomeQuery = Annotated[str, Query(description="Where the resident lives: a member's name or code")]
WorkQuery = Annotated[
    str | None,
    Query(description="Optional: where they work or study (counts where the document says so)"),
]


@dataclass(frozen=True)
class Catalog:
    """The loaded vision and the services checked against it."""

    vision: Vision
    services: tuple[Service, ...]

    def service(self, service_id: str) -> Service:
        for s in self.services:
            if s.id == service_id:
                return s
        raise not_found(f"service {service_id}")


def get_catalog(sessions: SessionsDep, runtime: RuntimeDep) -> Catalog:
    vision = require_vision(sessions)
    try:
        services = read_catalog(runtime.settings.data_dir / FILE_NAME, vision)
    except (OSError, ServiceDataError) as exc:
        raise HTTPException(503, f"the services data cannot be used: {exc}") from exc
    return Catalog(vision, services)


CatalogDep = Annotated[Catalog, Depends(get_catalog)]


class BadPlace(LookupError):
    """A home or work value that names no member; `field` is "home" or "work"."""

    def __init__(self, field: str, value: str, detail: str) -> None:
        self.field, self.value = field, value
        super().__init__(f"{field}: {detail}")

    def japanese(self) -> str:
        """The message the form shows a resident."""
        if self.field == "home" and not self.value.strip():
            return "お住まいの市町村を選んでください。"
        what = "お住まいの市町村" if self.field == "home" else "通勤・通学先の市町村"
        return f"{what}「{self.value}」は圏域の市町村ではありません。一覧から選んでください。"


def _places(
    catalog: Catalog, home: str, work: str | None
) -> tuple[Municipality, Municipality | None]:
    """Home and work by name or code; raises BadPlace naming the field."""
    vision = catalog.vision
    try:
        home_m = find_municipality(vision, home)
    except UnknownMunicipality as exc:
        raise BadPlace("home", home, str(exc)) from None
    try:
        work_m = find_municipality(vision, work) if work and work.strip() else None
    except UnknownMunicipality as exc:
        raise BadPlace("work", str(work), str(exc)) from None
    return home_m, work_m


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page in the reader's language (the services' own names stay as the catalog has them)."""
    context = {"lang": language_of(request), **context}
    return templates.TemplateResponse(request, name, context, status)


def _index_context(catalog: Catalog) -> dict[str, Any]:
    rows = [service_row(catalog.vision, s) for s in catalog.services]
    return {"vision": catalog.vision, "groups": grouped(rows), "count": len(rows)}


@router.get("/services", response_class=HTMLResponse, include_in_schema=False)
def finder_page(request: Request, catalog: CatalogDep) -> HTMLResponse:
    context = _index_context(catalog) | {"home": None, "work": None, "error": None}
    return render(request, "services/index.html", context)


@router.get("/services/for", response_class=HTMLResponse, include_in_schema=False)
def result_page(
    request: Request, catalog: CatalogDep, home: str = "", work: str | None = None
) -> HTMLResponse:
    try:
        home_m, work_m = _places(catalog, home, work)
    except BadPlace as exc:
        context = _index_context(catalog) | {"home": home, "work": work, "error": exc.japanese()}
        return render(request, "services/index.html", context, 422)
    row = finding_row(catalog.vision, find(catalog.vision, catalog.services, home_m, work_m))
    services: list[dict[str, Any]] = row["services"]  # type: ignore[assignment]
    context = {
        "vision": catalog.vision,
        "finding": row,
        "groups": grouped(services),
        "query": f"home={home_m.code}" + (f"&work={work_m.code}" if work_m else ""),
    }
    return render(request, "services/result.html", context)


@router.get("/services/guide/{home}.pdf", include_in_schema=False)
def guide(catalog: CatalogDep, home: str, work: str | None = None) -> Response:
    try:
        home_m, work_m = _places(catalog, home, work)
    except BadPlace as exc:
        raise HTTPException(404, str(exc)) from exc
    finding = find(catalog.vision, catalog.services, home_m, work_m)
    pdf = guide_pdf(guide_html(templates.env, catalog.vision, finding, date.today()))
    name = f"services-{home_m.code}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/services/{service_id}", response_class=HTMLResponse, include_in_schema=False)
def service_page(request: Request, catalog: CatalogDep, service_id: str) -> HTMLResponse:
    row = reverse_row(catalog.vision, catalog.service(service_id))
    context = {"vision": catalog.vision, "service": row}
    return render(request, "services/service.html", context)


@router.get("/api/services")
def api_services(catalog: CatalogDep) -> list[dict[str, object]]:
    """Every service with its providers and the municipalities whose residents may use it."""
    return [service_row(catalog.vision, s) for s in catalog.services]


def _finding(catalog: Catalog, home: str, work: str | None) -> Finding:
    try:
        home_m, work_m = _places(catalog, home, work)
    except BadPlace as exc:
        raise HTTPException(422, str(exc)) from exc
    return find(catalog.vision, catalog.services, home_m, work_m)


@router.get("/api/services/for")
def api_for(catalog: CatalogDep, home: HomeQuery, work: WorkQuery = None) -> dict[str, object]:
    """The services of other municipalities open to a resident (the result page's twin)."""
    return finding_row(catalog.vision, _finding(catalog, home, work))


@router.get("/api/services/for.csv", response_class=Response)
def api_for_csv(catalog: CatalogDep, home: HomeQuery, work: WorkQuery = None) -> Response:
    """The same as CSV (UTF-8 with BOM), one line per service."""
    finding = _finding(catalog, home, work)
    rows = [offer_flat(catalog.vision, o) for o in finding.offers]
    name = f"services-{finding.home.code}.csv"
    return Response(
        to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/api/services/{service_id}")
def api_service(catalog: CatalogDep, service_id: str) -> dict[str, object]:
    """The reverse view: for each provider, whose residents may use it."""
    return reverse_row(catalog.vision, catalog.service(service_id))
