"""The name ceiling is never under what the aligner scores, and is low enough to spare most
alignments: checked on real SDN names against the queries the index sends them."""

from __future__ import annotations

import random

import pytest
from faker import Faker

from proscribe.index import Index, build_index
from proscribe.match import ALGORITHMS, DEFAULT_ALGORITHM
from proscribe.match.names import NameRules, align
from proscribe.model import Query
from proscribe.monitor.ceiling import Listed, ceiling_of, listed_of, name_ceiling, side
from proscribe.screen.screen import MIN_NAME_SIMILARITY, query_forms
from proscribe.text.forms import NameForm, name_form
from tests.monitor.conftest import Sdn
from tests.monitor.test_delta import mangled

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
    # With the index's words, as screen() and the delta give them: under proscribe-v6 two
    # listed words two edits apart do not pair (`NameRules.listed_apart`).
    words = index.token_ids
    found = align(query, listed, index.token_weight, RULES, words)
    score = found.score if found is not None else 0.0
    ceiling = name_ceiling(query.variants, query.keys, [listed], index.token_weight, RULES, words)
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


def test_renderings_prepared_once_give_every_party_its_own_ceiling(sdn: Sdn, index: Index) -> None:
    """A delta prepares each listed rendering once and remembers each party word's options
    with it (`Listed.rows`): what one party leaves there must not change another's ceiling.
    Checked against renderings made fresh for each query, on the candidates of real names,
    names with typos and names with words written as one."""
    rng = random.Random(8)
    faker = Faker(["en_US", "es_ES", "ar_AA", "fa_IR", "ko_KR"])
    faker.seed_instance(8)
    people = [e for e in sdn.entities if e.names]
    names = [faker.name() for _ in range(200)]
    for _ in range(200):
        words = rng.choice(people).names[0].full.replace(",", "").split()
        names.append(" ".join(mangled(w, rng) for w in words))
        if len(words) > 2:
            at = rng.randrange(len(words) - 1)
            names.append(" ".join([*words[:at], words[at] + words[at + 1], *words[at + 2 :]]))
    shared: dict[int, list[Listed]] = {}
    weight, words = index.token_weight, index.token_ids
    compared = 0
    for text in names:
        query = Query(text)
        form = query_forms(query)[0]
        sides = [side(v, k, weight, words) for v, k in zip(form.variants, form.keys, strict=True)]
        for candidate in index.candidates(query, (form,), limit=10, min_coverage=0.3):
            for position in index.entity_names[candidate.entity]:
                listed = shared.get(position)
                if listed is None:
                    listed = shared[position] = listed_of(index.forms[position], weight, words)
                fresh = name_ceiling(
                    form.variants, form.keys, [index.forms[position]], weight, RULES, words
                )
                assert ceiling_of(sides, listed, RULES) == fresh, (text, index.names[position])
                compared += 1
    assert compared > 2_000
    assert sum(len(one.rows) for renderings in shared.values() for one in renderings) > 5_000
