"""Alignments found once within a screening (`match.compare.Aligned`) are reused only for a
listed name that would align exactly alike."""

from __future__ import annotations

from proscribe.index import build_index
from proscribe.match import ALGORITHMS, MatchConfig, Pair
from proscribe.match.compare import Aligned, best_alignment
from proscribe.model import Designation, Entity, Name, Query, Schema
from proscribe.screen import query_forms
from proscribe.screen.screen import compared, competing, screen
from proscribe.text.forms import name_form


def listed(source: str, entity_id: str, *names: str) -> Entity:
    return Entity(source, entity_id, Schema.PERSON, tuple(map(Name, names)), Designation(source))


def pair_of(query: Query, entity: Entity) -> Pair:
    forms = tuple((name, name_form(name.full, True)) for name in entity.names)
    return Pair(query, query_forms(query), entity, forms)


def test_a_name_written_alike_is_aligned_once() -> None:
    query = Query("Abubakar Abdilah", schema=Schema.PERSON)
    sdn = listed("us_ofac_sdn", "10851", "ABDILLAH, Abubakar")
    un = listed("un_sc", "QDi.243", "Abubakar Abdillah")
    other = listed("un_sc", "QDi.999", "Abubakar Abdallah")
    aligned: Aligned = {}
    config = MatchConfig()
    first = best_alignment(pair_of(query, sdn), config, aligned)
    again = best_alignment(pair_of(query, un), config, aligned)
    assert first is not None
    assert again is not None
    assert again[0] is first[0]  # the same words, rendered alike: reused
    assert again[2] == un.names[0]  # ... for the entry's own name
    assert len(aligned) == 1
    third = best_alignment(pair_of(query, other), config, aligned)
    assert len(aligned) == 2
    assert third == best_alignment(pair_of(query, other), config)


def test_a_screening_scores_as_without_reuse() -> None:
    entities = [
        listed("a", "a0", "ABDILLAH, Abubakar", "ABDALLAH, Abu Bakr"),
        listed("b", "b0", "Abubakar Abdillah"),
        listed("b", "b1", "Abubakar Abdallah", "Abu Bakr ABDILLAH"),
        listed("a", "a1", "ABDILLAH, Omar"),
    ]
    index = build_index(entities)
    algorithm = ALGORITHMS["proscribe-v6"]
    query = Query("Abu Bakar Abdillah", schema=Schema.PERSON)
    result = screen(query, index, algorithm)
    assert len(result.matches) >= 3
    forms = query_forms(query)
    config = MatchConfig(index.token_weight, algorithm.names, index.token_ids)
    found = index.candidates(query, forms, limit=10, min_coverage=0.3)
    alone = {}
    for candidate in competing(found, index, forms):
        comparison = compared(query, forms, index, candidate, algorithm, config)
        if comparison is not None:
            alone[index.entities[candidate.entity].ref] = comparison
    assert {m.entity.ref: m.comparison for m in result.matches} == alone
