"""A ceiling on the name score the matcher can give a party against an entry, from token
similarities alone, without aligning the names.

A delta rescreen meets many parties that a new entry reaches through one shared word
("Maria", "Ivanov") whose names are nonetheless far apart: screen() drops such an entry
unscored (its best name score is under MIN_NAME_SIMILARITY). Proving that with this ceiling
costs a fraction of the alignment, and the party's query and name forms need not be built.

Why it is a ceiling of `match.names.align`: the aligner gives each token the similarity of
the one option it is paired in (a token with a token, an initial with a word, or a token
with two adjacent tokens written as one), then scores QUERY_SHARE of the query's weighted
similarity plus the rest of the listed name's, halved when only initials or particles pair.
Giving every token the best similarity of any option it could be in can only raise that
sum: here joined options are admitted whatever the token lengths, whatever the rules say of
short tokens and of words paired already, and down to MIN_PAIR, where the aligner asks more;
three words around an article when the rules admit them (`particle_joins`), whatever their
first word; and the halving is left out. Products, sums and the division keep their order,
so the ceiling holds in floating point too (rounding is monotone).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from proscribe.match.names import JOINING_PARTICLES, MIN_PAIR, QUERY_SHARE, NameRules
from proscribe.text.forms import NameForm

Weight = Callable[[str], float]


class CeilingMemo:
    """What `name_ceiling` works out of one query word, or of two or three written as one,
    against one listed variant: kept from party to party. The words of a population recur
    ("Maria", "Ivanov"), and so do the listed names a change brings: in the delta rescreen
    of the benchmark, 195,000 (word, listed variant) comparisons were 76,000 distinct ones.
    A party's ceiling is then the maxima of what its words found, taken as before."""

    __slots__ = ("joined", "words")

    def __init__(self) -> None:
        # (word, key, listed variant, its keys) -> the word's best, and each listed token's.
        self.words: dict[tuple[str, str, Sequence[str], Sequence[str]], _Found] = {}
        # (words joined, how many, listed variant) -> the same for adjacent query words.
        self.joined: dict[tuple[str, int, Sequence[str]], _Found] = {}


# A query word's (or joined words') best similarity against a listed variant, and the best
# each token of that variant gets from it.
_Found = tuple[float, tuple[float, ...]]


def name_ceiling(
    variants: Sequence[Sequence[str]],
    keys: Sequence[Sequence[str]],
    forms: Sequence[NameForm],
    weight: Weight,
    rules: NameRules,
    memo: CeilingMemo | None = None,
) -> float:
    """The highest name score `align` can give the query name (its `variants` and their
    `keys`, as its NameForm holds them) against any of `forms`. `memo`, when given, keeps
    what is worked out for the next call with the same `rules`."""
    memo = CeilingMemo() if memo is None else memo
    listed = [
        (c, c_keys, [weight(key) for key in c_keys])
        for form in forms
        for c, c_keys in zip(form.variants, form.keys, strict=True)
    ]
    best = 0.0
    for q, q_keys in zip(variants, keys, strict=True):
        q_weights = [weight(key) for key in q_keys]
        for c, c_keys, c_weights in listed:
            best = max(best, _ceiling(q, q_keys, q_weights, c, c_keys, c_weights, rules, memo))
            if best >= 1.0:
                return best
    return best


