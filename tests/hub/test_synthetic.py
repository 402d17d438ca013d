"""The nationwide configuration: 1,741 members with distinct codes, names and hosts."""

from toshiken.hub.sources import HubConfig
from toshiken.hub.synthetic import MUNICIPALITIES_OF_JAPAN, nationwide_config, place_name


def test_names_are_distinct_well_past_the_country() -> None:
    names = [place_name(n) for n in range(5000)]
    assert len(set(names)) == len(names)
    assert all(name[-1] in "市町村" for name in names)


def test_every_municipality_of_japan_as_a_host(config: HubConfig) -> None:
    nationwide = nationwide_config(config)
    members = nationwide.municipalities
    assert len(members) == MUNICIPALITIES_OF_JAPAN
    assert len({m.code for m in members}) == len({m.name for m in members}) == len(members)
    ours = {m.code for m in config.municipalities}
    extra = [s for s in nationwide.sources if s.municipality not in ours]
    assert len({s.host for s in extra}) == len(extra) == MUNICIPALITIES_OF_JAPAN - 24
