"""The portal's request parameters as named types, shared by the pages and their /api twins."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator, Field

from toshiken.core.runtime import Runtime
from toshiken.vision.current import require_vision
from toshiken.vision.model import Vision
from toshiken.vision.pages import SortKey


def _blank(value: object) -> object:
    """An empty form field (?pillar=) means no filter, not a bad value."""
    return None if value == "" else value


async def _vision(request: Request) -> Vision:
    """The loaded vision without a thread hop: usually no I/O at all (see `cached_vision`)."""
    runtime: Runtime = request.app.state.runtime
    return require_vision(runtime.sessions)


VisionDep = Annotated[Vision, Depends(_vision)]

_Pillar = Annotated[int, Field(ge=1, le=3)]
_PolicyId = Annotated[str, Field(pattern=r"^[1-3]-[0-9]{1,2}$")]
PillarFilter = Annotated[
    _Pillar | None, BeforeValidator(_blank), Query(description="Pillar number, 1–3")
]
PolicyFilter = Annotated[
    _PolicyId | None,
    BeforeValidator(_blank),
    Query(description="Policy area id {pillar}-{number}, e.g. 3-2"),
]
_Name = Annotated[str, Field(max_length=20)]
MunicipalityFilter = Annotated[
    _Name | None,
    BeforeValidator(_blank),
    Query(description="A member's name (合志市) or 6-digit code (432164)"),
]
YearFilter = Annotated[
    Annotated[int, Field(ge=2021, le=2025)] | None,
    BeforeValidator(_blank),
    Query(description="Fiscal year (FY2021–FY2025): initiatives with a budget that year"),
]
PolicyNumber = Annotated[
    Annotated[int, Field(ge=1, le=30)] | None,
    BeforeValidator(_blank),
    Query(description="Policy number within its pillar (with `pillar`)"),
]
Sort = Annotated[SortKey, Query(description="Column to sort by (order: the vision's own)")]
Order = Annotated[Literal["asc", "desc"], Query(description="Sort direction")]
SearchQuery = Annotated[
    str,
    Query(max_length=100, description="Words to find (all must occur); NFKC-folded"),
]

MunicipalityCode = Annotated[
    str, Path(pattern=r"^[0-9]{6}$", description="全国地方公共団体コード, 6 digits")
]
PillarNumber = Annotated[int, Path(ge=1, le=9, description="Pillar number")]
PolicyId = Annotated[
    str, Path(pattern=r"^[0-9]-[0-9]{1,2}$", description="{pillar}-{number}, e.g. 3-16")
]
InitiativeId = Annotated[
    str,
    Path(pattern=r"^[0-9]-[0-9]{1,2}-[0-9]{1,2}$", description="{pillar}-{policy}-{n}, e.g. 3-2-2"),
]


def bad_parameter(name: str, value: object, message: str) -> RequestValidationError:
    """A 422 naming the query parameter and why, in the same shape as FastAPI's own."""
    return RequestValidationError(
        [{"type": "value_error", "loc": ("query", name), "msg": message, "input": value}]
    )
