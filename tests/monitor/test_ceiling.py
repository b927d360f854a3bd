"""The name ceiling is never under what the aligner scores, and is low enough to spare most
alignments: checked on real SDN names against the queries the index sends them."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence

import pytest
from faker import Faker

from proscribe.index import Index, build_index
from proscribe.match import ALGORITHMS, DEFAULT_ALGORITHM
from proscribe.match.names import JOINING_PARTICLES, MIN_PAIR, QUERY_SHARE, NameRules, align
from proscribe.model import Query
from proscribe.monitor.ceiling import CeilingMemo, name_ceiling
from proscribe.screen.screen import MIN_NAME_SIMILARITY, query_forms
from proscribe.text.forms import NameForm, name_form
from tests.monitor.conftest import Sdn
from tests.monitor.test_delta import mangled

Weight = Callable[[str], float]

RULES: NameRules = ALGORITHMS[DEFAULT_ALGORITHM].names
# Names whose best pairing needs an option other than two equal words: two words written as
# one (on either side), initials, a word cut short, a typo.
SHAPES = [
    ("Choe Ryonghae", "CHOE Ryong Hae"),
    ("Choe Ryong Hae", "CHOE Ryonghae"),
    ("Abdulrahman Mohamed", "ABD AL RAHMAN, Mohamed"),
    ("J. Smith", "SMITH, John"),
    ("John Smith", "SMITH, J."),
    ("Ramez Haddad", "HADDAD, Ramezan"),
    ("Mohamad Yusef", "YOUSEF, Muhammad"),
    # proscribe-v5's joins: short syllables, three words around an article, past a repeat.
    ("Cho Ilu", "CHO, Il-U"),
    ("Kim Su Il", "KIM, Suil"),
    ("Bawaduqji Nuraldin", "BAWADUQJI, Nur-al-Din"),
    ("Nur al Din Bawaduqji", "BAWADUQJI, Nuraldin"),
    ("Usama bin Muhammad binawad BIN LADIN", "BIN LADIN, Usama bin Muhammad bin Awad"),
]


@pytest.fixture(scope="module")
def index(sdn: Sdn) -> Index:
    return build_index(sdn.entities)


def ceiling_and_score(index: Index, query: NameForm, listed: NameForm) -> tuple[float, float]:
    found = align(query, listed, index.token_weight, RULES)
    score = found.score if found is not None else 0.0
    ceiling = name_ceiling(query.variants, query.keys, [listed], index.token_weight, RULES)
    return ceiling, score


@pytest.mark.parametrize(("query", "listed"), SHAPES)
def test_ceiling_holds_for_every_kind_of_pairing(index: Index, query: str, listed: str) -> None:
    ceiling, score = ceiling_and_score(index, name_form(query, True), name_form(listed, True))
    assert score >= MIN_NAME_SIMILARITY  # the pairing matters
    assert ceiling >= score


def test_ceiling_holds_on_the_candidates_of_real_queries(sdn: Sdn, index: Index) -> None:
    rng = random.Random(5)
    faker = Faker(["en_US", "de_DE", "ru_RU", "ar_AA", "fa_IR"])
    faker.seed_instance(5)
    people = [e for e in sdn.entities if e.names]
    names = [faker.name() for _ in range(300)]
    names += [
        " ".join(mangled(w, rng) for w in rng.choice(people).names[0].full.split())
        for _ in range(300)
    ]
    pairs = 0
    spared = 0
    under = 0
    for text in names:
        query = Query(text)
        forms = query_forms(query)
        for candidate in index.candidates(query, forms, limit=10, min_coverage=0.3):
            for position in index.entity_names[candidate.entity]:
                ceiling, score = ceiling_and_score(index, forms[0], index.forms[position])
                assert ceiling >= score, (text, index.names[position].full)
                pairs += 1
                if score < MIN_NAME_SIMILARITY:
                    under += 1
                    spared += ceiling < MIN_NAME_SIMILARITY
    assert pairs > 2_000
    assert under > 500
    assert spared > under / 2  # most alignments that come to nothing need not be made


def test_remembered_ceilings_equal_the_ceiling_worked_out_pair_by_pair(
    sdn: Sdn, index: Index
) -> None:
    """The ceiling from remembered word comparisons (shared by every name screened here) is
    the float the plain definition gives, token pair by token pair: the same options, their
    maxima, the same sums."""
    rng = random.Random(11)
    faker = Faker(["en_US", "ru_RU", "ar_AA", "ko_KR"])
    faker.seed_instance(11)
    people = [e for e in sdn.entities if e.names]
    names = [faker.name() for _ in range(150)] + [text for text, _ in SHAPES]
    names += [
        " ".join(mangled(w, rng) for w in rng.choice(people).names[0].full.split())
        for _ in range(150)
    ]
    memo = CeilingMemo()
    compared = 0
    for text in names:
        forms = query_forms(Query(text))
        for candidate in index.candidates(Query(text), forms, limit=10, min_coverage=0.3):
            listed = [index.forms[p] for p in index.entity_names[candidate.entity]]
            remembered = name_ceiling(
                forms[0].variants, forms[0].keys, listed, index.token_weight, RULES, memo
            )
            assert remembered == plain_ceiling(forms[0], listed, index.token_weight), text
            compared += 1
    assert compared > 1_000
    assert memo.words
    assert memo.joined


def plain_ceiling(query: NameForm, forms: Sequence[NameForm], weight: Weight) -> float:
    """The ceiling as the module defines it, every token pair compared on every call (the
    code the remembered one replaced)."""
    best = 0.0
    for q, q_keys in zip(query.variants, query.keys, strict=True):
        q_weights = [weight(key) for key in q_keys]
        for form in forms:
            for c, c_keys in zip(form.variants, form.keys, strict=True):
                c_weights = [weight(key) for key in c_keys]
                best = max(best, _ceiling(q, q_keys, q_weights, c, c_keys, c_weights, RULES))
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
