"""proscribe-v4: v3's table and midpoint with three name rules of its own; v3 stays as
published (its hash is checked in test_algorithm_v3)."""

from __future__ import annotations

import pickle

import pytest

from proscribe.match import ALGORITHMS, DEFAULT_ALGORITHM
from proscribe.match.algorithms.v3 import NAMES as V3_NAMES
from proscribe.match.algorithms.v4 import NAMES
from proscribe.text.keyboard import neighbouring_keys
from tests.match.names_alone import aligned, score

V3 = ALGORITHMS["proscribe-v3"]
V4 = ALGORITHMS["proscribe-v4"]


def test_v4_keeps_v3s_table() -> None:
    assert DEFAULT_ALGORITHM != "proscribe-v4"  # v5 since; v4 stays selectable as published
    assert V4.features == V3.features
    assert (V4.bias, V4.threshold) == (V3.bias, V3.threshold)
    assert V4.config_hash != V3.config_hash


def test_the_new_rules_are_in_v4s_settings_only() -> None:
    later = {"moved_letters", "first_letter_slips", "joined_prefixes"}
    assert later <= set(NAMES.settings())
    assert not later & set(V3_NAMES.settings())  # v3's hash and API answer stay as published
    assert pickle.loads(pickle.dumps(NAMES)).settings() == NAMES.settings()


@pytest.mark.parametrize(
    ("a", "b", "v3", "v4"),
    [
        # A letter moved past others is two edits, not three (SDN names with two slips).
        ("surzaez", "suarez", 0.0, 0.7786),
        ("echbdeerria", "echeberria", 0.0, 0.8409),
        # Two slips in 5+ letters, the first letter a slip of its own: a neighbouring key,
        # or a letter dropped, added or swapped at the start.
        ("drano", "franco", 0.0, 0.6667),
        ("bhpta", "gupta", 0.0, 0.6),
        ("udeda", "rueda", 0.0, 0.6),
        ("aslhe", "saleh", 0.0, 0.6),
        # Still another name: four letters, or a first letter that is no slip.
        ("rawi", "taqi", 0.0, 0.0),
        ("hong", "jang", 0.0, 0.0),
        ("qanan", "sanon", 0.0, 0.0),
    ],
)
def test_token_grading(a: str, b: str, v3: float, v4: float) -> None:
    assert V3_NAMES.similarity(a, a, b, b) == pytest.approx(v3, abs=1e-4)
    assert NAMES.similarity(a, a, b, b) == pytest.approx(v4, abs=1e-4)


def test_two_slips_in_a_surname_match_under_v4_only() -> None:
    query, listed = "SURZAEZ ANDERSON, Lourdes Benicia", "SUAREZ ANDERSON, Lourdes Benicia"
    assert score("proscribe-v3", query, listed) < V3.threshold
    assert score("proscribe-v4", query, listed) >= V4.threshold
    query, listed = "GIRALDO DRANO, Juan Carlos", "GIRALDO FRANCO, Juan Carlos"
    assert score("proscribe-v3", query, listed) < V3.threshold
    assert score("proscribe-v4", query, listed) >= V4.threshold


def test_a_word_pairs_with_two_joined_words_only_when_it_reaches_the_second() -> None:
    # IVANOV is only the start of 'Ivanovich KOUFFA' (of the patronymic): no pairing.
    query, listed = "KOUFFA, Sergei Ivanovich", "IVANOV, Sergei"
    under_v3 = aligned(query, listed, V3_NAMES)
    under_v4 = aligned(query, listed, NAMES)
    assert ("ivanovich kouffa", "ivanov", 0.8) in under_v3.pairs
    assert all(pair[1] != "ivanov" or " " not in pair[0] for pair in under_v4.pairs)
    assert score("proscribe-v3", query, listed) >= V3.threshold
    assert score("proscribe-v4", query, listed) < V4.threshold
    # Two given names written as one still pair with both.
    joined = aligned("CHOE, Ryonghae", "CHOE, Ryong Hae", NAMES)
    assert ("ryonghae", "ryong hae", 1.0) in joined.pairs


def test_keyboard_neighbours() -> None:
    assert neighbouring_keys("f", "d")
    assert neighbouring_keys("g", "b")
    assert not neighbouring_keys("q", "s")
    assert not neighbouring_keys("a", "1")
