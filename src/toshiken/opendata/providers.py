"""The registry features plug their datasets into: a protocol and the list of providers."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Protocol

from sqlalchemy.orm import Session

from toshiken.core.settings import Settings
from toshiken.features import feature_modules
from toshiken.opendata.model import Dataset
from toshiken.vision.model import Vision

PART = "opendata"
"""A feature publishes by having `toshiken/<feature>/opendata.py` with a `provide` function."""


class DatasetProvider(Protocol):
    """A feature's datasets, read from the database each time the catalog is built.

    Each dataset names its organisation (`catalog.partnership_name(vision)` or
    `catalog.member_name(member)`), themes from `catalog.GROUPS`, and its own `modified` time.
    Return equal datasets while the data is unchanged: the catalog is rebuilt when they differ.
    A provider that needs the settings (e.g. `data_dir`) takes a keyword parameter `settings`.
    """

    def __call__(self, session: Session, vision: Vision) -> Iterable[Dataset]: ...


def wants_settings(provide: object) -> bool:
    """Whether a provider declares a `settings` parameter (then it is given the app's)."""
    try:
        return "settings" in inspect.signature(provide).parameters  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def call(
    provide: DatasetProvider, session: Session, vision: Vision, settings: Settings
) -> Iterable[Dataset]:
    """Run one provider, giving it the settings when it asks for them."""
    if wants_settings(provide):
        return provide(session, vision, settings=settings)  # type: ignore[call-arg]
    return provide(session, vision)


def discover() -> list[DatasetProvider]:
    """Every feature's `toshiken.<feature>.opendata.provide`, in the order of FEATURES."""
    return [module.provide for module in feature_modules(PART)]
