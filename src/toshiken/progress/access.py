"""What every progress route needs: the vision, the stored progress, and who may read which year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from fastapi import HTTPException
from sqlalchemy.orm import Session, sessionmaker

from toshiken.accounts.model import User
from toshiken.accounts.permissions import is_internal
from toshiken.core.fiscal import fiscal_year_of
from toshiken.progress import store
from toshiken.progress.dashboard import Dashboard, build_dashboard
from toshiken.progress.model import InitiativeReport, KpiActual
from toshiken.vision.load import current_vision
from toshiken.vision.model import FISCAL_YEARS, Vision


@dataclass(frozen=True)
class Progress:
    actuals: list[KpiActual]
    reports: list[InitiativeReport]
    published: dict[int, datetime]
    last_change: datetime | None = None


def vision_or_503(sessions: sessionmaker[Session]) -> Vision:
    vision = current_vision(sessions)
    if vision is None:
        raise HTTPException(503, "no vision is loaded yet: run `toshiken load`")
    return vision


def load_progress(sessions: sessionmaker[Session]) -> Progress:
    with sessions() as session:
        return Progress(
            store.kpi_actuals(session),
            store.initiative_reports(session),
            store.published_years(session),
            store.last_change(session),
        )


def default_year(today: date) -> int:
    """The current fiscal year, kept within the vision's period."""
    return min(max(fiscal_year_of(today), FISCAL_YEARS[0]), FISCAL_YEARS[-1])


def readable_years(user: User | None, published: dict[int, datetime]) -> list[int]:
    """Internal users read every year of the vision; the public only the published ones."""
    if is_internal(user):
        return list(FISCAL_YEARS)
    return [fy for fy in FISCAL_YEARS if fy in published]


def pick_year(
    user: User | None, fy: int | None, published: dict[int, datetime], today: date
) -> int:
    """The year asked for if readable; with none asked, the current or latest published one.

    The public asking for an unpublished (or unknown) year gets 404, as if it did not exist.
    """
    years = readable_years(user, published)
    if fy is None:
        if not years:
            raise HTTPException(404, "no fiscal year is published yet")
        wanted = default_year(today)
        return wanted if wanted in years else years[-1]
    if fy not in years:
        raise HTTPException(404, f"fiscal year {fy} is not available")
    return fy


def dashboard_for(vision: Vision, progress: Progress, fiscal_year: int) -> Dashboard:
    return build_dashboard(vision, progress.actuals, progress.reports, fiscal_year)
