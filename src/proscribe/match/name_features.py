"""Features about names. They read the best name pairing that `compare` found once."""

from __future__ import annotations

from proscribe.match.types import FeatureResult, MatchConfig, Pair
from proscribe.model import NameKind

KIND_LABELS = {
    NameKind.PRIMARY: "name",
    NameKind.ALIAS: "alias",
    NameKind.WEAK_ALIAS: "weak alias",
    NameKind.FORMER: "former name",
    NameKind.ORIGINAL_SCRIPT: "original-script name",
}


def name_match(pair: Pair, config: MatchConfig) -> FeatureResult:
    """How closely the best query name matches the best listed name (primary name, alias,
    former name or original-script name), from 0 to 1. Names are compared word by word in
    any order, through transliteration of other scripts, known spelling variants (Choi /
    Choe, Mohamed / Muhammad), typos, sound-alike words, initials and words written
    together or apart; rare words count more than common ones."""
    names = pair.names
    if names is None:
        return FeatureResult("name_match", 0.0)
    label = KIND_LABELS[names.name.kind]
    return FeatureResult("name_match", names.score, f"{label} {names.name.full}")


def name_transliteration_match(pair: Pair, config: MatchConfig) -> FeatureResult:
    """The names met only through transliteration: one side is written in another script
    (Hangul, Han characters, Cyrillic, Arabic ...) and was romanised to compare it. This is
    not extra evidence, it says how the names were compared."""
    names = pair.names
    if names is None or not (names.query_romanized or names.list_romanized):
        return FeatureResult("name_transliteration_match", 0.0)
    if names.query_romanized and names.list_romanized:
        detail = f"both names romanised ('{names.query_rendering}')"
    elif names.query_romanized:
        detail = f"query {names.query_name} romanised as '{names.query_rendering}'"
    else:
        detail = f"listed {names.name.full} romanised as '{names.list_rendering}'"
    return FeatureResult("name_transliteration_match", 1.0, detail)


def name_weak_alias(pair: Pair, config: MatchConfig) -> FeatureResult:
    """The best match is on a weak alias: one the publisher marks as low quality (short,
    common or a nickname). Such a match counts less."""
    names = pair.names
    if names is None or names.name.kind is not NameKind.WEAK_ALIAS:
        return FeatureResult("name_weak_alias", 0.0)
    return FeatureResult("name_weak_alias", -1.0, "matched only a weak alias")


def name_conflict(pair: Pair, config: MatchConfig) -> FeatureResult:
    """Both names hold words the other lacks: "Atiqullah Wali Basir" against "Atiqullah Wali
    Mohammad" shares two words but each has one the other does not, which points to another
    person. A name that is only shorter (a middle name left out) is no conflict."""
    names = pair.names
    if names is None or names.conflict <= 0.0:
        return FeatureResult("name_conflict", 0.0)
    value = -min(1.0, 3.0 * names.conflict)
    return FeatureResult("name_conflict", value, "each name has words the other lacks")
