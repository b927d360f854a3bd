"""Which monitored parties a list change can affect, without screening them all.

A party's full screening stores what the next change needs (`outcome`): the entries the index
offered it as candidates, the coverage an entry needs to be offered (the tenth candidate's
when there were ten or more, those tied with the tenth offered too; never under what
screen() requires; not raised to the best's less the gap screen() allows, since an entry
that far behind is scored when spelled like the party's name), its best score under the
threshold and its name's lookup tokens. No candidates are kept when fewer than ten entries
filled the names the index ranks (they need not be every entry covering enough): the next
delta screens that party in full. When entries change:

- an entry removed, or amended in what the index holds of it (`same_in_the_index`), that
  the party was offered: when that can let another entry in (`_loses_a_candidate`), the
  party gets the index lookup screen() makes, and the entries it would now score for the
  first time are scored as screen() scores them; affected when one comes within
  `SCORE_MARGIN` of the threshold, otherwise its alerts stand and only its stored candidates
  and floor are brought up to date (`Affected.outcomes`). A party offered fewer than ten
  was offered every entry covering enough: it needs no lookup when the name ceilings of
  those left stay under the bar (`_left_far_behind`);
- a new content (an added entry, or an amended one as it is now): looked up in an index of
  only the new contents (`ChangedIndex`), which judges words as the full index does (weights,
  common words). Its lookups against a small vocabulary find at least what the full index finds
  among these names, so its coverage bounds the full index's from above. A party whose stored
  tokens reach no new content, or only under its floor, cannot be offered one. The words of
  the whole population are tested cheaply before they are looked up, each once
  (`ChangedIndex.prepare`): most reach nothing. Every party's coverage of every new name
  is then summed for all of them at once over arrays, as the index sums it
  (`ChangedIndex.reach`): 16,109 of the benchmark's 100,000 parties reach a new content at
  their floors. One that is offered a new content is affected only when that entry scores within
  `SCORE_MARGIN` of the threshold (compared on each of its names that may cover
  `MIN_COVERAGE` of the party's, the only ones the index passes on to screen()): otherwise
  the entry takes a place among its candidates without changing its alerts (the one it pushes
  out, if any, was no alert and no near miss, or the party is rescreened for that reason
  anyway).

In both cases an entry is aligned and scored only when the ceiling of its name score
(`monitor.ceiling`) reaches the name score the party needs for any entry to come within
`SCORE_MARGIN` of the threshold, given what it states beside its name (`match.highest`: about
0.79 with neither a birth date nor a country, 0.65 with both): of some 25,000 (party, new
entry) pairs the SDN change of `bench/rescreen.py` offers, some 70 are aligned.

The callers add the parties with alerts and near misses: a change of the lists moves every
token weight a little, so their scores can move.

Under proscribe-v6 the lists' words also decide which words pair (`NameRules.listed_apart`:
two listed words two edits apart do not). A word the change leaves in no list may now pair
with a listed word, so a party holding it may score higher against an entry that did not
change: such parties are screened in full (`_unlisted`; a word newly listed can only lower
scores, which the parties with alerts and near misses cover).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA, DamerauLevenshtein, Indel

from proscribe.index import Candidate, Index
from proscribe.index.arrays import Positions, find_in, spans
from proscribe.index.build import (
    COMMON_DF,
    DISTANCE_TWO_LENGTH,
    EXPLAINED,
    MIN_DELETE_LENGTH,
    MOST_WEIGHT,
    NEAR_SIMILARITY,
    PREFIX_LENGTH,
    RANKED_NAMES_PER_CANDIDATE,
)
from proscribe.index.filing import entity_forms, name_tokens
from proscribe.match import MatchConfig, Pair
from proscribe.match.compare import Aligned, score_pair, with_names
from proscribe.match.highest import Stated, lowest_name_score
from proscribe.match.names import ruled_vocabulary
from proscribe.model import Entity, Query, Schema
from proscribe.monitor.ceiling import Listed, Side, Weight, ceiling_of, listed_of, side
from proscribe.monitor.parties import query_of
from proscribe.screen import ScreeningResult
from proscribe.screen.screen import (
    CANDIDATES,
    COMPATIBLE,
    MIN_COVERAGE,
    MIN_NAME_SIMILARITY,
    NAMES_PER_CANDIDATE,
    compared,
    competing,
    query_forms,
)
from proscribe.screener import Screener
from proscribe.store.monitoring import Party, ScreeningOutcome
from proscribe.text.forms import NameForm
from proscribe.text.phonetic import phonetic_key
from proscribe.text.variants import canonical_token

# Coverages in the small index are at least the full index's; the margin only absorbs float
# rounding and the slight move of weights between the screening that set the floor and now.
COVERAGE_MARGIN = 0.01
# A new entry compared on every name the index may pass on scores at least what screen()
# gives it on the few of them the index ranks first, but for the order in which equally good
# names are tried.
SCORE_MARGIN = 0.05
ROUNDING = 1e-4  # a score is reported to four places: rounded up by 5e-5 at most
FLOAT_SLACK = 1e-9  # a sum of shares may round either way of the same sum taken term by term
JOINED_LENGTH = 6  # the index looks two query words up as one from this length on
PROGRESS_EVERY = 5_000  # parties judged between two reports


# The schemas a party's schema admits, by the name stored with it: making the enum for each
# of the 20,000 parties reaching a new content took a sixth of `_entities_reached` (line
# profiler, 54 of 319 ms).
_COMPATIBLE: dict[str, frozenset[Schema]] = {s.value: c for s, c in COMPATIBLE.items()}
_NOTHING: dict[int, float] = {}  # what a word that reaches no name here finds (never modified)
_NO_TOKENS: tuple[list[list[str]], ...] = ([], [], [])  # a party's tokens before any screening

# A word looked up in the changed index: (token, key, whether it is two words written as one).
Lookup = tuple[str, str, bool]


def ref(entity: Entity) -> str:
    return f"{entity.source}:{entity.id}"


def same_in_the_index(before: Entity, after: Entity) -> bool:
    """Whether two contents of an entry are one to the index: the same names, schema, source
    and identifiers (all it looks up, blocks and ranks by). An entry amended in its programs,
    addresses, dates or remarks is offered to the same parties as before (7 of the 16 SDN
    amendments between 2021-04-25 and 2021-07-07)."""
    return (before.schema, before.source, before.names, before.identifiers) == (
        after.schema,
        after.source,
        after.names,
        after.identifiers,
    )


def outcome(screener: Screener, query: Query, result: ScreeningResult) -> ScreeningOutcome:
    """What a full screening of a party leaves for the next delta rescreen."""
    forms = query_forms(query)
    best_miss = max((m.score for m in result.matches if not m.match), default=None)
    found = result.offered
    if found is None:
        found = tuple(_offered(screener.index, query, forms))
    return _outcome_of(screener.index, found, forms, best_miss)


def _offered(index: Index, query: Query, forms: tuple[NameForm, ...]) -> list[Candidate]:
    """The candidates screen() takes from the index for a party."""
    schemas = COMPATIBLE.get(query.schema) if query.schema else None
    return index.candidates(
        query, forms, limit=CANDIDATES, min_coverage=MIN_COVERAGE, schemas=schemas
    )


def _outcome_of(
    index: Index, found: Sequence[Candidate], forms: tuple[NameForm, ...], near: float | None
) -> ScreeningOutcome:
    # Twins (`index.twins`) and entries whose name the party explains whole come beside the
    # ranked entries, not in their places: the floor is what the last of those covers.
    named = [c for c in found if not c.identifier_hit and not c.twin and not c.explained]
    # Not raised to the best's less the gap screen() allows: an entry that far behind is
    # still scored when spelled like the party's name (`screen.competing`).
    floor = MIN_COVERAGE
    if len(named) >= CANDIDATES:
        floor = max(floor, named[-1].coverage)
    # Fewer than ten entries offered means every entry covering enough was offered (what
    # `_loses_a_candidate` relies on), unless their names filled the index's cut: then an
    # entry whose names ranked below it may come in when one of these goes. Not recorded,
    # so that the next delta screens the party in full (none of 20,000 parties of the
    # benchmark's population with fewer than ten was in that case).
    ranked = sum(len(c.names) for c in named)
    crowded = len(named) < CANDIDATES and ranked >= CANDIDATES * RANKED_NAMES_PER_CANDIDATE
    offered = tuple(ref(index.entities[c.entity]) for c in found)
    return ScreeningOutcome(near, floor, lookup_tokens(forms[0]), None if crowded else offered)


def lookup_tokens(form: NameForm) -> list[list[list[str]]]:
    """What a delta looks a party up by, as its outcome keeps it: the variants of its name,
    their keys and their sorted keys."""
    return [
        [list(v) for v in form.variants],
        [list(k) for k in form.keys],
        [list(k) for k in form.sorted_keys],
    ]


class Affected(NamedTuple):
    """What a change does to the population: the ids of the parties to screen in full, and
    new outcomes for parties whose alerts stand but whose candidates changed."""

    ids: set[str]
    outcomes: dict[str, ScreeningOutcome]


class Reach(NamedTuple):
    """How a party reaches an entity of the changed index: the names to compare (positions),
    and whether by an identifier (then every name of the entity)."""

    names: tuple[int, ...]
    identifier_hit: bool


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
        # "Is this a known word?" answered as the full index answers it: the lookups it gates
        # (completions, beginnings, two edits) then run when the full index runs them; the
        # postings stay this index's (a word only the full index knows has none here).
        self.token_ids = _Vocabulary(self.token_ids, full.token_ids)
        self._found: dict[Lookup, dict[int, float]] = {}
        # Two words written as one that reach names here (`_prepare_joined`).
        self._joined: dict[str, dict[int, float]] = {}
        # The names here holding a word near a looked-up word that is common in the full
        # index: they only add to names other words opened (`Index._cover`).
        self._found_common: dict[Lookup, set[int]] = {}
        # What `_may_reach` tests a word against: the words here, their sounds and the
        # beginnings a completion looks for (one edit: `_within_one_edit`).
        own = set(self.token_ids.keys())
        self._own = own
        self._sounds = set(self.sounds)
        self._long = sorted({t for bucket in self.long_tokens.values() for t in bucket})
        # The words here a word of each length can be two edits from (lengths two apart at
        # most), and one edit from (one apart), made once: a rescreen tests thousands.
        self._long_near: dict[int, list[str]] = {}
        self._own_near: dict[int, list[str]] = {}
        self._two_tested: dict[str, bool] = {}  # word -> within two edits of a word here
        # The beginnings of the words here: a word that starts with none of them cannot start
        # with a word here (most words are ruled out without trying each of their beginnings).
        self._starts = {t[:PREFIX_LENGTH] for t in own if len(t) >= PREFIX_LENGTH}
        self._prefixes = {
            t[:end] for t in self.sorted_tokens for end in range(PREFIX_LENGTH, len(t))
        }
        # The names by their sorted keys, as `exact` holds them: a dictionary answers the
        # question asked of every party many times faster than the packed lookup.
        self._exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for position, form in enumerate(self.forms):
            for words in form.sorted_keys:
                self._exact[tuple(words)].append(position)
        self._listed: dict[int, list[Listed]] = {}
        # Each name's entity and each entity's schema as plain lists: asked for each of the
        # 20,000 parties that reach a name here, where indexing numpy's arrays makes a scalar
        # object each time.
        self._owners: list[int] = self.name_entity.tolist()
        self._schemas = [entity.schema for entity in self.entities]

    def listed(
        self, positions: Iterable[int], weight: Weight, vocabulary: Container[str]
    ) -> list[Listed]:
        """The renderings of these names (positions here) as the name ceiling reads them,
        each made once: the delta compares each with thousands of parties. `weight` and
        `vocabulary` are the same for the whole of a delta."""
        return _listed(self._listed, self.forms, positions, weight, vocabulary)

    def _finish_tokens(self, typo_tokens: set[str], counts: list[int], total: int) -> None:  # noqa: ARG002
        # Near spellings (one edit, sound, completion, two edits) of every word here, not only
        # of the names' own words: the full index finds a name here through a near spelling
        # that is a word of another list name there, and that may be two words of a name
        # here written as one ('ALAAOER' sounds like ALRAWI, a name's AL RAWI joined).
        super()._finish_tokens(set(self.token_ids), counts, total)

    def _frequency(self, token: str, key: str) -> int:
        return self.full._frequency(token, key)

    def name_counts(self, tokens: Sequence[str]) -> npt.NDArray[np.int64]:
        # Common as the full index counts it, word by word (`_frequency`) or all at once.
        return self.full.name_counts(tokens)

    def _near_tokens(self, token: str, *, joined: bool = False) -> set[str]:
        # The full index looks no further than the exact names of a word in more than
        # COMMON_DF names, and the names holding a word one edit from it, which only add to
        # the names others opened (`Index._one_edit_names`): here they are found as near
        # words, at least what the full index adds.
        if len(self.full._postings(token)) > COMMON_DF:
            return set() if joined else self._delete_neighbours(token)
        return super()._near_tokens(token, joined=joined)

    def _too_common(self, token: str, postings: Positions) -> bool:  # noqa: ARG002
        # Common as the full index counts it: the near words in more than COMMON_DF names
        # there open no names, and only add to those others opened.
        return len(self.full._postings(token)) > COMMON_DF

    def _two_edits(self, token: str) -> list[str]:
        # The vectorised test first (its answer from `prepare` when the word was tested
        # there): most words are within two edits of no word here.
        if not self._two_apart(token):
            return []
        return super()._two_edits(token)

    def _two_apart(self, token: str) -> bool:
        """Whether `token` is within two edits of a word here (remembered)."""
        near = self._two_tested.get(token)
        if near is None:
            near = self._two_tested[token] = token in self._within_two_edits((token,))
        return near

    def prepare(self, words: Iterable[Lookup], joins: Iterable[str]) -> None:
        """Look many words up at once, each once: single words (word, key, False), and two
        words written as one (the joined text, looked up as `Index._cover` looks it up); the
        names each finds here, with the index's similarity, kept for `found`. The cheap tests
        of `_may_reach` run first, the one-edit and two-edit tests for all the words that
        need them in one vectorised pass each: most words reach nothing, and are not looked
        up."""
        self._prepare_words(words)
        self._prepare_joined(joins)

    def found(self, lookup: Lookup) -> dict[int, float]:
        """The names a prepared lookup finds here, with the index's similarity."""
        if lookup[2]:
            return self._joined.get(lookup[0], _NOTHING)
        return self._found[lookup]

    def _prepare_words(self, lookups: Iterable[Lookup]) -> None:
        """`prepare` for single words."""
        pending = set(lookups).difference(self._found)
        near_one = self._within_one_edit({token for token, _, _ in pending})
        undecided: list[Lookup] = []
        reaching: list[Lookup] = []
        for lookup in pending:
            token, key, _ = lookup
            reach = self._may_reach(token, key, token in near_one)
            if reach is None:
                undecided.append(lookup)
            elif reach:
                reaching.append(lookup)
            else:
                self._found[lookup] = {}
        # The words found otherwise are tested too: their lookup tries two edits as well
        # when it finds nothing nearer, and a test of one word costs as much as of hundreds.
        tested = {token for token, _, _ in undecided} | {
            token for token, _, _ in reaching if len(token) >= DISTANCE_TWO_LENGTH
        }
        near = self._within_two_edits(tested)
        self._two_tested.update((token, token in near) for token in tested)
        for lookup in undecided:
            self._look_up(lookup, lookup[0] in near)
        for lookup in reaching:
            self._look_up(lookup, True)

    def _prepare_joined(self, joins: Iterable[str]) -> None:
        """`prepare` for two words written as one (each looked up as (word, word, True)), all
        at once: the index looks them up by their exact form, one edit, sound and
        completions only (`Index._near_tokens`), so a word reaches nothing here unless it is
        a word here, may be one edit from one (`_within_one_edit`), sounds like one, or,
        unknown to the lists, begins one; asked with set operations. A population's 157,000
        such words, nearly all reaching nothing, cost 1.1 s asked one by one, 0.7 s so. Only
        those that reach something are kept (`_joined`); a delta asks for each once, so
        none is remembered as tested."""
        pending = set(joins)
        reaching = pending & self._own
        rest = pending - reaching
        if rest and min(map(len, rest)) < MIN_DELETE_LENGTH - 1:
            # Shorter than any word the index looks up by one edit, sound or beginning.
            rest = {token for token in rest if len(token) >= MIN_DELETE_LENGTH - 1}
        reaching |= self._within_one_edit(rest)
        rest -= reaching
        known = self.full.token_ids
        reaching.update(
            token
            for token in rest & self._prefixes
            if len(token) >= PREFIX_LENGTH and token not in known
        )
        rest -= reaching
        # Keyed without the shared cache, which they would otherwise fill with keys no later
        # lookup asks for again, pushing out the single words' keys that the name ceiling's
        # similarities need.
        sounds, key = self._sounds, phonetic_key.__wrapped__
        reaching.update(token for token in rest if key(token) in sounds)
        for token in reaching:
            found = self._look_up((token, token, True), True)
            if found:
                self._joined[token] = found

    def _look_up(self, lookup: Lookup, reach: bool) -> dict[int, float]:
        found: dict[int, float] = {}
        if reach:
            token, key, joined = lookup
            (names, similarity), common = self._token_lookup(token, key, joined=joined)
            found = dict(zip(names.tolist(), similarity.tolist(), strict=True))
            if len(common):
                self._found_common[lookup] = set(common.tolist())
        self._found[lookup] = found
        return found

    def _may_reach(self, token: str, key: str, one_edit: bool) -> bool | None:
        """False when the lookup of `_find_token` surely finds nothing here for a single word,
        None when only its two-edit step could find something: each test is the cheap half
        of one of its ways to find a word (exact, one edit, sound, completion, beginning), so
        a word failing all of them need not be looked up. Most words of a population reach
        none of the few names a change brings. `one_edit`: whether the word may be one edit
        from a word here, as `_within_one_edit` says for many words at once."""
        own = self._own
        if token in own or key in own:
            return True
        if len(token) < MIN_DELETE_LENGTH - 1:
            return False
        if one_edit:
            return True
        if phonetic_key(token) in self._sounds:
            return True
        # Completions and two edits are for unknown words only; beginnings for every word.
        known = token in self.full.token_ids
        if not known and len(token) >= PREFIX_LENGTH and token in self._prefixes:
            return True
        if token[:PREFIX_LENGTH] in self._starts and any(
            token[:end] in own for end in range(PREFIX_LENGTH, len(token))
        ):
            return True
        if known:
            return False
        # Two edits (tried by the index only when nothing nearer exists: a bound, not more).
        return None if len(token) >= DISTANCE_TWO_LENGTH else False

    def _within_one_edit(self, tokens: Collection[str]) -> set[str]:
        """Those of `tokens` that may be one edit from a word here as the index's one-edit
        lookup sees it (a word, or the word less one letter, equal to a word here, or to a
        word here less one letter), in one vectorised pass instead of each word's deletions
        (making them took about half of `prepare`'s time). Each such pair is at most two
        insertions or deletions apart (Indel distance) and at most one letter apart in
        length, so this set holds every word the lookup can find, and a few more it then
        finds nothing for."""
        return self._within(tokens, Indel.distance, 1, self._own, self._own_near)

    def _within_two_edits(self, tokens: Collection[str]) -> set[str]:
        """Those of `tokens` within two edits of a word here that the two-edit lookup tries
        (two edits change the length by two at most)."""
        return self._within(tokens, OSA.distance, 2, self._long, self._long_near)

    @staticmethod
    def _within(
        tokens: Collection[str],
        distance: Callable[..., Any],
        span: int,
        words: Collection[str],
        by_length: dict[int, list[str]],
    ) -> set[str]:
        """Those of `tokens` at most two apart by `distance` from one of `words` no more than
        `span` letters longer or shorter: one matrix per length. `by_length` remembers the
        words each length is compared with."""
        found: set[str] = set()
        groups: dict[int, list[str]] = defaultdict(list)
        for token in tokens:
            groups[len(token)].append(token)
        for length, group in groups.items():
            near = by_length.get(length)
            if near is None:
                near = by_length[length] = [w for w in words if abs(len(w) - length) <= span]
            if not near:
                continue
            # One thread for a single word: starting the others costs more than it saves.
            workers = -1 if len(group) > 1 else 1
            distances = process.cdist(
                group, near, scorer=distance, score_cutoff=2, dtype=np.int8, workers=workers
            )
            close: list[bool] = np.any(distances <= 2, axis=1).tolist()
            found.update(t for t, near_one in zip(group, close, strict=True) if near_one)
        return found

    def reach(
        self,
        parties: Sequence[Party],
        gathered: _Gathered | None = None,
        among: Collection[int] | None = None,
    ) -> list[tuple[Party, dict[int, Reach]]]:
        """The parties that may be offered a new content, each with the entities (positions
        here) whose names may cover its floor (`covering_floor`) in the full index, and for
        each the names screen() may compare: those that may cover MIN_COVERAGE, below which
        the index passes no name on, and exact names; all names for an identifier hit. Found
        also: the entities holding a name equal to the party's or one it explains whole
        (offered whatever the floor), and its identifier hits. `gathered`: the parties'
        words gathered already; `among`: the numbers of the parties asked about (all when
        None)."""
        gathered, coverage = self.covering(parties, gathered)
        whole = self._explained_rows(gathered, coverage)
        # A name equal to one here needs each key of one of the party's variants to be a
        # word here: only such parties are looked up by their names' sorted keys.
        own = self._own
        elsewhere = np.array([key not in own for _, key in gathered.singles] or [False])
        left_out = np.bincount(
            gathered.single_rows,
            weights=elsewhere[gathered.single_words].astype(np.float64),
            minlength=len(gathered.row_party),
        )
        listed = set(gathered.row_party[left_out == 0].tolist())
        asked = range(len(parties)) if among is None else among
        return self._reaching(parties, gathered, coverage, whole, listed, asked)

    def covering(
        self, parties: Sequence[Party], gathered: _Gathered | None = None
    ) -> tuple[_Gathered, Coverage]:
        """Each variant of each party (a row of `_Gathered`) with its coverage of each name
        here its words reach, summed for all of them at once over arrays
        (`_Gathered.coverage`) as `Index._cover` sums it, from lookups that find at least what
        the full index finds among these names: the words of the whole population are looked
        up first, each once (`prepare`; most reach nothing)."""
        if gathered is None:
            gathered = _Gathered(parties)
        singles, joins = list(gathered.singles), list(gathered.joins)
        self.prepare([(token, key, False) for token, key in singles], joins)
        weight, initial, common = self.word_roles(singles)
        # Words that open names on their own unless every word of the variant is common:
        # neither initials nor common (in more than COMMON_DF names of the full index).
        rare = ~initial & ~common
        plain = ~initial
        found = [self._found[(token, key, False)] for token, key in singles]
        near_common = [self._near_common((token, key, False)) for token, key in singles]
        joined = [self._joined.get(j, _NOTHING) for j in joins]
        hits = (found, near_common, joined)
        return gathered, gathered.coverage(weight, rare, plain, hits, len(self.name_entity))

    def _near_common(self, lookup: Lookup) -> dict[int, float]:
        """The names holding a word near a looked-up word that is common in the full index,
        and that the word itself does not reach, at the index's similarity for them: the
        word adds to them only where other words opened them (`Index._cover`)."""
        common = self._found_common.get(lookup)
        if not common:
            return {}
        found = self._found[lookup]
        return {name: NEAR_SIMILARITY for name in common if name not in found}

    def _explained_rows(self, gathered: _Gathered, coverage: Coverage) -> dict[int, list[int]]:
        """The names each variant (row) explains whole, of the names it may pass on at all
        (at least every name the full index asks about): by weight (`Index.explained_by`),
        from its coverages of them, asked only of the few a cheap test lets through (its
        words' weight, and a word's weight at most for each initial, reach the name's); and
        word by word through near spellings (`Index.explained_near`)."""
        rows, names, values, total, initials = coverage
        lengths = self.name_length[names]
        passed_on = (
            (values + FLOAT_SLACK >= MIN_COVERAGE - COVERAGE_MARGIN)
            & (lengths >= 2)
            & (lengths <= gathered.row_size[rows])
        )
        weighed = values * total[rows] + MOST_WEIGHT * initials[rows] + FLOAT_SLACK
        maybe = np.flatnonzero(passed_on & (weighed >= EXPLAINED * self.name_weights(names)))
        out: dict[int, list[int]] = defaultdict(list)
        # The coverages come by row (ascending): each row's names are one run.
        for at in _runs(rows, maybe):
            row = int(rows[at[0]])
            variant, row_total = gathered.variants[row], float(total[row])
            whole = self.explained_by(variant, row_total, names[at], values[at], FLOAT_SLACK)
            if whole:
                out[row] = whole
        for at in _runs(rows, np.flatnonzero(passed_on)):
            row = int(rows[at[0]])
            near = self.explained_near(
                gathered.variants[row], gathered.keys[row], names[at], out.get(row, ())
            )
            if near:
                out[row] += near
        return out

    def _reaching(
        self,
        parties: Sequence[Party],
        gathered: _Gathered,
        coverage: Coverage,
        whole: dict[int, list[int]],
        listed: Iterable[int],
        asked: Collection[int],
    ) -> list[tuple[Party, dict[int, Reach]]]:
        """Each party's entities reached (see `reach`), from its variants' coverages, the
        names they explain whole, and for the parties `listed` (by number: those that may
        hold a name equal to one here) their equal names; of the parties `asked` (numbers,
        ascending)."""
        rows, names, values, _, _ = coverage
        owners = gathered.row_party[rows]
        kept = np.zeros(len(parties), dtype=np.bool_)
        kept[np.fromiter(asked, dtype=np.int64, count=len(asked))] = True
        comparable = (values + FLOAT_SLACK >= MIN_COVERAGE - COVERAGE_MARGIN) & kept[owners]
        floors = np.zeros(len(parties))
        for number in np.unique(owners[comparable]).tolist():
            floors[number] = covering_floor(parties[number])
        at_floor = values + FLOAT_SLACK >= floors[owners]
        # Per party: the names it may compare, and those that reach its floor.
        compared: dict[int, set[int]] = defaultdict(set)
        reaching: dict[int, set[int]] = defaultdict(set)
        for owner, name, enough in zip(
            owners[comparable].tolist(),
            names[comparable].tolist(),
            at_floor[comparable].tolist(),
            strict=True,
        ):
            compared[owner].add(name)
            if enough:
                reaching[owner].add(name)
        for row, explained in whole.items():
            owner = int(gathered.row_party[row])
            if kept[owner]:
                reaching[owner].update(explained)
        equal: dict[int, set[int]] = {}
        for number in sorted(n for n in listed if kept[n]):
            sorted_keys = parties[number].tokens[2]
            exact = {n for words in sorted_keys for n in self._exact.get(tuple(words), ())}
            if exact:
                equal[number] = exact
                reaching[number].update(exact)
        out = []
        identified = (n for n in asked if parties[n].identifiers)
        for number in sorted(reaching.keys() | set(identified)):
            party, held = parties[number], reaching.get(number, set())
            entities = self._entities_reached(
                party, held, compared.get(number, set()) | equal.get(number, set())
            )
            if entities:
                out.append((party, entities))
        return out

    def _entities_reached(
        self, party: Party, reaching: set[int], comparable: set[int]
    ) -> dict[int, Reach]:
        """The entities of the names `reaching`, each with its names among `comparable`
        (ascending), and the party's identifier hits; those of a schema the party's admits."""
        owner = self._owners
        names: dict[int, list[int]] = {owner[n]: [] for n in reaching}
        for name in sorted(comparable):
            found = names.get(owner[name])
            if found is not None:
                found.append(name)
        out = {entity: Reach(tuple(found), False) for entity, found in names.items()}
        if party.identifiers:
            for entity in self._identifier_hits(query_of(party)):
                out[entity] = Reach(self.entity_names[entity], True)
        schemas = _COMPATIBLE.get(party.schema) if party.schema else None
        if schemas is None:
            return out
        return {e: found for e, found in out.items() if self._schemas[e] in schemas}


