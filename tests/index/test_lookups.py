"""The index's typo lookups find what comparing every list token would."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from proscribe.index import Index
from tests.engine import story_screener


def two_edits_by_hand(index: Index, token: str) -> list[str]:
    """Every long list token two edits away or nearer, of a length two apart at most, that
    begins with one of the token's first two letters or has one of them second."""
    letters = set(token[:2])
    found = {
        other
        for bucket in index.long_tokens.values()
        for other in bucket
        if abs(len(other) - len(token)) <= 2
        and (other[0] in letters or other[1] in letters)
        and OSA.distance(token, other) <= 2
    }
    return sorted(found)


def test_two_edits_finds_what_every_bucket_holds() -> None:
    index = story_screener().index
    for token in ("pescarbqava", "tavkoli", "ryonghaee", "mohammadreza", "abdulrahmaan", "xq"):
        assert index._two_edits(token) == two_edits_by_hand(index, token), token
