"""Candidate name spans of free text: the pieces of a remittance line that could be a name.

Payment text is short (MT field 70 is four lines of 35 characters, ISO Ustrd 140) and often
all in capitals, so capitalisation cannot mark the names: every window of one to six words
between punctuation is a candidate, and the matcher decides. Numbers break a window (invoice
numbers, amounts, dates are never part of a listed name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WORDS = 6
# Single words shorter than this are not screened alone: too many short listed aliases
# ('ALI', 'KIM') would match any text containing them.
MIN_SINGLE_WORD = 5
_SEGMENT = re.compile(r"[^,;:/()\[\]{}\"!?=+*<>|\n]+")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_][\w.'\-]*")


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # character offsets in the text
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def text_spans(text: str) -> list[Span]:
    """Every window of words inside one segment, longest first, without repeats."""
    spans: dict[str, Span] = {}
    for segment in _SEGMENT.finditer(text):
        for run in _runs(segment.group(0), segment.start()):
            for size in range(min(MAX_WORDS, len(run)), 0, -1):
                for first in range(len(run) - size + 1):
                    start, end = run[first][0], run[first + size - 1][1]
                    if size == 1 and end - start < MIN_SINGLE_WORD:
                        continue
                    span = Span(start, end, " ".join(text[start:end].split()))
                    spans.setdefault(f"{start}:{end}", span)
    return list(spans.values())


def _runs(segment: str, offset: int) -> list[list[tuple[int, int]]]:
    """Runs of word offsets not interrupted by a token holding a digit."""
    runs: list[list[tuple[int, int]]] = [[]]
    for token in _TOKEN.finditer(segment):
        word = token.group(0)
        if any(ch.isdigit() for ch in word):
            runs.append([])
            continue
        stripped = word.strip(".-'")
        if _WORD.fullmatch(stripped):
            start = offset + token.start() + word.index(stripped)
            runs[-1].append((start, start + len(stripped)))
    return [run for run in runs if run]
