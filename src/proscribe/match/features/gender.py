"""Gender: only a contradiction is evidence.

Lists state gender for a minority of people, and a query rarely gives it. Agreement tells
little (half of everyone shares it), so there is no positive feature; a stated difference is
strong evidence against, because lists record gender from documents.
"""

from __future__ import annotations

from proscribe.match.types import FeatureResult, MatchConfig, Pair

_GENDERS: dict[str, str] = {
    "m": "male",
    "male": "male",
    "man": "male",
    "f": "female",
    "female": "female",
    "woman": "female",
}


def gender_mismatch(pair: Pair, config: MatchConfig) -> FeatureResult:
    """The gender given differs from the gender the list states for the person. Lists
    record gender from identity documents, so a difference is strong evidence against a
    match; when either side does not state a gender, nothing is concluded."""
    ours = normalise_gender(pair.query.gender)
    theirs = normalise_gender(pair.entity.gender)
    if ours is None or theirs is None or ours == theirs:
        return FeatureResult("gender_mismatch", 0.0)
    return FeatureResult("gender_mismatch", -1.0, f"gender {ours} vs listed {theirs}")


def normalise_gender(value: str | None) -> str | None:
    """`M`, `male`, `Man` -> `male`; `F`, `female`, `Woman` -> `female`; anything else None."""
    if value is None:
        return None
    return _GENDERS.get(value.strip().lower())
