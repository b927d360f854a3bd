"""One Screener over SDN 2019-01-04, built once per test session (payments and documents)."""

from __future__ import annotations

from functools import cache

from proscribe.screener import Screener
from proscribe.sources.registry import read_path
from tests.conftest import DATA


@cache
def sdn_2019_screener() -> Screener:
    entities = read_path(DATA / "us_ofac_sdn/2019-01-04")[0].parsed.entities
    return Screener.from_entities(entities)
