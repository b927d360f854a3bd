"""The index reaches names through typos, variants and order, and survives a snapshot."""

from __future__ import annotations

import gc
import math
import pickle
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from unittest.mock import patch

import numpy as np
import pytest

from proscribe.index import Index, build_index, packed
from proscribe.index.build import INITIAL_WEIGHT, LEGAL_WEIGHT, _fixed_weight
from proscribe.index.filing import name_tokens
from proscribe.model import (
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Name,
    Query,
    QueryIdentifier,
    Schema,
)
from proscribe.screen import query_forms
from tests.engine import story_entities, story_screener

_loads = pickle.loads


def entity(entity_id: str, name: str, schema: Schema = Schema.PERSON, *ids: Identifier) -> Entity:
    return Entity("test", entity_id, schema, (Name(name),), Designation("test"), identifiers=ids)


def candidates(index: Index, name: str) -> list[str]:
    query = Query(name)
    return [index.entities[c.entity].id for c in index.candidates(query, query_forms(query))]


def test_no_exact_token_is_needed() -> None:
    index = build_index([entity("1", "SMITH, Jon"), entity("2", "BROWN, Alice")])
    assert candidates(index, "John Smyth") == ["1"]


def test_words_written_together_or_apart() -> None:
    index = build_index([entity("1", "CHOE, Ryong Hae")])
    assert candidates(index, "Choe Ryonghae") == ["1"]


def test_identifiers_are_looked_up_exactly() -> None:
    index = build_index(
        [
            entity("v", "SEA STAR", Schema.VESSEL, Identifier(IdentifierType.IMO, "9123456")),
        ]
    )
    query = Query("unrelated words")
    assert index.candidates(query, query_forms(query)) == []
    query = Query("unrelated words", identifiers=(QueryIdentifier("IMO 9123456"),))
    found = index.candidates(query, query_forms(query))
    assert [(index.entities[c.entity].id, c.identifier_hit) for c in found] == [("v", True)]


def test_schema_partition() -> None:
    index = build_index([entity("p", "ATLANTIC STAR"), entity("v", "ATLANTIC STAR", Schema.VESSEL)])
    query = Query("Atlantic Star")
    found = index.candidates(query, query_forms(query), schemas={Schema.VESSEL})
    assert [index.entities[c.entity].id for c in found] == ["v"]


def test_snapshot_round_trip_gives_the_same_candidates() -> None:
    index = story_screener().index
    again = Index.from_bytes(index.to_bytes())
    for name in ("Choe Ryong-hae", "Banco Nacional de Cuba", "최룡해"):
        assert candidates(again, name) == candidates(index, name)


def test_a_snapshot_taken_after_queries_holds_none_of_what_they_remembered() -> None:
    index = build_index([entity("1", "CHO CHOL"), entity("2", "CHO, Kyong Chol")])
    before = index.to_bytes()
    candidates(index, "CHO, Kyo'ng-ch'o'l")  # fills the lookups' and names' caches
    assert {"_hits_cache", "_name_weights"} <= set(index.__dict__)
    assert index.to_bytes() == before


def test_names_are_weighed_by_their_words_however_often_one_call_asks() -> None:
    """A delta asks for the weights of a whole population's coverages at once, the same few
    names many times over: each comes back as its words' weights summed (infinite with an
    initial in it), at every place it is asked, as when asked alone."""
    people = [entity("1", "SMITH, Jon"), entity("2", "K, Alice"), entity("3", "BROWN, Alice")]
    index = build_index(people)
    asked = np.array([2, 0, 2, 1, 0, 2, 2], dtype=np.int32)
    weights = index.name_weights(asked)
    alone = build_index(people)
    expected = [float(alone.name_weights(np.array([p], dtype=np.int32))[0]) for p in asked]
    assert weights.tolist() == expected
    by_words = [sum(index.token_weight(key) for key in index.forms[p].keys[0]) for p in (0, 2)]
    assert [weights[1], weights[0]] == by_words
    assert math.isinf(weights[3])  # "K" is an initial
    assert index.name_weights(asked).tolist() == expected  # remembered, the same


