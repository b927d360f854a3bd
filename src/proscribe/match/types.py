"""The values matching passes around: feature results, configuration, match results."""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass

from proscribe.match.names import V1_NAMES, NameRules
from proscribe.model import Entity, Name, Query
from proscribe.text.forms import NameForm


@dataclass(frozen=True, slots=True)
class FeatureResult:
    """What one feature found about a query/candidate pair.

    `value` is in [-1, 1]: positive is evidence for a match, negative against, 0 is no
    evidence (the feature had nothing to compare). The algorithm multiplies it by the
    feature's weight. `detail` is one short plain-language clause for the explanation, e.g.
    "birth date 15 Jan 1950 equal"; empty when the feature had nothing to say.
    """

    code: str  # the feature's name: the stable reason code
    value: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class NameEvidence:
    """The best pairing of a query name with a listed name, found once per pair."""

    score: float  # 0..1, see match.names
    conflict: float  # 0..1: words unpaired on both sides, see match.names.Alignment
    query_name: str  # the query name as given
    name: Name  # the listed name it met
    pairs: tuple[tuple[str, str, float], ...]  # (query token(s), listed token(s), similarity)
    query_rendering: str  # the Latin rendering of the query name that was compared
    list_rendering: str
    query_romanized: bool  # the query name is in another script and was romanised
    list_romanized: bool  # the listed name is in another script and was romanised


@dataclass(frozen=True, slots=True)
class Pair:
    """A query and one candidate, with the precomputed name forms of both sides."""

    query: Query
    query_forms: tuple[NameForm, ...]
    entity: Entity
    entity_forms: tuple[tuple[Name, NameForm], ...]  # the entity's names with their forms
    names: NameEvidence | None = None  # filled in by `compare` before features run


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Tunables shared by features. `token_weight` says how telling a name token is (rare
    tokens near 1, tokens as common as 'al' or 'trading' lower); the index provides it from
    the loaded lists so that match need not import index. `names` grade typos and initials
    when names are paired: the algorithm's own (`Algorithm.names`); `score_pair` pairs the
    names again when a caller paired them under other rules. `vocabulary`: the words the
    loaded lists hold (the index's tokens: words, their keys, adjacent words joined), which
    `NameRules.listed_apart` keeps from pairing with each other by two slips; empty (the rule
    idle) for a caller without lists."""

    token_weight: Callable[[str], float] = lambda token: 1.0
    names: NameRules = V1_NAMES
    vocabulary: Container[str] = frozenset()


Feature = Callable[[Pair, MatchConfig], FeatureResult]
