"""Spacing and concatenation: the ways one name is cut into words.

Lists and customers disagree on where a name's words end: Ryonghae / Ryong Hae / Ryong-hae,
Abdulrahman / Abdul Rahman / Abd al-Rahman, Binladen / Bin Laden. `joined_variants` gives the
matcher the cuts worth trying when it aligns two names token by token:

- the tokens as they are (always first);
- Arabic compounds split: abdulrahman -> abdul rahman and abd al rahman; abdullah -> abd allah;
  a particle glued to a known name split off (alrahman -> al rahman, binladen is not split:
  "laden" is not a known name, so the joined form has to be matched by its neighbours' joins);
- adjacent tokens joined, the last pair first (given names come last in Korean and Chinese
  names: choe ryong hae -> choe ryonghae), then all tokens joined for names of up to 4 tokens.

At most `LIMIT` variants, no duplicates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from proscribe.text.variants import KEYS, split_abd

LIMIT = 8
_ALLAH = frozenset(("abdullah", "abdallah", "abdulla", "abdollah", "abdellah", "abdalla"))
_GLUED_PARTICLES = ("al", "el", "abu", "abou", "bin", "ibn", "ben", "ould")


# Cached: every word of every rendering is tried (eighteen words a Chinese name), and names
# share their words far more often than whole names.
@lru_cache(maxsize=1 << 16)
def _split_token(token: str) -> tuple[tuple[str, ...], ...]:
    """The ways one token divides into known parts (empty when it does not)."""
    if token in _ALLAH:
        return (("abd", "allah"),)
    rest = split_abd(token)
    if rest is not None:
        return (("abdul", rest), ("abd", "al", rest))
    for particle in _GLUED_PARTICLES:
        tail = token[len(particle) :]
        if token.startswith(particle) and len(tail) >= 3 and tail in KEYS:
            return ((particle, tail),)
    return ()


def _splits(toks: tuple[str, ...]) -> list[tuple[str, ...]]:
    variants = []
    for index, token in enumerate(toks):
        for parts in _split_token(token):
            variants.append((*toks[:index], *parts, *toks[index + 1 :]))
    return variants


def _joins(toks: tuple[str, ...]) -> list[tuple[str, ...]]:
    variants = []
    for index in range(len(toks) - 2, -1, -1):
        variants.append((*toks[:index], toks[index] + toks[index + 1], *toks[index + 2 :]))
    if 2 < len(toks) <= 4:
        variants.append(("".join(toks),))
    return variants


def joined_variants(toks: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Ways to cut `toks` into words: itself first, then splits, then joins; at most LIMIT."""
    return _variants(tuple(toks))


@lru_cache(maxsize=1 << 14)
def _variants(original: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    # Splits are longer than the original and joins shorter: none repeats another kind.
    results: list[tuple[str, ...]] = [original, *_split_variants(original)]
    for variant in _joins(original):
        if len(results) == LIMIT:
            break
        if variant not in results:
            results.append(variant)
    return tuple(results)


def split_variants(toks: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The variants of `joined_variants` that divide a word (all longer than `toks`), without
    making the joins: what a name's form keeps (the aligner pairs joined words itself), for
    every rendering of every list name."""
    return _split_variants(tuple(toks))


# Every word `_split_token` divides begins so ("abd" for the compounds and the forms of
# Abdullah, or a glued particle).
_MAY_DIVIDE = re.compile(r"(?:^|\s)(?:abd|abu|abou|al|el|bin|ibn|ben|ould)")


def may_divide(text: str) -> bool:
    """Whether a word of the normalised `text` may divide (`split_variants` finds nothing
    otherwise): one regex search, where most names (nearly all but Arabic ones) end."""
    return _MAY_DIVIDE.search(text) is not None


@lru_cache(maxsize=1 << 14)
def _split_variants(original: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    results: list[tuple[str, ...]] = []
    for variant in _splits(original):
        if variant not in results:
            results.append(variant)
            if len(results) == LIMIT - 1:  # `_variants` holds `original` as well
                break
    return tuple(results)
