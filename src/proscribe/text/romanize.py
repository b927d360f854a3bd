"""Every plausible Latin rendering of a name, whatever its script.

`romanizations` is what makes 최룡해, 崔龍海 and "CHOE Ryong Hae" comparable: it returns the
renderings of a name in each standard its script is romanised by, each normalised, the most
standard first, without duplicates and at most `LIMIT` of them. Latin input is returned as its
normalised form alone.

Each script has its module (`hangul`, `han`, `cyrillic`, `arabic`, `greek`, `hebrew`); any
other script (Thai, Devanagari, Georgian, Armenian, kana ...) goes through anyascii, which
transliterates every script letter by letter. A name mixing scripts is cut into runs of one
script, each romanised on its own, and the runs' renderings combined.

Uncached cost per name: 2.2 us for Latin input, 37 us for the Arabic names of the UN list, 22
us for a Cyrillic name in six standards; the cache holds up to 131,072 texts not in ASCII
(`ROMANIZED_CACHE`). Of the synthetic lists' names (bench/synthetic.py, the renderings of their
words cached as a long list warms them), 8 us for a hangul name in four systems, split and
joined, and 21 us for a Chinese name in Han characters (20 and 48 us when hangul names were
rendered whole and every rendering was normalised again).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from anyascii import anyascii

from proscribe.text.arabic import romanize_arabic
from proscribe.text.cyrillic import romanize_cyrillic
from proscribe.text.greek import romanize_greek
from proscribe.text.han import romanize_han
from proscribe.text.hangul import romanize_hangul
from proscribe.text.hebrew import romanize_hebrew
from proscribe.text.normalize import normalize
from proscribe.text.scripts import script_of

LIMIT = 16

Romanizer = Callable[[tuple[str, ...]], list[str]]
_ROMANIZERS: dict[str, Romanizer] = {
    "Hangul": romanize_hangul,
    "Han": romanize_han,
    "Cyrillic": romanize_cyrillic,
    "Arabic": romanize_arabic,
    "Greek": romanize_greek,
    "Hebrew": romanize_hebrew,
}


def _anyascii(words: tuple[str, ...]) -> list[str]:
    return [" ".join(anyascii(word) for word in words)]


# A rendering already as `normalize` leaves it: lower-case ASCII letters and digits, words
# one space apart. Most romanisers' renderings are, and telling so costs less than
# normalising them again (a Han name has up to 16 renderings).
_NORMALIZED = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def _finish(rendering: str) -> str:
    if _NORMALIZED.fullmatch(rendering):
        return rendering
    # A romaniser leaves characters it has no value for; anyascii takes those letter by letter.
    return normalize(rendering if rendering.isascii() else anyascii(rendering))


def _runs(words: tuple[str, ...]) -> list[tuple[str | None, tuple[str, ...]]]:
    """Consecutive words grouped by script (words without letters join the run before)."""
    runs: list[tuple[str | None, list[str]]] = []
    for word in words:
        script = script_of(word)
        if runs and (script is None or script == runs[-1][0]):
            runs[-1][1].append(word)
        else:
            runs.append((script, [word]))
    return [(script, tuple(run)) for script, run in runs]


def _run_renderings(script: str | None, words: tuple[str, ...]) -> list[str]:
    if script in (None, "Latin"):
        return [" ".join(words)]
    romanizer = _ROMANIZERS.get(script or "", _anyascii)
    return romanizer(words)


def _combine(options: list[list[str]]) -> list[str]:
    """Each run's first rendering together, then each run's others with the rest at first."""
    firsts = [run[0] for run in options]
    combined = [" ".join(firsts)]
    for index, run in enumerate(options):
        for alternative in run[1:]:
            combined.append(" ".join([*firsts[:index], alternative, *firsts[index + 1 :]]))
    return combined


def romanizations(text: str) -> tuple[str, ...]:
    """Latin renderings of `text`, normalised, most standard first, unique, at most LIMIT."""
    normalized = normalize(text)
    if not normalized:
        return ()
    # Normalised to ASCII, a text is Latin (or has no letters): itself, with no cache, whose
    # bookkeeping would cost more than this and crowd out the renderings worth keeping.
    if normalized.isascii():
        return (normalized,)
    found = _ROMANIZED.get(normalized)
    if found is None:
        found = "\0".join(_romanized(normalized))
        if len(_ROMANIZED) >= ROMANIZED_CACHE:
            _ROMANIZED.clear()
        _ROMANIZED[normalized] = found
    return tuple(found.split("\0")) if found else ()


# The renderings of texts not in ASCII, remembered by their normalised text (cleared whole
# when full), each text's renderings as one NUL-joined string. Romanising a name costs tens
# of microseconds (Han some 70), and a large list repeats its non-Latin names: in one
# worker's half of a million synthetic entities, 245,000 such names, of which 125,000
# distinct. With the 16,384 entries of the LRU that was here, 4 % of them were found in it;
# making their forms took 19.4 s, and with this cache 16.8 s for 16 MB more of the process
# (an LRU of 131,072 tuples instead: 16.8 s for 53 MB more).
ROMANIZED_CACHE = 1 << 17
_ROMANIZED: dict[str, str] = {}


def _romanized(normalized: str) -> tuple[str, ...]:
    options = [_run_renderings(script, run) for script, run in _runs(tuple(normalized.split()))]
    results: list[str] = []
    for rendering in _combine(options):
        finished = _finish(rendering)
        if finished and finished not in results:
            results.append(finished)
            if len(results) == LIMIT:
                break
    return tuple(results)
