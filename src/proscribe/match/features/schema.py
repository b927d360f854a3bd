"""Schema: what kind of party each side is.

A query may say it is about a person, an organisation, a vessel or an aircraft. A vessel is
never a person, however alike the names ("Jupiter", "Argo I"), so a contradiction vetoes the
match. `LegalEntity` means a person or an organisation without saying which (as the query's
"any party" and as some lists' untyped entries), so it agrees with both but never with a
vessel or an aircraft.
"""

from __future__ import annotations

from proscribe.match.types import FeatureResult, MatchConfig, Pair
from proscribe.model import Schema

_PARTIES = frozenset({Schema.PERSON, Schema.ORGANIZATION, Schema.LEGAL_ENTITY})
_WORDS: dict[Schema, str] = {
    Schema.PERSON: "a Person",
    Schema.ORGANIZATION: "an Organization",
    Schema.VESSEL: "a Vessel",
    Schema.AIRPLANE: "an Airplane",
    Schema.LEGAL_ENTITY: "a legal entity",
}


def schema_mismatch(pair: Pair, config: MatchConfig) -> FeatureResult:
    """The query is about a different kind of party than the listed entry: a person against
    a vessel, an organisation against a person, a vessel against an aircraft. Such a pair is
    never a match, whatever the names. A query that says "person or organisation" agrees
    with either, and a query that does not say agrees with everything."""
    ours, theirs = pair.query.schema, pair.entity.schema
    if ours is None or schemas_agree(ours, theirs):
        return FeatureResult("schema_mismatch", 0.0)
    return FeatureResult("schema_mismatch", -1.0, f"{_WORDS[ours]} is never {_WORDS[theirs]}")


def schemas_agree(ours: Schema, theirs: Schema) -> bool:
    """Whether one party could be both: equal schemas, or LegalEntity with a person or an
    organisation."""
    if ours is theirs:
        return True
    return Schema.LEGAL_ENTITY in (ours, theirs) and ours in _PARTIES and theirs in _PARTIES
