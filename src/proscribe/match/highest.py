"""The highest score an algorithm can give a query against any entry at a given name score.

A delta rescreen meets thousands of parties that a new entry reaches by a shared word, and
needs to know only whether the entry can come near the threshold. The name weighs most in
every table; the other features move the score within limits that depend on what the party
states: evidence for a match needs something to compare (a birth date, a country, an
identifier), and every other feature only ever counts against (values in [-1, 0], see each
feature's code). So under proscribe-v5 and v6 (one table) a party that states neither a
birth date nor a country needs a name score of about 0.79 to come within the delta's margin
(0.05) of the threshold, and one that states both about 0.65: an entry whose name ceiling is
under that cannot matter, whatever else it holds.

`tests/match/test_highest.py` checks on real list entries that no scored pair goes over the
bound, and that a pair agreeing on everything reaches it exactly.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from proscribe.match.algorithms.base import Algorithm

NAME_FEATURE = "name_match"  # its value is the name score (0 when no name pairs)


class Stated(NamedTuple):
    """What a query states beside its name, as far as the features' evidence for a match
    goes."""

    birth_date: bool
    countries: bool
    identifiers: bool


# Features whose evidence for a match (values up to 1) needs the query to state something.
_FOR_A_MATCH: dict[str, Callable[[Stated], bool]] = {
    "birth_date_match": lambda stated: stated.birth_date,
    "country_match": lambda stated: stated.countries,
    "identifier_match": lambda stated: stated.identifiers,
    "name_transliteration_match": lambda stated: True,
}
# Features that only ever count against a match: values in [-1, 0].
_AGAINST = frozenset(
    {
        "name_weak_alias",
        "name_conflict",
        "birth_date_mismatch",
        "country_mismatch",
        "identifier_mismatch",
        "gender_mismatch",
        "schema_mismatch",
    }
)


def _value_range(code: str, stated: Stated) -> tuple[float, float]:
    """The values a feature other than the name's can take for a query stating `stated`."""
    if code in _AGAINST:
        return -1.0, 0.0
    allowed = _FOR_A_MATCH.get(code)
    if allowed is not None:
        return 0.0, 1.0 if allowed(stated) else 0.0
    return -1.0, 1.0  # a feature this module does not know: anything FeatureResult allows


def highest_score(algorithm: Algorithm, name_score: float, stated: Stated) -> float:
    """The highest score (before rounding) `algorithm` can give a query stating `stated`
    when its name score is at most `name_score`: every other feature at its most favourable
    value. 1.0 when the algorithm's calibration is not monotone (then no bound is known)."""
    knots = algorithm.calibration
    if any(later[1] < earlier[1] for earlier, later in itertools.pairwise(knots)):
        return 1.0
    logit = algorithm.bias
    for feature, weight in algorithm.features:
        code = feature.__name__
        low, high = (0.0, name_score) if code == NAME_FEATURE else _value_range(code, stated)
        logit += max(weight * low, weight * high)
    return algorithm.calibrate(1.0 / (1.0 + math.exp(-logit)))


@lru_cache(maxsize=64)
def lowest_name_score(algorithm: Algorithm, score: float, stated: Stated) -> float:
    """A name score under which `algorithm` cannot reach `score` for a query stating
    `stated` (0.0 when any name score may). Found by bisection on `highest_score`, which
    grows with the name score, and rounded down a little, so that the answer errs low."""
    if highest_score(algorithm, 0.0, stated) >= score:
        return 0.0
    if highest_score(algorithm, 1.0, stated) < score:
        return 1.0
    low, high = 0.0, 1.0  # highest_score(low) < score <= highest_score(high)
    for _ in range(50):
        middle = (low + high) / 2
        if highest_score(algorithm, middle, stated) >= score:
            high = middle
        else:
            low = middle
    return max(0.0, low - 1e-9)
