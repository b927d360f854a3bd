"""Keys a typing finger slips onto: neighbours on a QWERTY keyboard.

A slip on the first letter of a word is rarer than one inside it, but when it happens the
letter typed is a neighbour of the one meant ('Drano' for Franco, 'Bhpta' for Gupta), not
any letter: the matcher (`match.names`, under the rules of proscribe-v4 and later) accepts
such a first letter in a word of five letters or more with two slips, and no other.
"""

from __future__ import annotations

# Each key and the keys around it, by the rows of the keyboard.
_ROWS = (
    "q:wa w:qeas e:wrsd r:etdf t:ryfg y:tugh u:yihj i:uojk o:ipkl p:ol",
    "a:qwsz s:awedxz d:serfcx f:drtgvc g:ftyhbv h:gyujnb j:huikmn k:jiolm l:kop",
    "z:asx x:zsdc c:xdfv v:cfgb b:vghn n:bhjm m:njk",
)
NEIGHBOURS: dict[str, frozenset[str]] = {
    key: frozenset(keys)
    for row in _ROWS
    for key, _, keys in (pair.partition(":") for pair in row.split())
}


def neighbouring_keys(a: str, b: str) -> bool:
    """True when the letters `a` and `b` lie next to each other on a QWERTY keyboard."""
    return b in NEIGHBOURS.get(a, ())
