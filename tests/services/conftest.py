"""Fixtures for the services tests: the vision, the shipped catalog, initiatives' title lines."""

from __future__ import annotations

import pytest

from tests.conftest import DATA
from toshiken.services.catalog import read_catalog
from toshiken.services.model import Service
from toshiken.vision.model import Vision
from toshiken.vision.reader import ReadResult


@pytest.fixture(scope="session")
def vision(read_result: ReadResult) -> Vision:
    return read_result.vision


@pytest.fixture(scope="session")
def catalog(vision: Vision) -> tuple[Service, ...]:
    return read_catalog(DATA / "services.yaml", vision)


@pytest.fixture(scope="session")
def title_lines(vision: Vision) -> dict[str, int]:
    return {i.id: i.line for i in vision.initiatives}