class _Gathered:
    """The words of many parties' variants, each distinct word and each two adjacent words
    written as one numbered once (as `ChangedIndex.covering` looks them up), and which
    variant (row) holds which, as arrays. Gathered with iterations that run in C (chained,
    zipped, mapped): a population's 130,000 variants hold some 400,000 words and 300,000
    pairs, and a Python step for each cost more than the vector work it feeds."""

    def __init__(self, parties: Sequence[Party]) -> None:
        # A party never screened has no tokens: no variant, no row.
        tokens = [party.tokens or _NO_TOKENS for party in parties]
        variants = list(itertools.chain.from_iterable(t[0] for t in tokens))
        self.keys = list(itertools.chain.from_iterable(t[1] for t in tokens))  # by row
        words = list(itertools.chain.from_iterable(variants))
        sizes = np.fromiter(map(len, variants), dtype=np.int64, count=len(variants))
        self.row_size = sizes
        self.row_party = np.repeat(
            np.arange(len(parties)),
            np.fromiter((len(t[0]) for t in tokens), dtype=np.int64, count=len(tokens)),
        )
        self.single_rows = np.repeat(np.arange(len(variants)), sizes)
        # Numbered by the word alone, and keyed once per distinct word: a word's key is a
        # function of the word (`text.forms.name_form` keys each token by `canonical_token`),
        # and pairing every word with its stored key cost a tuple and its hash per word (a
        # third of the gathering).
        numbered = _numbered(words)
        self.singles = {(word, canonical_token(word)): number for word, number in numbered.items()}
        self.single_words = np.fromiter(
            map(numbered.__getitem__, words), dtype=np.int64, count=len(words)
        )
        # Two adjacent words of one variant, long enough together to be looked up as one.
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        last = np.cumsum(sizes) - 1  # where each variant's last word is
        follows = np.ones(max(len(words) - 1, 0), dtype=np.bool_)
        follows[last[(last >= 0) & (last < len(words) - 1)]] = False
        follows &= lengths[:-1] + lengths[1:] >= JOINED_LENGTH
        at = np.flatnonzero(follows)
        joined = [words[i] + words[i + 1] for i in at.tolist()]
        self.joins = _numbered(joined)
        self.join_words = np.fromiter(
            map(self.joins.__getitem__, joined), dtype=np.int64, count=len(joined)
        )
        self.variants = variants
        self.join_rows = self.single_rows[at]
        self.join_at = at  # where each joined pair's first word is among the words

    def coverage(
        self,
        weight: npt.NDArray[np.float64],
        rare: npt.NDArray[np.bool_],
        plain: npt.NDArray[np.bool_],
        hits: tuple[Hits, Hits, Hits],
        size: int,
    ) -> Coverage:
        """Each variant's coverage of each name its words reach, summed as `Index._cover`
        sums it: the words that open names (`Index._word_roles`) open them, the others add to
        the names opened, a word near a common word adds to the opened names holding that word
        (`NEAR_SIMILARITY`) that it missed, and two adjacent words written as one add where
        that reading beats the words' own. `weight`, `rare` and `plain` (not an initial) by
        single word; `hits`: by single word the names it reaches and those holding a word near
        it that is common (`ChangedIndex._near_common`), by joined pair the names it reaches;
        `size`: how many names there are."""
        found, near_common, joined = hits
        variants = len(self.row_party)
        rows, words = self.single_rows, self.single_words
        total = np.bincount(rows, weights=weight[words], minlength=variants)
        total[total == 0.0] = 1.0
        # A variant whose words are all common (or initials) opens names with its common words.
        every_common = np.bincount(rows, weights=rare[words].astype(np.float64), minlength=variants)
        opens = plain[words] & (rare[words] | (every_common == 0)[rows])
        share = weight[words] / total[rows]  # each word's, in the order the index divides
        # Each word's names, and the names it adds to only where others opened them.
        word, name, similarity = _expanded(words, found)
        keys = rows[word] * size + name
        opened = np.unique(keys[opens[word]])
        near, near_name, _ = _expanded(words, near_common)
        near_keys = rows[near] * size + near_name
        _, kept = find_in(opened, near_keys)
        near, near_name, near_keys = near[kept], near_name[kept], near_keys[kept]
        # What each word adds to a name (a word holds a name once: its own hits and the names
        # near a common word it missed are apart).
        at_word = np.concatenate([word * size + name, near * size + near_name])
        added = np.concatenate([share[word] * similarity, share[near] * NEAR_SIMILARITY])
        adds_to = np.concatenate([keys, near_keys])
        slots, counted = find_in(opened, adds_to)
        summed_words = np.bincount(slots[counted], weights=added[counted], minlength=len(opened))
        # Two adjacent words written as one: its reading counts where it beats theirs (on the
        # names opened; on the others it adds all it covers).
        pair, pair_name, pair_similarity = _expanded(self.join_words, joined)
        first = self.join_at[pair]
        pair_keys = self.join_rows[pair] * size + pair_name
        both = (weight[words[first]] + weight[words[first + 1]]) / total[rows[first]]
        gain = both * pair_similarity
        _, replaced = find_in(opened, pair_keys)
        order = np.argsort(at_word, kind="stable")
        sorted_words, sorted_added = at_word[order], added[order]
        for step in (0, 1):
            slots, held = find_in(sorted_words, (first + step) * size + pair_name)
            own = np.zeros(len(slots))
            own[held] = sorted_added[slots[held]]
            gain -= np.where(replaced, own, 0.0)
        better = gain > 0.0
        every = np.concatenate([opened, pair_keys[better]])
        value = np.concatenate([summed_words, gain[better]])
        distinct, group = np.unique(every, return_inverse=True)
        summed = np.bincount(group, weights=value).astype(np.float64, copy=False)
        initials = np.bincount(rows, weights=(~plain[words]).astype(np.float64), minlength=variants)
        return Coverage(
            distinct // size,
            (distinct % size).astype(np.int32),
            summed,
            total.astype(np.float64, copy=False),
            initials.astype(np.float64, copy=False),
        )


