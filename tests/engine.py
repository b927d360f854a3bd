"""Screeners shared by tests: SDN 2019-01-04 + UN 2018-10-29 (the 2018 story's lists), and the
benchmarks' lists."""

from __future__ import annotations

from functools import cache

from proscribe.model import Entity
from proscribe.screener import Screener
from proscribe.sources.registry import read_path
from tests.conftest import DATA


@cache
def story_entities() -> tuple[Entity, ...]:
    folders = ("us_ofac_sdn/2019-01-04", "un_sc_consolidated/2018-10-29")
    return tuple(e for f in folders for pub in read_path(DATA / f) for e in pub.parsed.entities)


@cache
def story_screener() -> Screener:
    return Screener.from_entities(story_entities())


@cache
def bench_screener() -> Screener:
    """SDN 2021-07-07 + UN 2026-02-27: the lists `bench/quality.py` and `bench/speed.py` screen
    against, where words like HASAN are in more than COMMON_DF names."""
    folders = ("us_ofac_sdn/2021-07-07", "un_sc_consolidated/2026-02-27")
    entities = [e for f in folders for pub in read_path(DATA / f) for e in pub.parsed.entities]
    return Screener.from_entities(entities)
