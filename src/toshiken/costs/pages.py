"""What the cost pages and their /api twins share: the checked catalog, 404s, errors by field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from toshiken.core.web import SessionsDep, get_runtime, not_found
from toshiken.costs import store
from toshiken.costs.calculate import ROUNDING_LABELS, FieldError
from toshiken.costs.catalog import Catalog, load_catalog
from toshiken.costs.rows import Row
from toshiken.costs.rules import RulesError
from toshiken.vision.current import require_vision
from toshiken.vision.params import InitiativeId

FIELD_LABELS: dict[str, str] = {
    "amount": "金額（円）",
    "fy": "年度",
    "population": "人口データ",
    "alt_population": "比較する人口データ",
    "rounding": "端数処理",
    "component": "費用の区分",
    "equal_weight": "均等割の割合",
    "population_weight": "人口割の割合",
    "members": "関係市町村",
    "kind": "精算の種類",
    "usage": "利用実績ファイル",
    "prices": "単価・費用",
    "basic_cost": "基本的費用（円）",
    "additions": "加算費用",
    "yen_per_tonne": "1トンあたりの単価（円）",
    "cost": "事業費（円）",
    "save": "保存",
    "file": "人口データのファイル",
    "name": "名前",
    "as_of": "基準日",
    "source": "出典",
}


def _catalog(request: Request, sessions: SessionsDep) -> Catalog:
    vision = require_vision(sessions)
    try:
        catalog = load_catalog(get_runtime(request).settings.data_dir, vision)
    except RulesError as error:
        raise HTTPException(500, "cost rules do not match the vision: " + str(error)) from None
    store.seed_vision_set(sessions, vision, datetime.now(UTC))
    return catalog


CatalogDep = Annotated[Catalog, Depends(_catalog)]


def _known(catalog: CatalogDep, initiative_id: InitiativeId) -> str:
    if not catalog.has(initiative_id):
        raise not_found(f"initiative {initiative_id}")
    return initiative_id


KnownInitiative = Annotated[str, Depends(_known)]
"""The path's initiative_id, 404 unless the rules (and so the vision) have it."""


def error_rows(errors: Sequence[FieldError]) -> list[Row]:
    """Errors as the pages list them: the field, its label, the value and why."""
    return [
        {"field": e.field, "label": FIELD_LABELS.get(e.field, e.field), "value": e.value,
         "message": e.message}
        for e in errors
    ]  # fmt: skip


def error_detail(errors: Sequence[FieldError], where: str = "query") -> list[Row]:
    """Errors in FastAPI's 422 shape: each names its parameter in ``loc``."""
    return [
        {"type": "value_error", "loc": [where, e.field], "msg": e.message, "input": e.value}
        for e in errors
    ]


ROUNDING_CHOICES = [{"value": k, "label": v} for k, v in ROUNDING_LABELS.items()]