def _runs(rows: npt.NDArray[np.int64], chosen: npt.NDArray[np.intp]) -> list[npt.NDArray[np.intp]]:
    """The places `chosen` (ascending) split into runs of one row each (`rows` ascending)."""
    if not len(chosen):
        return []
    starts = np.flatnonzero(np.diff(rows[chosen], prepend=-1))
    return np.split(chosen, starts[1:])


class Coverage(NamedTuple):
    """What `_Gathered.coverage` sums: for each (variant, name) reached, the variant's row,
    the name's position and the coverage; and by row the words' summed weights and how many
    initials the variant holds."""

    rows: npt.NDArray[np.int64]
    names: Positions
    values: npt.NDArray[np.float64]
    totals: npt.NDArray[np.float64]
    initials: npt.NDArray[np.float64]


# By single word (or joined pair) numbered: the names it reaches, with a similarity.
Hits = Sequence[dict[int, float]]


def _expanded(
    lookups: npt.NDArray[np.int64], hits: Hits
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """For words (or pairs) looked up as `lookups` (each one's number in `hits`), every name
    each reaches: which of them (a place in `lookups`), the name, the similarity."""
    counts = np.array([len(found) for found in hits] or [0], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)])
    names = np.fromiter(itertools.chain.from_iterable(hits), dtype=np.int64, count=int(starts[-1]))
    similarity = np.fromiter(
        itertools.chain.from_iterable(found.values() for found in hits),
        dtype=np.float64,
        count=int(starts[-1]),
    )
    reaching = np.flatnonzero(counts[lookups] > 0) if len(lookups) else np.zeros(0, np.int64)
    at, which = spans(starts[lookups[reaching]], counts[lookups[reaching]])
    return reaching[which], names[at], similarity[at]


