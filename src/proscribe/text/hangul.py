"""Hangul romanisation: Revised Romanization, McCune-Reischauer, the DPRK's system, common usage.

The same Korean name reaches a list in several spellings: 최룡해 is "Choe Ryong Hae" in the
DPRK's own system (and on UN and OFAC lists), "Ch'oe Ryong-hae" in McCune-Reischauer, "Choe
Ryonghae" in the Revised Romanization (RR) of South Korea, and a South Korean would write his
surname 최 as "Choi". We produce each system's rendering, with the given name's syllables both
split ("ryong hae") and joined ("ryonghae"); apostrophes and breves are dropped, as `normalize`
would drop them anyway (ch'oe -> choe, ŏ -> o).

Systems, as tables over the 19 initial consonants, 21 vowels and 28 final consonants that every
precomposed syllable is built from (U+AC00 + (initial * 21 + vowel) * 28 + final):

- RR (2000): ㄱ g, ㅈ j, ㅓ eo, ㅡ eu; finals k/t/p.
- McCune-Reischauer (1939): ㄱ k, ㅈ ch, ㅓ ŏ, ㅡ ŭ; ㄱ ㄷ ㅂ ㅈ voiced (g d b j) inside a word
  after a vowel or a nasal; 시 shi.
- DPRK (1992): like McCune-Reischauer without diacritics, but ㅈ is j and the aspirates are
  written kh, th, ph (Jang Song Thaek, Kim Jong Un).
- Common usage: how South Koreans spell their own names in passports and the press: ㄱ k,
  ㅓ u (Sung, Jung, Hyun), ㅜ oo (Joon, Soo, Woo), 영 young, 희 hee, and surnames from the
  table of conventional spellings (Lee, Park, Choi, Kim).

Decomposition is arithmetic on the code point: 1.2 us per three-syllable name, against 15.6 us
with the `jamo` library (h2j then j2hcj), which builds strings of jamo we would take apart again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from proscribe.text.data.names_korean import COMPOUND_SURNAMES, SURNAMES

_BASE, _VOWELS, _FINALS = 0xAC00, 21, 28
_LAST = _BASE + 19 * _VOWELS * _FINALS - 1
_VOICED_FINALS = frozenset({0, 4, 8, 16, 21})  # none, ㄴ, ㄹ, ㅁ, ㅇ: a following stop is voiced
_RIEUL = 5  # ㄹ as initial
_RIEUL_FINAL = 8


class Syllable(NamedTuple):
    initial: int
    vowel: int
    final: int


class System(NamedTuple):
    name: str
    initials: tuple[str, ...]
    voiced: tuple[str, ...]  # initials inside a word after a vowel or nasal
    vowels: tuple[str, ...]
    finals: tuple[str, ...]


def _split(text: str) -> tuple[str, ...]:
    return tuple("" if part == "-" else part for part in text.split())


_RR_VOWELS = _split("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
_MR_VOWELS = _split("a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i")
_FINALS_KTP = _split("- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")

RR = System(
    "rr",
    _split("g kk n d tt r m b pp s ss - j jj ch k t p h"),
    _split("g kk n d tt r m b pp s ss - j jj ch k t p h"),
    _RR_VOWELS,
    _FINALS_KTP,
)
MR = System(
    "mr",
    _split("k kk n t tt r m p pp s ss - ch tch ch k t p h"),
    _split("g kk n d tt r m b pp s ss - j tch ch k t p h"),
    _MR_VOWELS,
    _FINALS_KTP,
)
DPRK = System(
    "dprk",
    _split("k kk n t tt r m p pp s ss - j jj ch kh th ph h"),
    _split("g kk n d tt r m b pp s ss - j jj ch kh th ph h"),
    _MR_VOWELS,
    _FINALS_KTP,
)
COMMON = System(
    "common",
    _split("k kk n d tt r m b pp s ss - j jj ch k t p h"),
    _split("g kk n d tt r m b pp s ss - j jj ch k t p h"),
    _split("a ae ya yae u e yu ye o wa wae oe yo oo wo we wi yu eu ui i"),
    _FINALS_KTP,
)
SYSTEMS = (RR, MR, DPRK, COMMON)


def is_syllable(char: str) -> bool:
    return _BASE <= ord(char) <= _LAST


def syllables(word: str) -> tuple[Syllable, ...]:
    """The jamo indices of each precomposed syllable of `word` (all its characters must be)."""
    result = []
    for char in word:
        index = ord(char) - _BASE
        result.append(
            Syllable(index // (_VOWELS * _FINALS), index // _FINALS % _VOWELS, index % _FINALS)
        )
    return tuple(result)


def _common_vowel(syllable: Syllable) -> str:
    """Common-usage vowels that depend on the syllable around them."""
    initial, vowel, final = syllable
    if vowel == 6 and initial == 11 and final == 21:  # 영
        return "you"
    if vowel == 13:  # ㅜ: oo when open or before n (Soo, Joon), u elsewhere (Kuk)
        if initial == 11:
            return "woo" if final in (0, 4) else "u"
        return "oo" if final in (0, 4) else "u"
    if vowel == 17 and initial == 11:  # 유 yoo, 윤 yoon
        return "yoo" if final in (0, 4) else "yu"
    if vowel == 19 and initial == 18:  # 희
        return "ee"
    return COMMON.vowels[vowel]


def render_syllable(syllable: Syllable, system: System, previous: Syllable | None) -> str:
    """One syllable in `system`; `previous` is the syllable before it in the same word."""
    initial, vowel, final = syllable
    if previous is None:
        lead = system.initials[initial]
    elif initial == _RIEUL and previous.final == _RIEUL_FINAL:
        lead = "l"
    elif previous.final in _VOICED_FINALS:
        lead = system.voiced[initial]
    else:
        lead = system.initials[initial]
    if system is MR and initial == 9 and vowel in (16, 20):  # 시 shi, 쉬 shwi
        lead = "sh"
    middle = _common_vowel(syllable) if system is COMMON else system.vowels[vowel]
    return lead + middle + system.finals[final]


def render_word(word: tuple[Syllable, ...], system: System, joined: bool) -> list[str]:
    """A word as one token (joined, with in-word voicing) or one token per syllable."""
    if not joined:
        return [render_syllable(syllable, system, None) for syllable in word]
    parts = []
    previous = None
    for syllable in word:
        parts.append(render_syllable(syllable, system, previous))
        previous = syllable
    return ["".join(parts)]


def _name_parts(words: list[str]) -> tuple[str | None, list[str]]:
    """(surname, other words) when the words look like a Korean personal name."""
    if len(words) == 1 and 2 <= len(words[0]) <= 4:
        word = words[0]
        if len(word) == 4 and word[:2] in COMPOUND_SURNAMES:
            return word[:2], [word[2:]]
        if len(word) <= 3 and word[0] in SURNAMES:
            return word[0], [word[1:]]
        return None, words
    if len(words) >= 2 and (words[0] in SURNAMES or words[0] in COMPOUND_SURNAMES):
        return words[0], words[1:]
    return None, words


def _surname(surname: str, system: System) -> str:
    if system is COMMON and surname in SURNAMES:
        return SURNAMES[surname][0]
    if system is COMMON and surname in COMPOUND_SURNAMES:
        return COMPOUND_SURNAMES[surname][0]
    return render_word(syllables(surname), system, joined=True)[0]


# The renderings of a name, in order: each system, its syllables split and then joined.
_RENDERINGS = tuple((system, joined) for system in SYSTEMS for joined in (False, True))


# A name is rendered word by word, each word once in all the renderings: Korean surnames and
# given names recur from one name to the next far more than whole names do (so do the Korean
# readings of Chinese names). Rendering each name whole, system by system, took 13.9 us a
# hangul name of the synthetic lists; from its words' renderings, 2.4-3.0 us.
@lru_cache(maxsize=1 << 15)
def _word_renderings(word: str) -> tuple[str, ...]:
    """A word in each of `_RENDERINGS`; one not of precomposed hangul as it is, for the
    caller's fallback."""
    if not all(is_syllable(char) for char in word):
        return (word,) * len(_RENDERINGS)
    found = syllables(word)
    return tuple(" ".join(render_word(found, system, joined)) for system, joined in _RENDERINGS)