def _ceiling(
    q: Sequence[str],
    q_keys: Sequence[str],
    q_weights: Sequence[float],
    c: Sequence[str],
    c_keys: Sequence[str],
    c_weights: Sequence[float],
    rules: NameRules,
    memo: CeilingMemo,
) -> float:
    """Every token's best similarity on either side, each the maximum over the options it
    could be in (maxima taken in any order are the same float), then weighed."""
    if not q or not c:
        return 0.0
    q_best = [0.0] * len(q)
    found: list[tuple[tuple[int, ...], _Found]] = []
    words = memo.words
    for i, (a, a_key) in enumerate(zip(q, q_keys, strict=True)):
        key = (a, a_key, c, c_keys)
        one = words.get(key)
        if one is None:
            one = words[key] = _word_against(a, a_key, c, c_keys, rules)
        found.append(((i,), one))
    # Two adjacent query words written as one against a listed token (Ryong Hae / Ryonghae),
    # and three around an article when the rules admit them (Nur al-Din / Nuraldin).
    joined = memo.joined
    for first in range(len(q) - 1):
        spans = [2]
        if rules.particle_joins and first + 2 < len(q) and q[first + 1] in JOINING_PARTICLES:
            spans.append(3)
        for span in spans:
            text = "".join(q[first : first + span])
            join_key = (text, span, c)
            one = joined.get(join_key)
            if one is None:
                one = joined[join_key] = _joined_against(text, span, c, rules)
            if one[0]:
                found.append((tuple(range(first, first + span)), one))
    for positions, (best, _) in found:
        for i in positions:
            if best > q_best[i]:
                q_best[i] = best
    c_best: list[float] = [
        max(column) for column in zip(*(sims for _, (_, sims) in found), strict=True)
    ]
    covered_q = sum(s * w for s, w in zip(q_best, q_weights, strict=True)) / sum(q_weights)
    covered_c = sum(s * w for s, w in zip(c_best, c_weights, strict=True)) / sum(c_weights)
    return QUERY_SHARE * covered_q + (1 - QUERY_SHARE) * covered_c


def _word_against(
    a: str, a_key: str, c: Sequence[str], c_keys: Sequence[str], rules: NameRules
) -> _Found:
    """Query word `a` against a listed variant: its similarity with each listed token (else
    an initial's), and with two adjacent listed tokens written as one, or three around an
    article when the rules admit them."""
    similarity = rules.similarity
    sims = []
    for b, b_key in zip(c, c_keys, strict=True):
        # The aligner's option for this pair: the similarity, else an initial's.
        sim = 1.0 if a_key == b_key else similarity(a, a_key, b, b_key)
        if sim < MIN_PAIR:
            initial = len(a) == 1 or (len(b) == 1 and rules.list_initials)
            sim = rules.initial if initial and a[0] == b[0] else 0.0
        sims.append(sim)
    best = max(sims)
    if len(c) >= 2:
        for j, (first, second) in enumerate(itertools.pairwise(c)):
            # Tokens more than two letters apart in length are only alike as a word cut
            # short (the similarity's own first test), which needs the same first letter.
            apart = abs(len(a) - len(first) - len(second)) > 2
            if apart and a[0] != first[0]:
                continue
            text = first + second
            if apart and not _cut_short(a, text):
                continue
            best = _raised(sims, best, (j, j + 1), similarity(a, a, text, text))
    if rules.particle_joins:
        for j in range(len(c) - 2):
            if c[j + 1] in JOINING_PARTICLES:
                text = c[j] + c[j + 1] + c[j + 2]
                best = _raised(sims, best, (j, j + 1, j + 2), similarity(a, a, text, text))
    return best, tuple(sims)


def _joined_against(text: str, span: int, c: Sequence[str], rules: NameRules) -> _Found:
    """`span` adjacent query words written as one (`text`) against each listed token: the
    best similarity (0.0 when none reaches MIN_PAIR) and each token's. Two words are compared
    under the same length rule as one word with two listed ones; three around an article are
    compared with every token."""
    sims = [0.0] * len(c)
    best = 0.0
    for j, token in enumerate(c):
        if span == 2:
            apart = abs(len(token) - len(text)) > 2
            if apart and token[0] != text[0]:
                continue
            if apart and not _cut_short(token, text):
                continue
        best = _raised(sims, best, (j,), rules.similarity(token, token, text, text))
    return best, tuple(sims)


def _raised(sims: list[float], best: float, tokens: tuple[int, ...], sim: float) -> float:
    """An option pairing at `sim` with the listed `tokens` written as one, when the aligner
    could pair them at all (MIN_PAIR): their bests raised; the word's best returned."""
    if sim < MIN_PAIR:
        return best
    for k in tokens:
        if sim > sims[k]:
            sims[k] = sim
    return max(best, sim)


def _cut_short(a: str, b: str) -> bool:
    # Any length: the similarity asks a minimum length of the shorter, the ceiling need not.
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return long.startswith(short)
