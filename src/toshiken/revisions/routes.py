"""Published revisions: the history, each revision as a page, text and PDF, and their diffs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from toshiken.accounts.guard import MaybeUser
from toshiken.accounts.permissions import is_secretariat
from toshiken.core.web import RuntimeDep, not_found
from toshiken.revisions import editor, publishing
from toshiken.revisions.access import current_revision, ensure_revisions, vision_of
from toshiken.revisions.changes import diff_dict
from toshiken.revisions.codec import vision_to_dict
from toshiken.revisions.document import CSS, pdf
from toshiken.revisions.layout import layout
from toshiken.revisions.model import Revision
from toshiken.revisions.pages import templates
from toshiken.vision.store import stored_hash

router = APIRouter()
router.include_router(editor.router)
router.include_router(publishing.router)
Number = Annotated[int | None, Query(ge=1, description="A revision number")]


def revisions_of(runtime: RuntimeDep) -> list[Revision]:
    """Every published revision (503 before `toshiken load`)."""
    found = ensure_revisions(runtime.sessions, runtime.settings.data_dir, lambda: datetime.now(UTC))
    if not found:
        raise HTTPException(503, "no vision is loaded yet: run `toshiken load`")
    return found


def _current(runtime: RuntimeDep, found: list[Revision]) -> Revision:
    with runtime.sessions() as session:
        sha = stored_hash(session)
    current = current_revision(found, sha)
    assert current is not None
    return current


def _pick(found: list[Revision], number: int) -> Revision:
    for revision in found:
        if revision.number == number:
            return revision
    raise not_found(f"revision {number}")


def revision_dict(r: Revision, current: Revision | None = None) -> dict[str, Any]:
    return {
        "number": r.number, "title": r.title, "dated": r.dated.isoformat(),
        "published_at": r.published_at.isoformat(), "published_by": r.published_by,
        "note": r.note, "sha256": r.sha256, "current": current is not None and r is current,
        "links": {
            "html": f"/revisions/{r.number}", "text": f"/revisions/{r.number}.txt",
            "pdf": f"/revisions/{r.number}.pdf", "json": f"/api/revisions/{r.number}",
        },
    }  # fmt: skip


@router.get("/revisions/document.css", include_in_schema=False)
def document_css() -> FileResponse:
    return FileResponse(CSS, media_type="text/css")


@router.get("/revisions", response_class=HTMLResponse, include_in_schema=False)
def revisions_page(request: Request, runtime: RuntimeDep, user: MaybeUser) -> Response:
    found = revisions_of(runtime)
    current = _current(runtime, found)
    rows = [revision_dict(r, current) for r in reversed(found)]
    context = {"user": user, "rows": rows, "secretariat": is_secretariat(user)}
    return templates.TemplateResponse(request, "revisions.html", context)


@router.get("/api/revisions")
def api_revisions(runtime: RuntimeDep) -> list[dict[str, Any]]:
    """Every published revision, newest first: number, title, date, links to its documents."""
    found = revisions_of(runtime)
    current = _current(runtime, found)
    return [revision_dict(r, current) for r in reversed(found)]


def _diff(found: list[Revision], before: int | None, after: int | None) -> dict[str, Any]:
    b = _pick(found, after or found[-1].number)
    a = _pick(found, before or max(b.number - 1, 1))
    return {
        "from": revision_dict(a),
        "to": revision_dict(b),
        **diff_dict(vision_of(a), vision_of(b)),
    }


@router.get("/revisions/diff", response_class=HTMLResponse, include_in_schema=False)
def diff_page(
    request: Request,
    runtime: RuntimeDep,
    user: MaybeUser,
    before: Annotated[Number, Query(alias="from")] = None,
    after: Annotated[Number, Query(alias="to")] = None,
) -> Response:
    found = revisions_of(runtime)
    data = _diff(found, before, after)
    context = {"user": user, "d": data, "numbers": [r.number for r in found], "revisions": found}
    return templates.TemplateResponse(request, "diff.html", context)


@router.get("/api/revisions/diff")
def api_diff(
    runtime: RuntimeDep,
    before: Annotated[Number, Query(alias="from")] = None,
    after: Annotated[Number, Query(alias="to")] = None,
) -> dict[str, Any]:
    """What changed from revision `from` to `to` (default: the latest and the one before it).

    Members joined and left; initiatives added, removed, renamed; participants joined and left;
    budget changes per fiscal year with totals (千円); policy-area and KPI changes.
    """
    return _diff(revisions_of(runtime), before, after)


@router.get("/revisions/{number}.{fmt}", include_in_schema=False)
def revision_file(runtime: RuntimeDep, number: int, fmt: Literal["txt", "pdf"]) -> Response:
    """The revision as text in the document's own format, or as a PDF laid out like it."""
    revision = _pick(revisions_of(runtime), number)
    name = f"vision-revision-{number}.{fmt}"
    if fmt == "txt":
        return PlainTextResponse(
            revision.text, headers={"Content-Disposition": f'inline; filename="{name}"'}
        )
    return Response(
        pdf(revision, vision_of(revision)),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/revisions/{number}", response_class=HTMLResponse, include_in_schema=False)
def revision_page(request: Request, runtime: RuntimeDep, user: MaybeUser, number: int) -> Response:
    found = revisions_of(runtime)
    revision = _pick(found, number)
    current = _current(runtime, found)
    context = {
        "user": user, "r": revision_dict(revision, current), "doc": layout(vision_of(revision)),
        "previous": number - 1 if number > 1 else None,
    }  # fmt: skip
    return templates.TemplateResponse(request, "revision.html", context)


@router.get("/api/revisions/{number}")
def api_revision(runtime: RuntimeDep, number: int) -> dict[str, Any]:
    """One revision: its number, title, date, and its whole data (the vision as JSON)."""
    found = revisions_of(runtime)
    revision = _pick(found, number)
    return {
        **revision_dict(revision, _current(runtime, found)),
        "vision": vision_to_dict(vision_of(revision)),
    }
