"""Draft edits of the member list, and publishing or discarding the draft (secretariat only)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from toshiken.accounts.guard import SecretariatUser
from toshiken.core.db import transaction
from toshiken.core.i18n import N_
from toshiken.core.web import RuntimeDep
from toshiken.revisions import edits, store
from toshiken.revisions.editor import (
    DRAFT,
    JAPAN,
    State,
    apply_edit,
    form_values,
    overview,
    read_form,
)
from toshiken.revisions.edits import EditError
from toshiken.revisions.forms import FieldError, Form
from toshiken.revisions.publish import Problem, PublishError, prepare
from toshiken.vision.current import forget_vision
from toshiken.vision.model import Vision

router = APIRouter()


@router.post(DRAFT + "/members", include_in_schema=False)
async def join_member(request: Request, runtime: RuntimeDep, user: SecretariatUser) -> Response:
    """A municipality joins the partnership (as four did in 2025)."""
    state = State(runtime)

    def failed(form: Form, errors: list[FieldError]) -> Response:
        extra = {"member_errors": errors, "member_form": form_values(form)}
        return overview(request, state, user, 400, **extra)

    def edit(vision: Vision, form: Form) -> tuple[Vision, str]:
        changed = edits.join_member(vision, form)
        return changed, f"member {changed.municipalities[-1].code} joined"

    return await apply_edit(request, state, user, edit, failed)


@router.post(DRAFT + "/members/{code}/remove", include_in_schema=False)
def leave_member(
    request: Request, runtime: RuntimeDep, user: SecretariatUser, code: str
) -> Response:
    state = State(runtime)
    try:
        vision = edits.leave_member(state.vision, code)
    except EditError as exc:
        return overview(request, state, user, 400, member_errors=exc.errors)
    what = f"member {code} left"
    state.save(user, vision, what)
    return RedirectResponse(f"{DRAFT}?saved={what}", status_code=303)


@router.post(DRAFT + "/discard", include_in_schema=False)
def discard(runtime: RuntimeDep, user: SecretariatUser) -> Response:
    with transaction(runtime.sessions) as session:
        store.discard_draft(session, user.actor, datetime.now(UTC))
    return RedirectResponse(DRAFT, status_code=303)


@router.post(DRAFT + "/publish", include_in_schema=False)
async def publish(request: Request, runtime: RuntimeDep, user: SecretariatUser) -> Response:
    """Check the draft as the reader checks a document; store it as the next revision."""
    state = State(runtime)
    form = await read_form(request)
    note = " ".join((form.get("note") or [""])[0].split())
    found = _publish_problems(state)
    if not found:
        now = datetime.now(UTC)
        day = now.astimezone(JAPAN).date()
        try:
            prepared = prepare(state.vision, state.latest.reference, day)
        except PublishError as exc:
            found = exc.problems
        else:
            with transaction(runtime.sessions) as session:
                revision = store.publish(session, prepared, user.actor, now, day, note)
            forget_vision()
            return RedirectResponse(f"/revisions/{revision.number}", status_code=303)
    return overview(request, state, user, 400, publish_problems=found)


def _publish_problems(state: State) -> list[Problem]:
    if state.draft is None or state.changes()["empty"]:
        return [Problem("draft", "変更", N_("公開する変更がありません"))]
    if state.draft.base != state.latest.number:
        return [Problem("draft", "改定", N_("下書きの作成後に別の改定が公開されました"))]
    return []
