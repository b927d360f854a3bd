"""Whether a query explains a listed name whole through near spellings.

The index offers, beyond its ranking, the entries holding a name the query explains whole
(`Index.explained_by`: its words met, their weights summed to the name's). That test weighs
words, and a word met one edit away weighs what the query's word weighs, not the listed
one: 'ALI, Mohammad' covers WALI, Mohammad through MOHAMMAD alone by weight, as hundreds of
names with ALI or MOHAMMAD do, and the entry was never offered, although the matcher pairs
ALI with WALI (one letter added) and flags it (0.69). Here the words are paired instead:
each word of the name with its own word of the query, equal (as written or by its key) or
one edit apart as the matcher's typo rule takes them, one of them equal at least.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import OSA

SHORTEST = 3  # the matcher pairs no shorter word by a typo ...
LONGEST = 4  # ... and one edit only when the longer has four letters or more


def explains_near(
    query: Sequence[str], query_keys: Sequence[str], name: Sequence[str], name_keys: Sequence[str]
) -> bool:
    """Whether each word of the name pairs with a distinct word of the query, equal (the
    word or its key) or `one_edit` apart, at least one equal. Equal pairs are taken first,
    then the others in the name's order, each with the first query word left that fits."""
    if len(name) > len(query):
        return False
    free = list(range(len(query)))
    pending: list[int] = []
    for j, (word, key) in enumerate(zip(name, name_keys, strict=True)):
        hit = next((i for i in free if query[i] == word or query_keys[i] == key), None)
        if hit is None:
            pending.append(j)
        else:
            free.remove(hit)
    if len(pending) == len(name):
        return False  # no word equal: two near spellings are another name as often as not
    for j in pending:
        word, key = name[j], name_keys[j]
        hit = next(
            (i for i in free if one_edit(query[i], word) or one_edit(query_keys[i], key)), None
        )
        if hit is None:
            return False
        free.remove(hit)
    return True


def one_edit(a: str, b: str) -> bool:
    """Whether two words are one edit apart (OSA: a swap of neighbours is one) as the
    matcher's typo rule pairs them: neither under three letters, the longer of four or more."""
    shorter, longer = (len(a), len(b)) if len(a) <= len(b) else (len(b), len(a))
    if shorter < SHORTEST or longer < LONGEST or longer - shorter > 1:
        return False
    return bool(OSA.distance(a, b, score_cutoff=1) <= 1)
