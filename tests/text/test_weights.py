"""Legal-form words and their misspellings: the set lookups of `is_legal_word` answer as the
plain definition does, on every word of a real list and on misspellings of every legal word."""

from __future__ import annotations

import itertools
import string
from pathlib import Path

from rapidfuzz.distance import OSA

from proscribe.sources.registry import read_path
from proscribe.text.forms import name_form
from proscribe.text.legal_forms import CJK_SPELLINGS
from proscribe.text.weights import (
    LEGAL_WORDS,
    WORDS_OF_THEIR_OWN,
    is_legal_word,
    is_patronymic,
    legal_words,
)

# Romanised Chinese, Japanese and Korean forms count only as written: their beginnings and
# near spellings are names (Gong, Kais).
CJK = {token for spelling in CJK_SPELLINGS for token in spelling}
LONG = [word for word in LEGAL_WORDS if len(word) >= 6 and word not in CJK]


def defined(token: str) -> bool:
    """The definition: a legal word; a long one cut short to four letters or more, unless
    the cut is a word of its own (partners); one edit from a long one of under eight
    letters, or two from a longer one."""
    if token in LEGAL_WORDS:
        return True
    cut_short = any(word.startswith(token) for word in LONG)
    if len(token) >= 4 and cut_short and token not in WORDS_OF_THEIR_OWN:
        return True
    return len(token) >= 6 and any(
        OSA.distance(token, word) <= (1 if len(word) < 8 else 2) for word in LONG
    )


def misspellings(word: str) -> set[str]:
    """Every word one deletion, insertion, substitution or swap away, and the deletions of
    those: all the edits the definition tolerates, and some it does not."""
    once = {word[:i] + word[i + 1 :] for i in range(len(word))}
    once |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    for i in range(len(word) + 1):
        for letter in string.ascii_lowercase[::5]:
            once.add(word[:i] + letter + word[i:])
            once.add(word[:i] + letter + word[i + 1 :])
    return once | {w[:i] + w[i + 1 :] for w in once for i in range(len(w))}


def test_misspellings_of_legal_words_are_judged_as_defined() -> None:
    tokens = {spelling for word in LEGAL_WORDS for spelling in misspellings(word)}
    judged = {token: is_legal_word(token) for token in tokens}
    assert judged == {token: defined(token) for token in tokens}
    assert 0.1 < sum(judged.values()) / len(judged) < 0.9  # both answers well represented


def test_words_of_a_real_list_are_judged_as_defined(data_dir: Path) -> None:
    [publication] = read_path(data_dir / "us_ofac_sdn" / "2021-07-07")
    tokens = {
        token
        for entity in publication.parsed.entities
        for name in entity.names
        for variant in name_form(name.full).variants
        for token in variant
    }
    assert len(tokens) > 10_000
    assert {t for t in tokens if is_legal_word(t)} == {t for t in tokens if defined(t)}


def test_legal_words_of_many_tokens_are_those_is_legal_word_holds(data_dir: Path) -> None:
    # The batch an index's build asks: misspellings of every legal word (both answers well
    # represented) and every word of a real list's names, joined pairs included.
    [publication] = read_path(data_dir / "us_ofac_sdn" / "2021-07-07")
    words = {spelling for word in LEGAL_WORDS for spelling in misspellings(word)}
    for entity in publication.parsed.entities:
        for name in entity.names:
            for variant in name_form(name.full).variants:
                words.update(variant)
                words.update(a + b for a, b in itertools.pairwise(variant))
    words.update(("", "a", "co", "ltd", "part", "partnersh"))
    assert legal_words(sorted(words)) == {word for word in words if is_legal_word(word)}
    assert legal_words([]) == set()


def test_patronymics() -> None:
    assert is_patronymic("vladimirovich")
    assert is_patronymic("ivanovna")
    assert not is_patronymic("yanukovych")  # Ukrainian endings also end surnames


def test_words_that_begin_a_legal_word_but_name_a_company_weigh_as_names() -> None:
    # "UNIDAS PARTNERS OOD" is not "UNIDAS S.A." with a partnership cut short.
    assert not is_legal_word("partners")
    assert not is_legal_word("partner")
    assert not is_legal_word("unit")
    assert is_legal_word("partnersh")  # a partnership cut short still is one
    assert is_legal_word("partnership")
