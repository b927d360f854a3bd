"""Explainable scoring of one query against one listed entity.

Features are small pure functions `f(pair, config) -> FeatureResult` whose names are claims
(`birth_date_mismatch`, `identifier_match`) and whose docstrings are the explanations shown to
analysts. An algorithm is a versioned table of (feature, weight) with a bias and a threshold;
`compare` turns the weighted evidence into a score in [0, 1] and one plain sentence. match is
a sibling of index: neither imports the other.
"""

from proscribe.match.algorithms import ALGORITHMS, DEFAULT_ALGORITHM
from proscribe.match.algorithms.base import Algorithm
from proscribe.match.compare import Comparison, compare
from proscribe.match.types import FeatureResult, MatchConfig, NameEvidence, Pair

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "Algorithm",
    "Comparison",
    "FeatureResult",
    "MatchConfig",
    "NameEvidence",
    "Pair",
    "compare",
]
