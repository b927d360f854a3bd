"""How alike two names are spelled, as a whole: a second opinion where the index's coverage
says too little.

Coverage counts the query words the index finds in a name, and a word it does not find counts
nothing. The matcher sees more: 'Dragan' against 'Drago' (two edits), 'Rabi' against 'Rahim',
'Kwanghyok' against 'Kwang Yon' are words the index's lookups (one edit, a sound, a
beginning) miss and the aligner pairs well enough for a match. Screening skips candidates far
behind the best (`screen.competing`) unless their names are spelled much like the query: the
whole name, its words as the form renders them, in their order and sorted, by rapidfuzz's
normalised Indel similarity (some 6 us a candidate on the speed benchmark's queries). It
chooses what to score, never the score.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.fuzz import ratio, token_sort_ratio

from proscribe.text.forms import NameForm


def form_texts(form: NameForm) -> list[str]:
    """A name's renderings as plain text: the words of each variant, space-separated."""
    return [" ".join(variant) for variant in form.variants]


def spelled_alike(
    query: Sequence[str], names: Sequence[Sequence[str]], at_least: float
) -> list[bool]:
    """For each name (its renderings' texts), whether one of them is spelled at least
    `at_least` (0..1) like one of the query's, compared in their order or with their words
    sorted (a name written surname first)."""
    # One pair at a time with a cutoff, not a matrix: a query has a few such names, each a
    # few renderings, and rapidfuzz stops early on pairs that cannot reach the cutoff.
    cutoff = 100.0 * at_least
    return [
        any(
            ratio(text, other, score_cutoff=cutoff)
            or token_sort_ratio(text, other, score_cutoff=cutoff)
            for text in query
            for other in texts
        )
        for texts in names
    ]
