"""`align` keeps only the best rendering pair's evidence: it must pick exactly what scoring
every rendering pair with `align_tokens` and keeping the first best would."""

from __future__ import annotations

import pytest

from proscribe.match import ALGORITHMS, MatchConfig
from proscribe.match.names import Alignment, NameRules, align, align_tokens
from proscribe.text.forms import NameForm, name_form

PAIRS = [
    ("Choe Ryong-hae", "CH'OE, Ryong Hae"),
    ("Choi Ryonghae", "CHOE, Ryong Hae"),
    ("최룡해", "CH'OE, Ryong Hae"),
    ("عبد الله احمد عبدالله", "ABDULLAH, Ahmed Abd Allah"),
    ("Abdul Rahman Yasin", "YASIN, Abdul Rahman"),
    ("KOZYURA, O. G.", "KOZYURA, Oleg"),
    ("Atiqullah Wali Basir", "Atiqullah Wali Mohammad"),
    ("Nur Allah", "NURULLAH"),
    ("Tavkoli Mohamad", "TAVAKKOLI, Mohammad"),
    ("EL M.", "EL MOUSSAOUI, Mohamed"),
    ("Acme Trading LLC", "ACME GENERAL TRADING CO"),
    ("Zdan Petric", "PETRIC, Zoran"),
]


def reference(query: NameForm, listed: NameForm, rules: NameRules) -> Alignment | None:
    """Every rendering pair scored alone: the first with the highest score wins."""
    weight = MatchConfig().token_weight
    best: Alignment | None = None
    for qi, (q, q_keys) in enumerate(zip(query.variants, query.keys, strict=True)):
        for ci, (c, c_keys) in enumerate(zip(listed.variants, listed.keys, strict=True)):
            score, pairs, sides = align_tokens(q, q_keys, c, c_keys, weight, rules)
            if best is None or score > best.score:
                renderings = query.renderings[qi], listed.renderings[ci]
                best = Alignment(score, tuple(pairs), *renderings, sides)
            if score >= 1.0:
                return best
    return best


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
@pytest.mark.parametrize(("query", "listed"), PAIRS)
def test_align_keeps_what_scoring_each_rendering_pair_gives(
    algorithm: str, query: str, listed: str
) -> None:
    rules = ALGORITHMS[algorithm].names
    query_form, listed_form = name_form(query), name_form(listed)
    found = align(query_form, listed_form, MatchConfig().token_weight, rules)
    if set(query_form.sorted_keys) & set(listed_form.sorted_keys):
        # The same words in any order: align answers before pairing any token.
        assert found is not None
        assert found.score == 1.0
        assert found.conflict == 0.0
        return
    expected = reference(query_form, listed_form, rules)
    assert found is not None
    assert expected is not None
    assert found.score == expected.score  # exactly
    assert found.pairs == expected.pairs
    assert (found.query_rendering, found.list_rendering) == (
        expected.query_rendering,
        expected.list_rendering,
    )
    assert found.conflict == expected.conflict
