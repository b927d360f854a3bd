"""Documents and free text: every mention of a listed party in a text, with its span.

No language model can be fetched at run time, so candidate mentions come from the text's own
shape and are verified by the matcher:

1. capitalised runs: words starting with a capital, joined by the lower-case particles that
   names and organisations carry ('Organization and Guidance Department', 'Nour al Ali');
2. name-token windows: every window of two to six words inside a run ('Choe Ryong Hae' inside
   'Treasury Department targeted Choe Ryong Hae' when a sentence is all capitals);
3. each window is screened; of overlapping windows that hit, the best scored wins, so
   'Kim Jong Un' (KIM, Jong Un) is not also reported as 'Kim Jong' (another KIM).

A mention must also pass `MENTION_SIMILARITY`: in running text a person is usually named by
two or three words, and a match carried by a fuzzy name alone (a reporter sharing a surname
with an official) is the typical false alert of article screening. Weak aliases (nicknames
such as MIKE) never make a mention: in running text they are ordinary words and first names.

HTML is reduced to its text first (scripts and styles dropped); spans are character offsets
in that text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree, html

from proscribe.errors import ParseError, UnsafeInputError
from proscribe.model import NameKind, Query
from proscribe.screen.result import Match
from proscribe.screener import Screener

MAX_WORDS = 6
TIE = 0.05  # scores this close on the same words are the same mention of two entries
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# Name similarity (0..1, the matcher's own) a mention needs besides a score at the threshold.
MENTION_SIMILARITY = 0.9
# Lower-case words that may sit inside a name or an organisation's name, never at its ends.
PARTICLES = frozenset(
    (
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "abd",
        "ul",
        "ud",
        "de",
        "del",
        "della",
        "der",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "y",
        "and",
        "of",
        "for",
        "the",
    )
)
_SENTENCE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”‘’]|--|—|–|\s-\s|\n")
_WORD = re.compile(r"[^\W\d_][\w'\-]*")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # character offsets in the (markup-free) text
    end: int
    text: str
    match: Match

    @property
    def reference(self) -> str:
        return f"{self.match.entity.source}:{self.match.entity.id}"

    def to_json(self) -> dict[str, Any]:
        entity = self.match.entity
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "entity": self.reference,
            "caption": entity.caption,
            "schema": entity.schema.value,
            "programs": list(entity.designation.programs),
            "score": round(self.match.score, 4),
            "explanation": self.match.comparison.explanation,
        }


@dataclass(frozen=True, slots=True)
class DocumentResult:
    name: str
    mentions: tuple[Mention, ...]  # in text order
    candidates: int  # how many spans were screened

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.name,
            "decision": "hit" if self.mentions else "clear",
            "mentions": [m.to_json() for m in self.mentions],
            "spans_screened": self.candidates,
        }


def document_text(data: bytes, name: str) -> str:
    """The text of a plain-text or HTML document (markup, scripts and styles removed)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnsafeInputError(f"document of {len(data):,} bytes is too large", file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError("not UTF-8 text", file=name, line=line) from error
    return html_text(text, name) if _looks_like_html(text) else text


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(body|p|div|span|h[1-6])[\s>]", head)
    )


def html_text(text: str, name: str = "-") -> str:
    """The text of an HTML page: markup, comments, scripts and styles removed, a line break
    after each block (paragraph, heading, list item, row) so runs do not join across them."""
    # The HTML parser reads no DTD and fetches nothing; entities are HTML's own named ones.
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise ParseError(f"unreadable HTML: {error}", file=name) from error
    etree.strip_elements(root, "script", "style", "noscript", with_tail=False)
    for element in root.iter("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "title"):
        element.tail = "\n" + (element.tail or "")
    return "".join(str(piece) for piece in root.itertext())


def screen_text(
    screener: Screener, text: str, name: str = "-", *, threshold: float | None = None
) -> DocumentResult:
    """Every mention of a listed party in `text`, in text order."""
    spans = list(candidate_spans(text))
    found = [
        Mention(start, end, text[start:end], match)
        for start, end in spans
        for match in _matches(screener, " ".join(text[start:end].split()), threshold)
    ]
    return DocumentResult(name, _best(found), len(spans))


def _matches(screener: Screener, span: str, threshold: float | None) -> Iterator[Match]:
    for match in screener.screen(Query(span), threshold=threshold).hits:
        names = match.comparison.names
        if (
            names is not None
            and names.score >= MENTION_SIMILARITY
            and names.name.kind is not NameKind.WEAK_ALIAS
        ):
            yield match


def candidate_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every window of 2..MAX_WORDS words inside a capitalised run."""
    seen: set[tuple[int, int]] = set()
    for run in _capitalised_runs(text):
        for size in range(2, min(MAX_WORDS, len(run)) + 1):
            for first in range(len(run) - size + 1):
                window = run[first : first + size]
                if _is_particle(window[0][2]) or _is_particle(window[-1][2]):
                    continue
                span = (window[0][0], window[-1][1])
                if span not in seen:
                    seen.add(span)
                    yield span


def _capitalised_runs(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Runs of capitalised words (and particles) within one clause of the text."""
    position = 0
    for piece in [*_SENTENCE_BREAK.split(text)]:
        start = text.index(piece, position)
        position = start + len(piece)
        run: list[tuple[int, int, str]] = []
        for word in _WORD.finditer(piece):
            value = word.group(0)
            if value[0].isupper() or (_is_particle(value) and run):
                run.append((start + word.start(), start + word.end(), value))
            else:
                if run:
                    yield run
                run = []
        if run:
            yield run


def _is_particle(word: str) -> bool:
    return word.lower() in PARTICLES and not word.isupper()


def _best(found: list[Mention]) -> tuple[Mention, ...]:
    """Of overlapping mentions the best scored (then the longest) wins; the same entity at
    another place in the text is another mention, and another entity matched as well by the
    very same words (one person on two lists) is reported beside it."""
    found.sort(key=lambda m: (-m.match.score, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if all(_compatible(mention, k) for k in kept):
            kept.append(mention)
    return tuple(sorted(kept, key=lambda m: (m.start, -m.match.score)))


def _compatible(mention: Mention, kept: Mention) -> bool:
    if mention.end <= kept.start or kept.end <= mention.start:
        return True
    return (
        (mention.start, mention.end) == (kept.start, kept.end)
        and mention.reference != kept.reference
        and kept.match.score - mention.match.score <= TIE
    )