def _numbered(items: Iterable[Any]) -> dict[Any, int]:
    """Each distinct item's number, in the order first met."""
    return {item: number for number, item in enumerate(dict.fromkeys(items))}


class _Vocabulary(dict[str, int]):
    """A word -> number map whose membership test also knows another index's words."""

    def __init__(self, own: dict[str, int], known: dict[str, int]) -> None:
        super().__init__(own)
        self.known = known

    def __contains__(self, token: object) -> bool:
        return dict.__contains__(self, token) or token in self.known


def affected(
    screener: Screener,
    new: Sequence[Entity],
    gone: set[str],
    parties: Sequence[Party],
    progress: Callable[[str, int, int], None] | None = None,
    was: Sequence[Entity] = (),
) -> Affected:
    """The parties whose screening can differ because of the change: `new` are the new
    contents, `gone` the refs ("source:id") of the entries removed or amended, `was` those
    entries' contents before. `progress` ("checking", done, total) hears how many parties
    are judged so far."""
    index = ChangedIndex(screener.index, new) if new else None
    full = screener.index
    config = MatchConfig(full.token_weight, screener.algorithm.names, full.token_ids)
    cutoff = screener.threshold - SCORE_MARGIN
    found = set()
    undecided = []
    kept: dict[str, ScreeningOutcome] = {}
    listed: dict[int, list[Listed]] = {}  # the full index's names prepared for the ceiling
    refs = _Refs(full)
    unlisted = (
        _Unlisted(screener, was, config, cutoff, listed, refs)
        if config.names.listed_apart
        else None
    )
    # The population's words, gathered once: for the words no list holds any more, and for
    # the changed index's reach.
    unlisted_words = unlisted.words if unlisted is not None else frozenset()
    gathered = _Gathered(parties) if index is not None or unlisted_words else None
    holding = (
        holders(unlisted_words, gathered) if gathered is not None and unlisted_words else set()
    )
    for number, party in enumerate(parties):
        if party.floor is None or not party.tokens or party.candidates is None:
            found.add(party.id)  # never screened by this code: nothing to go by
        elif number in holding and unlisted is not None and unlisted.may_pair_again(party):
            found.add(party.id)  # its words may pair now with entries it was scored against
        elif _loses_a_candidate(party, gone):
            left = _left_far_behind(screener, party, gone, config, cutoff, listed, refs)
            if left is not None:
                kept[party.id] = left
                undecided.append(number)  # the new contents are judged as for any party
                continue
            # Its lookup in the full index meets the new contents too: no second look needed.
            moved = _moved_up(screener, party, gone, config, cutoff, listed)
            if moved is None:
                found.add(party.id)
            else:
                kept[party.id] = moved
        else:
            undecided.append(number)
    judged = len(parties) - len(undecided)
    if progress is not None:
        progress("checking", judged, len(parties))
    if index is not None:
        reached = index.reach(parties, gathered, undecided)
        for number, (party, entities) in enumerate(reached, 1):
            if _offered_and_close(index, party, entities, config, screener, cutoff):
                found.add(party.id)
            if progress is not None and (number % PROGRESS_EVERY == 0 or number == len(reached)):
                # The parties that reach nothing were judged with the first of those that do.
                done = len(undecided) * number // len(reached)
                progress("checking", judged + done, len(parties))
        if progress is not None and not reached:
            progress("checking", len(parties), len(parties))
    elif progress is not None:
        progress("checking", len(parties), len(parties))
    return Affected(found, kept)


