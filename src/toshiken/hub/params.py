"""The hub's request parameters and dependencies, shared by its pages, feeds and /api twins."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query
from pydantic import BeforeValidator, Field

from toshiken.core.web import RuntimeDep
from toshiken.hub.dates import JST
from toshiken.hub.model import Topic
from toshiken.hub.queries import Filters
from toshiken.hub.registry import Directory, config_in
from toshiken.hub.sources import HubConfig, HubConfigError


def _blank(value: object) -> object:
    """An empty form field (?topic=) means no filter, not a bad value."""
    return None if value == "" else value


def get_config(runtime: RuntimeDep) -> HubConfig:
    """hub_sources.yaml from the data folder; 503 when it is missing or wrong."""
    try:
        return config_in(runtime.settings.data_dir)
    except (OSError, HubConfigError) as exc:
        raise HTTPException(503, f"the hub configuration cannot be used: {exc}") from exc


def get_directory(config: Annotated[HubConfig, Depends(get_config)]) -> Directory:
    return Directory.of(config)


def get_now() -> datetime:
    """The clock the pages read (tests override this dependency)."""
    return datetime.now(JST)


ConfigDep = Annotated[HubConfig, Depends(get_config)]
DirectoryDep = Annotated[Directory, Depends(get_directory)]
NowDep = Annotated[datetime, Depends(get_now)]

_Code = Annotated[str, Field(pattern=r"^[0-9]{6}$")]
MunicipalityFilter = Annotated[
    _Code | None,
    BeforeValidator(_blank),
    Query(description="A member's 6-digit local government code (432164)"),
]
TopicFilter = Annotated[
    Topic | None, BeforeValidator(_blank), Query(description="Topic (子育て, 防災 …)")
]
SinceFilter = Annotated[
    date | None, BeforeValidator(_blank), Query(description="Published on or after (YYYY-MM-DD)")
]
UntilFilter = Annotated[
    date | None, BeforeValidator(_blank), Query(description="Published on or before (YYYY-MM-DD)")
]
SearchWords = Annotated[
    str,
    Query(max_length=200, description="Words that must all occur in the title or lead"),
]
PageNumber = Annotated[int, Query(ge=1, le=1000, description="Page, from 1")]
YearParam = Annotated[
    Annotated[int, Field(ge=2000, le=2100)] | None,
    BeforeValidator(_blank),
    Query(description="Year (default: this year)"),
]
MonthParam = Annotated[
    Annotated[int, Field(ge=1, le=12)] | None,
    BeforeValidator(_blank),
    Query(description="Month 1–12 (default: this month)"),
]
LimitParam = Annotated[int, Query(ge=1, le=20, description="How many items (widget)")]
Scope = Annotated[
    str,
    Path(pattern=r"^(all|[0-9]{6})$", description="all, or a member's 6-digit code"),
]


def filters(
    municipality: MunicipalityFilter = None,
    topic: TopicFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    q: SearchWords = "",
) -> Filters:
    return Filters(municipality, topic, since, until, q.strip())


FiltersDep = Annotated[Filters, Depends(filters)]


def scope_code(scope: str, directory: Directory) -> str | None:
    """'all' -> None; a member's code -> itself; anything else is a 404."""
    if scope == "all":
        return None
    if scope not in directory.names:
        raise HTTPException(404, f"municipality {scope} is not a member of the hub")
    return scope
