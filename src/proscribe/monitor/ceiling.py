"""A ceiling on the name score the matcher can give a party against an entry, from token
similarities alone, without aligning the names.

A delta rescreen meets many parties that a new entry reaches through one shared word
("Maria", "Ivanov") whose names are nonetheless far apart: such an entry cannot come near the
threshold (see `match.highest`), and screen() drops it unscored when its best name score is
under MIN_NAME_SIMILARITY. Proving that with this ceiling costs a fraction of the alignment,
and the party's query and name forms need not be built.

Why it is a ceiling of `match.names.align`: the aligner gives each token the similarity of
the one option it is paired in (a token with a token, an initial with a word, or a token
with two adjacent tokens written as one), then scores QUERY_SHARE of the query's weighted
similarity plus the rest of the listed name's, halved when only initials or particles pair.
Giving every token the best similarity of any option it could be in can only raise that
sum. The options are those the aligner can form (`_single_options`, `_joined_options`): a
joined one pairs a token of five letters or more (or, under `short_joins`, of three or four
that spells the two words exactly) with two adjacent words, or three around an article under
`particle_joins`, whose first two or last two letters it shares. Here they are admitted
whatever the rules say of words paired already and down to MIN_PAIR, where the aligner asks
0.8; the halving is left out. Products, sums and the division keep their order, so the
ceiling holds in floating point too (rounding is monotone). Each similarity is the aligner's
own, cached one, asked with the same `listed_mask` (proscribe-v6 keeps listed words two
edits apart): a side is made with the vocabulary the aligner is given.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Container, Sequence
from typing import NamedTuple

from proscribe.match.names import (
    JOINING_PARTICLES,
    LONG_JOIN,
    MIN_PAIR,
    QUERY_SHARE,
    SHORT_JOIN,
    NameRules,
    listed_mask,
    prefix_similarity,
    ruled_vocabulary,
)
from proscribe.text.forms import NameForm

Weight = Callable[[str], float]


# A token as the ceiling reads it: the token, its key, both their lengths, its `listed_mask`.
Item = tuple[str, str, int, int, int]


class Side(NamedTuple):
    """One rendering of a name as the ceiling reads it, made once: a delta compares each
    party's renderings with several listed ones, and each listed one with thousands of
    parties."""

    tokens: Sequence[str]
    weights: list[float]
    total: float  # the weights summed
    items: list[Item]
    # Each span a token may pair with: (positions, the words as one, the first's first two
    # letters, the last's last two, the first's length).
    spans: list[tuple[tuple[int, ...], str, str, str, int]]


def side(
    tokens: Sequence[str],
    keys: Sequence[str],
    weight: Weight,
    vocabulary: Container[str] = frozenset(),
) -> Side:
    """A rendering as the ceiling reads it. `vocabulary`: the words the lists hold when the
    rules keep them apart (`NameRules.listed_apart`; empty otherwise), as the aligner is
    given them: each token's `listed_mask` goes with it into the similarity."""
    weights = [weight(key) for key in keys]
    places: list[tuple[int, ...]] = [(j, j + 1) for j in range(len(tokens) - 1)]
    places += [
        (j, j + 1, j + 2) for j in range(len(tokens) - 2) if tokens[j + 1] in JOINING_PARTICLES
    ]
    spans = [
        (
            span,
            "".join([tokens[k] for k in span]),
            tokens[span[0]][:2],
            tokens[span[-1]][-2:],
            len(tokens[span[0]]),
        )
        for span in places
    ]
    items = [
        (t, k, len(t), len(k), listed_mask(vocabulary, t, k) if vocabulary else 0)
        for t, k in zip(tokens, keys, strict=True)
    ]
    return Side(tokens, weights, sum(weights), items, spans)


def sides(form: NameForm, weight: Weight, vocabulary: Container[str] = frozenset()) -> list[Side]:
    """Every rendering of a name form."""
    return [side(v, k, weight, vocabulary) for v, k in zip(form.variants, form.keys, strict=True)]


# A party token's options with the tokens of one listed rendering: the best of them, and for
# each listed token the similarity of its option with the party token (0 when none).
Row = tuple[float, tuple[float, ...]]


