"""Pinyin to Wade-Giles, syllable by syllable, apostrophes and umlauts dropped.

Wade-Giles is how Chinese names were written in English before pinyin (Mao Tse-tung, Chiang
Kai-shek) and how Taiwan still writes many of them (Hsieh, Chang, Tsai). Without apostrophes,
aspirated and plain initials fall together (p'/p, t'/t, ch'/ch), which is how lists print them.

The conversion is rules, not a table of 400 syllables: initials (b -> p, d -> t, g -> k, zh ->
ch, j -> ch, q -> ch, x -> hs, r -> j, z -> ts, c -> ts), then finals (-ong -> -ung, -ian ->
-ien, -ie -> -ieh, -uo -> -o after most initials, e -> o after g, k, h), and the whole-syllable
exceptions (zhi -> chih, shi -> shih, ri -> jih, zi -> tzu, si -> ssu, er -> erh, you -> yu,
yan -> yen, ye -> yeh, yi -> i).
"""

from __future__ import annotations

from functools import lru_cache

_WHOLE = {
    "zhi": "chih",
    "chi": "chih",
    "shi": "shih",
    "ri": "jih",
    "zi": "tzu",
    "ci": "tzu",
    "si": "ssu",
    "er": "erh",
    "you": "yu",
    "yan": "yen",
    "ye": "yeh",
    "yi": "i",
    "yong": "yung",
    "yu": "yu",
    "yue": "yueh",
    "yuan": "yuan",
    "yun": "yun",
    "e": "o",
    "ge": "ko",
    "ke": "ko",
    "he": "ho",
    "gui": "kuei",
    "kui": "kuei",
    "guo": "kuo",
    "kuo": "kuo",
    "huo": "huo",
    "shuo": "shuo",
    "jue": "chueh",
    "que": "chueh",
    "xue": "hsueh",
    "lue": "lueh",
    "nue": "nueh",
    "zhuo": "cho",
    "chuo": "cho",
    "ruo": "jo",
    "lüe": "lueh",
}
_INITIALS = (
    ("zh", "ch"),
    ("ch", "ch"),
    ("sh", "sh"),
    ("b", "p"),
    ("p", "p"),
    ("m", "m"),
    ("f", "f"),
    ("d", "t"),
    ("t", "t"),
    ("n", "n"),
    ("l", "l"),
    ("g", "k"),
    ("k", "k"),
    ("h", "h"),
    ("j", "ch"),
    ("q", "ch"),
    ("x", "hs"),
    ("r", "j"),
    ("z", "ts"),
    ("c", "ts"),
    ("s", "s"),
    ("y", "y"),
    ("w", "w"),
)
_FINALS = (
    ("iong", "iung"),
    ("ong", "ung"),
    ("ian", "ien"),
    ("ie", "ieh"),
    ("uo", "o"),
)


def _split_initial(syllable: str) -> tuple[str, str] | None:
    """(Wade-Giles initial, pinyin final) of a syllable; None if it starts with no initial."""
    for pinyin, wade in _INITIALS:
        if syllable.startswith(pinyin):
            return wade, syllable[len(pinyin) :]
    return None


@lru_cache(maxsize=4096)
def wade_giles(syllable: str) -> str:
    """The Wade-Giles spelling of one toneless pinyin syllable (unknown input is returned)."""
    if syllable in _WHOLE:
        return _WHOLE[syllable]
    parts = _split_initial(syllable)
    if parts is None:
        return syllable
    wade, final = parts
    for pinyin_final, wade_final in _FINALS:
        if final.endswith(pinyin_final):
            final = final[: -len(pinyin_final)] + wade_final
            break
    return wade + final
