"""proscribe-v1: the first published weights.

Weights were set on the labelled development set of bench/quality.py (variants of SDN and UN
names, innocent look-alikes, the peer suites). With a name alone, a name similarity of
NAME_MIDPOINT gives a score of 0.5; each other feature moves the logit by weight * value. An
equal identifier outweighs any name: a renamed ship keeps its IMO number, and a passport
number is the party whatever name it travels under.
"""

from __future__ import annotations

from proscribe.match.algorithms.base import Algorithm
from proscribe.match.features import (
    birth_date_match,
    birth_date_mismatch,
    country_match,
    country_mismatch,
    gender_mismatch,
    identifier_match,
    identifier_mismatch,
    schema_mismatch,
)
from proscribe.match.name_features import (
    name_conflict,
    name_match,
    name_transliteration_match,
    name_weak_alias,
)

NAME_WEIGHT = 14.0
NAME_MIDPOINT = 0.78

V1 = Algorithm(
    name="proscribe-v1",
    features=(
        (name_match, NAME_WEIGHT),
        (name_transliteration_match, 0.0),
        (name_weak_alias, 2.5),
        (name_conflict, 5.0),
        (birth_date_match, 1.5),
        (birth_date_mismatch, 2.5),
        (country_match, 0.4),
        (country_mismatch, 0.6),
        (identifier_match, 20.0),
        (identifier_mismatch, 2.0),
        (gender_mismatch, 1.0),
        (schema_mismatch, 0.0),
    ),
    bias=-NAME_WEIGHT * NAME_MIDPOINT,
    threshold=0.5,
    vetoes=frozenset({"schema_mismatch"}),
    description="Token alignment of names through transliteration, variants and typos; "
    "graded dates, countries, identifiers, gender; schema veto.",
)