def test_names_holding_each_word_are_counted_as_its_postings_are() -> None:
    """A delta counts the names holding each word of its population at once: as many as the
    word's postings, for the first and last word numbered, a word held by many names, and
    words no name holds (none of them)."""
    index = story_screener().index
    numbered = list(index.token_ids)
    common = max(numbered, key=lambda t: len(index._postings(t)))
    words = [numbered[0], numbered[-1], common, "zzzqqq", "", *numbered[::97]]
    counts = index.name_counts(words)
    assert counts.tolist() == [len(index._postings(w)) for w in words]
    assert counts[2] > 400  # more than COMMON_DF
    assert counts[3] == counts[4] == 0
    assert index.name_counts([]).tolist() == []
    # And the roles built on them, as `_word_role` gives them word by word.
    pairs = [(w, w) for w in words if w] + [("J", "j"), ("ltd", "limited")]
    weights, initials, commons = index.word_roles(pairs)
    roles = [index._word_role(t, k) for t, k in pairs]
    assert weights.tolist() == [w for w, _, _ in roles]
    assert initials.tolist() == [i for _, i, _ in roles]
    assert commons.tolist() == [c for _, _, c in roles]
    assert any(commons)
    assert any(initials)


def test_the_collector_is_paused_while_a_snapshot_loads_and_as_it_was_after() -> None:
    data = build_index([entity("1", "SMITH, Jon")]).to_bytes()
    collecting: list[bool] = []

    def loads(raw: bytes) -> object:
        collecting.append(gc.isenabled())
        return _loads(raw)

    with patch.object(pickle, "loads", side_effect=loads):
        Index.from_bytes(data)
        assert collecting == [False]  # off while it loads
        assert gc.isenabled()  # and on again after
        gc.disable()
        try:
            Index.from_bytes(data)
            assert not gc.isenabled()  # the caller's choice stands
        finally:
            gc.enable()


# Packing from the fourth entity, its dictionary is the text of the first four records (too
# few to train on); from the 301st, a dictionary trained on the first 301.
@pytest.mark.parametrize(("pack_above", "trained"), [(3, False), (300, True)])
def test_a_packed_index_holds_the_same_entities_names_and_forms(
    monkeypatch: pytest.MonkeyPatch, pack_above: int, trained: bool
) -> None:
    entities = story_entities()[::10]  # some of every list: a quicker build
    plain = build_index(entities)
    monkeypatch.setattr(packed, "PACK_ABOVE", pack_above)
    small = build_index(entities)
    assert small.entities._dictionary.startswith(packed._TRAINED_MAGIC) == trained
    for index in (small, Index.from_bytes(small.to_bytes())):
        assert index.entities.packed
        assert not plain.entities.packed
        assert list(index.entities) == list(plain.entities) == list(entities)
        assert [index.entities[i] for i in range(len(entities))] == list(entities)
        assert list(index.names) == list(plain.names)
        assert list(index.forms) == list(plain.forms)
        assert list(index.entity_names) == list(plain.entity_names)
        for name in ("Choe Ryong-hae", "Banco Nacional de Cuba", "최룡해"):
            assert candidates(index, name) == candidates(plain, name)


def test_packed_entities_are_read_back_by_several_threads_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The service decodes candidates in several threads: each has its own decompressor.
    # One shared by all corrupts reads ('Data corruption detected'): with twelve passes
    # this failed in each of six runs.
    entities = story_entities()[::10]
    monkeypatch.setattr(packed, "PACK_ABOVE", 300)
    index = build_index(entities)
    monkeypatch.setattr(packed, "CACHE_SIZE", 1)  # every read decodes
    positions = list(range(len(entities))) * 12
    with ThreadPoolExecutor(4) as pool:
        read = list(pool.map(index.entities.__getitem__, positions, chunksize=50))
    assert read == list(entities) * 12


