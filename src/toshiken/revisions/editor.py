"""The draft editor (secretariat only): edit initiatives, policy areas, KPIs, members; publish."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from toshiken.accounts.guard import SecretariatUser
from toshiken.accounts.model import User
from toshiken.core.db import transaction
from toshiken.core.web import RuntimeDep, found
from toshiken.revisions import edits, store
from toshiken.revisions.access import ensure_revisions, vision_of
from toshiken.revisions.changes import diff_dict
from toshiken.revisions.codec import vision_to_dict
from toshiken.revisions.edits import SCHEDULE_ROWS, EditError
from toshiken.revisions.forms import FieldError, Form
from toshiken.revisions.model import Draft, Revision
from toshiken.revisions.pages import templates
from toshiken.revisions.publish import problems
from toshiken.vision.model import FISCAL_YEARS, Initiative, Vision

router = APIRouter()
JAPAN = ZoneInfo("Asia/Tokyo")
DRAFT = "/revisions/draft"


class State:
    """The latest revision and the draft (or, before the first edit, the latest revision)."""

    def __init__(self, runtime: RuntimeDep) -> None:
        found = ensure_revisions(
            runtime.sessions, runtime.settings.data_dir, lambda: datetime.now(UTC)
        )
        if not found:
            raise HTTPException(503, "no vision is loaded yet: run `toshiken load`")
        self.runtime = runtime
        self.latest: Revision = found[-1]
        with runtime.sessions() as session:
            self.draft: Draft | None = store.draft(session)
        self.vision: Vision = self.draft.vision if self.draft else vision_of(self.latest)
        self.base = self.draft.base if self.draft else self.latest.number

    def changes(self) -> dict[str, Any]:
        return diff_dict(vision_of(self.latest), self.vision)

    def save(self, user: User, vision: Vision, what: str) -> None:
        with transaction(self.runtime.sessions) as session:
            store.save_draft(session, self.base, vision, user.actor, datetime.now(UTC), what)


async def read_form(request: Request) -> Form:
    async with request.form() as data:
        return {k: [v for v in data.getlist(k) if isinstance(v, str)] for k in data}


def _initiative(vision: Vision, initiative_id: str) -> Initiative:
    return found(vision.initiative_by_id(initiative_id), f"initiative {initiative_id}")


def draft_dict(state: State) -> dict[str, Any]:
    d = state.draft
    return {
        "base": state.base, "latest": state.latest.number, "exists": d is not None,
        "updated_at": d.updated_at.isoformat() if d else None,
        "updated_by": d.updated_by if d else None, "changes": state.changes(),
        "problems": [p.as_dict() for p in problems(state.vision)],
    }  # fmt: skip


def overview(
    request: Request, state: State, user: User, status: int = 200, **extra: Any
) -> Response:
    context = {
        "user": user, "state": state, "v": state.vision, "d": draft_dict(state),
        "problems": problems(state.vision), "member_errors": [], "member_form": {},
        "publish_problems": [], "saved": request.query_params.get("saved"), **extra,
    }  # fmt: skip
    return templates.TemplateResponse(request, "draft.html", context, status_code=status)


@router.get(DRAFT, include_in_schema=False)
def draft_page(request: Request, runtime: RuntimeDep, user: SecretariatUser) -> Response:
    return overview(request, State(runtime), user)


@router.get("/api/revisions/draft")
def api_draft(runtime: RuntimeDep, user: SecretariatUser) -> dict[str, Any]:
    """The draft (secretariat): its base revision, pending changes and what blocks publication."""
    return draft_dict(State(runtime))


@router.get("/api/revisions/draft/vision")
def api_draft_vision(runtime: RuntimeDep, user: SecretariatUser) -> dict[str, Any]:
    """The draft's whole vision (secretariat): what the editor's forms show."""
    return vision_to_dict(State(runtime).vision)


def _form_page(
    request: Request, name: str, context: dict[str, Any], errors: list[FieldError], status: int
) -> Response:
    context = {**context, "errors": errors, "fiscal_years": FISCAL_YEARS}
    return templates.TemplateResponse(request, name, context, status_code=status)


def _initiative_context(state: State, user: User, i: Initiative, action: str) -> dict[str, Any]:
    rows = [*i.schedule][:SCHEDULE_ROWS]
    return {
        "user": user, "v": state.vision, "i": i, "action": action,
        "schedule": rows + [None] * (SCHEDULE_ROWS - len(rows)),
    }  # fmt: skip


@router.get(DRAFT + "/initiatives/{initiative_id}", include_in_schema=False)
def initiative_form(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, initiative_id: str
) -> Response:
    state = State(runtime)
    i = _initiative(state.vision, initiative_id)
    context = _initiative_context(state, user, i, f"{DRAFT}/initiatives/{i.id}")
    return _form_page(request, "draft_initiative.html", context, [], 200)


async def apply_edit(
    request: Request,
    state: State,
    user: User,
    edit: Callable[[Vision, Form], tuple[Vision, str]],
    on_error: Callable[[Form, list[FieldError]], Response],
) -> Response:
    form = await read_form(request)
    try:
        vision, what = edit(state.vision, form)
    except EditError as exc:
        return on_error(form, exc.errors)
    state.save(user, vision, what)
    return RedirectResponse(f"{DRAFT}?saved={what}", status_code=303)


def form_values(form: Form) -> dict[str, Any]:
    """The submitted values to show again: lists for the checkbox groups, text for the rest."""
    return {k: list(v) if _is_group(k) else (v[0] if v else "") for k, v in form.items()}


def _is_group(name: str) -> bool:
    return name == "participants" or (
        name.startswith("schedule_") and not name.startswith("schedule_label")
    )


@router.post(DRAFT + "/initiatives/{initiative_id}", include_in_schema=False)
async def save_initiative(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, initiative_id: str
) -> Response:
    state = State(runtime)
    i = _initiative(state.vision, initiative_id)

    def failed(form: Form, errors: list[FieldError]) -> Response:
        context = _initiative_context(state, user, i, f"{DRAFT}/initiatives/{i.id}")
        context["form"] = form_values(form)
        return _form_page(request, "draft_initiative.html", context, errors, 400)

    def edit(vision: Vision, form: Form) -> tuple[Vision, str]:
        return edits.edit_initiative(vision, initiative_id, form), f"initiative {initiative_id}"

    return await apply_edit(request, state, user, edit, failed)


@router.post(DRAFT + "/initiatives/{initiative_id}/remove", include_in_schema=False)
def remove_initiative(runtime: RuntimeDep, user: SecretariatUser, initiative_id: str) -> Response:
    state = State(runtime)
    _initiative(state.vision, initiative_id)
    vision = edits.remove_initiative(state.vision, initiative_id)
    what = f"initiative {initiative_id} removed"
    state.save(user, vision, what)
    return RedirectResponse(f"{DRAFT}?saved={what}", status_code=303)


def _blank(state: State, policy_id: str) -> Initiative:
    policy = found(state.vision.policy_by_id(policy_id), f"policy {policy_id}")
    number = 1 + sum(1 for i in state.vision.initiatives if i.policy_id == policy_id)
    return Initiative(
        policy.pillar, policy.number, number, "", (), False, "", "", "", "", "", (), {}, 0, "", ""
    )


@router.get(DRAFT + "/policies/{policy_id}/new", include_in_schema=False)
def new_initiative_form(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, policy_id: str
) -> Response:
    state = State(runtime)
    i = _blank(state, policy_id)
    context = _initiative_context(state, user, i, f"{DRAFT}/policies/{policy_id}/new")
    return _form_page(request, "draft_initiative.html", {**context, "new": True}, [], 200)


@router.post(DRAFT + "/policies/{policy_id}/new", include_in_schema=False)
async def add_initiative(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, policy_id: str
) -> Response:
    state = State(runtime)
    i = _blank(state, policy_id)

    def failed(form: Form, errors: list[FieldError]) -> Response:
        context = _initiative_context(state, user, i, f"{DRAFT}/policies/{policy_id}/new")
        context.update(form=form_values(form), new=True)
        return _form_page(request, "draft_initiative.html", context, errors, 400)

    def edit(vision: Vision, form: Form) -> tuple[Vision, str]:
        changed, new_id = edits.add_initiative(vision, policy_id, form)
        return changed, f"initiative {new_id} added"

    return await apply_edit(request, state, user, edit, failed)


@router.get(DRAFT + "/policies/{policy_id}", include_in_schema=False)
def policy_form(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, policy_id: str
) -> Response:
    state = State(runtime)
    p = found(state.vision.policy_by_id(policy_id), f"policy {policy_id}")
    return _form_page(request, "draft_policy.html", {"user": user, "p": p}, [], 200)


@router.post(DRAFT + "/policies/{policy_id}", include_in_schema=False)
async def save_policy(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, policy_id: str
) -> Response:
    state = State(runtime)
    p = found(state.vision.policy_by_id(policy_id), f"policy {policy_id}")

    def failed(form: Form, errors: list[FieldError]) -> Response:
        context = {"user": user, "p": p, "form": form_values(form)}
        return _form_page(request, "draft_policy.html", context, errors, 400)

    def edit(vision: Vision, form: Form) -> tuple[Vision, str]:
        return edits.edit_policy(vision, policy_id, form), f"policy {policy_id}"

    return await apply_edit(request, state, user, edit, failed)


@router.get(DRAFT + "/kpis/{number}", include_in_schema=False)
def kpi_form(request: Request, runtime: RuntimeDep, user: SecretariatUser, number: int) -> Response:
    state = State(runtime)
    k = found(state.vision.kpi_by_number(number), f"KPI {number}")
    return _form_page(request, "draft_kpi.html", {"user": user, "k": k}, [], 200)


@router.post(DRAFT + "/kpis/{number}", include_in_schema=False)
async def save_kpi(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, number: int
) -> Response:
    state = State(runtime)
    k = found(state.vision.kpi_by_number(number), f"KPI {number}")

    def failed(form: Form, errors: list[FieldError]) -> Response:
        context = {"user": user, "k": k, "form": form_values(form)}
        return _form_page(request, "draft_kpi.html", context, errors, 400)

    def edit(vision: Vision, form: Form) -> tuple[Vision, str]:
        return edits.edit_kpi(vision, number, form), f"KPI {number}"

    return await apply_edit(request, state, user, edit, failed)
