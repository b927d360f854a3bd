"""`compared` checks a candidate's name score before gathering its evidence: it must keep and
score exactly the candidates that pairing the names in full and then checking would."""

from __future__ import annotations

from proscribe.index import Candidate
from proscribe.match import Comparison, MatchConfig, Pair
from proscribe.match.compare import score_pair, with_names
from proscribe.model import Query, Schema
from proscribe.screen.screen import (
    CANDIDATES,
    MIN_COVERAGE,
    MIN_NAME_SIMILARITY,
    NAMES_PER_CANDIDATE,
    compared,
    query_forms,
)
from proscribe.screener import Screener
from tests.engine import story_screener


def in_full(query: Query, screener: Screener, candidate: Candidate) -> Comparison | None:
    """The names paired with their evidence first, then the score checked."""
    index, algorithm = screener.index, screener.algorithm
    config = MatchConfig(token_weight=index.token_weight, names=algorithm.names)
    positions = candidate.names[:NAMES_PER_CANDIDATE] or index.entity_names[candidate.entity]
    names = tuple((index.names[p], index.forms[p]) for p in positions)
    entity = index.entities[candidate.entity]
    pair = with_names(Pair(query, query_forms(query), entity, names), config)
    if not candidate.identifier_hit and (
        pair.names is None or pair.names.score < MIN_NAME_SIMILARITY
    ):
        return None
    return score_pair(pair, algorithm, config)


QUERIES = [
    Query("Choi Ryonghae"),
    Query("Kim Jong"),
    Query("Mohammed Ali Hassan", Schema.PERSON),
    Query("Hassan Ahmed Farouk Trading"),
    Query("Abdul Rahman Wilson"),
    Query("Petrov Ivan Dmitri", Schema.PERSON),
    Query("Global Trading Company", Schema.ORGANIZATION),
]


def test_compared_keeps_and_scores_as_pairing_in_full_would() -> None:
    screener = story_screener()
    index, algorithm = screener.index, screener.algorithm
    config = MatchConfig(token_weight=index.token_weight, names=algorithm.names)
    outcomes = []
    for query in QUERIES:
        forms = query_forms(query)
        for candidate in index.candidates(
            query, forms, limit=CANDIDATES, min_coverage=MIN_COVERAGE
        ):
            fast = compared(query, forms, index, candidate, algorithm, config)
            assert fast == in_full(query, screener, candidate), (query.name, candidate)
            outcomes.append(fast)
    assert any(fast is None for fast in outcomes)  # some candidates are dropped ...
    assert any(fast is not None for fast in outcomes)  # ... and some kept
