"""Han characters: Korean readings, Mandarin pinyin, Wade-Giles and Japanese readings.

A name in Han characters does not say which language reads it: 崔龍海 is Choe Ryong Hae to a
Korean, Cui Longhai in Mandarin, Ts'ui Lung-hai in Wade-Giles. We produce all of them:

- Korean: each character's Sino-Korean reading (`data.hanja_readings`, from Unihan) makes a
  hangul name, romanised by `hangul` in every system; once as written in the North (崔龍海 ->
  최룡해) and once with the South's initial-sound law (최용해), surname and given name each.
- Mandarin: toneless pinyin from anyascii, which reads every character with its most frequent
  pronunciation; surnames with a reading of their own (单 Shan, not Dan) come from
  `names_chinese.SURNAME_PINYIN`. Given names are written joined, as pinyin writes them
  (Xi Jinping), and split (Xi Jin Ping).
- Wade-Giles from the pinyin (`wade_giles`): Hsi Chin-p'ing -> hsi chin ping, hsi chinping.
- Japanese when surname and given name are both in `names_japanese` (山田太郎 -> yamada taro).

Measured before choosing, on 10,000 names and the 8,105 characters of China's list of common
characters (Tongyong Guifan Hanzi Biao, 2013):

- Pinyin: anyascii and pypinyin agree on 7,952 characters (98.1 %); the 153 others have several
  readings, where neither is right for every name (surnames are handled by the table above).
  pypinyin costs 55 MB of memory and 0.18 s at import and 21 us per 3-character name; anyascii,
  already a dependency, 0.5 us, loading 6 MB of tables only for the blocks it meets.
- Korean: the `hanja` package (27,497 characters) agrees with the Unihan table on 8,010 of the
  8,049 characters both hold, but reads 金 as 금 where a surname is 김 (Unihan marks the name
  reading), takes 0.25 s and 28 MB to load its YAML, pins pyyaml==6.0.1 and installs pytest and
  coveralls at run time, and states no licence. The Unihan table loads in 0.07 s.
"""

from __future__ import annotations

from anyascii import anyascii

from proscribe.text.data import names_japanese
from proscribe.text.data.hanja_readings import DATA as _HANJA_DATA
from proscribe.text.data.names_chinese import COMPOUND_SURNAMES, SURNAME_PINYIN
from proscribe.text.hangul import apply_dueum, romanize_hangul
from proscribe.text.wade_giles import wade_giles

_HANJA: dict[str, str] = {entry[0]: entry[1:] for entry in _HANJA_DATA.split()}


def _surname_length(word: str) -> int:
    """How many leading characters of a 2-4 character name are the surname (0: not a name)."""
    if not 2 <= len(word) <= 4:
        return 0
    if word[:2] in COMPOUND_SURNAMES and len(word) >= 3:
        return 2
    return 1


def _pinyin(char: str) -> str:
    return anyascii(char).lower()


def _mandarin(words: tuple[str, ...]) -> list[list[str]]:
    """Each word's syllables in pinyin (a leading surname read as a surname)."""
    result = []
    for position, word in enumerate(words):
        syllables = [_pinyin(char) for char in word]
        if position == 0 and word[0] in SURNAME_PINYIN and _surname_length(word):
            syllables[0] = SURNAME_PINYIN[word[0]]
        result.append(syllables)
    return result


def _chinese_renderings(words: tuple[str, ...], convert: bool) -> list[str]:
    """Pinyin (or Wade-Giles when `convert`): surname and joined given name, then split."""
    syllables = _mandarin(words)
    if convert:
        syllables = [[wade_giles(syllable) for syllable in word] for word in syllables]
    split = " ".join(" ".join(word) for word in syllables)
    cut = _surname_length(words[0]) if len(words) == 1 else 0
    if cut:
        first = syllables[0]
        joined = "".join(first[:cut]) + " " + "".join(first[cut:])
    else:
        joined = " ".join("".join(word) for word in syllables)
    return [joined, split]


def korean_reading(word: str) -> str | None:
    """The hangul reading of a word of Han characters; None if one has no known reading."""
    readings = [_HANJA.get(char, "") for char in word]
    if not all(readings):
        return None
    return "".join(reading[0] for reading in readings)


def _korean(words: tuple[str, ...]) -> list[str]:
    hangul = [korean_reading(word) for word in words]
    if any(reading is None for reading in hangul):
        return []
    north = tuple(reading for reading in hangul if reading)
    south = tuple(apply_dueum(word) for word in north)
    if len(south) == 1 and _surname_length(words[0]):
        cut = _surname_length(words[0])
        south = (apply_dueum(south[0][:cut]) + apply_dueum(south[0][cut:]),)
    results = romanize_hangul(north)
    results.extend(r for r in romanize_hangul(south) if r not in results)
    return results


def _japanese(words: tuple[str, ...]) -> list[str]:
    text = "".join(words)
    for cut in range(min(3, len(text) - 1), 0, -1):
        surname = names_japanese.SURNAMES.get(text[:cut])
        given = names_japanese.GIVEN_NAMES.get(text[cut:])
        if surname and given:
            return [f"{surname} {given}", f"{given} {surname}"]
    return []


def romanize_han(words: tuple[str, ...]) -> list[str]:
    """Korean, Mandarin, Wade-Giles and Japanese readings, interleaved so none is crowded out."""
    korean = _korean(words)
    pinyin = _chinese_renderings(words, convert=False)
    wade = _chinese_renderings(words, convert=True)
    # A Japanese reading is only produced when the table knows the name, so it leads.
    ordered = [*_japanese(words), *korean[:2], *pinyin, *wade, *korean[2:]]
    results: list[str] = []
    for rendering in ordered:
        if rendering not in results:
            results.append(rendering)
    return results
