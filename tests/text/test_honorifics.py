"""strip_honorifics: titles set aside, never the whole name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proscribe.text import strip_honorifics, tokens
from proscribe.text.honorifics import _strip


@pytest.mark.parametrize(
    ("name", "remaining", "removed"),
    [
        ("Dr. Haji Ahmad Khan", ("ahmad", "khan"), ("dr", "haji")),
        ("Lt. Gen. Kim Yong Chol", ("kim", "yong", "chol"), ("lt", "gen")),
        ("Lieutenant General Kim", ("kim",), ("lieutenant", "general")),
        ("H.E. Sheikh Mohammed bin Rashid", ("mohammed", "bin", "rashid"), ("h", "e", "sheikh")),
        ("His Excellency Ali", ("ali",), ("his", "excellency")),
        ("Mullah Omar", ("omar",), ("mullah",)),
        ("Sayyid Ali Khamenei", ("ali", "khamenei"), ("sayyid",)),
        ("John Smith PhD", ("john", "smith"), ("phd",)),
        ("Tan Sri Ahmad", ("ahmad",), ("tan", "sri")),
    ],
)
def test_titles_are_removed(
    name: str, remaining: tuple[str, ...], removed: tuple[str, ...]
) -> None:
    assert strip_honorifics(tokens(name)) == (remaining, removed)


@pytest.mark.parametrize("name", ["Sheikh", "Haji", "Dr", "Jack Ma", "Hon Wai Ming", "Tuan Anh"])
def test_names_are_not_mistaken_for_titles(name: str) -> None:
    assert strip_honorifics(tokens(name))[0] == tokens(name)


def test_the_last_token_is_kept() -> None:
    assert strip_honorifics(("dr", "dr")) == (("dr",), ("dr",))
    assert strip_honorifics(()) == ((), ())


WORDS = ["dr", "lt", "gen", "h", "e", "ali", "khan", "phd", "sri"]


@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_names_without_a_title_word_at_either_end_skip_the_search(words: list[str]) -> None:
    # strip_honorifics answers a name that begins with no title word and ends with no
    # post-nominal without searching: the same answer as the search's.
    assert strip_honorifics(words) == _strip(tuple(words))
