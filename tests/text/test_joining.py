"""joined_variants: the ways a name's words can be split and joined; split_variants: the
splits alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from proscribe.text import joined_variants, tokens
from proscribe.text.joining import LIMIT, _joins, _splits, may_divide, split_variants


def test_korean_given_name_joined() -> None:
    variants = joined_variants(("choe", "ryong", "hae"))
    assert variants[0] == ("choe", "ryong", "hae")
    assert variants[1] == ("choe", "ryonghae")
    assert ("choeryonghae",) in variants


def test_arabic_compounds_split() -> None:
    variants = joined_variants(tokens("Abdulrahman Ali"))
    assert ("abdul", "rahman", "ali") in variants
    assert ("abd", "al", "rahman", "ali") in variants
    assert ("abd", "allah") in joined_variants(("abdullah",))
    assert ("al", "rahman") in joined_variants(("alrahman",))


def test_arabic_words_joined() -> None:
    assert ("abdalrahman",) in joined_variants(tokens("Abd al-Rahman"))
    assert ("abdal", "rahman") in joined_variants(tokens("Abd al-Rahman"))


def test_unknown_words_are_not_split() -> None:
    assert joined_variants(("alexander",)) == (("alexander",),)
    assert joined_variants(("kim",)) == (("kim",),)
    assert joined_variants(()) == ((),)


@given(st.lists(st.text(alphabet="abcdefghilmnorsuy", min_size=1, max_size=8), max_size=9))
def test_bounded_and_unique(words: list[str]) -> None:
    variants = joined_variants(words)
    assert variants[0] == tuple(words)
    assert len(variants) <= LIMIT
    assert len(set(variants)) == len(variants)


# Words that split (compounds, glued particles, Abdullah) among words that do not.
SPLITTING = ["abdulrahman", "abdullah", "alrahman", "binladen", "abdelaziz", "elhadi", "ali"]


def splits_then_joins(words: list[str]) -> tuple[tuple[str, ...], ...]:
    """joined_variants as the rule states it: the words, then their splits, then their joins,
    each once, at most LIMIT in all."""
    found = [tuple(words)]
    for variant in (*_splits(tuple(words)), *_joins(tuple(words))):
        if variant not in found and len(found) < LIMIT:
            found.append(variant)
    return tuple(found)


@given(st.lists(st.sampled_from([*SPLITTING, "kim", "ryong", "hae", "x"]), max_size=9))
def test_split_variants_are_the_longer_joined_variants(words: list[str]) -> None:
    # What a name's form keeps of joined_variants, made without the joins.
    assert joined_variants(words) == splits_then_joins(words)
    longer = tuple(v for v in joined_variants(words) if len(v) > len(words))
    assert split_variants(words) == longer


def test_split_variants_of_a_compound() -> None:
    assert split_variants(("abdulrahman", "ali")) == (
        ("abdul", "rahman", "ali"),
        ("abd", "al", "rahman", "ali"),
    )
    assert split_variants(("kim", "ryong", "hae")) == ()


@given(st.lists(st.sampled_from([*SPLITTING, "abu", "ibn", "oulda", "benali", "el"]), max_size=5))
def test_a_name_that_splits_may_divide(words: list[str]) -> None:
    # `name_form` asks `may_divide` first and takes no splits when it says no.
    if split_variants(words):
        assert may_divide(" ".join(words))


def test_may_divide() -> None:
    assert may_divide("mohammed abdulrahman")
    assert may_divide("alrahman")
    assert not may_divide("kim ryong hae")
    assert not may_divide("salem")  # a particle inside a word does not count
