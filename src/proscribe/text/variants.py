"""Spelling variants of name tokens: one key per name, whatever the spelling.

`canonical_token` maps a normalised token to a key shared by all its known spellings (choi, choe
and chwe share one; so do mohamed and muhammad). It is evidence for the matcher, not a rewrite:
two tokens with one key are known spellings of one name.

The groups come from the tables in `data`, one module per family of names. A spelling that
appears in two groups (lee is Korean and Chinese) joins them, so the key is a union over all
families; the tests watch the size of the largest groups, since one careless spelling could
chain unrelated names together. Beyond the tables, two rules catch what no table lists:

- Arabic compounds of abd ("servant of") with one of the names of God: abdulrahman,
  abdurrahman, abd al rahman joined as abdalrahman all have the key of abd + that of rahman.
- Slavic surname endings that differ only by transliteration: -skiy / -skii / -skyi / -sky
  all end in -ski, -off in -ov, -eff in -ev.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from proscribe.text.data import names_arabic, names_chinese, names_korean, names_other, names_slavic

FAMILIES: tuple[tuple[tuple[str, ...], ...], ...] = (
    names_korean.VARIANT_SETS,
    names_chinese.VARIANT_SETS,
    names_arabic.VARIANT_SETS,
    names_arabic.PARTICLES,
    names_slavic.VARIANT_SETS,
    names_other.VARIANT_SETS,
)
# abd + connector + name: the connector is the article, plain or assimilated (abdur-rahman).
_ABD_CONNECTORS = (
    "ul",
    "el",
    "al",
    "ol",
    "il",
    "ur",
    "ar",
    "er",
    "us",
    "as",
    "es",
    "ush",
    "ash",
    "un",
    "an",
    "ud",
    "ad",
    "ut",
    "at",
    "uz",
    "az",
    "u",
    "e",
    "a",
    "o",
    "i",
    "",
)
_SLAVIC_ENDINGS = (
    ("skiy", "ski"),
    ("skii", "ski"),
    ("skyi", "ski"),
    ("skyy", "ski"),
    ("skij", "ski"),
    ("sky", "ski"),
    ("tskiy", "tski"),
    ("off", "ov"),
    ("eff", "ev"),
    ("yev", "ev"),
)


def _build(families: Iterable[Iterable[tuple[str, ...]]]) -> dict[str, str]:
    """Union the groups that share a spelling; each spelling maps to its group's first word."""
    parent: dict[str, str] = {}

    def find(token: str) -> str:
        while parent[token] != token:
            parent[token] = parent[parent[token]]
            token = parent[token]
        return token

    for family in families:
        for group in family:
            for token in group:
                parent.setdefault(token, token)
            root = find(group[0])
            for token in group[1:]:
                other = find(token)
                if other != root:
                    parent[other] = root
    return {token: find(token) for token in parent}


KEYS: dict[str, str] = _build(FAMILIES)


def split_abd(token: str) -> str | None:
    """The name after "abd" in a compound (abdurrahman -> rahman); None if not a compound."""
    if not token.startswith("abd") or token in KEYS:
        return None
    tail = token[3:]
    for connector in _ABD_CONNECTORS:
        if not tail.startswith(connector):
            continue
        rest = tail[len(connector) :]
        # An assimilated article doubles the next consonant: abdur-rahman, abdus-salam.
        if len(connector) == 2 and connector[1] != "l" and not rest.startswith(connector[1]):
            continue
        if len(rest) >= 3 and (rest in KEYS or connector):
            return rest
    return None


def _slavic_ending(token: str) -> str | None:
    for ending, replacement in _SLAVIC_ENDINGS:
        if token.endswith(ending) and len(token) > len(ending) + 2:
            return token[: -len(ending)] + replacement
    return None


@lru_cache(maxsize=1 << 16)
def canonical_token(token: str) -> str:
    """The key shared by the known spellings of `token`; `token` itself when none is known."""
    key = KEYS.get(token)
    if key is not None:
        return key
    rest = split_abd(token)
    if rest is not None:
        return f"{KEYS['abd']}_{KEYS.get(rest, rest)}"
    folded = _slavic_ending(token)
    if folded is not None:
        return KEYS.get(folded, folded)
    return token


def largest_groups(count: int = 10) -> list[tuple[str, list[str]]]:
    """The biggest merged groups, for review: a long group is a chain of careless spellings."""
    groups: dict[str, list[str]] = {}
    for token, key in KEYS.items():
        groups.setdefault(key, []).append(token)
    ranked = sorted(groups.items(), key=lambda item: -len(item[1]))
    return ranked[:count]
