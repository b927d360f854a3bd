"""Titles and honorifics: set aside before names are compared, kept for the explanation.

"Dr. Haji Ahmad Khan" and "AHMAD KHAN" name the same man; the titles say something about him
(a doctor, a pilgrim to Mecca) but are not his name, and lists print them inconsistently.
`strip_honorifics` removes them from the start of a name (any number, longest first: "lieutenant
general" before "lieutenant") and academic or honorary post-nominals from its end, and returns
both parts. It never removes the last remaining token: "Sheikh" alone stays a name.

The tables leave out titles that are also common name tokens (Hon and Eng are Chinese names,
Tuan Vietnamese, Ma and Ba surnames), and they are meant for persons: "General" is a title
before a man's name but part of "General Trading LLC".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

_LEADING = """
mr mrs ms miss mx dr doctor prof professor sir lord lady dame madam madame mme mlle monsieur
herr frau sheikh shaikh shaykh sheik cheikh sheikha shaikha haji hajji hadji haj hajj hadj
al_hajj al_haj el_hadj el_hadji alhaji alhaj sayyid sayyed sayed seyed seyyed syed sayyida
mullah mulla molla maulana mawlana maulvi mawlawi moulvi molvi mufti qari imam ayatollah
ayatullah hojatoleslam hujjat_al_islam allama allamah
general gen lieutenant lt lt_gen lt_col maj_gen brig_gen lieutenant_general major_general
brigadier_general lieutenant_colonel colonel col major maj captain capt cpt admiral adm
vice_admiral rear_admiral brigadier brig commander cdr cmdr commodore sergeant sgt marshal
field_marshal air_marshal corporal cpl private pvt
rev reverend father fr bishop archbishop rabbi pastor
his_excellency her_excellency h_e excellency honourable honorable the_honourable
senator ambassador amb minister president engr engineer
dato datuk datin tan_sri puan_sri dato_sri datuk_seri toh_puan pehin
"""
_TRAILING = "phd esq obe mbe cbe kbe dbe gcb kcb msc bsc llb llm mba"


def _table(words: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(word.split("_")) for word in words.split())


LEADING = _table(_LEADING)
TRAILING = _table(_TRAILING)
_LONGEST = max(len(title) for title in LEADING)
# The words a title can begin with, and the post-nominals: a name that begins with none and
# ends with none has no title, which is nearly every name (tested before the cache, which
# whole names, each new to it, would only fill).
_OPENING = frozenset(title[0] for title in LEADING)
_CLOSING = frozenset(title[0] for title in TRAILING)


def _leading_title(toks: Sequence[str], start: int) -> int:
    """Length of the longest title at `toks[start:]`, 0 if none."""
    for length in range(min(_LONGEST, len(toks) - start), 0, -1):
        if tuple(toks[start : start + length]) in LEADING:
            return length
    return 0


def strip_honorifics(toks: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tokens without titles, titles removed); only removes while a name token remains."""
    if not toks or (toks[0] not in _OPENING and toks[-1] not in _CLOSING):
        return tuple(toks), ()
    return _strip(tuple(toks))


@lru_cache(maxsize=1 << 14)
def _strip(toks: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    start = 0
    while start < len(toks):
        length = _leading_title(toks, start)
        if not length or start + length >= len(toks):
            break
        start += length
    end = len(toks)
    while end - 1 > start and (toks[end - 1],) in TRAILING:
        end -= 1
    return toks[start:end], (*toks[:start], *toks[end:])
