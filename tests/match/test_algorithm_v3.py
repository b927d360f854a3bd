"""proscribe-v3: v1's table with its own name rules and midpoint; v1 and v2 stay as published."""

from __future__ import annotations

import pickle

import pytest

from proscribe.match import ALGORITHMS, DEFAULT_ALGORITHM, MatchConfig, Pair, compare
from proscribe.match.algorithms.v3 import NAMES
from proscribe.match.compare import score_pair, with_names
from proscribe.match.names import V1_NAMES
from proscribe.model import Query, Schema
from proscribe.text.forms import name_form
from tests.match.names_alone import aligned, score
from tests.store.factory import make_entity

V1 = ALGORITHMS["proscribe-v1"]
V2 = ALGORITHMS["proscribe-v2"]
V3 = ALGORITHMS["proscribe-v3"]

# The hashes recorded in audit records since v1 and v2 were published: a change here means a
# published algorithm was edited, which must be a new version instead.
PUBLISHED = {
    "proscribe-v1": "0a831dca2a9a68637b95bf796d447abc0ef8ec92ef79340f24726cae2eacb34a",
    "proscribe-v2": "d517d9d13314331d5719a910ead69d983c4559525e62351ef4c8eb81f5af1c96",
    "proscribe-v3": "283ae3d97b4b208e1c01f62edf979accb07123dd7065b323bad4fffa188a4dde",
}


def test_published_algorithms_keep_their_configuration() -> None:
    assert {name: ALGORITHMS[name].config_hash for name in PUBLISHED} == PUBLISHED
    assert V1.names is V1_NAMES
    assert V2.names is V1_NAMES


def test_v3_has_v1s_table() -> None:
    assert DEFAULT_ALGORITHM != "proscribe-v3"  # v4 followed it; it stays selectable
    assert [row["code"] for row in V3.table()] == [row["code"] for row in V1.table()]


@pytest.mark.parametrize(
    ("a", "b", "v1", "v3"),
    [
        ("rahjbeook", "rajbrook", 0.7722, 0.8167),  # two slips in 8-9 letters
        ("zdan", "zoran", 0.0, 0.6),  # two slips in a short word, first letter kept
        ("rawi", "taqi", 0.0, 0.0),  # first letter changed too: another name
        ("cesci", "cesic", 0.79, 0.87),  # neighbours swapped
        ("gzshi", "gashi", 0.79, 0.81),  # one slip in five letters
    ],
)
def test_token_grading(a: str, b: str, v1: float, v3: float) -> None:
    assert V1_NAMES.similarity(a, a, b, b) == pytest.approx(v1, abs=1e-4)
    assert NAMES.similarity(a, a, b, b) == pytest.approx(v3, abs=1e-4)


def test_two_slips_in_a_given_name_match_under_v3_only() -> None:
    assert score("proscribe-v1", "PETRIC, Zdan", "PETRIC, Zoran") < V1.threshold
    assert score("proscribe-v3", "PETRIC, Zdan", "PETRIC, Zoran") >= V3.threshold


def test_a_list_initial_stands_for_no_query_word_under_v3() -> None:
    query, listed = "MIN, Meshal Saad", "ALBOSTANI, Meshal Saad M."
    under_v1 = aligned(query, listed, V1_NAMES)
    assert ("min", "m", 0.8) in under_v1.pairs
    under_v3 = aligned(query, listed, NAMES)
    assert all(pair[0] != "min" for pair in under_v3.pairs)
    assert under_v3.conflict > 0  # both names keep a surname the other lacks
    # A query initial still pairs with the word it may stand for.
    initials = aligned("KOZYURA, O. G.", "KOZYURA, Oleg", NAMES)
    assert ("o", "oleg", 0.85) in initials.pairs


def test_names_paired_under_other_rules_are_paired_again() -> None:
    entity = make_entity(Schema.PERSON, name="PETRIC, Zoran")
    pair = Pair(
        Query("PETRIC, Zdan"),
        (name_form("PETRIC, Zdan"),),
        entity,
        ((entity.names[0], name_form("PETRIC, Zoran")),),
    )
    v1_config = MatchConfig()  # a caller that did not say which rules: v1's
    stale = score_pair(with_names(pair, v1_config), V3, v1_config)
    assert stale.score == compare(pair, V3, MatchConfig(names=NAMES)).score
    assert stale.names is not None
    assert ("zdan", "zoran", 0.6) in stale.names.pairs


def test_rules_pickle_by_their_figures() -> None:
    copy = pickle.loads(pickle.dumps(NAMES))
    assert copy.settings() == NAMES.settings()
    assert copy.similarity("zdan", "zdan", "zoran", "zoran") == 0.6
