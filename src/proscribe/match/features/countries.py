"""Countries the caller knows about a party, against the countries the list links it to.

A query carries bare country codes, usually a nationality or a country of residence, without
saying which. A list ties countries to an entity in roles that say different amounts: a
nationality, citizenship, a company's jurisdiction or a vessel's flag describe the party
itself; an address, a residence or a place of birth only where it has been. So a shared
country counts fully in the first group and partly in the second, and a missing one counts
strongly against only when the list states the first group.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from proscribe.match.types import FeatureResult, MatchConfig, Pair
from proscribe.model import Country, CountryRole, Entity, Query, country_code

# What a shared country in each role is worth for country_match.
_ROLE_VALUE: dict[CountryRole, float] = {
    CountryRole.NATIONALITY: 1.0,
    CountryRole.CITIZENSHIP: 1.0,
    CountryRole.JURISDICTION: 1.0,
    CountryRole.FLAG: 1.0,
    CountryRole.RESIDENCE: 0.6,
    CountryRole.ADDRESS: 0.6,
    CountryRole.BIRTH_PLACE: 0.6,
}
_DEFINING = frozenset(role for role, value in _ROLE_VALUE.items() if value == 1.0)
DEFINING_MISMATCH = -1.0
LOOSE_MISMATCH = -0.3  # only addresses, residence or birth place listed, none shared

_ROLE_WORDS: dict[CountryRole, str] = {
    CountryRole.NATIONALITY: "nationality",
    CountryRole.CITIZENSHIP: "citizenship",
    CountryRole.JURISDICTION: "jurisdiction",
    CountryRole.FLAG: "flag",
    CountryRole.RESIDENCE: "residence",
    CountryRole.ADDRESS: "address country",
    CountryRole.BIRTH_PLACE: "birth place country",
}


def country_match(pair: Pair, config: MatchConfig) -> FeatureResult:
    """A country given for the party is one the list links it to. A shared nationality,
    citizenship, jurisdiction or vessel flag counts fully; a shared country of address,
    residence or birth counts less, because it says where the party has been rather than
    what it is."""
    wanted = query_countries(pair.query)
    if not wanted:
        return FeatureResult("country_match", 0.0)
    best: Country | None = None
    for country in listed_countries(pair.entity):
        if country.code in wanted and (best is None or _worth(country) > _worth(best)):
            best = country
    if best is None:
        return FeatureResult("country_match", 0.0)
    detail = f"{_ROLE_WORDS[best.role]} {best.code.upper()} equal"
    return FeatureResult("country_match", _worth(best), detail)


def country_mismatch(pair: Pair, config: MatchConfig) -> FeatureResult:
    """None of the countries given for the party is among those the list links it to. This
    counts strongly against a match when the list states a nationality, citizenship,
    jurisdiction or vessel flag, and only a little when it gives nothing but addresses,
    residence or place of birth, since people move."""
    wanted = query_countries(pair.query)
    listed = listed_countries(pair.entity) if wanted else ()
    if not listed or any(country.code in wanted for country in listed):
        return FeatureResult("country_mismatch", 0.0)
    defining = [country for country in listed if country.role in _DEFINING]
    value = DEFINING_MISMATCH if defining else LOOSE_MISMATCH
    shown = defining or listed
    given = ", ".join(code.upper() for code in wanted)
    verb = "country {} differs" if len(wanted) == 1 else "countries {} differ"
    detail = f"{verb.format(given)} from listed {_describe(shown)}"
    return FeatureResult("country_mismatch", value, detail)


def query_countries(query: Query) -> tuple[str, ...]:
    """The query's countries as lower-case codes, in order, without repeats. Names and
    upper-case codes are accepted too, so a caller's "KP" or "North Korea" both count."""
    return _codes(query.countries) if query.countries else ()


@lru_cache(maxsize=4096)
def _codes(texts: tuple[str, ...]) -> tuple[str, ...]:
    # Read once per distinct query, not once per candidate.
    codes = (country_code(text.strip()) or text.strip().lower() for text in texts)
    return tuple(dict.fromkeys(code for code in codes if code))


def listed_countries(entity: Entity) -> tuple[Country, ...]:
    """The entity's countries with their roles, address countries included even when a
    source did not repeat them in `countries`."""
    found = entity.countries
    if any(address.country for address in entity.addresses):
        found += tuple(
            Country(address.country, CountryRole.ADDRESS)
            for address in entity.addresses
            if address.country
        )
    return found


def _worth(country: Country) -> float:
    return _ROLE_VALUE.get(country.role, 0.0)


def _describe(countries: Iterable[Country]) -> str:
    """`nationality IR, RU and citizenship RU`: codes grouped by role, in listed order."""
    by_role: dict[CountryRole, list[str]] = {}
    for country in countries:
        codes = by_role.setdefault(country.role, [])
        if country.code.upper() not in codes:
            codes.append(country.code.upper())
    parts = [f"{_ROLE_WORDS[role]} {', '.join(codes)}" for role, codes in by_role.items()]
    return " and ".join(parts)
