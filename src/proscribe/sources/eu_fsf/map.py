"""What both EU schemas share when mapped to entities: ids, countries, dates, document types.

Decisions:

* The id is the publisher's own: ENTITY/@Id in 1.0, sanctionEntity/@logicalId in 1.1 (the
  same number for the same party: Mugabe is 1 in both). The EU reference number (`EU.27.28`)
  and the UN reference go to `extra` as `authorityId` and `unscId`.
* Countries are ISO codes in both schemas (alpha-3 in 1.0, alpha-2 in 1.1, `00` for unknown).
  Codes of countries that no longer exist are read through their historic name (YUG, CS ->
  Serbia, as the Commission's own successor tables do).
* Names are de-duplicated by their text within an entity: 1.0 repeats a name once per legal
  act that states it, 1.1 once per language that spells it the same way.
* The legal act is kept as its URL (`sourceUrl`); its number is in the URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pycountry

from proscribe.errors import ParseError
from proscribe.model import DateSpec, IdentifierType, Name, PartialDate, parse_date_spec, unique

SOURCE = "eu_fsf"
AUTHORITY = "European Union"
GENDERS = {"M": "male", "F": "female"}

# identificationTypeCode (1.1) and the code in a 1.0 PASSPORT NUMBER's "(code-description)".
IDENTIFIER_TYPES = {
    "passport": IdentifierType.PASSPORT,
    "id": IdentifierType.NATIONAL_ID,
    "ssn": IdentifierType.NATIONAL_ID,
    "nrn": IdentifierType.NATIONAL_ID,
    "nationcert": IdentifierType.NATIONAL_ID,
    "fiscalcode": IdentifierType.TAX_ID,
    "regnumber": IdentifierType.REGISTRATION,
    "tradelic": IdentifierType.REGISTRATION,
    "swiftbic": IdentifierType.SWIFT_BIC,
    "imo": IdentifierType.IMO,
}
# Alpha-2 codes the EU still uses for countries pycountry no longer lists.
_FORMER_ALPHA2 = {"cs": "rs", "yu": "rs", "xk": "xk", "an": "an"}
_LETTERED = re.compile(r"\s*\([a-z]\)\s*")


class Where:
    """File and line of the element being mapped, for error messages."""

    def __init__(self, file: str, line: int | None) -> None:
        self.file = file
        self.line = line

    def error(self, message: str, field: str) -> ParseError:
        return ParseError(message, file=self.file, line=self.line, field=field)

    def date(self, text: str, field: str) -> DateSpec:
        try:
            return parse_date_spec(text)
        except ValueError as error:
            raise self.error(str(error), field) from error

    def partial_date(self, text: str | None, field: str) -> PartialDate | None:
        return None if text is None else self.date(text, field).start

    def gender(self, values: Iterable[str | None], field: str) -> str | None:
        for value in values:
            if value is None:
                continue
            if value.upper() not in GENDERS:
                raise self.error(f"unknown gender {value!r}", field)
            return GENDERS[value.upper()]
        return None


def alpha3(code: str | None) -> str | None:
    """An ISO alpha-3 code (1.0) as a lower-case alpha-2 code, or None."""
    if code is None:
        return None
    found = pycountry.countries.get(alpha_3=code.upper())
    if found is not None:
        return str(found.alpha_2).lower()
    historic = pycountry.historic_countries.get(alpha_3=code.upper())
    return _FORMER_ALPHA2.get(str(historic.alpha_2).lower()) if historic is not None else None


def alpha2(code: str | None) -> str | None:
    """An ISO alpha-2 code (1.1) in lower case; None for `00` (unknown) and unknown codes."""
    if code is None or code == "00":
        return None
    lowered = code.lower()
    if pycountry.countries.get(alpha_2=code.upper()) is not None:
        return lowered
    return _FORMER_ALPHA2.get(lowered)


def country_label(code: str | None, text: str | None = None) -> str | None:
    """A readable country for address and birth place text: the ISO name of the code, else the
    list's own wording (an unresolved code or description is kept, not dropped)."""
    found = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if found is not None:
        return str(getattr(found, "common_name", None) or found.name)
    return text or (code.upper() if code else None)


def lettered(text: str | None) -> list[str]:
    """`(a) Mullah, (b) Maulavi` -> ["Mullah", "Maulavi"]; other text unchanged."""
    if not text:
        return []
    parts = [part.strip(" ,;") for part in _LETTERED.split(text)]
    return [part for part in parts if part]


def full_name(whole: str | None, *parts: str | None) -> str | None:
    return whole or " ".join(part for part in parts if part) or None


def distinct_names(names: Iterable[Name]) -> tuple[Name, ...]:
    """First occurrence of each name text wins (the primary name comes first)."""
    seen: dict[str, Name] = {}
    for name in names:
        seen.setdefault(name.full, name)
    return unique(seen.values())


def compact(extra: dict[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Extra facts without empty values and without repeats that differ only in case (1.0
    states "President" and "president" for one person, once per legal act)."""
    cleaned: dict[str, tuple[str, ...]] = {}
    for key, values in extra.items():
        firsts: dict[str, str] = {}
        for value in values:
            if value:
                firsts.setdefault(value.casefold(), value)
        if firsts:
            cleaned[key] = tuple(firsts.values())
    return cleaned
