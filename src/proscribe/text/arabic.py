"""Arabic and Persian romanisation: names from a table, prefixes by rule, the rest by letters.

Arabic script leaves short vowels unwritten, so no rule turns محمد into Muhammad; only knowing
the name does. Frequent names come from `names_arabic.SCRIPT_NAMES` (and their many Latin
spellings from the variant groups); the article ال (al-), the compounds of عبد (Abd al-...,
"servant of") and ابو (Abu, "father of") are split off by rule and their remainder looked up
again. Other words are read letter by letter (consonants, the long vowels ا و ي as a, u/w,
i/y by position, ة as a), with the short vowels of the commonest name patterns filled in
(راشد rashid, سعيد said, منصور mansur); what remains is a consonant skeleton that phonetic keys
and typo tolerance connect to the usual spelling.

Two renderings come out: the table-and-rules one first, then the plain letter reading where it
differs, since lists also print names that no table knows.

Measured on the 378 entries of the UN list (2026-02-27) that give a name in original script:
the best rendering holds the spelling or phonetic key of 85 % of the Latin name's tokens on
average, and of all of them for 252 entries (see tests/text/test_un_original_script.py); the
rest differ by unwritten vowels (rmzi / Ramzi), which the matcher's typo tolerance absorbs.
"""

from __future__ import annotations

from functools import lru_cache

from proscribe.text.data.names_arabic import SCRIPT_NAMES
from proscribe.text.normalize import normalize

_NAMES = {normalize(word): value for word, value in SCRIPT_NAMES.items()}
_LETTERS = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "ى": "a",
    "ء": "",
    "ئ": "y",
    "ؤ": "w",
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "گ": "g",
    "ڤ": "v",
}
_WAW, _YEH, _ALEF, _AYN = "و", "ي", "ا", "ع"
_LONG_VOWELS = frozenset((_WAW, _YEH, _ALEF))


def _glide(char: str, index: int, word: str) -> str:
    """و and ي: consonants (w, y) at the start or before a vowel letter, vowels (u, i) inside."""
    following = word[index + 1 : index + 2]
    consonant = index == 0 or following in _LONG_VOWELS
    if char == _WAW:
        return "w" if consonant else "u"
    return "y" if consonant else "i"


def letters(word: str) -> str:
    """The letter-by-letter reading of one normalised word."""
    out = []
    for index, char in enumerate(word):
        if index == 0 and char == _AYN:
            out.append("a")  # a word-initial ayin carries a vowel: علي ali, عبد abd
        elif char in (_WAW, _YEH):
            out.append(_glide(char, index, word))
        else:
            out.append(_LETTERS.get(char, char))
    return "".join(out)


def _is_consonant(char: str) -> bool:
    return char in _LETTERS and char not in _LONG_VOWELS and char not in "ةى"


def vowelled(word: str) -> str:
    """The letter reading with the short vowels of the commonest name patterns filled in.

    Arabic names mostly follow a few word patterns whose short vowels are predictable:
    CāCiC (خالد khalid, راشد rashid, قاسم qasim), CaCīC (سعيد said, كريم karim), CaCāC (جمال
    jamal, كمال kamal) and maCCūC (محمود mahmud, منصور mansur); in any other word a leading
    consonant cluster gets an a.
    """
    c = [_is_consonant(char) for char in word]
    read = [_LETTERS.get(char, char) for char in word]
    if len(word) == 4 and c[0] and word[1] == _ALEF and c[2] and c[3]:
        return f"{read[0]}a{read[2]}i{read[3]}"
    if len(word) == 4 and c[0] and c[1] and word[2] == _YEH and c[3]:
        return f"{read[0]}a{read[1]}i{read[3]}"
    if len(word) == 4 and c[0] and c[1] and word[2] == _ALEF and c[3]:
        return f"{read[0]}a{read[1]}a{read[3]}"
    if len(word) == 5 and word[0] == "م" and c[1] and c[2] and word[3] == _WAW and c[4]:
        return f"ma{read[1]}{read[2]}u{read[4]}"
    plain = letters(word)
    if len(word) >= 3 and c[0] and c[1] and word[0] != _AYN:
        # No Arabic word starts with two consonants: the first carries a short vowel, most
        # often a (صقر saqr, رمزي ramzi, محفوظ mahfuz).
        return read[0] + "a" + plain[len(read[0]) :]
    return plain


@lru_cache(maxsize=1 << 14)
def read_word(word: str) -> str:
    """A word read with the table, the prefix rules and the name patterns (may be several
    tokens: ابوبكر -> abu bakr)."""
    if word in _NAMES:
        return _NAMES[word]
    if word.startswith("ال") and len(word) > 3:
        return "al " + read_word(word[2:])
    for prefix, reading in (("عبد", "abd"), ("ابو", "abu")):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return reading + " " + read_word(word[len(prefix) :])
    return vowelled(word)


def romanize_arabic(words: tuple[str, ...]) -> list[str]:
    """The reading with names and prefixes first, then the plain letter reading."""
    readings = [" ".join(read_word(word) for word in words)]
    plain = " ".join(letters(word) for word in words)
    if plain not in readings:
        readings.append(plain)
    return readings
