"""Names alone: a query scored, or its name aligned, against one listed person's name, for
the tests of each published algorithm's name rules."""

from __future__ import annotations

from proscribe.match import ALGORITHMS, MatchConfig, Pair, compare
from proscribe.match.names import Alignment, NameRules, align
from proscribe.model import Query, Schema
from proscribe.text.forms import name_form
from tests.store.factory import make_entity


def score(algorithm_name: str, query: str, listed: str) -> float:
    """The score of `query` against a person listed as `listed`, names alone."""
    entity = make_entity(Schema.PERSON, name=listed)
    pair = Pair(Query(query), (name_form(query),), entity, ((entity.names[0], name_form(listed)),))
    return compare(pair, ALGORITHMS[algorithm_name], MatchConfig()).score


def aligned(query: str, listed: str, rules: NameRules) -> Alignment:
    """The alignment of the two names under `rules`, with the default token weights."""
    found = align(name_form(query), name_form(listed), MatchConfig().token_weight, rules)
    assert found is not None
    return found
