"""Comparing one query with one listed entity: names first, then the features, then the score.

The score is a logistic function of the weighted feature values (`Algorithm.score`), so it
lies in (0, 1) and moves smoothly with the evidence. A schema mismatch (a vessel is never a
person) is a veto: the score is 0 whatever the names say.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from proscribe.match.algorithms.base import Algorithm
from proscribe.match.explain import explanation
from proscribe.match.names import Alignment, align
from proscribe.match.types import FeatureResult, MatchConfig, NameEvidence, Pair
from proscribe.model import Name
from proscribe.text.forms import NameForm

GOOD_ENOUGH = 0.95  # a name pairing this good ends the search over an entry's names


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome for one pair: a score in [0, 1], each feature's result, a sentence."""

    score: float
    features: tuple[FeatureResult, ...]
    names: NameEvidence | None
    explanation: str


# The best pairing of two names: its alignment, the query form, the listed name and its form.
Best = tuple[Alignment, NameForm, Name, NameForm]


def best_names(pair: Pair, config: MatchConfig) -> NameEvidence | None:
    """The query name and listed name that align best, over every name on both sides."""
    return evidence(best_alignment(pair, config))


# Alignments already found within one screening, by query form (its place) and the listed
# form's renderings and variants, which decide an alignment (a token's key is its
# `canonical_token`): entries of two lists often hold the same name (`index.twins`), and an
# entry its aliases written alike.
Aligned = dict[tuple[int, tuple[tuple[str, ...], ...], tuple[str, ...]], Alignment | None]
_UNSEEN = Alignment(-1.0, (), "", "")  # a key not aligned yet (None: aligned, no tokens)


def best_alignment(pair: Pair, config: MatchConfig, aligned: Aligned | None = None) -> Best | None:
    """`best_names` before its evidence is gathered: a caller that drops weak pairings checks
    the score first and never pays for the conflict of a pairing it drops. `aligned`: the
    alignments a screening has found for these query forms, kept and added to (this pair's
    own when not given: an entry's aliases written alike are aligned once)."""
    known: Aligned = {} if aligned is None else aligned
    best: Best | None = None
    for place, query_form in enumerate(pair.query_forms):
        for name, form in pair.entity_forms:
            key = (place, form.variants, form.renderings)
            found = known.get(key, _UNSEEN)
            if found is _UNSEEN:
                found = known[key] = align(
                    query_form, form, config.token_weight, config.names, config.vocabulary
                )
            if found is None or (best is not None and found.score <= best[0].score):
                continue
            best = (found, query_form, name, form)
            if found.score >= GOOD_ENOUGH:
                break  # names are tried best covered first: another will not beat this
        if best is not None and best[0].score >= GOOD_ENOUGH:
            break
    return best


def evidence(best: Best | None) -> NameEvidence | None:
    if best is None:
        return None
    found, query_form, name, form = best
    return NameEvidence(
        score=found.score,
        conflict=found.conflict,
        query_name=query_form.text,
        name=name,
        pairs=found.pairs,
        query_rendering=found.query_rendering,
        list_rendering=found.list_rendering,
        query_romanized=query_form.romanized,
        list_romanized=form.romanized,
    )


def compare(pair: Pair, algorithm: Algorithm, config: MatchConfig) -> Comparison:
    config = replace(config, names=algorithm.names)
    return score_pair(with_names(pair, config), algorithm, config)


def with_names(pair: Pair, config: MatchConfig) -> Pair:
    """The pair with its best name pairing found: the first and costliest step, which a
    caller may check before paying for the rest."""
    return Pair(
        pair.query, pair.query_forms, pair.entity, pair.entity_forms, best_names(pair, config)
    )


def score_pair(pair: Pair, algorithm: Algorithm, config: MatchConfig) -> Comparison:
    """Every feature of a pair whose names are already paired, the score and the sentence.
    Names paired under another algorithm's rules (`config.names`) are paired again under
    this one's, so that a score is always the algorithm's own."""
    if config.names is not algorithm.names:
        config = replace(config, names=algorithm.names)
        pair = with_names(pair, config)
    results = tuple([feature(pair, config) for feature, _ in algorithm.features])
    if any(r.code in algorithm.vetoes and r.value <= -1.0 for r in results):
        score = 0.0
    else:
        logit = algorithm.bias + sum(algorithm.weight(r.code) * r.value for r in results)
        score = algorithm.calibrate(1.0 / (1.0 + math.exp(-logit)))
    return Comparison(round(score, 4), results, pair.names, explanation(pair, results, algorithm))