def test_hash_lookup_keeps_the_order_positions_were_added_in() -> None:
    lookup = packed.HashLookup()
    for key, value in (("b", 5), (("x", "y"), 1), ("b", 2), ("a", 9)):
        lookup.add(key, value)
    lookup.finish()
    assert list(lookup.get("b")) == [5, 2]
    assert list(lookup.get(("x", "y"))) == [1]
    assert lookup.get("x\0y") == [1]  # a word sequence is its words NUL-joined
    assert lookup.get("c", ()) == ()


def test_two_query_words_are_looked_up_together_for_a_list_word_that_joins_them() -> None:
    # Query words written as one are looked up for a list word that writes them as one: one
    # edit away (RYONGHAE for 'Ryong Haee') or completing them (RYONGHAES). A list word that
    # only begins them (RYONGH) is for the first word's own lookup and the matcher to judge,
    # and two edits are not tried: a single query word 'ryonghbxxf' reaches RYONGH and
    # RYONGHAXXE, the same letters as two words reach neither.
    index = build_index(
        [
            entity("1", "RYONGHAE Kim"),
            entity("2", "RYONGHAES Pak"),
            entity("3", "RYONGH Ri"),
            entity("4", "RYONGHAXXE Jo"),
        ]
    )
    assert {"ryonghae", "ryonghaes", "ryongh"} <= index._near_tokens("ryonghaee")
    assert index._near_tokens("ryonghaee", joined=True) == {"ryonghae", "ryonghaes"}
    assert {"ryongh", "ryonghaxxe"} <= index._near_tokens("ryonghbxxf")
    assert not index._near_tokens("ryonghbxxf", joined=True)


def test_the_better_reading_of_two_words_written_as_one_counts() -> None:
    # TAWA begins TAWASUL (a word cut short), so the words alone reach it weakly; the joined
    # reading reaches it fully and must win over names that hold SUL's near spelling SOL.
    sol = [
        entity(str(n), f"SOL {word}", Schema.ORGANIZATION) for n, word in enumerate("ABCDEFGHIJKL")
    ]
    index = build_index([*sol, entity("tawasul", "TAWASUL COMPANY", Schema.ORGANIZATION)])
    query = Query("TAWA SUL COMPANY")
    found = index.candidates(query, query_forms(query), limit=10, min_coverage=0.3)
    first = found[0]
    assert index.entities[first.entity].id == "tawasul"
    assert first.coverage == pytest.approx(1.0)


def test_every_token_weighs_as_the_plain_definition_says() -> None:
    # `_weights` decides all tokens at once (legal words in one matrix per length); this is
    # the definition it must keep: a fixed weight where a token has one, else by how many
    # of the index's names hold it.
    index = story_screener().index
    names = len(index.name_entity)
    counts = np.diff(index.post_start).tolist()
    assert len(index.token_ids) > 10_000
    for token, number in index.token_ids.items():
        by_count = min(1.0, max(0.25, math.log(names / counts[number]) / 6.0))
        assert index.weights[token] == (_fixed_weight(token) or by_count), token
    assert {index.weights[t] for t in ("ltd", "a")} == {LEGAL_WEIGHT, INITIAL_WEIGHT}


def test_every_token_lists_the_names_that_hold_it_in_order() -> None:
    # The finish sorts one 64-bit key per posting in a thread; this is what it must give:
    # for each token, the positions of the names whose tokens (`name_tokens`) hold it,
    # ascending, and nothing else.
    index = story_screener().index
    held: dict[int, list[int]] = defaultdict(list)
    for position, form in enumerate(index.forms):
        for token in name_tokens(form):
            held[index.token_ids[token]].append(position)
    assert len(held) == len(index.token_ids) > 10_000
    for number, positions in held.items():
        start, end = index.post_start[number], index.post_start[number + 1]
        assert index.post_flat[start:end].tolist() == positions, number