class Listed:
    """A listed rendering prepared for the thousands of parties a delta compares it with: its
    tokens by their first and last two letters and by spelling (what two words of a party
    written as one can pair with), and each party token's options with it, worked out once
    per token: a population repeats its words (the 215,000 (token, rendering) pairs of the
    SDN change of `bench/rescreen.py` are 87,000 distinct ones). One serves one set of
    rules: a delta compares under one algorithm."""

    __slots__ = ("by_head", "by_spelling", "by_tail", "rows", "side")

    def __init__(self, one: Side) -> None:
        self.side = one
        self.rows: dict[Item, Row] = {}  # by the party token's item
        self.by_head: dict[str, list[int]] = {}
        self.by_tail: dict[str, list[int]] = {}
        self.by_spelling: dict[str, list[int]] = {}
        for j, token in enumerate(one.tokens):
            if len(token) >= LONG_JOIN:
                self.by_head.setdefault(token[:2], []).append(j)
                self.by_tail.setdefault(token[-2:], []).append(j)
            elif len(token) >= SHORT_JOIN:
                self.by_spelling.setdefault(token, []).append(j)


def listed_of(
    form: NameForm, weight: Weight, vocabulary: Container[str] = frozenset()
) -> list[Listed]:
    """Every rendering of a listed name form, prepared."""
    return [Listed(one) for one in sides(form, weight, vocabulary)]


def name_ceiling(
    variants: Sequence[Sequence[str]],
    keys: Sequence[Sequence[str]],
    forms: Sequence[NameForm],
    weight: Weight,
    rules: NameRules,
    vocabulary: Container[str] = frozenset(),
) -> float:
    """The highest name score `align` can give the query name (its `variants` and their
    `keys`, as its NameForm holds them) against any of `forms`, with the `vocabulary` the
    aligner is given."""
    words = ruled_vocabulary(rules, vocabulary)
    query = [side(q, q_keys, weight, words) for q, q_keys in zip(variants, keys, strict=True)]
    listed = [one for form in forms for one in listed_of(form, weight, words)]
    return ceiling_of(query, listed, rules)


def ceiling_of(
    query: Sequence[Side], listed: Sequence[Listed], rules: NameRules, enough: float = 1.0
) -> float:
    """`name_ceiling` of renderings made already; it stops at the first pair whose ceiling
    reaches `enough` (a caller asking only whether some pair reaches it)."""
    best = 0.0
    for q in query:
        for c in listed:
            best = max(best, _ceiling(q, c, rules))
            if best >= enough:
                return best
    return best


def _ceiling(q: Side, listed: Listed, rules: NameRules) -> float:
    c = listed.side
    if not q.tokens or not c.tokens:
        return 0.0
    rows = listed.rows
    q_best: list[float] = []
    c_best: Sequence[float] | None = None
    for item in q.items:
        row = rows.get(item)
        if row is None:
            row = rows[item] = _row(item, c, rules)
        best, options = row
        q_best.append(best)
        if best:
            c_best = options if c_best is None else list(map(max, c_best, options))
    if q.spans:
        c_best = [0.0] * len(c.tokens) if c_best is None else list(c_best)
        _joined_with_query(listed, q, c_best, q_best, rules)
    # Summed in the order the aligner sums (see the module's docstring).
    covered_q: float = sum(map(operator.mul, q_best, q.weights)) / q.total
    covered_c: float = 0.0
    if c_best is not None:
        covered_c = sum(map(operator.mul, c_best, c.weights)) / c.total
    return QUERY_SHARE * covered_q + (1 - QUERY_SHARE) * covered_c


