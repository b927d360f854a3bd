"""Which monitored parties a list change can affect, without screening them all.

A party's full screening stores what the next change needs (`outcome`): the entries the index
offered it as candidates, the coverage an entry needs to be offered (the tenth candidate's
when there were ten; never under what screen() requires, nor under the best's less the gap it
allows), its best score under the threshold and its name's lookup tokens. When entries change:

- an entry removed or amended that the party was offered: its candidates change, affected;
- a new content (an added entry, or an amended one as it is now): looked up in an index of
  only the new contents (`ChangedIndex`), which judges words as the full index does (weights,
  common words). Its lookups against a small vocabulary find at least what the full index finds
  among these names, so its coverage bounds the full index's from above. A party whose stored
  tokens reach no new content, or only under its floor, cannot be offered one. One that is
  offered a new content is affected only when that entry scores within `SCORE_MARGIN` of the
  threshold (compared on all its names): otherwise the entry takes a place among its
  candidates without changing its alerts (the one it pushes out, if any, was no alert and no
  near miss, or the party is rescreened for that reason anyway).

The callers add the parties with alerts and near misses: a change of the lists moves every
token weight a little, so their scores can move.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from proscribe.index import Index
from proscribe.match import MatchConfig, Pair
from proscribe.match.compare import score_pair, with_names
from proscribe.model import Entity, Query
from proscribe.monitor.parties import query_of
from proscribe.screen import ScreeningResult
from proscribe.screen.screen import (
    CANDIDATES,
    COMPATIBLE,
    COVERAGE_BEHIND,
    MIN_COVERAGE,
    query_forms,
)
from proscribe.screener import Screener
from proscribe.store.monitoring import Party, ScreeningOutcome
from proscribe.text.forms import NameForm

# Coverages in the small index are at least the full index's; the margin only absorbs float
# rounding and the slight move of weights between the screening that set the floor and now.
COVERAGE_MARGIN = 0.01
# A new entry compared on all its names scores at least what screen() gives it on the names
# the index ranks first, but for the order in which equally good names are tried.
SCORE_MARGIN = 0.05
JOINED_LENGTH = 6  # the index looks two query words up as one from this length on


def ref(entity: Entity) -> str:
    return f"{entity.source}:{entity.id}"


def outcome(screener: Screener, query: Query, result: ScreeningResult) -> ScreeningOutcome:
    """What a full screening of a party leaves for the next delta rescreen."""
    forms = query_forms(query)
    schemas = COMPATIBLE.get(query.schema) if query.schema else None
    found = screener.index.candidates(
        query, forms, limit=CANDIDATES, min_coverage=MIN_COVERAGE, schemas=schemas
    )
    named = [c.coverage for c in found if not c.identifier_hit]
    floor = max(MIN_COVERAGE, min(1.0, max(named, default=0.0)) - COVERAGE_BEHIND)
    if len(named) >= CANDIDATES:
        floor = max(floor, named[-1])
    form = forms[0]
    tokens = [
        [list(v) for v in form.variants],
        [list(k) for k in form.keys],
        [list(k) for k in form.sorted_keys],
    ]
    offered = tuple(ref(screener.index.entities[c.entity]) for c in found)
    best_miss = max((m.score for m in result.matches if not m.match), default=None)
    return ScreeningOutcome(best_miss, floor, tokens, offered)


class ChangedIndex(Index):
    """An index of only the new contents that judges words as the full index does: how
    telling a word is (its weight) and whether it is common (common words only add to names
    that a rarer word found)."""

    def __init__(self, full: Index, entities: Iterable[Entity]) -> None:
        super().__init__()
        self.full = full
        for entity in entities:
            self.add(entity)
        self.finish()
        # A copy: lookups remember the weights of query words no list holds.
        self.weights = dict(full.weights)

    def _frequency(self, token: str, key: str) -> int:
        return self.full._frequency(token, key)

    def reaches(self, token: str, key: str) -> bool:
        """Whether looking this query word up finds any name here (cached by the index)."""
        return len(self._token_hits(token, key)[0]) > 0


def affected(
    screener: Screener,
    new: Sequence[Entity],
    gone: set[str],
    parties: Sequence[Party],
) -> set[str]:
    """Ids of the parties whose screening can differ because of the change: `new` are the
    new contents, `gone` the refs ("source:id") of the entries removed or amended."""
    index = ChangedIndex(screener.index, new) if new else None
    config = MatchConfig(token_weight=screener.index.token_weight)
    cutoff = screener.threshold - SCORE_MARGIN
    found = set()
    for party in parties:
        unknown = party.floor is None or not party.tokens or party.candidates is None
        # Never screened by this code (nothing to go by), or offered an entry now gone.
        if unknown or gone.intersection(party.candidates or ()):
            found.add(party.id)
            continue
        if index is not None and _offered_and_close(index, party, config, screener, cutoff):
            found.add(party.id)
    return found


def _offered_and_close(
    index: ChangedIndex, party: Party, config: MatchConfig, screener: Screener, cutoff: float
) -> bool:
    floor = max(0.0, (party.floor or 0.0) - COVERAGE_MARGIN)
    query = query_of(party)
    # The bound is of a share of the query (at most 1); a floor above it is that of a party
    # offered ten exact names (coverage 1.5), which an exact new name may join.
    if not query.identifiers and _bound(index, party) < min(floor, 1.0 - COVERAGE_MARGIN):
        return False  # no new content covers enough of the name: nothing to score
    schemas = COMPATIBLE.get(query.schema) if query.schema else None
    hits = index.candidates(
        query,
        (_stored_form(party),),
        limit=len(index.entities),
        min_coverage=floor,
        schemas=schemas,
    )
    if not hits:
        return False
    forms = query_forms(query)
    return any(_best_score(index, query, forms, hit.entity, config, screener) >= cutoff
               for hit in hits)  # fmt: skip


def _bound(index: ChangedIndex, party: Party) -> float:
    """An upper bound of the coverage of any name here: the shares of the query words (and
    word pairs) whose lookup finds anything at all. Exact names are all words found."""
    variants, keys, _ = party.tokens
    best = 0.0
    for variant, keyed in zip(variants, keys, strict=True):
        weights = [index.token_weight(k) if len(k) > 1 else 0.0 for k in keyed]
        total = sum(weights) or 1.0
        shares = [w / total for w in weights]
        bound = sum(s for s, t, k in zip(shares, variant, keyed, strict=True)
                    if index.reaches(t, k))  # fmt: skip
        for i in range(len(variant) - 1):
            joined = variant[i] + variant[i + 1]
            if len(joined) >= JOINED_LENGTH and index.reaches(joined, joined):
                bound += shares[i] + shares[i + 1]
        best = max(best, bound)
    return best


def _stored_form(party: Party) -> NameForm:
    variants, keys, sorted_keys = party.tokens
    return NameForm(
        text=party.name,
        script=None,
        variants=tuple(tuple(v) for v in variants),
        keys=tuple(tuple(k) for k in keys),
        renderings=(),
        sorted_keys=tuple(tuple(k) for k in sorted_keys),
    )


def _best_score(
    index: Index,
    query: Query,
    forms: tuple[NameForm, ...],
    position: int,
    config: MatchConfig,
    screener: Screener,
) -> float:
    """The score of one entry for a query, compared on all of the entry's names: at least
    what screen() gives on the few names the index ranks first."""
    names = tuple((index.names[p], index.forms[p]) for p in index.entity_names[position])
    pair = with_names(Pair(query, forms, index.entities[position], names), config)
    return score_pair(pair, screener.algorithm, config).score
