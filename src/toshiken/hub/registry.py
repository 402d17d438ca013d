"""The hub's configuration for routes and commands: hub_sources.yaml read once per change."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toshiken.hub.sources import HubConfig, Source, load_config

CONFIG_FILE = "hub_sources.yaml"


@lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int) -> HubConfig:
    return load_config(Path(path))


def config_at(path: Path) -> HubConfig:
    """The validated configuration at `path`, read again only when the file changes."""
    return _cached(str(path), path.stat().st_mtime_ns)


def config_in(data_dir: Path) -> HubConfig:
    return config_at(data_dir / CONFIG_FILE)


@dataclass(frozen=True)
class Directory:
    """Names the outputs need: members, sources and initiatives, from the configuration."""

    area: str
    members: tuple[tuple[str, str], ...]  # (code, name) in the configuration's order
    sources: tuple[Source, ...]  # the members' sources, then JMA
    initiatives: dict[str, str]  # id -> title

    @classmethod
    def of(cls, config: HubConfig) -> Directory:
        return cls(
            area=config.area,
            members=tuple((m.code, m.name) for m in config.municipalities),
            sources=config.all_sources,
            initiatives={i.id: i.title for i in config.initiatives},
        )

    @property
    def names(self) -> dict[str, str]:
        return dict(self.members)

    def name(self, code: str) -> str:
        return self.names.get(code, "気象庁" if code == "000000" else code)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)
