"""One screener over SDN 2019-01-04 + UN 2018-10-29 (the 2018 story's lists), shared by tests."""

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