def _unlisted(index: Index, was: Iterable[Entity]) -> frozenset[str]:
    """The words of these former contents that no list holds any more (`index`: the lists
    now). Under `NameRules.listed_apart` such a word, once listed, stayed apart from listed
    words two edits away; now it may pair with them, and a party holding it may score higher
    against an entry that did not change (the only change of the lists that raises a score
    without a new content: a word newly listed can only lower one, and parties with alerts
    and near misses are screened in full anyway)."""
    words = {w for entity in was for form in entity_forms(entity) for w in name_tokens(form)}
    return frozenset(w for w in words if w not in index.token_ids)


class _Unlisted:
    """The words a change left in no list (`_unlisted`), and which parties they can affect:
    those holding one (as a word or a key) that the rule kept apart from a word or key of a
    name of an entry they were offered (`kept_apart_once`: two edits apart), when the name
    ceiling (`monitor.ceiling`, with the lists' words now) of such names reaches the name
    score the party needs to come within `SCORE_MARGIN` of the threshold (the entry's other
    names score as they did). Only offered entries are scored, and the index offers what it
    did before: its lookups do not depend on which words the lists hold. In the SDN change
    of `bench/rescreen.py` 200 words leave the lists (COLON, BANO, VAN); screening every
    party that holds one in full screened 2,991 parties, against 496 without the rule. Of
    the 7,241 (party, offered name) pairs within two edits, 872 are two edits apart as the
    rule counts (pairs of short words never pair at two edits)."""

    def __init__(
        self,
        screener: Screener,
        was: Iterable[Entity],
        config: MatchConfig,
        cutoff: float,
        listed: dict[int, list[Listed]],
        refs: _Refs,
    ) -> None:
        self.screener, self.config, self.cutoff = screener, config, cutoff
        self.index = screener.index
        self.words = _unlisted(self.index, was)
        self.listed = listed  # the full index's names prepared for the ceiling, shared
        self.refs = refs
        self._words: dict[int, set[str]] = {}  # a name's words and keys, by position

    def may_pair_again(self, party: Party) -> bool:
        if not self.words:
            return False
        variants, keys, _ = party.tokens
        # Asked of every party of the population: most hold none, told in one C-level pass.
        if self.words.isdisjoint(itertools.chain(*variants, *keys)):
            return False
        held = {w for tokens in (*variants, *keys) for w in tokens if w in self.words}
        # Only the names holding a word near one of these can score otherwise than before:
        # the rule decides single words only (two words written as one pair as before).
        names = [
            name
            for position in map(self.refs.position, party.candidates or ())
            if position is not None
            for name in self.index.entity_names[position]
            if self._near(held, name)
        ]
        if not names:
            return False
        if party.identifiers:
            return True  # an identifier hit is scored whatever its name score: no bar to test
        config = self.config
        weight, words = _ruled(config)
        prepared = _listed(self.listed, self.index.forms, names, weight, words)
        bar = _name_bar(self.screener, party, self.cutoff)
        return ceiling_of(_party_sides(party, config), prepared, config.names, bar) >= bar

    def _near(self, held: set[str], name: int) -> bool:
        """Whether a word held is `kept_apart_once` from a word or key of the name (a position
        of the index's names)."""
        return any(kept_apart_once(w, v) for w in held for v in self._name_words(name))

    def _name_words(self, name: int) -> set[str]:
        found = self._words.get(name)
        if found is None:
            form = self.index.forms[name]
            found = self._words[name] = {
                w for tokens in (*form.variants, *form.keys) for w in tokens
            }
        return found


