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


def name_ceiling(
    variants: Sequence[Sequence[str]],
    keys: Sequence[Sequence[str]],
    forms: Sequence[NameForm],
    weight: Weight,
    rules: NameRules,
) -> float:
    """The highest name score `align` can give the query name (its `variants` and their
    `keys`, as its NameForm holds them) against any of `forms`."""
    listed = [
        (c, c_keys, [weight(key) for key in c_keys])
        for form in forms
        for c, c_keys in zip(form.variants, form.keys, strict=True)
    ]
    best = 0.0
    for q, q_keys in zip(variants, keys, strict=True):
        q_weights = [weight(key) for key in q_keys]
        for c, c_keys, c_weights in listed:
            best = max(best, _ceiling(q, q_keys, q_weights, c, c_keys, c_weights, rules))
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
) -> float:
    if not q or not c:
        return 0.0
    q_best = [0.0] * len(q)
    c_best = [0.0] * len(c)
    similarity = rules.similarity
    for i, a in enumerate(q):
        a_key = q_keys[i]
        for j, b in enumerate(c):
            b_key = c_keys[j]
            # The aligner's option for this pair: the similarity, else an initial's.
            sim = 1.0 if a_key == b_key else similarity(a, a_key, b, b_key)
            if sim < MIN_PAIR:
                initial = len(a) == 1 or (len(b) == 1 and rules.list_initials)
                sim = rules.initial if initial and a[0] == b[0] else 0.0
            if sim > q_best[i]:
                q_best[i] = sim
            if sim > c_best[j]:
                c_best[j] = sim
    _joined(q, c, q_best, c_best, rules)
    _joined(c, q, c_best, q_best, rules)
    covered_q = sum(s * w for s, w in zip(q_best, q_weights, strict=True)) / sum(q_weights)
    covered_c = sum(s * w for s, w in zip(c_best, c_weights, strict=True)) / sum(c_weights)
    return QUERY_SHARE * covered_q + (1 - QUERY_SHARE) * covered_c


def _joined(
    one: Sequence[str],
    other: Sequence[str],
    one_best: list[float],
    other_best: list[float],
    rules: NameRules,
) -> None:
    """Raise the bests by options pairing a token of `one` with two adjacent tokens of
    `other` written as one (Ryonghae / Ryong Hae), and when the rules admit them
    (`particle_joins`) with three around an article (Nuraldin / Nur al-Din)."""
    if len(other) < 2:
        return
    lengths = [len(first) + len(second) for first, second in itertools.pairwise(other)]
    for i, token in enumerate(one):
        for j, length in enumerate(lengths):
            # Tokens more than two letters apart in length are only alike as a word cut
            # short (the similarity's own first test), which needs the same first letter.
            if abs(len(token) - length) > 2 and token[0] != other[j][0]:
                continue
            joined = other[j] + other[j + 1]
            if abs(len(token) - length) > 2 and not _cut_short(token, joined):
                continue
            sim = rules.similarity(token, token, joined, joined)
            _raise(one_best, i, other_best, (j, j + 1), sim)
    if not rules.particle_joins:
        return
    for j in range(len(other) - 2):
        if other[j + 1] not in JOINING_PARTICLES:
            continue
        joined = other[j] + other[j + 1] + other[j + 2]
        for i, token in enumerate(one):
            sim = rules.similarity(token, token, joined, joined)
            _raise(one_best, i, other_best, (j, j + 1, j + 2), sim)


def _raise(
    one_best: list[float], i: int, other_best: list[float], joined: tuple[int, ...], sim: float
) -> None:
    """Token `i` of one name paired at `sim` with the tokens `joined` of the other written as
    one: each side's bests raised, when the aligner could pair them at all (MIN_PAIR)."""
    if sim < MIN_PAIR:
        return
    one_best[i] = max(one_best[i], sim)
    for k in joined:
        other_best[k] = max(other_best[k], sim)


def _cut_short(a: str, b: str) -> bool:
    # Any length: the similarity asks a minimum length of the shorter, the ceiling need not.
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return long.startswith(short)
