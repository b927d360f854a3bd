"""Screening: a query against an index of loaded list versions, with an algorithm.

Pure orchestration: the index proposes candidates, match scores each, results are ranked and
carry their explanations. No I/O; the `Screener` (proscribe.screener) wires it to a store.
"""

from proscribe.screen.result import Match, ScreeningResult
from proscribe.screen.screen import COMPATIBLE, query_forms, screen

__all__ = ["COMPATIBLE", "Match", "ScreeningResult", "query_forms", "screen"]
