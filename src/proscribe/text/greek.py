"""Greek romanisation: ELOT 743 (the Greek standard, used in passports) and a phonetic form.

ELOT 743 maps letters and digraphs one to one (Αλέξανδρος -> Alexandros, Γεώργιος -> Georgios);
the phonetic form follows modern pronunciation as English-language sources often write it
(ου -> u, αι -> e, ει / οι / η / υ -> i, ξ -> ks, initial μπ -> b and ντ -> d). Diacritics are
already gone (`normalize`), and final ς arrives as σ (case folding).

In both, αυ / ευ / ηυ are av / ev / iv before a vowel or a voiced consonant and af / ef / if
before a voiceless one or at the end of a word (Ευάγγελος -> Evangelos, Ευθύμιος -> Efthymios).
"""

from __future__ import annotations

_VOICELESS = frozenset("θκξπστφχψ")
_VOWELS = frozenset("αεηιουω")
# Letter values, in the order of the Greek alphabet.
_ELOT_VALUES = "a v g d e z i th i k l m n x o p r s t y f ch ps o"
_ELOT = dict(zip("αβγδεζηθικλμνξοπρστυφχψω", _ELOT_VALUES.split(), strict=True))
_ELOT_DIGRAPHS = {"ου": "ou", "γγ": "ng", "γκ": "gk", "γξ": "nx", "γχ": "nch", "μπ": "mp"}
_PHONETIC = {**_ELOT, "ξ": "ks", "υ": "i", "χ": "ch"}
_PHONETIC_DIGRAPHS = {
    **_ELOT_DIGRAPHS,
    "ου": "u",
    "αι": "e",
    "ει": "i",
    "οι": "i",
    "υι": "i",
    "γκ": "ng",
}
_PHONETIC_INITIAL = {"μπ": "b", "ντ": "d", "γκ": "g"}


def _u_glide(vowel: str, following: str) -> str:
    """αυ, ευ, ηυ: the υ is v before a vowel or voiced consonant, f otherwise."""
    base = {"α": "a", "ε": "e", "η": "i"}[vowel]
    return base + ("f" if not following or following in _VOICELESS else "v")


def _word(word: str, digraphs: dict[str, str], letters: dict[str, str], phonetic: bool) -> str:
    out = []
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        if len(pair) == 2 and pair[0] in "αεη" and pair[1] == "υ":
            out.append(_u_glide(pair[0], word[index + 2 : index + 3]))
            index += 2
        elif phonetic and index == 0 and pair in _PHONETIC_INITIAL:
            out.append(_PHONETIC_INITIAL[pair])
            index += 2
        elif pair in digraphs:
            out.append(digraphs[pair])
            index += 2
        else:
            out.append(letters.get(word[index], word[index]))
            index += 1
    return "".join(out)


def romanize_greek(words: tuple[str, ...]) -> list[str]:
    """ELOT 743 first, then the phonetic form."""
    elot = " ".join(_word(word, _ELOT_DIGRAPHS, _ELOT, phonetic=False) for word in words)
    phonetic = " ".join(_word(word, _PHONETIC_DIGRAPHS, _PHONETIC, phonetic=True) for word in words)
    return [elot] if phonetic == elot else [elot, phonetic]
