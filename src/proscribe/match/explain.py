"""One plain sentence per match, for the analyst who has to justify the decision.

"Matched alias CH'OE, Ryong-hae (query 최룡해 romanised as 'choe ryong hae'), name
similarity 1.00; birth date 15 Jan 1950 equal; nationality KP equal."
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proscribe.match.name_features import KIND_LABELS
from proscribe.match.types import FeatureResult, Pair

if TYPE_CHECKING:
    from proscribe.match.algorithms.base import Algorithm

_NAME_CODES = frozenset({"name_match", "name_transliteration_match"})


def explanation(pair: Pair, results: tuple[FeatureResult, ...], algorithm: Algorithm) -> str:
    clauses: list[str] = []
    names = pair.names
    if names is None:
        clauses.append("No name of the entry matched the query")
    else:
        how = _how_compared(
            names.query_romanized,
            names.list_romanized,
            names.query_name,
            names.query_rendering,
            names.list_rendering,
        )
        clauses.append(
            f"Matched {KIND_LABELS[names.name.kind]} {names.name.full}{how}, "
            f"name similarity {names.score:.2f}"
        )
    # Strongest evidence first, whichever way it points.
    others = [r for r in results if r.detail and r.code not in _NAME_CODES]
    others.sort(key=lambda r: -abs(algorithm.weight(r.code) * r.value))
    clauses += [r.detail for r in others]
    return "; ".join(clauses) + "."


def _how_compared(
    query_romanized: bool,
    list_romanized: bool,
    query_name: str,
    query_rendering: str,
    list_rendering: str,
) -> str:
    if query_romanized and list_romanized:
        return f" (both romanised: '{query_rendering}' and '{list_rendering}')"
    if query_romanized:
        return f" (query {query_name} romanised as '{query_rendering}')"
    if list_romanized:
        return f" (romanised as '{list_rendering}')"
    return ""
