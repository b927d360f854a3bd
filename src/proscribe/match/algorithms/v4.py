"""proscribe-v4: proscribe-v3's table and midpoint with three name rules of its own.

Set on the cases of `python bench/quality.py` with seeds 0, 1 and 2 together (v3 was set on
seed 0 alone and missed its targets on seed 1); the figures are in docs/benchmarks.md.
Against v3:

- A letter moved past others is the edits it takes: 'SURZAEZ' is two slips from SUAREZ
  (two letters swapped, one added), 'ECHBDEERRIA' two from ECHEBERRIA; v3 counted three
  (OSA edits each letter once) and left such a word unpaired.
- Two slips in a short word (five or six letters: `names.FIRST_SLIP_LENGTH`) may change its
  first letter when that change is a slip too: a neighbouring key ('DRANO' / FRANCO, 'BHPTA'
  / GUPTA) or a letter added, dropped or swapped at the start ('UDEDA' / RUEDA, 'ASLHE' /
  SALEH). v3 paired only words that kept their first letter, since a first letter changed at
  random is another name (Qanan / Sanon: Q and S are not neighbours).
- A list word pairs with two query words written together only when it reaches into the
  second: 'IVANOV, Sergei' no longer explains 'KOUFFA, Sergei Ivanovich' through
  'IVANOVICHKOUFFA', of which IVANOV is only the start (and the start of the patronymic).

Its scores are not calibrated.
"""

from __future__ import annotations

from dataclasses import replace

from proscribe.match.algorithms.v3 import NAMES as V3_NAMES
from proscribe.match.algorithms.v3 import V3

NAMES = replace(
    V3_NAMES,
    moved_letters=True,
    first_letter_slips=True,
    joined_prefixes=False,
)

V4 = replace(
    V3,
    name="proscribe-v4",
    names=NAMES,
    description=V3.description + " Letters moved count as one edit; a slipped first letter "
    "pairs in short words; joined words pair only beyond the first.",
)
