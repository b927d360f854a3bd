"""Hebrew romanisation: frequent names from a table, the rest letter by letter.

Hebrew is written without most vowels, so a rule can only give the consonant skeleton plus the
vowels that ו and י stand for; phonetic keys and the matcher's typo tolerance work from there.
Frequent names (משה Moshe, דוד David, יצחק Yitzhak) come from `names_other.HEBREW_NAMES`.

Letter values follow the Academy of the Hebrew Language's simplified rules (2006) where names
follow them (ב b at the start of a word, v inside; כ k / kh; פ p / f; ש sh), and the spelling
names usually take where they do not (ח ch, צ tz). א and ע are a at the start of a word and
silent inside; a final ה is a; ו is v at the start of a word and o inside; י is y at the
start and i inside.
"""

from __future__ import annotations

from proscribe.text.data.names_other import HEBREW_NAMES

# Letter values in alphabetical order ("-" for a silent letter), final forms beside their letter.
_VALUES = "- v g d h o z ch t i kh kh l m m n n s - f f tz tz k r sh t"
_LETTERS = dict(zip("אבגדהוזחטיכךלמםנןסעפףצץקרשת", _VALUES.split(), strict=True))
_INITIAL = {"ב": "b", "כ": "k", "פ": "p", "ו": "v", "י": "y", "א": "a", "ע": "a"}


def _word(word: str) -> str:
    if word in HEBREW_NAMES:
        return HEBREW_NAMES[word]
    out = []
    for index, char in enumerate(word):
        if index == 0 and char in _INITIAL:
            out.append(_INITIAL[char])
        elif char == "ה" and index == len(word) - 1:
            out.append("a")
        else:
            value = _LETTERS.get(char, char)
            out.append("" if value == "-" else value)
    return "".join(out)


def romanize_hebrew(words: tuple[str, ...]) -> list[str]:
    """The table's reading where it has one, the letter-by-letter reading otherwise."""
    return [" ".join(_word(word) for word in words)]
