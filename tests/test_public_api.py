"""The public API is small and deliberate: a sorted __all__ whose names all exist."""

from __future__ import annotations

import proscribe


def test_all_is_sorted_and_resolves() -> None:
    assert list(proscribe.__all__) == sorted(proscribe.__all__)
    for name in proscribe.__all__:
        assert getattr(proscribe, name) is not None