def holders(words: Container[str], gathered: _Gathered) -> set[int]:
    """The numbers of the gathered parties that hold one of `words`, as a word of a variant
    or as its key (a word's key is `canonical_token` of it, as `_Gathered` keys it): told
    for the whole population over arrays, instead of a pass over each party's words
    (`_Unlisted.may_pair_again` asked of all 100,000 parties took 0.22-0.31 s)."""
    held = np.array([w in words or k in words for w, k in gathered.singles] or [False])
    rows = np.bincount(
        gathered.single_rows,
        weights=held[gathered.single_words].astype(np.float64),
        minlength=len(gathered.row_party),
    )
    return set(gathered.row_party[rows > 0].tolist())


def kept_apart_once(word: str, other: str) -> bool:
    """Whether two words are a pair `NameRules.listed_apart` may have kept apart while both
    were listed: two edits apart (by either measure the matcher counts with: one edit by
    one is one by the other, so two by either is two by Damerau-Levenshtein), neither under
    three letters and the longer of four or more (`match.names._typo_similarity` pairs no
    others two edits apart). Closer and further pairs score the same listed or not."""
    shorter, longer = sorted((len(word), len(other)))
    return (
        shorter >= 3
        and longer >= 4
        and longer - shorter <= 2
        and DamerauLevenshtein.distance(word, other, score_cutoff=2) == 2
    )


