"""proscribe-v6: proscribe-v5's table and midpoint; two listed words two slips apart are two
names.

Most innocent look-alikes that v5 alerted on paired two words that are both names the lists
hold, two edits apart: 'AL-DALATI, Ahmed' / AL-DALATI, Ayman (the keys AHMAD / AYMAN),
'Adel HABIB' / Abdul Habib, 'HASNAIN, Umar' / HUSSAIN, Omar, 'AL-ADANI, Abu Mahdi' /
AL-MADAN, Abu Mahdi. Each is a name of its own: two slips of a customer's keyboard seldom land
on another name of the lists, while a name mistyped twice is nearly always a word no list
holds. Under v6 two words that the loaded lists both hold (`MatchConfig.vocabulary`, the
index's words, keys and adjacent words joined) pair by a typo only when one edit apart
(`NameRules.listed_apart`); a word the lists lack still pairs with one two edits away, and
variants (Muhammad / Mohammed), sound-alikes and words cut short are graded as before.

Measured with `bench/quality.py` on seeds 0, 1 and 2 (200 cases a category, 2,000 innocent
look-alikes each): the same cases missed in every category as v5, and innocent alerts 10, 10
and 8 under v5 against 8, 7 and 5 (with fifty candidates scored and none left out for their
coverage: 14, 14 and 10 against 9, 9 and 5). The figures are in docs/benchmarks.md.

The features, weights and midpoint are v5's (and v3's); its scores are not calibrated. As its
token weights do, a score now depends on the loaded lists: a word is a listed word when one of
the lists screened against holds it.
"""

from __future__ import annotations

from dataclasses import replace

from proscribe.match.algorithms.v5 import NAMES as V5_NAMES
from proscribe.match.algorithms.v5 import V5

NAMES = replace(V5_NAMES, listed_apart=True)

V6 = replace(
    V5,
    name="proscribe-v6",
    names=NAMES,
    description=V5.description + " Two words the lists both hold pair by a typo only when one "
    "edit apart.",
)