@lru_cache(maxsize=1 << 12)
def _surname_renderings(surname: str) -> tuple[str, ...]:
    """A surname in each of `_RENDERINGS` (written whole in all of them)."""
    return tuple(_surname(surname, system) for system, _ in _RENDERINGS)


def romanize_hangul(words: tuple[str, ...]) -> list[str]:
    """Every system's rendering of a hangul name, split and joined, most standard first."""
    surname, rest = _name_parts(list(words))
    parts = [_word_renderings(word) for word in rest]
    if surname is not None:
        parts.insert(0, _surname_renderings(surname))
    if not parts:
        return [""]
    results: list[str] = []
    for rendering in map(" ".join, zip(*parts, strict=True)):
        if rendering not in results:
            results.append(rendering)
    return results


def apply_dueum(word: str) -> str:
    """South Korea's initial-sound law on the first syllable: 리 -> 이, 룡 -> 용, 로 -> 노."""
    if not word or not is_syllable(word[0]):
        return word
    initial, vowel, final = syllables(word[0])[0]
    iotized = vowel in (2, 6, 7, 12, 17, 20)  # ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ
    if initial == _RIEUL:
        initial = 11 if iotized else 2
    elif initial == 2 and iotized:
        initial = 11
    first = chr(_BASE + (initial * _VOWELS + vowel) * _FINALS + final)
    return first + word[1:]
