"""Candidate blocking: from a query to the few listed entities worth scoring.

The index holds every name of every loaded entity as token sequences (see `text.forms`) and
finds, for a query, the entities whose names share tokens with it: equal, a known spelling
variant, one edit away (a delete-neighbourhood lookup over the token vocabulary), sounding
alike, or two tokens written as one. It never requires an exact token in common, so "John
Smyth" reaches "SMITH, Jon". Identifiers (passport, IMO ...) are looked up exactly.

The index is a sibling of `match`: neither imports the other. It serialises to a snapshot
(`to_bytes` / `from_bytes`) so a screening process starts without rebuilding it.

`build.py` is the index; `filing.py` what it files of an entity and its names;
`fragments.py` the `Filing` of entities it shares with fragments, runs of entities filed
apart (in worker processes: `proscribe.forming`) for the index to append; `arrays.py` the
vector operations that cover a query; `packed.py` keeps lists far larger than the official
ones (a million entities) in memory: entities and their names' forms packed and decoded on
demand, exact names and identifiers by hash; `views.py` reads names and forms by position
from the packed entities; `spelling.py` says how alike whole names are spelled, where coverage
says too little (screen() scores a candidate far behind the best when spelled alike);
`twins.py` finds the entries of other lists holding an offered entry's words, offered with it.
"""

from proscribe.index.build import Candidate, Index, build_index
from proscribe.index.filing import identifier_key

__all__ = ["Candidate", "Index", "build_index", "identifier_key"]
