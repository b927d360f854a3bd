"""The UN list's names in original script against the Latin names of the same entries.

UN consolidated list 2026-02-27: 378 entries give a name in original script (366 Arabic, 11
Cyrillic, 1 Latin) beside their Latin name parts. For each, the best rendering (any
romanisation, any joined variant) is scored by the share of the Latin name's tokens whose
spelling key or phonetic key it holds; particles (al, bin, abu, abd) are left out of the count.
Arabic leaves short vowels unwritten, so this is a floor on exact evidence, not a match rate:
the matcher's typo tolerance works on what is left (rmzi / ramzi).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from proscribe.text import canonical_token, joined_variants, phonetic_key, romanizations, tokens

PARTICLES = frozenset(("al", "el", "bin", "ben", "abu", "abd"))
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for entry in etree.parse(str(path)).iter("INDIVIDUAL", "ENTITY"):
        original = entry.findtext("NAME_ORIGINAL_SCRIPT")
        if original and original.strip():
            latin = " ".join(filter(None, (entry.findtext(part) for part in NAME_PARTS)))
            pairs.append((original, latin))
    return pairs


def _coverage(original: str, latin: str) -> float:
    wanted = [token for token in tokens(latin) if token not in PARTICLES] or list(tokens(latin))
    best = 0.0
    for rendering in romanizations(original):
        for variant in joined_variants(tuple(rendering.split())):
            keys = {canonical_token(token) for token in variant}
            sounds = {phonetic_key(token) for token in variant}
            held = sum(canonical_token(t) in keys or phonetic_key(t) in sounds for t in wanted)
            best = max(best, held / len(wanted))
    return best


def test_original_script_names_hold_most_latin_tokens(data_dir: Path) -> None:
    pairs = _pairs(data_dir / "un_sc_consolidated" / "2026-02-27" / "UN_consolidated.xml")
    assert len(pairs) == 378
    scores = [_coverage(original, latin) for original, latin in pairs]
    mean = sum(scores) / len(scores)
    complete = sum(score == 1.0 for score in scores)
    print(f"mean token coverage {mean:.3f}; all tokens held for {complete}/{len(scores)}")
    assert mean >= 0.84
    assert complete >= 250
