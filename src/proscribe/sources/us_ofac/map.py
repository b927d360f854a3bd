"""Mapping helpers shared by OFAC's formats: the legacy CSV sets and the sdn.xml-style XML.

OFAC writes the same facts the same way in every format it publishes: party types
(`individual`, `vessel`, `aircraft`, or nothing for an entity), programme tags (`SDGT`,
`DPRK2`, and in the CSV several joined as `SDNTK] [FTO] [SDGT`), individuals' names as
`SURNAME, Given Names`, and country names in its own spelling (`Korea, North`,
`Congo, Democratic Republic of the`, `Virgin Islands, British`). The functions here turn those
into model values; their names are stable, other OFAC format readers import them.
"""

from __future__ import annotations

from functools import lru_cache

from proscribe.model import Name, NameKind, Schema, country_code

# OFAC's party types (CSV `SDN_Type`, XML `sdnType`, enhanced XML `entityType`).
_SCHEMAS: dict[str, Schema] = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "-0-": Schema.ORGANIZATION,  # the CSV leaves entities' type empty
    "": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRPLANE,
}

# OFAC spellings that the shared country table does not resolve.
_OFAC_COUNTRIES: dict[str, str] = {
    "north macedonia, the republic of": "mk",
    "macedonia, the former yugoslav republic of": "mk",
    "bosnia and herzegovina": "ba",
    "korea, north": "kp",
    "korea, south": "kr",
    "burma": "mm",
    "virgin islands, british": "vg",
    "british virgin islands": "vg",
    "congo, democratic republic of the": "cd",
    "congo, republic of the": "cg",
    "region: crimea": "ua",
    "region: gaza": "ps",
    "region: west bank": "ps",
    "region: kurdistan region": "iq",
    "region: northern mali": "ml",
    "sudan, south": "ss",
    "timor-leste": "tl",
    "man, isle of": "im",
    "saint martin (french part)": "mf",
    "sint maarten (dutch part)": "sx",
    "venezuela, bolivarian republic of": "ve",
    "iran, islamic republic of": "ir",
    "tanzania, united republic of": "tz",
    "lao people's democratic republic": "la",
    "syrian arab republic": "sy",
    "russian federation": "ru",
    "moldova, republic of": "md",
    "palestinian": "ps",
    "yemen": "ye",
    "gambia, the": "gm",
    "bahamas, the": "bs",
    "cote d ivoire": "ci",
    "cote d'ivoire": "ci",
    "curacao": "cw",
    "aruba": "aw",
    "kosovo": "xk",
    "netherlands antilles": "an",
    "serbia and montenegro": "rs",
    "yugoslavia": "rs",
    "ussr": "ru",
    "soviet union": "ru",
    "czechoslovakia": "cz",
    "st. kitts & nevis": "kn",
    "st kitts and nevis": "kn",
    "the philippines": "ph",
    "phillipines": "ph",
    "comoros islands": "km",
    "bosina-herzegovina": "ba",
}

# What OFAC writes where it has no value: a flag "None Identified", a country "undetermined".
NO_VALUE = frozenset({"none identified", "unknown", "undetermined", "-0-"})

# Short tails of a place ("Los Angeles, CA") are state or region codes, not countries.
_SHORT_COUNTRIES = frozenset({"usa", "uae", "uk", "drc"})


def schema_of(party_type: str | None) -> Schema | None:
    """The schema for an OFAC party type; None means the type is unknown (a format error)."""
    key = (party_type or "").strip().lower()
    return _SCHEMAS.get(key)


def split_programs(text: str | None) -> tuple[str, ...]:
    """Programme tags of one field: `SDNTK] [FTO] [SDGT` -> ("SDNTK", "FTO", "SDGT")."""
    if not text:
        return ()
    tags = (tag.strip(" []") for tag in text.split("] ["))
    return tuple(dict.fromkeys(tag for tag in tags if tag and tag != "-0-"))


def party_name(full: str, kind: NameKind, schema: Schema) -> Name:
    """A name as OFAC writes it; an individual's `SURNAME, Given` is also split in two.

    `full` stays as written (OFAC's order and capitals carry the surname); only the first comma
    separates, since given names may hold commas of their own ("SMITH, John, Jr.").
    """
    if schema is not Schema.PERSON:
        return Name(full, kind)
    last, sep, first = full.partition(", ")
    if not sep or not last.strip() or not first.strip():
        return Name(full, kind)
    return Name(full, kind, first=first.strip(), last=last.strip())


def no_value(text: str | None) -> bool:
    """Whether a field is empty in OFAC's ways (`-0-`, `None Identified`, `Unknown`)."""
    if text is None:
        return True
    key = " ".join(text.split()).strip(" .").lower()
    return not key or key in NO_VALUE


@lru_cache(maxsize=8192)
def ofac_country(text: str | None) -> str | None:
    """The ISO code for a country as OFAC names it, or None when it is not a country."""
    if not text:
        return None
    key = " ".join(text.split()).strip(" .").lower()
    if not key or key in NO_VALUE:
        return None
    return _OFAC_COUNTRIES.get(key) or country_code(key)


@lru_cache(maxsize=8192)
def place_country(place: str | None) -> str | None:
    """The country a place ends with: `Pyongyang, Korea, North` -> kp, `Moscow, Russia` -> ru.

    The last two comma-separated parts are tried before the last one, so a country whose name
    holds a comma ("Korea, North", "Congo, Democratic Republic of the") wins over its last
    word. No country name OFAC uses has two commas.
    """
    if not place:
        return None
    parts = [part.strip() for part in place.split(",")]
    for tail in (", ".join(parts[-2:]) if len(parts) > 1 else None, parts[-1]):
        if tail is None or (len(tail) <= 3 and tail.lower() not in _SHORT_COUNTRIES):
            continue
        code = ofac_country(tail)
        if code is not None:
            return code
    return None


def split_country_suffix(text: str) -> tuple[str, str | None, str | None]:
    """`381310014 (Korea, North)` -> ("381310014", "kp", "Korea, North").

    Only a final parenthesis naming a country is taken; any other parenthesis stays in the
    value (`HRA 738077 (Stuttgart)`). The third item is the country text as written, kept so a
    caller can store it when the code is unknown.
    """
    value = text.strip()
    if not value.endswith(")"):
        return value, None, None
    open_at = value.rfind("(")
    if open_at <= 0:
        return value, None, None
    inner = value[open_at + 1 : -1].strip()
    code = ofac_country(inner)
    if code is None:
        return value, None, None
    return value[:open_at].strip(), code, inner
