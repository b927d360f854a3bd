"""Which writing system a name is written in.

`script_of` counts the letters of a text by Unicode script and returns the dominant one, with the
names Unicode uses ("Latin", "Hangul", "Han", "Cyrillic", "Arabic", ...), or None when there are
no letters. Marks, digits and punctuation do not vote. The table below holds the blocks that names
on sanctions lists are written in; a letter outside them counts as "Other".

The lookup is a binary search over block starts (no regex, no `unicodedata.name`, which would
cost a string allocation per character).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import lru_cache

# (first code point, last code point, script), sorted, not overlapping.
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "Latin"),
    (0x0250, 0x02AF, "Latin"),  # IPA extensions (ə, ɛ, ɔ in African names)
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic"),
    (0x0780, 0x07BF, "Thaana"),
    (0x08A0, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B00, 0x0B7F, "Oriya"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x13A0, 0x13FF, "Cherokee"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1800, 0x18AF, "Mongolian"),
    (0x1C80, 0x1C8F, "Cyrillic"),
    (0x1C90, 0x1CBF, "Georgian"),
    (0x1D00, 0x1DBF, "Latin"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x2C00, 0x2C5F, "Glagolitic"),
    (0x2C60, 0x2C7F, "Latin"),
    (0x2D00, 0x2D2F, "Georgian"),
    (0x2DE0, 0x2DFF, "Cyrillic"),
    (0x2E80, 0x2FDF, "Han"),
    (0x3005, 0x3007, "Han"),
    (0x3040, 0x309F, "Hiragana"),
    (0x30A0, 0x30FF, "Katakana"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x3130, 0x318F, "Hangul"),
    (0x31F0, 0x31FF, "Katakana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xA640, 0xA69F, "Cyrillic"),
    (0xA720, 0xA7FF, "Latin"),
    (0xA960, 0xA97F, "Hangul"),
    (0xAB30, 0xAB6F, "Latin"),
    (0xAC00, 0xD7FF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFB00, 0xFB06, "Latin"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF21, 0xFF5A, "Latin"),
    (0xFF66, 0xFF9F, "Katakana"),
    (0xFFA0, 0xFFDC, "Hangul"),
    (0x20000, 0x3FFFF, "Han"),
)
_STARTS = tuple(start for start, _, _ in _BLOCKS)


def char_script(char: str) -> str:
    """The script of one letter ("Other" outside the known blocks)."""
    code = ord(char)
    if code < 0x80:
        return "Latin"
    index = bisect_right(_STARTS, code) - 1
    if index >= 0:
        start, end, script = _BLOCKS[index]
        if start <= code <= end:
            return script
    return "Other"


class _CharScripts(dict[str, str]):
    """The script of each letter met so far (`char_script` on first use): at most one entry
    for each letter of Unicode, and counting a text's scripts is then one pass in C
    (`Counter` over `map`)."""

    def __missing__(self, char: str) -> str:
        script = self[char] = char_script(char)
        return script


_CHAR_SCRIPTS = _CharScripts()


def script_of(text: str) -> str | None:
    """The script most letters of `text` are written in; None when it has no letters."""
    if text.isascii():
        # An ASCII letter is a cased one: there is one when the cases differ. Not cached:
        # the test costs less than the cache's bookkeeping for a name it has not seen.
        return "Latin" if text.lower() != text.upper() else None
    return _dominant_script(text)


@lru_cache(maxsize=1 << 14)
def _dominant_script(text: str) -> str | None:
    scripts = list(map(_CHAR_SCRIPTS.__getitem__, filter(str.isalpha, text)))
    if not scripts:
        return None
    # Nearly every name is in one script: told by one count in C, where a Counter costs more
    # than the rest of this function (about 1.5 us a name).
    if scripts.count(scripts[0]) == len(scripts):
        return scripts[0]
    counts = Counter(scripts)
    # Ties go to the script seen first (a Counter keeps the order in which it met its keys),
    # so the result does not depend on dict ordering quirks.
    return max(counts, key=counts.__getitem__)