def _row(item: Item, c: Side, rules: NameRules) -> Row:
    """A party token's options with the tokens of a listed rendering: with each token (the
    aligner's similarity, else an initial's), and with two or three adjacent ones written as
    one (the best of an option is the best of the tokens it raises)."""
    similarity = rules.similarity
    list_initials = rules.list_initials
    a, a_key, a_length, a_key_length, a_mask = item
    a_initial = a_length == 1
    options = [0.0] * len(c.tokens)
    for j, (b, b_key, b_length, b_key_length, b_mask) in enumerate(c.items):
        # The aligner's option for this pair: the similarity, else an initial's. Tokens (and
        # keys) more than two letters apart in length are only alike as a word cut short:
        # the similarity's own first exit, without the cost of its cache.
        if a_key == b_key:
            sim = 1.0
        elif abs(a_length - b_length) > 2 and abs(a_key_length - b_key_length) > 2:
            sim = prefix_similarity(a, b)
        else:
            sim = similarity(a, a_key, b, b_key, a_mask & b_mask)
        if sim < MIN_PAIR:
            initial = a_initial or (b_length == 1 and list_initials)
            sim = rules.initial if initial and a[0] == b[0] else 0.0
        options[j] = sim
    _joined_with_listed(a, c, options, rules)
    return max(options), tuple(options)


def _joined_with_listed(token: str, c: Side, options: list[float], rules: NameRules) -> None:
    """Raise `options` by the pairings of a party token with two adjacent tokens of the
    listed rendering written as one (Ryonghae / Ryong Hae), or three around an article
    (Nuraldin / Nur al-Din) when the rules admit them (`particle_joins`), as
    `_joined_options` forms them."""
    size = len(token)
    if len(c.tokens) < 2 or size < (SHORT_JOIN if rules.short_joins else LONG_JOIN):
        return
    if size < LONG_JOIN:  # a short token: only two words it spells exactly
        for span, joined, _, _, _ in c.spans:
            if len(span) == 2 and token == joined:
                _raise(options, span, 1.0)
        return
    head, tail = token[:2], token[-2:]
    for span, joined, first_head, last_tail, first_length in c.spans:
        if head == first_head or tail == last_tail:
            _raise(options, span, _joined_similarity(token, span, joined, first_length, rules))


def _joined_with_query(
    listed: Listed, q: Side, c_best: list[float], q_best: list[float], rules: NameRules
) -> None:
    """The same pairings from the other side: the listed rendering's tokens with the query's
    adjacent words written as one. Each span of the query looks up the listed tokens it can
    pair with (by their first or last two letters, or their spelling), instead of each listed
    token trying every span (most spans find none)."""
    tokens = listed.side.tokens
    by_head, by_tail = listed.by_head, listed.by_tail
    by_spelling = listed.by_spelling if rules.short_joins else {}
    for span, joined, first_head, last_tail, first_length in q.spans:
        if len(span) == 2:
            for j in by_spelling.get(joined, ()):
                _raise(q_best, span, 1.0, c_best, j)
        heads, tails = by_head.get(first_head, ()), by_tail.get(last_tail, ())
        for j in heads:
            sim = _joined_similarity(tokens[j], span, joined, first_length, rules)
            _raise(q_best, span, sim, c_best, j)
        for j in tails:
            if j not in heads:
                sim = _joined_similarity(tokens[j], span, joined, first_length, rules)
                _raise(q_best, span, sim, c_best, j)


def _joined_similarity(
    token: str, span: tuple[int, ...], joined: str, first_length: int, rules: NameRules
) -> float:
    """A token of five letters or more against the words `span` of the other name written as
    one (`joined`, sharing its first or last two letters); 0.0 when the aligner would not form
    that option."""
    if len(span) == 2:
        if not rules.joined_prefixes and len(token) <= first_length:
            return 0.0  # at most the first word: a word cut short
    elif not rules.particle_joins:
        return 0.0
    return rules.similarity(token, token, joined, joined, 0)  # not two words: see the aligner


def _raise(
    bests: list[float],
    span: tuple[int, ...],
    sim: float,
    token_bests: list[float] | None = None,
    token: int = 0,
) -> None:
    """The tokens `span` of one name, written as one, paired at `sim` with a token of the
    other (`token` of `token_bests`, when the caller keeps them): their bests raised, when the
    aligner could pair them at all (MIN_PAIR)."""
    if sim < MIN_PAIR:
        return
    for k in span:
        bests[k] = max(bests[k], sim)
    if token_bests is not None:
        token_bests[token] = max(token_bests[token], sim)
