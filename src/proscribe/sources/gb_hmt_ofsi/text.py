"""Reading OFSI's free-text cells: numbered lists, countries and document numbers.

OFSI writes several values in one cell as a numbered list in many spellings: `(1) Afghan (2)
Pakistani`, `1) Saudi Arabia 2) Qatar`, `a) French, b) Tunisian`, `(a) Jordanian (b)
American`, and ranges that share a value (`(1)-(2) Tunisia (3) Libya`, `(1) to (6) Algeria`).
Passport and national id cells are prose (`F275043 (Saudi Arabian). Issued on 29 May 2004`);
the number is picked out so it can be matched, and the prose is kept as the label.
"""

from __future__ import annotations

import re

from proscribe.model import country_code

# A list marker: `(1)`, `1)`, `(a)`, `a)`, optionally a range `(1)-(2)` / `(1) to (6)`. It must
# follow the start, a space or a separator, so `Arabia)` or `(Diplomatic)` are not markers.
_MARKER = re.compile(
    r"(?:^|(?<=[\s,;.]))\(?(?:[1-9]\d?|[a-h])\)"
    r"(?:\s*(?:-|to)\s*\(?(?:[1-9]\d?|[a-h])\))?"
)
_EMPTY_PARTS = {"", "-"}
_STRIP = " \t,;.:"
# Words around a nationality that are not part of it: `Kuwaiti citizenship`, `Possibly
# Ethiopian`, `Sudanese by birth`.
_NATIONALITY_NOISE = re.compile(
    r"\b(?:citizenship|nationality|nationalities|national|possibly|by birth)\b", re.IGNORECASE
)
# Misspellings in the published file that the shared country table rightly does not know.
_OFSI_COUNTRIES = {
    "afgan": "af",
    "afganistan": "af",
    "qatarian": "qa",
    "trinadad and tobago": "tt",
    "state of palestine": "ps",
    "senegalese": "sn",
}
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_NUMBER_CHARS = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]*")
_PREFIX = re.compile(r"[A-Z]{1,3}")  # `SE 012820`, `D 000974`: a series letter before digits
_GLUED_NO = re.compile(r"^(?:no|nr)\.", re.IGNORECASE)  # `no.C00146605`
_PARENTHESISED = re.compile(r"\(([^()]{4,})\)")


def split_numbered(text: str | None) -> list[str]:
    """The items of a numbered list; the whole text when it is not one."""
    if text is None:
        return []
    parts = (part.strip(_STRIP) for part in _MARKER.split(text))
    return [part for part in parts if part not in _EMPTY_PARTS]


def resolve_country(text: str) -> str | None:
    """A country code for a country or nationality as OFSI writes it, or None."""
    value = text.strip(_STRIP)
    candidates = (value, _NATIONALITY_NOISE.sub(" ", value), value.rsplit(",", 1)[-1])
    for candidate in candidates:
        key = " ".join(candidate.split()).strip(_STRIP)
        code = _OFSI_COUNTRIES.get(key.lower()) or (country_code(key) if key else None)
        if code is not None:
            return code
    return None


def document_number(text: str) -> str | None:
    """The document number in a passport or id statement: its first token with at least three
    digits that is not a date or a year, with a short series prefix (`SE 012820`)."""
    tokens = text.replace("(", " ").replace(")", " ").replace(",", " ").replace(":", " ").split()
    for index, raw in enumerate(tokens):
        token = _GLUED_NO.sub("", raw, count=1).strip(".")
        if (
            sum(char.isdigit() for char in token) < 3
            or not _NUMBER_CHARS.fullmatch(token)
            or _YEAR.fullmatch(token)
            or _DATE.fullmatch(token)
        ):
            continue
        previous = tokens[index - 1] if index else ""
        if token.isdigit() and _PREFIX.fullmatch(previous):
            return f"{previous} {token}"
        return token
    return None


def document_country(text: str) -> str | None:
    """The issuing country a statement names: `(Kuwaiti)`, `Yemeni passport number ...`.

    Only words of four letters or more are tried, so `No` or `SE` never read as Norway or
    Sweden."""
    words = [word.strip(_STRIP) for word in text.split()[:2]]
    candidates = [*_PARENTHESISED.findall(text), " ".join(words), words[0] if words else ""]
    for candidate in candidates:
        if len(candidate) >= 4 and candidate.replace(" ", "").isalpha():
            code = resolve_country(candidate)
            if code is not None:
                return code
    return None
