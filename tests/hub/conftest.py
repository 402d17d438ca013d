"""Shared fixtures for the hub tests: the shipped configuration and its lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from toshiken.hub.classify import Lexicon
from toshiken.hub.sources import HubConfig, load_config

CONFIG_PATH = Path(__file__).resolve().parents[2] / "data" / "kumamoto" / "hub_sources.yaml"


@pytest.fixture(scope="session")
def config() -> HubConfig:
    return load_config(CONFIG_PATH)


@pytest.fixture(scope="session")
def lexicon(config: HubConfig) -> Lexicon:
    return Lexicon.from_config(config)