class _Refs:
    """An entry's position in the full index by its ref ("source:id"), mapped on the first
    question (every entity read once): only parties that lost a candidate or hold a word no
    list holds any more ask."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._positions: dict[str, int] | None = None

    def position(self, entry: str) -> int | None:
        if self._positions is None:
            self._positions = {ref(e): p for p, e in enumerate(self.index.entities)}
        return self._positions.get(entry)


def _loses_a_candidate(party: Party, gone: set[str]) -> bool:
    """Whether an entry gone (removed, or amended into other content) leaves room for
    another: when the party was offered the full ten (the eleventh moves up), when the gone
    entry was its best (the gap screen() allows is measured from the best: entries it left
    out may compete now), or when identifier hits make the count unclear. With fewer, every
    entry covering enough was offered already and the others stay as they were."""
    offered = party.candidates or ()
    if gone.isdisjoint(offered):
        return False
    if len(offered) >= CANDIDATES or party.identifiers:
        return True
    return offered[0] in gone


def _left_far_behind(
    screener: Screener,
    party: Party,
    gone: set[str],
    config: MatchConfig,
    cutoff: float,
    listed: dict[int, list[Listed]],
    refs: _Refs,
) -> ScreeningOutcome | None:
    """For a party offered fewer than ten entries, one of them gone (its best: see
    `_loses_a_candidate`), without the index lookup `_moved_up` makes: every entry covering
    enough was offered, so the unchanged entries it is offered now are those left (the new
    contents are judged apart, as for any party). The gap screen() allows moves with the
    best, so those left unscored behind the old best may be scored now: when the name
    ceiling of none of them, on all its names (screen() compares a few of them), reaches the
    name score the party needs, its alerts stand and the outcome without the gone entries is
    returned; None when one may (then the lookup). 840 of the 2,712 parties that lose a
    candidate in `bench/rescreen.py`'s change are such parties."""
    offered = party.candidates or ()
    if party.identifiers or len(offered) >= CANDIDATES:
        return None
    left = tuple(entry for entry in offered if entry not in gone)
    bar = _name_bar(screener, party, cutoff)
    weight, words = _ruled(config)
    query_sides = _party_sides(party, config)
    index = screener.index
    for entry in left:
        position = refs.position(entry)
        if position is None:
            return None  # not in the index now (a list this delta leaves out changed)
        names = _listed(listed, index.forms, index.entity_names[position], weight, words)
        if ceiling_of(query_sides, names, config.names, bar) >= bar:
            return None
    return ScreeningOutcome(party.near_miss, party.floor or MIN_COVERAGE, party.tokens, left)


