"""The spelling test the index offers where coverage says too little."""

from __future__ import annotations

from proscribe.index.spelling import form_texts, spelled_alike
from proscribe.text.forms import name_form


def texts(name: str) -> list[str]:
    return form_texts(name_form(name, True))


def test_a_name_spelled_like_the_query_passes_and_one_sharing_only_the_surname_does_not() -> None:
    query = texts("NIKOLIC, Dragan")
    names = [texts("NIKOLIC, Drago"), texts("NIKOLIC, Ivo")]
    assert spelled_alike(query, names, 0.65) == [True, False]  # Drago 0.89, Ivo 0.64
    assert spelled_alike(query, names, 0.6) == [True, True]
    assert spelled_alike(query, names, 0.95) == [False, False]


def test_word_order_does_not_matter() -> None:
    assert spelled_alike(["dragan nikolic"], [["nikolic dragan"]], 1.0) == [True]


def test_any_rendering_of_the_name_against_any_of_the_query_counts() -> None:
    query = ["abd al rahman", "abdulrahman"]
    assert spelled_alike(query, [["xyz", "abdul rahman"], ["qqq"]], 0.9) == [True, False]


def test_nothing_to_compare_is_not_alike() -> None:
    assert spelled_alike([], [["a b"]], 0.0) == [False]
    assert spelled_alike(["a b"], [[]], 0.0) == [False]
    assert spelled_alike(["a b"], [], 0.5) == []
