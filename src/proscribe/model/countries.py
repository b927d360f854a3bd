"""Countries as ISO 3166-1 alpha-2 codes (lower case, as FollowTheMoney writes them).

Lists name countries in their own ways ("Korea, North", "Iran (Islamic Republic of)", "Burma",
"Congo, Democratic Republic of the", "Russian Federation", "West Bank"). `country_code` maps
such a name to a code, using pycountry's official and common names plus the spellings below that
it does not know. Unknown names give None: the caller keeps the text (as an address or a note)
instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import pycountry


class CountryRole(StrEnum):
    NATIONALITY = "nationality"
    CITIZENSHIP = "citizenship"
    RESIDENCE = "residence"
    BIRTH_PLACE = "birth_place"
    FLAG = "flag"
    ADDRESS = "address"
    JURISDICTION = "jurisdiction"


@dataclass(frozen=True, order=True, slots=True)
class Country:
    """A country code with what the country is to the entity."""

    code: str
    role: CountryRole


# Spellings seen in OFAC, UN, EU, UK and BIS files that pycountry does not resolve by itself.
_EXTRA_NAMES: dict[str, str] = {
    "korea, north": "kp",
    "north korea": "kp",
    "dprk": "kp",
    "democratic people's republic of korea": "kp",
    "korea, dpr": "kp",
    "korea dpr": "kp",
    "korea, south": "kr",
    "south korea": "kr",
    "korea": "kr",
    "republic of korea": "kr",
    "burma": "mm",
    "iran": "ir",
    "syria": "sy",
    "russia": "ru",
    "laos": "la",
    "venezuela": "ve",
    "bolivia": "bo",
    "tanzania": "tz",
    "vietnam": "vn",
    "viet nam": "vn",
    "moldova": "md",
    "macedonia": "mk",
    "the former yugoslav republic of macedonia": "mk",
    "taiwan": "tw",
    "palestinian": "ps",
    "palestine": "ps",
    "west bank": "ps",
    "gaza": "ps",
    "gaza strip": "ps",
    "occupied palestinian territory": "ps",
    "congo, democratic republic of the": "cd",
    "democratic republic of the congo": "cd",
    "congo (democratic republic)": "cd",
    "drc": "cd",
    "congo, republic of the": "cg",
    "republic of the congo": "cg",
    "congo": "cg",
    "ivory coast": "ci",
    "cote d'ivoire": "ci",
    "cote d ivoire": "ci",
    "the gambia": "gm",
    "gambia, the": "gm",
    "bahamas, the": "bs",
    "the bahamas": "bs",
    "czech republic": "cz",
    "turkey": "tr",
    "turkiye": "tr",
    "united kingdom": "gb",
    "uk": "gb",
    "great britain": "gb",
    "england": "gb",
    "united states": "us",
    "usa": "us",
    "united states of america": "us",
    "us": "us",
    "netherlands antilles": "an",
    "kosovo": "xk",
    "micronesia": "fm",
    "micronesia, federated states of": "fm",
    "st. kitts and nevis": "kn",
    "saint kitts and nevis": "kn",
    "st. vincent and the grenadines": "vc",
    "st. lucia": "lc",
    "brunei": "bn",
    "cape verde": "cv",
    "swaziland": "sz",
    "east timor": "tl",
    "vatican city": "va",
    "holy see": "va",
    "region: crimea": "ua",
    "crimea": "ua",
    "yugoslavia": "rs",
    "serbia and montenegro": "rs",
    "soviet union": "ru",
    "ussr": "ru",
    "hong kong": "hk",
    "macau": "mo",
    "macao": "mo",
    "china": "cn",
    "people's republic of china": "cn",
    "china, people's republic of": "cn",
    "british virgin islands": "vg",
    "virgin islands, british": "vg",
    "united arab emirates": "ae",
    "uae": "ae",
    "bosnia-herzegovina": "ba",
    "bosnia and herzegovina": "ba",
    "sudan, south": "ss",
    "curacao": "cw",
    "iraqi": "iq",
    "afghan": "af",
    "iranian": "ir",
    "syrian": "sy",
    "russian": "ru",
    "north korean": "kp",
    "korean": "kr",
    "chinese": "cn",
    "pakistani": "pk",
    "libyan": "ly",
    "yemeni": "ye",
    "somali": "so",
    "saudi arabian": "sa",
    "saudi": "sa",
    "egyptian": "eg",
    "jordanian": "jo",
    "lebanese": "lb",
    "kuwaiti": "kw",
    "tunisian": "tn",
    "moroccan": "ma",
    "algerian": "dz",
    "sudanese": "sd",
    "british": "gb",
    "american": "us",
    "german": "de",
    "french": "fr",
    "indonesian": "id",
    "filipino": "ph",
    "malaysian": "my",
    "indian": "in",
    "turkish": "tr",
    "belarusian": "by",
    "ukrainian": "ua",
    "venezuelan": "ve",
    "zimbabwean": "zw",
    "congolese": "cd",
    "eritrean": "er",
    "ethiopian": "et",
    "kenyan": "ke",
    "nigerian": "ng",
    "malian": "ml",
    "bahraini": "bh",
    "qatari": "qa",
    "omani": "om",
    "emirati": "ae",
    "palestinian territories": "ps",
    "bangladeshi": "bd",
    "uzbek": "uz",
    "tajik": "tj",
    "kazakh": "kz",
    "kyrgyz": "kg",
    "azerbaijani": "az",
    "georgian": "ge",
    "armenian": "am",
    "australian": "au",
    "canadian": "ca",
    "belgian": "be",
    "dutch": "nl",
    "swedish": "se",
    "danish": "dk",
    "norwegian": "no",
    "spanish": "es",
    "italian": "it",
    "swiss": "ch",
    "austrian": "at",
    "bosnian": "ba",
    "serbian": "rs",
    "croatian": "hr",
    "albanian": "al",
    "cuban": "cu",
    "mexican": "mx",
    "colombian": "co",
    "nicaraguan": "ni",
    "burmese": "mm",
    "cambodian": "kh",
    "thai": "th",
    "vietnamese": "vn",
    "singaporean": "sg",
    "greek": "gr",
    "cypriot": "cy",
    "maltese": "mt",
    "israeli": "il",
    "mauritanian": "mr",
    "chadian": "td",
    "central african": "cf",
    "rwandan": "rw",
    "ugandan": "ug",
    "burundian": "bi",
    "south sudanese": "ss",
    "guinean": "gn",
    "haitian": "ht",
    "trinidadian": "tt",
    "the netherlands": "nl",
    "netherlands": "nl",
    "kingdom of saudi arabia": "sa",
}
# Every code the names above give is read back as itself: pycountry lacks some of them
# (Kosovo's user-assigned XK, the Netherlands Antilles' withdrawn AN), and a code we hand
# out (an API answer, an export) must be accepted when it comes back.
_EXTRA_NAMES.update({code: code for code in set(_EXTRA_NAMES.values())})

_NOISE = re.compile(r"\s*\((?:[^)]*)\)\s*$")


def _key(name: str) -> str:
    lowered = name.strip().lower().replace("\u2019", "'")
    return " ".join(lowered.replace(".", ". ").split()).replace(". ,", ".,").rstrip(".")


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO alpha-2 code (lower case) for a country name or code, or None if unknown."""
    key = _key(name)
    if not key:
        return None
    if key in _EXTRA_NAMES:
        return _EXTRA_NAMES[key]
    for candidate in (key, _NOISE.sub("", key)):
        if candidate in _EXTRA_NAMES:
            return _EXTRA_NAMES[candidate]
        try:
            found = pycountry.countries.lookup(candidate)
        except LookupError:
            continue
        return str(found.alpha_2).lower()
    return None


def country_name(code: str) -> str:
    """A readable English name for a code, or the code itself if unknown."""
    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return code.upper()
    return str(getattr(found, "common_name", None) or found.name)
