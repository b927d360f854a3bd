"""Words that say little about who a party is: legal forms and their near misspellings.

"LIMITED", "CO.", "JOINT STOCK COMPANY" are in thousands of names; a query that writes
"LIMTIED" or leaves the form out altogether names the same company. Such words are kept as
tokens (they still align with each other) but weigh almost nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from proscribe.text.legal_forms import CJK_SPELLINGS, SPELLINGS

# Single letters (from spellings such as "s a") and words that also name what a company
# does or is called ("de", "federal", "enterprise") are left out; so are the syllables of
# the Chinese, Japanese and Korean forms and the words among them that are given names or
# surnames as well (Gong, Han, Ju, You Xian, Jusik, Yuhan).
_NOT_LEGAL = frozenset(
    {
        *("de", "at", "as", "federal", "enterprise", "establishment", "est"),
        *("ju", "chu", "sik", "hoe", "you", "xian", "gong", "si", "yu", "hsien", "kung", "ssu"),
        *("han", "jusik", "chusik", "yuhan", "godo", "gufen", "zeren"),
    }
)
LEGAL_WORDS = frozenset(
    token
    for spelling in SPELLINGS
    for token in spelling
    if len(token) >= 2 and token not in _NOT_LEGAL
)
# Misspellings are recognised only for longer words: two edits turn 'co' into anything.
# Nor for the romanised Chinese, Japanese and Korean forms, whose beginnings and near
# spellings are names ('gong' begins gongsi, 'kais' kaisha, 'youxiang' youxiangongsi).
_CJK_WORDS = frozenset(token for spelling in CJK_SPELLINGS for token in spelling)
_LONG_LEGAL_WORDS = tuple(
    sorted(word for word in LEGAL_WORDS if len(word) >= 6 and word not in _CJK_WORDS)
)
# Every beginning of four letters or more of a long legal word, and the long legal words by
# length: the index asks about each distinct word of a list (a million at scale), and set
# lookups answer in a fraction of the time a scan of every legal word takes.
# Beginnings that are words of their own, which name a company rather than its form, are
# left out: "UNIDAS PARTNERS OOD" is not "UNIDAS S.A." with a partnership cut short.
WORDS_OF_THEIR_OWN = frozenset({"part", "partner", "partners", "unit", "close", "send", "prop"})
_LEGAL_BEGINNINGS = (
    frozenset(word[:end] for word in _LONG_LEGAL_WORDS for end in range(4, len(word) + 1))
    - WORDS_OF_THEIR_OWN
)
_LONG_BY_LENGTH = {
    length: tuple(word for word in _LONG_LEGAL_WORDS if len(word) == length)
    for length in {len(word) for word in _LONG_LEGAL_WORDS}
}


@lru_cache(maxsize=65536)
def is_legal_word(token: str) -> bool:
    """True for a word of a legal form (ltd, company, ooo ...) or a misspelling of a long one
    (limtied, copmany, corportion)."""
    if token in LEGAL_WORDS:
        return True
    if len(token) < 4:
        return False
    # A long legal word cut short ("RAJBROOK LIMIT", "... TECHNOLOGY CORP").
    if token in _LEGAL_BEGINNINGS:
        return True
    if len(token) < 6:
        return False
    # One edit from a legal word of under eight letters, two from a longer one; two edits
    # change the length by two at most.
    for length in range(len(token) - 2, len(token) + 3):
        allowed = 1 if length < 8 else 2
        for word in _LONG_BY_LENGTH.get(length, ()):
            if OSA.distance(token, word, score_cutoff=2) <= allowed:
                return True
    return False


def legal_words(tokens: Iterable[str]) -> set[str]:
    """The tokens `is_legal_word` holds true of, each decided as it decides (the tests
    compare the two): the near misspellings tested as one matrix of edit distances for each
    word length rather than token by token. A million-entity list holds a million distinct
    words, and the loop took some 3 s of its index's build."""
    found: set[str] = set()
    by_length: defaultdict[int, list[str]] = defaultdict(list)
    for token in tokens:
        if token in LEGAL_WORDS or (len(token) >= 4 and token in _LEGAL_BEGINNINGS):
            found.add(token)
        elif len(token) >= 6:
            by_length[len(token)].append(token)
    for length, group in by_length.items():
        words = [w for near in range(length - 2, length + 3) for w in _LONG_BY_LENGTH.get(near, ())]
        if not words:
            continue
        allowed = np.array([1 if len(word) < 8 else 2 for word in words])
        distances = np.asarray(process.cdist(group, words, scorer=OSA.distance, score_cutoff=2))
        near: list[bool] = np.less_equal(distances, allowed).any(axis=1).tolist()
        found.update(compress(group, near))
    return found


# Russian and Belarusian forms only: Ukrainian -ovych / -evych end many surnames as well
# (Yanukovych), which must keep their full weight.
_PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ichna")


def is_patronymic(token: str) -> bool:
    """A Slavic patronymic (Vladimirovich, Ivanovna): often left out when a name is written,
    so it says less about a match than the given name and surname do."""
    return len(token) >= 7 and token.endswith(_PATRONYMIC_ENDINGS)
