"""The open-data feature's routes: the CKAN Action API and the catalog's pages and files."""

from __future__ import annotations

from fastapi import APIRouter

from toshiken.opendata import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
