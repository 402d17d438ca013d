"""What every feature's routes share: the runtime, sessions and templates as named dependencies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session, sessionmaker

from toshiken.core.fiscal import fiscal_year_label, wareki_year
from toshiken.core.money import thousand_yen, thousands
from toshiken.core.runtime import Runtime

PACKAGE = Path(__file__).resolve().parents[1]

T = TypeVar("T")


def templates_for(*folders: Path) -> Jinja2Templates:
    """Templates of a feature, falling back to the shared layout in toshiken/templates."""
    templates = Jinja2Templates(directory=[*folders, PACKAGE / "templates"])
    templates.env.filters.update(
        thousands=thousands, thousand_yen=thousand_yen, fy=fiscal_year_label, wareki=wareki_year
    )
    return templates


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_sessions(request: Request) -> sessionmaker[Session]:
    return get_runtime(request).sessions


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SessionsDep = Annotated[sessionmaker[Session], Depends(get_sessions)]


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} was not found")


def found(value: T | None, what: str) -> T:
    """`value`, or a 404 naming `what` when it is None (a look-up that found nothing)."""
    if value is None:
        raise not_found(what)
    return value
