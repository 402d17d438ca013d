"""The features toshiken is made of: the one list the web app, the CLI and migrations loop over."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

FEATURES: tuple[str, ...] = (
    "vision",
    "accounts",
    "progress",
    "costs",
    "services",
    "hub",
    "opendata",
    "registers",
    "revisions",
)
"""Each name is a folder under toshiken/ with optional orm.py, routes.py and commands.py."""


def feature_module(name: str, part: str) -> ModuleType | None:
    """toshiken.<name>.<part>, or None when the feature or that part of it does not exist."""
    if importlib.util.find_spec(f"toshiken.{name}") is None:
        return None
    if importlib.util.find_spec(f"toshiken.{name}.{part}") is None:
        return None
    return importlib.import_module(f"toshiken.{name}.{part}")


def feature_modules(part: str) -> list[ModuleType]:
    """Every feature's module of that part, in the order of FEATURES."""
    return [m for name in FEATURES if (m := feature_module(name, part)) is not None]


def import_models() -> None:
    """Import every feature's tables so they are registered on Base.metadata."""
    feature_modules("orm")