def _moved_up(
    screener: Screener,
    party: Party,
    gone: set[str],
    config: MatchConfig,
    cutoff: float,
    listed: dict[int, list[Listed]],
) -> ScreeningOutcome | None:
    """For a party that lost an entry it was offered: the index lookup screen() makes, and
    the entries it now scores that it did not score before (new to its candidates, changed,
    or all of them when its best is gone and with it the gap measured from the best), scored
    as screen() scores them. None when one comes within `SCORE_MARGIN` of the threshold:
    the party is screened in full. Otherwise its alerts stand, and the outcome returned
    (these candidates, their floor) replaces the stale one. `listed` keeps the names of the
    full index that the ceiling has read, prepared, for the other parties."""
    if party.identifiers:
        return None
    query = query_of(party)
    forms = query_forms(query)
    index = screener.index
    found = _offered(index, query, forms)
    offered = party.candidates or ()
    before = set(offered)
    best_gone = bool(offered) and offered[0] in gone
    bar = _name_bar(screener, party, cutoff)
    weight, words = _ruled(config)
    query_sides = [
        side(v, k, weight, words) for f in forms for v, k in zip(f.variants, f.keys, strict=True)
    ]
    aligned: Aligned = {}  # as in screen(): twins and aliases written alike aligned once
    for candidate in competing(found, index, forms):
        entry = ref(index.entities[candidate.entity])
        if entry in before and entry not in gone and not best_gone:
            continue  # scored before, unchanged: its alert or near miss would be known
        # The names screen() compares (the index's first few) cannot reach the bar: no
        # alignment to make (most entries that move up share one common word with the party).
        positions = candidate.names[:NAMES_PER_CANDIDATE]
        names = _listed(listed, index.forms, positions, weight, words)
        if positions and ceiling_of(query_sides, names, config.names, bar) < bar:
            continue
        comparison = compared(query, forms, index, candidate, screener.algorithm, config, aligned)
        if comparison is not None and comparison.score >= cutoff:
            return None
    return _outcome_of(index, found, forms, party.near_miss)


def _listed(
    made: dict[int, list[Listed]],
    forms: Sequence[NameForm],
    positions: Iterable[int],
    weight: Weight,
    vocabulary: Container[str],
) -> list[Listed]:
    """The renderings of the names at `positions` of `forms`, prepared for the ceiling once
    each (`made` keeps them)."""
    out: list[Listed] = []
    for position in positions:
        done = made.get(position)
        if done is None:
            done = made[position] = listed_of(forms[position], weight, vocabulary)
        out.extend(done)
    return out


def covering_floor(party: Party) -> float:
    """The coverage under which a new content cannot be offered to the party: its stored
    floor, less the margin for the weights' move."""
    return max(0.0, (party.floor or 0.0) - COVERAGE_MARGIN)


def _offered_and_close(
    index: ChangedIndex,
    party: Party,
    reached: dict[int, Reach],
    config: MatchConfig,
    screener: Screener,
    cutoff: float,
) -> bool:
    """Whether an entity the party reaches (`ChangedIndex.reach`) may score within
    `SCORE_MARGIN` of the threshold."""
    # Entries whose names cannot reach the name score that `cutoff` needs, given what the
    # party states beside its name (never under MIN_NAME_SIMILARITY, below which screen()
    # drops an entry unscored), cannot make the party affected: proven on the stored
    # tokens, before the party's query and name forms are built.
    bar = _name_bar(screener, party, cutoff)
    weight, words = _ruled(config)
    query_sides = _party_sides(party, config)
    entities = {
        entity: reach
        for entity, reach in reached.items()
        if reach.identifier_hit
        or ceiling_of(query_sides, index.listed(reach.names, weight, words), config.names, bar)
        >= bar
    }
    if not entities:
        return False
    query = query_of(party)
    forms = query_forms(query)
    return any(
        _best_score(index, query, forms, entity, reach, config, screener, bar) >= cutoff
        for entity, reach in sorted(entities.items())
    )


def _ruled(config: MatchConfig) -> tuple[Weight, Container[str]]:
    """The token weight and the vocabulary the ceiling is given, as the aligner is given
    them under `config` (`match.names.ruled_vocabulary`)."""
    return config.token_weight, ruled_vocabulary(config.names, config.vocabulary)


def _party_sides(party: Party, config: MatchConfig) -> list[Side]:
    """The renderings of the party's name, from the tokens its last screening stored, as the
    ceiling reads them: the delta tests a party before building its query and name forms."""
    variants, keys, _ = party.tokens
    weight, words = _ruled(config)
    return [side(v, k, weight, words) for v, k in zip(variants, keys, strict=True)]


def _name_bar(screener: Screener, party: Party, cutoff: float) -> float:
    """The name score under which no entry can score `cutoff` for this party, given what it
    states beside its name (`match.highest`); never under MIN_NAME_SIMILARITY, below which
    screen() drops an entry unscored."""
    stated = Stated(party.birth_date is not None, bool(party.countries), bool(party.identifiers))
    needed = lowest_name_score(screener.algorithm, cutoff - ROUNDING, stated)
    return max(MIN_NAME_SIMILARITY, needed)


def _best_score(
    index: Index,
    query: Query,
    forms: tuple[NameForm, ...],
    position: int,
    reach: Reach,
    config: MatchConfig,
    screener: Screener,
    bar: float,
) -> float:
    """The score of one entry for a query, compared on the names it reaches (positions in
    `index`): at least what screen() gives on the few of them the full index ranks first;
    0.0 when its name score is under `bar` (at least MIN_NAME_SIMILARITY, under which
    screen() drops the entry before scoring it)."""
    compared = tuple((index.names[p], index.forms[p]) for p in reach.names)
    pair = with_names(Pair(query, forms, index.entities[position], compared), config)
    if not reach.identifier_hit and (pair.names is None or pair.names.score < bar):
        return 0.0
    return score_pair(pair, screener.algorithm, config).score
