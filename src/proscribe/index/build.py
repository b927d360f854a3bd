"""The in-memory index: token vocabulary, postings, delete-neighbourhoods, identifiers."""

from __future__ import annotations

import bisect
import gc
import math
import pickle
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, compress, islice, repeat
from typing import NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from proscribe.index import packed
from proscribe.index.arrays import (
    NO_POSITIONS,
    TIE,
    Hits,
    Positions,
    Values,
    added_to,
    among,
    best_per_name,
    find_in,
    first,
    sorted_unique,
    spans,
    summed,
)
from proscribe.index.filing import (
    INITIALS_BITS,
    INITIALS_MOST,
    SCHEMA_CODES,
    entity_forms,
    identifier_key,
)
from proscribe.index.fragments import FRAGMENT_SIZE, Filing, Fragment, make_fragment
from proscribe.index.near import explains_near
from proscribe.index.packed import Coders, Entities, HashLookup
from proscribe.index.spelling import form_texts, spelled_alike
from proscribe.index.twins import NO_TWINS, find_twins, with_twins
from proscribe.index.views import EntityNames, Forms, Names
from proscribe.model import Entity, Name, Query, Schema
from proscribe.text import phonetic_key
from proscribe.text.forms import NameForm
from proscribe.text.phonetic import begin_alike
from proscribe.text.weights import is_legal_word, is_patronymic, legal_words

# 10: the initials of each name counted; 9: each name's twins worked out at build; 8: twins
# across lists; 7: exact and id keys hashed with XXH3; 6: packed entities compressed with
# Zstandard; 5: each name's initials; 4: packed entities, hashed exact and id keys.
SNAPSHOT_FORMAT = 10
# Tokens in more names than this are too common to open candidates on their own ('al',
# 'mohammad', 'company'): they only add to names that a rarer token already found.
COMMON_DF = 400
MIN_DELETE_LENGTH = 4  # one edit in a shorter token changes too much of it to be a typo
LEGAL_WEIGHT = 0.1  # LTD, COMPANY, OOO: the same company may be written with or without
INITIAL_WEIGHT = 0.5  # an initial says less than the name it stands for
PATRONYMIC_WEIGHT = 0.3  # Vladimirovich: often left out
HITS_CACHE_SIZE = 50_000  # token lookups remembered (cleared whole when full)
# What a query fills in: never in a snapshot.
_CACHES = ("_hits_cache", "_edits_cache", "_name_weights")
EXACT_COVERAGE = 1.5  # ranks names with exactly the query's words above partial covers
# Query tokens this long that the lists do not hold are also compared, by edit distance up to
# two, with the list tokens sharing their first letter: the delete-neighbourhoods find only
# one edit, and two typos in one long name ("Tavkoli" / "Tavakkoli") are common.
DISTANCE_TWO_LENGTH = 7
PREFIX_LENGTH = 4  # a query token this long that the lists lack may be a name cut short
MAX_PREFIX_HITS = 50
NEAR_SIMILARITY = 0.8  # the index's rough similarity of a token one edit or a sound away
# Names that cover a query equally are ranked by how many of its initials begin one of their
# words: 'R. S. H. AL-TIKRITI' covers every AL-TIKRITI name alike (the index cannot look an
# initial up), and Rana Saddam Hussein must not fall behind the family's other entries. Under
# the 0.01 a word of length difference costs: it reorders near ties among names, and the
# entities stay ranked by coverage first (the initials break their ties only).
INITIALS_RANK = 0.005
# Names ranked for each entity asked for: enough to fill `limit` entities when several names of
# each are hit. Entries whose names all rank below the cut are not offered, however few
# entities the ranked names hold (monitor.delta must know when that happened).
RANKED_NAMES_PER_CANDIDATE = 8
# Entities that cover the query exactly as much as the last one offered are offered too, up to
# this many times `limit`: a family of entries shares its names (a dozen AL-TIKRITI cover
# 'Saddam Hussein AL-TIKRITI' alike), and a cut among equals by position left out entries
# that the matcher scores far above the threshold.
TIED_SHARE = 1.5
TIED_NAMES = 3  # ... chosen among this many times the names ranked at first
# Ties are looked for only from this coverage up. Below, an entry's name similarity is 0.9 at
# best (its names wholly explained by the query) and ties are the rule: two in three queries
# of the speed benchmark tie at the cut, one in fifty from here up. At a million synthetic
# entities (whose Faker names repeat, so most customers tie) the cost shows: p99 18-22 ms
# from 0.6 up to 30 or from 0.8 up to 20, 14 ms up to 15 (13-14 ms without ties).
TIED_FROM = 0.8
# A name the query's words explain whole (the weights of the query words meeting it, times
# their similarity, sum to the name's own: as a rule each of its words met exactly) is offered
# beyond the ranking: the matcher scores such a name well (the query explains all of it)
# however little of a longer query it covers ('CHO, Kyo'ng-ch'o'l' and the alias Cho Ch'o'l
# of UN KPi.040, 25th by coverage). Short of 1.0 for floats summed in another order. A query's
# initial weighs nothing in the coverage, but here it counts for a word of the name that it
# may stand for ('AL-ADNANI, Abu M.' explains the alias AL-ADNANI, Muhammad of SDN 28697,
# which the matcher flags, 11th by coverage behind eight entries holding ABU and AL). A name
# is explained whole word by word too, through near spellings (`index.near`: 'ALI, Mohammad'
# and WALI, Mohammad, which the matcher flags and the weights alone never offered).
EXPLAINED = 0.999
MOST_WEIGHT = 1.0  # no word weighs more (`Index.token_weight`)

# A word's lookup: the names it reaches, and those holding a common word near it.
TokenLookup = tuple[Hits, Positions]


class Initials(NamedTuple):
    """A query variant's initials (its one-letter words) as `Index.initials_credit` reads
    them: how many, how many of each letter, and how many of its whole words begin with each
    letter."""

    number: int
    letters: dict[str, int]
    spelled: dict[str, int]

    @classmethod
    def of(cls, variant: Sequence[str]) -> Initials | None:
        """The variant's initials; None when it has none (most queries)."""
        if all(len(token) != 1 for token in variant):
            return None
        letters = Counter(token for token in variant if len(token) == 1)
        spelled = Counter(token[0] for token in variant if len(token) > 1)
        return cls(letters.total(), dict(letters), dict(spelled))


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity worth scoring, with the index's rough estimate of how well its names cover
    the query (0..1) and the names that were hit."""

    entity: int  # position in Index.entities
    coverage: float
    names: tuple[int, ...]  # positions in Index.names of the names hit, best covered first
    identifier_hit: bool = False
    # Offered beyond the ranking as the twin of an entry offered (`index.twins`): not one of
    # the `limit` places, so not what the last of them covers (monitor.delta's floor).
    twin: bool = False
    # Offered beyond the ranking because the query explains one of its names whole
    # (`EXPLAINED`): not one of the `limit` places either.
    explained: bool = False


def _fixed_weight(token: str) -> float | None:
    """Weights set by what a token is rather than by how common it is."""
    if len(token) == 1:
        return INITIAL_WEIGHT
    if is_legal_word(token):
        return LEGAL_WEIGHT
    if is_patronymic(token):
        return PATRONYMIC_WEIGHT
    return None


def _weights(tokens: Sequence[str], counts: Sequence[int], total: int) -> list[float]:
    """The weight of each of `tokens` (`counts[i]` names of `total` hold `tokens[i]`):
    `_fixed_weight` where it has one, else by how few names hold it. Decided for all of them
    at once (a large list has a million distinct tokens): each count's weight once, the
    legal words by `legal_words`, the few initials and patronymics by a scan."""
    held = np.asarray(counts, dtype=np.int64)
    found = np.unique(held)
    by_count = np.zeros(int(found[-1]) + 1 if len(found) else 1)
    for count in found.tolist():
        by_count[count] = min(1.0, max(0.25, math.log(total / count) / 6.0))
    weights: list[float] = by_count[held].tolist()
    # In the order that lets the first test of `_fixed_weight` win over the later ones.
    for place in compress(range(len(tokens)), map(is_patronymic, tokens)):
        weights[place] = PATRONYMIC_WEIGHT
    for place in compress(range(len(tokens)), map(legal_words(tokens).__contains__, tokens)):
        weights[place] = LEGAL_WEIGHT
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    for place in np.flatnonzero(lengths == 1).tolist():
        weights[place] = INITIAL_WEIGHT
    return weights


_SCHEMAS = tuple(SCHEMA_CODES)
T = TypeVar("T")


def _postings_keys(
    building: Filing, tokens: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.uint64]]:
    """How many names hold each of the `tokens` numbered, and one 64-bit key per posting
    (its token in the high half, its name in the low one: sorted, a token's names in order);
    the building's postings are let go of."""
    token_of = np.frombuffer(building.post_tokens, dtype=np.uint32)
    counts = np.bincount(token_of, minlength=tokens)
    keys = token_of.astype(np.uint64)
    keys <<= np.uint64(32)
    keys |= np.frombuffer(building.post_names, dtype=np.uint32)
    del token_of  # the view holds the array, which cannot be let go of while it does
    building.post_tokens, building.post_names = array("i"), array("i")
    return counts, keys


def _sorted_postings(keys: npt.NDArray[np.uint64]) -> Positions:
    """The names of the postings (`_postings_keys`), ordered by token and then by name."""
    # Each name holds a token once, so the keys are distinct and any sort is the stable one.
    # The default sort works in place: the stable one (0.8 s against 1.4 s for 14 million
    # keys, run beside the token lookups either way) takes a buffer of half the keys.
    keys.sort()
    return keys.astype(np.uint32).view(np.int32)  # the low half of each key: its name


def _deletes(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


class Index:
    def __init__(self) -> None:
        # Entities and their names' forms as objects, or packed beyond packed.PACK_ABOVE
        # entities (see `Entities`). While they are objects, every list name and its form
        # are also kept in two lists by position: the fastest reading, for the lists the
        # product loads; once packed, they are read from their entity.
        self.entities = Entities()
        self._names: list[Name] | None = []
        self._forms: list[NameForm] | None = []
        self.name_entity: Positions = NO_POSITIONS  # name position -> entity position
        self.name_slot: npt.NDArray[np.uint16] = np.zeros(0, dtype=np.uint16)  # in its names
        self.entity_first: Positions = NO_POSITIONS  # entity -> its first name position
        # Token t is in the names post_flat[post_start[t]:post_start[t + 1]], sorted.
        self.token_ids: dict[str, int] = {}
        self.post_flat: Positions = NO_POSITIONS
        self.post_start: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        # Per entity and per name: schema and source as small codes, for filtering.
        self.entity_schema: npt.NDArray[np.int8] = np.zeros(0, dtype=np.int8)
        self.entity_source: npt.NDArray[np.int16] = np.zeros(0, dtype=np.int16)
        self.name_schema: npt.NDArray[np.int8] = np.zeros(0, dtype=np.int8)
        self.name_source: npt.NDArray[np.int16] = np.zeros(0, dtype=np.int16)
        self.source_codes: dict[str, int] = {}
        # Deleted form -> the tokens it comes from, NUL-joined: one string per key unpickles
        # several times faster than one list per key, and there are half a million keys.
        self.neighbours: dict[str, str] = {}
        self.sounds: dict[str, list[str]] = {}  # phonetic key -> tokens
        self.identifiers = HashLookup()  # identifier key -> entity positions
        self.long_tokens: dict[str, list[str]] = {}  # first letter + length -> long tokens
        self.sorted_tokens: list[str] = []  # for prefix lookups of names cut short
        self.name_length: Positions = NO_POSITIONS  # tokens in each name's first rendering
        # How many of each name's words begin with each letter (see `initials_counts`).
        self.name_initials: npt.NDArray[np.uint64] = np.zeros(0, dtype=np.uint64)
        # The sorted variant keys of every name: the same words in any order are found by one
        # lookup, however common the words ("Muhammad al-Muhammad").
        self.exact = HashLookup()
        self.twins = NO_TWINS  # names of entries on other lists holding the same words
        self.weights: dict[str, float] = {}
        self._weights_limit = 0  # set by finish: list tokens plus room for query tokens
        self._building: Filing | None = Filing(self.token_ids, self.source_codes)

    @property
    def names(self) -> Sequence[Name]:
        """The listed names by position, parallel to `forms`."""
        if self._names is not None:
            return self._names
        return Names(self.entities, self.name_entity, self.name_slot)

    @property
    def forms(self) -> Sequence[NameForm]:
        """The comparable form of every name by position."""
        if self._forms is not None:
            return self._forms
        return Forms(self.entities, self.name_entity, self.name_slot)

    @property
    def entity_names(self) -> Sequence[tuple[int, ...]]:
        """Entity position -> the positions of its names (consecutive)."""
        return EntityNames(self.entity_first)

    # -- building ---------------------------------------------------------------------
    def add(self, entity: Entity) -> None:
        """Index `entity` (a large list's entities come in fragments: `add_fragment`)."""
        building = self._building
        assert building is not None, "add after finish"
        number = len(self.entities)
        forms = entity_forms(entity)
        self.entities.append(entity, forms)
        if self._names is not None and self._forms is not None:
            for name, form in zip(entity.names, forms, strict=True):
                if form.variants:  # the names filed (`Filing.file`), in their order
                    self._names.append(name)
                    self._forms.append(form)
        values = (ident.value for ident in entity.identifiers)
        building.file(number, entity.schema, entity.source, forms, values)

    def start_packing(self, dictionary: bytes | None = None) -> bytes:
        """Keep the entities added so far and all those after them packed (`packed.Entities`),
        against `dictionary` or one trained on the first of them; returns the dictionary."""
        self._names = self._forms = None
        return self.entities.start_packing(dictionary)

    def add_fragment(self, fragment: Fragment) -> None:
        """Append the entities of `fragment` (`fragments.make_fragment`, packed against this
        index's dictionary): the same index as adding them one by one."""
        building = self._building
        assert building is not None, "add after finish"
        entity_base = len(self.entities)
        self.entities.extend_packed(fragment.records, fragment.record_ends)
        building.append(fragment, entity_base)

    def finish(self) -> None:
        """Sort the postings, compute token weights and the typo/sound lookups."""
        building = self._building
        assert building is not None, "finish twice"
        self._building = None
        self.entities.finish()
        building.hand_over_hashes(self.exact, self.identifiers)
        self.exact.finish()
        self.identifiers.finish()
        counts, keys = _postings_keys(building, len(self.token_ids))
        # The postings are sorted (numpy, which lets go of the GIL while it sorts) in a
        # thread beside the token lookups (Python): at a million entities 1.4 and 1.9 s,
        # which one after the other took the build's last seconds with one core idle. The
        # hashed lookups are sorted before, alone: beside the token lookups, their copies
        # and the lookups' dicts raised the build's peak by some 85 MB.
        with ThreadPoolExecutor(1, thread_name_prefix="index-finish") as pool:
            sorting = pool.submit(_sorted_postings, keys)
            del keys  # the thread's alone: its memory goes as soon as it is sorted
            total = max(len(building.name_entity), 1)
            self._finish_tokens(building.typo_tokens, counts.tolist(), total)
            self.post_flat = sorting.result()
        self.post_start = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        self._weights_limit = len(self.weights) + 200_000
        self._finish_name_arrays(building)
        hashes, names = self.exact.sorted_pairs()
        self.twins = find_twins(hashes, names, self.name_entity, self.entity_source)

    def _finish_tokens(self, typo_tokens: set[str], counts: list[int], total: int) -> None:
        # A token's number is its place in `token_ids` (`Filing` numbers them as they come),
        # so `counts` is in the order of `tokens`.
        tokens = list(self.token_ids)
        weights = _weights(tokens, counts, total)
        self.weights.update(zip(tokens, weights, strict=True))
        neighbours: dict[str, list[str]] = defaultdict(list)
        sounds: dict[str, list[str]] = defaultdict(list)
        # The typo tokens in the order of their numbers, as a loop over all tokens met them.
        typos = (t for t in typo_tokens if len(t) >= MIN_DELETE_LENGTH and t in self.token_ids)
        for token in sorted(typos, key=self.token_ids.__getitem__):
            for deleted in _deletes(token):
                neighbours[deleted].append(token)
            sounds[phonetic_key(token)].append(token)
            if len(token) >= DISTANCE_TWO_LENGTH - 1:
                self.long_tokens.setdefault(_length_bucket(token), []).append(token)
                self.long_tokens.setdefault(_length_bucket(token, 1), []).append(token)
        self.sorted_tokens = sorted(t for t in typo_tokens if len(t) >= PREFIX_LENGTH + 1)
        self.neighbours = {key: "\0".join(tokens) for key, tokens in neighbours.items()}
        self.sounds = dict(sounds)

    def _finish_name_arrays(self, building: Filing) -> None:
        self.name_entity = np.array(building.name_entity, dtype=np.int32)
        self.name_slot = np.array(building.name_slot, dtype=np.uint16)
        self.name_length = np.array(building.name_length, dtype=np.int32)
        self.name_initials = np.array(building.name_initials, dtype=np.uint64)
        first = [*building.entity_first, len(building.name_entity)]
        self.entity_first = np.array(first, dtype=np.int32)
        self.entity_schema = np.array(building.entity_schema, dtype=np.int8)
        self.entity_source = np.array(building.entity_source, dtype=np.int16)
        self.name_schema = self.entity_schema[self.name_entity]
        self.name_source = self.entity_source[self.name_entity]

    def token_weight(self, token: str) -> float:
        """How telling a name token is: 1.0 for rare tokens, down to 0.25 for the commonest;
        unknown tokens count fully; legal forms (and their misspellings) and initials little."""
        weight = self.weights.get(token)
        if weight is None:  # a token no list name has: decided once, then remembered
            weight = _fixed_weight(token) or 1.0
            if len(self.weights) < self._weights_limit:
                self.weights[token] = weight
        return weight

    # -- searching --------------------------------------------------------------------
    def candidates(
        self,
        query: Query,
        forms: Sequence[NameForm],
        *,
        limit: int = 25,
        min_coverage: float = 0.0,
        schemas: Collection[Schema] | None = None,
        sources: Collection[str] | None = None,
    ) -> list[Candidate]:
        """The entities most worth scoring for `query`, best first: those whose names cover
        at least `min_coverage` of the query (up to `limit`, and those tied with the last of
        them: `TIED_SHARE`), then those holding a name the query explains whole
        (`EXPLAINED`), and every identifier hit."""
        reached: list[Positions] = []
        values: list[Values] = []
        explained: set[int] = set()
        for form in forms:
            for variant, keys in zip(form.variants, form.keys, strict=True):
                roles = self._word_roles(variant, keys)
                names, cover = self._covered(variant, keys, *roles)
                kept = cover >= min_coverage
                reached.append(names[kept])
                values.append(cover[kept])
                total = sum(roles[0]) or 1.0
                explained.update(self._explained(variant, keys, total, names[kept], cover[kept]))
            for sorted_keys in form.sorted_keys:
                exact = np.array(self.exact.get(sorted_keys, ()), dtype=np.int32)
                reached.append(exact)
                values.append(np.full(len(exact), EXACT_COVERAGE))
        names, coverage = best_per_name(reached, values, len(self.name_entity))
        if schemas is not None or sources is not None:
            admitted = self._admitted(names, schemas, sources)
            names, coverage = names[admitted], coverage[admitted]
        # Enough names to fill `limit` entities even when each has several names hit, ranked
        # by an estimate of the matcher's name score, which averages the share of the query
        # a name covers and the share of the name the query covers: of two names covering
        # the same query words, the shorter explains more of itself ("AL-HARAMAIN" before
        # "AL-HARAMAIN FOUNDATION (PAKISTAN)"), and only a candidate's first names are
        # aligned. Ties broken by position, never by dict order: results must not depend on
        # the interpreter's hash seed.
        size = len(forms[0].variants[0]) if forms and forms[0].variants else 0
        lengths = np.maximum(self.name_length[names], 1)
        rank = 0.5 * coverage + 0.5 * np.minimum(1.0, coverage * size / lengths)
        rank -= 0.01 * np.abs(lengths - size)
        agree = self._initials_agreement(names, forms)
        rank += INITIALS_RANK * agree
        budget = limit * RANKED_NAMES_PER_CANDIDATE
        top = first(names, rank, budget)
        ordered, hits = self._entities(names, coverage, agree, top)
        ranked = ordered[:limit]
        tied = _tied_at_the_cut(ordered, limit, coverage, top)
        if tied:
            # Rare (a family of entries, a common name): ranked again with room for the ties,
            # the names covering at least the cut taken by coverage, then by the query's
            # initials they agree with (the entities' own order), then by the estimate.
            cut = ordered[limit - 1][1]
            top = _by_coverage(names, coverage, agree, rank, cut, TIED_NAMES * budget)
            ordered, hits = self._entities(names, coverage, agree, top, rank)
            ranked = _with_ties(ordered, limit, int(TIED_SHARE * limit))
        # The same words on another list (`index.twins`): offered with the entry they twin.
        ranked, twinned = with_twins(
            ranked,
            hits,
            self.twins,
            (names, coverage),
            self.entity_first,
            self.name_entity,
            limit // 2,
        )
        if tied and len(top) < len(names):
            _add_unranked(ranked, hits, (names, coverage), self.entity_first)
        whole = _explained_entities(ranked, explained, (names, coverage), self.name_entity)
        out = [
            Candidate(entity, value, tuple(hits[entity]), twin=entity in twinned)
            for entity, value in ranked
        ]
        out += [Candidate(entity, value, held, explained=True) for entity, value, held in whole]
        found = {candidate.entity for candidate in out}
        out += [
            Candidate(entity, 0.0, (), identifier_hit=True)
            for entity in sorted(self._identifier_hits(query) - found)
            if self._admits(entity, schemas, sources)
        ]
        return out

    def _entities(
        self,
        names: Positions,
        coverage: Values,
        agree: Values,
        top: npt.NDArray[np.intp],
        rank: Values | None = None,
    ) -> tuple[list[tuple[int, float]], dict[int, list[int]]]:
        """The entities of the ranked names `top`, best first, with their coverage; and the
        names of each, in the order ranked. `rank`: the names' estimates, to order entities
        that cover the query equally and agree with its initials equally (else by position)."""
        best: dict[int, tuple[float, float, float]] = {}  # (coverage, agreement, estimate)
        hits: dict[int, list[int]] = {}  # names stay in the order ranked: best covered first
        ranked_names = names[top]
        entities = self.name_entity[ranked_names].tolist()
        estimates = rank[top].tolist() if rank is not None else [0.0] * len(top)
        for name, entity, value, agreed, estimate in zip(
            ranked_names.tolist(),
            entities,
            coverage[top].tolist(),
            agree[top].tolist(),
            estimates,
            strict=True,
        ):
            best[entity] = max(best.get(entity, (0.0, 0.0, -1e9)), (value, agreed, estimate))
            hits.setdefault(entity, []).append(name)
        # Coverage first, as the callers read it (screen()'s cut, the delta's floor); the
        # initials only order the entities that cover the query equally. Among a family tied
        # on both ('AL-TIKRITI, S. H.': two dozen entries, their sons' names holding an S and
        # an H too), the name nearest the query's length (SADDAM HUSSEIN AL-TIKRITI) first.
        ordered = sorted(
            best.items(), key=lambda item: (-item[1][0], -item[1][1], -item[1][2], item[0])
        )
        return [(entity, value) for entity, (value, _, _) in ordered], hits

    def spelled_alike(
        self, forms: Sequence[NameForm], groups: Sequence[Sequence[int]], at_least: float
    ) -> list[bool]:
        """For each group of names (positions), whether one of them is spelled at least
        `at_least` (0..1) like the query's forms (`index.spelling`)."""
        listed = self.forms  # a property: read once
        query = [text for form in forms for text in form_texts(form)]
        texts = [[t for p in group for t in form_texts(listed[p])] for group in groups]
        return spelled_alike(query, texts, at_least)

    def _initials_agreement(self, names: Positions, forms: Sequence[NameForm]) -> Values:
        """For each name, the share of the query's initials that begin a word of their own
        (0 for every name when the query has none): the name's words with an initial's letter,
        less those the query's whole words beginning with it stand for, give that many
        initials a word. 'AL-TIKRITI, S. A. A.' agrees wholly with SA'D ABD-AL-MAJID
        AL-FAISAL AL-TIKRITI, a third with AL-TIKRITI, Qusay Saddam Hussein."""
        words = forms[0].variants[0] if forms and forms[0].variants else ()
        letters = Counter(t for t in words if len(t) == 1 and "a" <= t <= "z")
        if not letters:
            return np.zeros(len(names))
        spelled = Counter(t[0] for t in words if len(t) > 1)
        held = self.name_initials[names]
        agree = np.zeros(len(names))
        for letter, wanted in letters.items():
            shift = np.uint64(INITIALS_BITS * (ord(letter) - 97))
            count = ((held >> shift) & np.uint64(INITIALS_MOST)).astype(np.int64)
            agree += np.clip(count - spelled[letter], 0, wanted)
        return agree / letters.total()

    def _admitted(
        self,
        names: Positions,
        schemas: Collection[Schema] | None,
        sources: Collection[str] | None,
    ) -> npt.NDArray[np.bool_]:
        """Which of these names belong to an entity of the schemas and sources asked for."""
        admitted = np.ones(len(names), dtype=np.bool_)
        if schemas is not None:
            codes = [SCHEMA_CODES[schema] for schema in schemas]
            admitted &= among(self.name_schema[names], codes, len(_SCHEMAS))
        if sources is not None:
            codes = [self.source_codes[s] for s in sources if s in self.source_codes]
            admitted &= among(self.name_source[names], codes, len(self.source_codes))
        return admitted

    def _admits(
        self, entity: int, schemas: Collection[Schema] | None, sources: Collection[str] | None
    ) -> bool:
        # From the codes: an identifier hit is admitted without decoding its entity.
        if schemas is not None and _SCHEMAS[self.entity_schema[entity]] not in schemas:
            return False
        return sources is None or any(
            self.source_codes.get(source) == self.entity_source[entity] for source in sources
        )

    def _word_roles(
        self, variant: Sequence[str], keys: Sequence[str]
    ) -> tuple[list[float], list[bool]]:
        """Each word of a query variant: its weight in the coverage, and whether it opens
        names (reaches them on its own) or only adds to names other words opened."""
        roles = list(map(self._word_role, variant, keys))
        # Rare tokens open candidates; common ones only add to names a rare token opened,
        # unless the query has nothing but common tokens ("Mohammed Ali"). Common means the
        # word itself is in many names, not that its near spellings are ("Sadu" is rare).
        # Initials neither open nor count as rare: 'AL-HASAN, S. Hasan' is opened by its
        # common words, not by the names that hold an "S" (and those alone).
        every_common = all(common for _, initial, common in roles if not initial)
        weights = [weight for weight, _, _ in roles]
        opens = [not initial and (not common or every_common) for _, initial, common in roles]
        return weights, opens

    def _word_role(self, token: str, key: str) -> tuple[float, bool, bool]:
        """A query word's weight in the coverage, whether it is an initial, whether it is
        common (in more than COMMON_DF names)."""
        # Initials are left out: the index cannot look them up, the matcher pairs them. An
        # initial is told by the token, not its key: "O." and "U." have the keys of the
        # Korean surnames Oh and Woo, yet stand for Oleg and Uladzimir.
        common = self._frequency(token, key) > COMMON_DF
        return self._word_weight(token, key), len(token) == 1, common

    def word_roles(
        self, words: Sequence[tuple[str, str]]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """`_word_role` of many (token, key) pairs at once, as arrays: each word's weight,
        whether it is an initial, whether it is common (`name_counts` over COMMON_DF); one
        entry, no word, when there are none. Asked word by word, the 20,000 distinct words of
        a delta rescreen's population cost 0.08-0.15 s, 0.055 s so."""
        if not words:
            return np.zeros(1), np.zeros(1, np.bool_), np.zeros(1, np.bool_)
        tokens, keys = [t for t, _ in words], [k for _, k in words]
        initial = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)) == 1
        counts = np.maximum(self.name_counts(tokens), self.name_counts(keys))
        known = map(self.weights.get, keys)
        weight = np.array(
            [self.token_weight(k) if w is None else w for w, k in zip(known, keys, strict=True)]
        )
        weight[initial] = 0.0  # as `_word_weight`: the matcher pairs initials
        return weight, initial, counts > COMMON_DF

    def _cover(self, variant: Sequence[str], keys: Sequence[str]) -> Hits:
        """The names reached by this query variant, and for each the weighted share of the
        variant it covers."""
        return self._covered(variant, keys, *self._word_roles(variant, keys))

    def _covered(
        self, variant: Sequence[str], keys: Sequence[str], weights: list[float], opens: list[bool]
    ) -> Hits:
        """`_cover`, given the variant's `_word_roles`."""
        total = sum(weights) or 1.0
        lookups = [self._token_lookup(token, key) for token, key in zip(variant, keys, strict=True)]
        singles = [
            (weight / total, hits) for weight, (hits, _) in zip(weights, lookups, strict=True)
        ]
        opening = [i for i, opener in enumerate(opens) if opener]
        names, cover = summed(
            [singles[i][1][0] for i in opening],
            [singles[i][0] * singles[i][1][1] for i in opening],
            len(self.name_entity),
        )
        for i in range(len(singles)):
            if opens[i]:
                continue
            share, (found, similarity) = singles[i]
            places, inside = find_in(names, found)
            cover[places[inside]] += share * similarity[inside]
        # A word one edit or a sound from a common word ('JASAN' / HASAN) adds to the names
        # others opened that hold the common word, as a common query word would: of the
        # entries sharing the query's other word ('Amnmar' / AMMAR), the one the matcher pairs
        # with both words is ranked first, not tied with the rest.
        for i, (_, common) in enumerate(lookups):
            if len(common) and len(names) and weights[i]:
                share, hits = singles[i]
                singles[i] = (share, _near_common_added(names, cover, share, hits, common))
        # Two query tokens written as one in the list (Ryong Hae / Ryonghae): for each name,
        # the better of the two readings counts. The words alone may reach the joined name
        # too, more weakly ('TAWA SUL' reaches TAWASUL as a word cut short), so the joined
        # reading adds what it gives beyond what they gave the names they opened.
        joined_names: list[Positions] = [names]
        joined_cover: list[Values] = [cover]
        for i in range(len(variant) - 1):
            joined = variant[i] + variant[i + 1]
            if len(joined) < MIN_DELETE_LENGTH + 2:
                continue
            # Typos count here too: Arabic compounds are joined with a vowel that the split
            # spelling lacks (Nur Allah / Nurullah).
            found, similarity = self._token_hits(joined, joined, joined=True)
            if not len(found):
                continue
            gain = (singles[i][0] + singles[i + 1][0]) * similarity
            opened = find_in(names, found)[1]
            if opened.any():
                for share, (reached, near) in (singles[i], singles[i + 1]):
                    places, inside = find_in(reached, found)
                    inside &= opened
                    gain[inside] -= share * near[places[inside]]
            more = gain > 0.0
            joined_names.append(found[more])
            joined_cover.append(gain[more])
        if len(joined_names) == 1:
            return names, cover
        return added_to(names, cover, joined_names[1:], joined_cover[1:], len(self.name_entity))

    def _explained(
        self,
        variant: Sequence[str],
        keys: Sequence[str],
        total: float,
        names: Positions,
        cover: Values,
    ) -> list[int]:
        """Those of `names` (reached by a query variant, with these `keys`, whose words'
        weights sum to `total`, with its `cover` of them) that it explains whole: names of two
        words or more, no more than the variant's, by their words' weights (`explained_by`)
        or word by word through near spellings (`explained_near`)."""
        lengths = self.name_length[names]
        maybe = (lengths >= 2) & (lengths <= len(variant))
        if not maybe.any():
            return []
        whole = self.explained_by(variant, total, names[maybe], cover[maybe])
        return whole + self.explained_near(variant, keys, names[maybe], set(whole))

    def explained_near(
        self,
        variant: Sequence[str],
        keys: Sequence[str],
        names: Positions,
        known: Collection[int] = (),
    ) -> list[int]:
        """Those of `names` (positions; not those `known` already) that a query `variant`
        (with its `keys`) explains whole word by word (`index.near.explains_near`: each word
        of the name's first rendering met by its own word of the variant, equal or one edit
        away, a list word the delete-neighbourhoods find), no word of it an initial, and one
        of them such a near word (a name of the variant's own words is weighed by
        `explained_by`). Asked of every name a variant reaches, of two words or more and no
        more than its own; the delta asks it of the changed names alike."""
        # Only a name holding a list word one edit from a word of the variant (not one of its
        # own), and holding as many of those words and of the variant's own as it has words,
        # can be explained so: told over the postings first, for the thousands of names a
        # common word reaches (paired word by word, they cost up to 37 ms a query). A name
        # repeating a word is left to the weights.
        own = {*variant, *keys}
        near = {other for word in own for other in self._words_one_edit(word)} - own
        if not near or not len(names):
            return []
        # Each near word's names, over the postings arrays at once; a common word one edit
        # away is more likely another name (as `_too_common` counts in `_find_token`).
        words = sorted(near)
        numbers = np.fromiter(
            map(self.token_ids.get, words, repeat(-1)), dtype=np.int64, count=len(words)
        )
        kept = (numbers >= 0) & (self.name_counts(words) <= COMMON_DF)
        starts = self.post_start[numbers[kept]]
        at, _ = spans(starts, self.post_start[numbers[kept] + 1] - starts)
        held = np.bincount(self.post_flat[at], minlength=len(self.name_entity))
        holding = names[held[names] > 0]
        if not len(holding):
            return []
        counts = held[holding]
        for word in own:  # common words hold thousands of names: only these few are asked
            counts += find_in(self._postings(word), holding)[1]
        holding = holding[counts >= self.name_length[holding]]
        allowed = own | near
        forms = self.forms  # a property: read once
        out: list[int] = []
        for name in holding.tolist():
            if name in known:
                continue
            form = forms[name]
            words, name_keys = form.variants[0], form.keys[0]
            if not all(w in allowed or k in allowed for w, k in zip(words, name_keys, strict=True)):
                continue
            if any(len(word) == 1 for word in words):
                continue  # an initial: `initials_credit` judges those
            if explains_near(variant, keys, words, name_keys):
                out.append(name)
        return out

    def explained_by(
        self,
        variant: Sequence[str],
        total: float,
        names: Positions,
        cover: Values,
        slack: float = 0.0,
    ) -> list[int]:
        """Those of `names` whose weight (`name_weights`) the words of a query `variant`
        reaching them sum to (`EXPLAINED`): its `cover` of each times its words' `total`
        weight, give or take `slack` (a caller summing the cover in another order), plus
        what its initials may stand for (`initials_credit`)."""
        needed = EXPLAINED * self.name_weights(names) - cover * total - slack
        whole = needed <= 0.0
        initials = Initials.of(variant)
        if initials is not None:
            # Asked only where the initials could make up the rest at all: the words a name
            # holds are read for the few that pass.
            short = np.flatnonzero(~whole & (needed <= initials.number * MOST_WEIGHT))
            for at in short.tolist():
                whole[at] = self.initials_credit(initials, int(names[at])) >= needed[at]
        out: list[int] = names[whole].tolist()
        return out

    def initials_credit(self, initials: Initials, name: int) -> float:
        """The weight of the words of a name (a position; its first rendering, as
        `name_weights` sums it) that a query variant's `initials` may stand for: for each
        letter, as many of the name's words beginning with it as the variant has initials of
        it, less those its whole words beginning with it may stand for (as
        `_initials_agreement` counts), the heaviest first: the matcher pairs an initial
        with a word it begins."""
        form = self.forms[name]
        words, keys = form.variants[0], form.keys[0]
        weights = self._words_weights(words, keys)
        credit = 0.0
        for letter, wanted in initials.letters.items():
            held = [w for token, w in zip(words, weights, strict=True) if token[0] == letter]
            room = min(wanted, len(held) - initials.spelled.get(letter, 0))
            if room > 0:
                credit += sum(sorted(held, reverse=True)[:room])
        return credit

    def name_weights(self, names: Positions) -> Values:
        """The summed weights of each name's words (its first rendering), as a query
        variant's are summed (`_word_roles`); infinite when one is an initial, which weighs
        nothing in a query and so would let any query explain the name. Remembered in an
        array over all names (NaN for those not asked yet; 8 bytes a name, fewer than the
        index's own arrays hold): a screening asks for hundreds, nearly all asked before."""
        known: Values | None = self.__dict__.get("_name_weights")
        if known is None:
            known = np.full(len(self.name_entity), np.nan)
            self.__dict__["_name_weights"] = known
        found = known[names]
        missing = np.isnan(found)
        if not missing.any():
            return found
        # Each name weighed once, however often `names` repeats it (a delta asks for the
        # names of a whole population's coverages at once).
        for position in np.unique(names[missing]).tolist():
            form = self.forms[position]
            variant, keys = form.variants[0], form.keys[0]
            weight = math.inf
            if all(len(token) != 1 for token in variant):
                weight = sum(self._words_weights(variant, keys)) or math.inf
            known[position] = weight
        return known[names]

    def _words_weights(self, variant: Sequence[str], keys: Sequence[str]) -> list[float]:
        """Each word's weight as `_word_roles` weighs a query's, without the frequencies it
        also looks up (whether a word is common): a name's weight needs none of them, and
        they were most of its cost (a screening reads the weights of hundreds of names)."""
        return list(map(self._word_weight, variant, keys))

    def _word_weight(self, token: str, key: str) -> float:
        """A word's weight in the coverage: an initial weighs nothing (the index cannot look
        it up; the matcher pairs it)."""
        return 0.0 if len(token) == 1 else self.token_weight(key)

    def _frequency(self, token: str, key: str) -> int:
        return max(len(self._postings(token)), len(self._postings(key)))

    def name_counts(self, tokens: Sequence[str]) -> npt.NDArray[np.int64]:
        """How many names hold each of `tokens` (0 for a word no name holds): the lengths of
        their `_postings`, for many words at once (a delta rescreen asks for every word of
        its population)."""
        numbers = np.fromiter(
            map(self.token_ids.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens)
        )
        counts = np.diff(self.post_start)
        return np.where(numbers >= 0, counts[numbers], 0) if len(counts) else numbers * 0

    def _postings(self, token: str) -> Positions:
        """The sorted positions of the names holding `token` (a view, never modified)."""
        number = self.token_ids.get(token)
        if number is None:
            return NO_POSITIONS
        return self.post_flat[self.post_start[number] : self.post_start[number + 1]]

    def _token_hits(self, token: str, key: str, *, joined: bool = False) -> Hits:
        """Names holding this token, a variant of it, a token one edit away or sounding alike,
        with a rough similarity; each name once. `joined`: the token is two query words
        written as one (see `_near_tokens`)."""
        return self._token_lookup(token, key, joined=joined)[0]

    def _token_lookup(self, token: str, key: str, *, joined: bool = False) -> TokenLookup:
        """`_token_hits`, and the names holding a common word near the token, which may only
        add to names others opened (`_find_token`). Cached: batches repeat given names and
        surnames; the cached arrays are never modified."""
        cache: dict[tuple[str, str, bool], TokenLookup] = self.__dict__.setdefault(
            "_hits_cache", {}
        )
        found = cache.get((token, key, joined))
        if found is None:
            found = self._find_token(token, key, joined=joined)
            if len(cache) >= HITS_CACHE_SIZE:
                cache.clear()
            cache[(token, key, joined)] = found
        return found

    def _find_token(self, token: str, key: str, *, joined: bool = False) -> TokenLookup:
        exact = self._postings(token)
        if key != token:
            exact = sorted_unique(np.concatenate((exact, self._postings(key))))
        if len(token) < MIN_DELETE_LENGTH - 1:
            return (exact, np.ones(len(exact))), NO_POSITIONS
        if len(exact) > COMMON_DF:
            # A common word's near spellings are mostly other common words: not worth their
            # cost as names of their own. Its list words one edit away only add to the names
            # the query's other words opened, as a common word near a rarer one does ('ALI,
            # Mohammad' / WALI, Mohammad: without them the entry covers the query through
            # MOHAMMAD alone, as hundreds of others do).
            return (exact, np.ones(len(exact))), self._one_edit_names(token, key, joined)
        near = self._near_tokens(token, joined=joined)
        near.discard(token)
        # A common token one edit away is more likely another name: it opens no names, and
        # only adds to those other words of the query opened (`_cover`). Not for two words
        # written as one: their near spellings are the one list word that joins them.
        postings: list[Positions] = []
        common: list[Positions] = []
        for other in near:
            found = self._postings(other)
            if len(found):
                (common if self._too_common(other, found) else postings).append(found)
        near_common = NO_POSITIONS
        if common and not joined:
            near_common = sorted_unique(np.concatenate(common))
        if not postings:
            return (exact, np.ones(len(exact))), near_common
        names = sorted_unique(np.concatenate((exact, *postings)))  # sorted: see find_in
        similarity = np.full(len(names), NEAR_SIMILARITY)
        similarity[names.searchsorted(exact)] = 1.0
        return (names, similarity), near_common

    def _one_edit_names(self, token: str, key: str, joined: bool) -> Positions:
        """The names holding a list word one edit from a common `token` (by the
        delete-neighbourhoods; not the token, nor its key), for `_cover` to add to the names
        opened. None for two words written as one."""
        if joined:
            return NO_POSITIONS
        near = [word for word in self._words_one_edit(token) if word != key]
        found = [postings for postings in map(self._postings, near) if len(postings)]
        return sorted_unique(np.concatenate(found)) if found else NO_POSITIONS

    def _too_common(self, token: str, postings: Positions) -> bool:  # noqa: ARG002
        """Whether a list word (whose `postings` these are) is in more than COMMON_DF names."""
        return len(postings) > COMMON_DF

    def _near_tokens(self, token: str, *, joined: bool = False) -> set[str]:
        """List tokens one edit from `token`, sounding like it, completing it or beginning it
        (completions for a word no list holds only); two edits away when nothing nearer
        exists. `joined`: two query words written as one, looked up for the list word that
        writes them as one (Ryong Hae / RYONGHAE): its near spellings and completions only."""
        near = self._delete_neighbours(token)
        # Sound-alikes only when they start alike and are of about the same length, as written
        # or once folded (DZHINMYONG / JINMYONG): phonetic keys are coarse, and each neighbour
        # costs its postings.
        alike = self.sounds.get(phonetic_key(token))
        if alike:
            near.update(begin_alike(token, alike))
        if token not in self.token_ids:
            near.update(self._completions(token))
            if joined:
                # A list word that only begins the pair is the first query word, or a part or
                # an extension of it: the single words' lookups and the matcher judge that, not
                # the pair's share of the query. Two edits are left out too: they found
                # something for 36 of 678 pairs that reached them in the speed benchmark's
                # 3,000 queries, and changed no match; they were a tenth of its time.
                return near
            beginnings = self._beginnings(token)
            # Two edits only when nothing nearer exists: the costliest lookup, for the rare
            # long token mangled twice. A list word the token starts with is nearer only when
            # the rest is a list word too (two words written as one, as every pair of query
            # words is looked up): PESCARBQAVA starts with PESCA and is two slips from
            # PESCABRAVA.
            split = any(token[len(b) :] in self.token_ids for b in beginnings)
            if not near and not split and len(token) >= DISTANCE_TWO_LENGTH:
                near.update(self._two_edits(token))
            near.update(beginnings)
        elif not joined:
            # A list word the token starts with, when the lists hold the token too: the
            # matcher pairs a word with its beginning as a word cut short (CANALVE LTDA. / CANAL
            # S.A. scores 0.5), and brute force flagged that pair where the index, looking up
            # beginnings of unknown words only, never offered it.
            near.update(self._beginnings(token))
        if not joined and len(token) >= MIN_DELETE_LENGTH + 2:
            near.update(self._joined_near(token))
        return near

    def _delete_neighbours(self, token: str) -> set[str]:
        """List tokens one edit from `token` by the delete-neighbourhoods, and the token itself
        when the lists hold it."""
        # A 3-letter query token may still be a list token with a letter lost (Ali / Wali).
        deletes = _deletes(token) if len(token) >= MIN_DELETE_LENGTH else ()
        near: set[str] = set()
        for deleted in (token, *deletes):
            if deleted in self.token_ids:
                near.add(deleted)
            spellings = self.neighbours.get(deleted)
            if spellings:
                near.update(spellings.split("\0"))
        return near

    def _joined_near(self, token: str) -> list[str]:
        """Two list words written as one (the index files every adjacent pair joined) one edit
        from `token`: 'RI, Songchol' is one slip from RI, Jong Chol, whose JONGCHOL has no
        typo lookup of its own (filing every pair's would double the index). The slip is on
        one side of some cut of the token, the other side a list word as it stands."""
        found: list[str] = []
        known = self.token_ids
        for cut in range(2, len(token) - 1):
            head, tail = token[:cut], token[cut:]
            if tail in known:
                found += [h + tail for h in self._words_one_edit(head) if h + tail in known]
            if head in known:
                found += [head + t for t in self._words_one_edit(tail) if head + t in known]
        return found

    def _words_one_edit(self, word: str) -> list[str]:
        """List words one edit from `word` by the delete-neighbourhoods (not `word` itself).
        Cached: the parts of a query's words are mostly the same few syllables and names."""
        if len(word) < MIN_DELETE_LENGTH - 1:
            return []
        cache: dict[str, list[str]] = self.__dict__.setdefault("_edits_cache", {})
        found = cache.get(word)
        if found is not None:
            return found
        out = self._delete_neighbours(word)
        out.discard(word)
        if len(cache) >= HITS_CACHE_SIZE:
            cache.clear()
        found = cache[word] = sorted(out)
        return found

    def _completions(self, token: str) -> list[str]:
        """List tokens that start with `token`: the query may be cut short (Ramezan / Rame)."""
        if len(token) < PREFIX_LENGTH:
            return []
        start = bisect.bisect_left(self.sorted_tokens, token)
        end = bisect.bisect_left(self.sorted_tokens, token + "\uffff", start)
        return self.sorted_tokens[start : min(end, start + MAX_PREFIX_HITS)]

    def _beginnings(self, token: str) -> list[str]:
        """List tokens that `token` starts with: the list may hold the shorter word, and the
        query two words written as one (Pakistan Branch / PAKISTANBRANCH)."""
        ends = range(PREFIX_LENGTH, len(token))
        return [token[:end] for end in ends if token[:end] in self.token_ids]

    def _two_edits(self, token: str) -> list[str]:
        # Two edits change the length by two at most: only buckets of nearby lengths. Tokens
        # are grouped by first letter and again by second letter, so that a slip in the first
        # letter (substituted, dropped, added or swapped with the second) is found too. One
        # search over all twenty buckets: a search costs several times a bucket's comparisons.
        every: list[str] = []
        for length in range(len(token) - 2, len(token) + 3):
            for letter, place in ((0, 0), (1, 0), (0, 1), (1, 1)):
                every += self.long_tokens.get(f"{place}{token[letter]}{length}", ())
        matches = process.extract(token, every, scorer=OSA.distance, score_cutoff=2, limit=None)
        return sorted({match for match, _, _ in matches})

    def _identifier_hits(self, query: Query) -> set[int]:
        hits: set[int] = set()
        for ident in query.identifiers:
            hits.update(self.identifiers.get(identifier_key(ident.value), ()))
        return hits

    # -- snapshots --------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """A snapshot of the whole index. Pickle: snapshots are written and read only by
        proscribe itself, in its own data folder, never taken from outside."""
        state = {k: v for k, v in self.__dict__.items() if k not in _CACHES}
        return pickle.dumps((SNAPSHOT_FORMAT, state), protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> Index:
        # Unpickling makes the index's objects one after another, and the cyclic collector
        # walked them all five times over while it did (SDN + UN: 0.68 s to load, 0.38 s
        # with the collector paused; the Screener's one collection after costs 0.12-0.16 s).
        with collector_paused():
            version, state = pickle.loads(data)  # our own snapshot, see to_bytes
        if version != SNAPSHOT_FORMAT:
            raise ValueError(f"index snapshot format {version}, expected {SNAPSHOT_FORMAT}")
        index = cls.__new__(cls)
        index.__dict__.update(state)
        return index


def _near_common_added(
    names: Positions, cover: Values, share: float, hits: Hits, common: Positions
) -> Hits:
    """Add `share` at NEAR_SIMILARITY to the names (opened, ascending) that hold a common word
    near the query word (`common`, ascending) and that the word's own `hits` missed; its
    hits with those names merged in, for the joined readings to weigh (`_cover`)."""
    found, similarity = hits
    held = find_in(common, names)[1]
    if len(found):
        held &= ~find_in(found, names)[1]
    if not held.any():
        return hits
    added = names[held]
    cover[held] += share * NEAR_SIMILARITY
    merged = np.concatenate((found, added))
    order = np.argsort(merged, kind="stable")
    values = np.concatenate((similarity, np.full(len(added), NEAR_SIMILARITY)))
    return merged[order], values[order]


def _explained_entities(
    ranked: Sequence[tuple[int, float]],
    explained: set[int],
    reached: Hits,
    name_entity: Positions,
) -> list[tuple[int, float, tuple[int, ...]]]:
    """The entities not offered yet holding a name the query explains whole (`explained`,
    positions among the names `reached` with their coverage), best covered first, each with
    those names (best covered first) and its best coverage."""
    if not explained:
        return []
    offered = {entity for entity, _ in ranked}
    names, coverage = reached
    asked = sorted(explained)
    at = names.searchsorted(np.array(asked, dtype=names.dtype))
    found: dict[int, list[tuple[float, int]]] = {}
    for place, name in zip(at.tolist(), asked, strict=True):
        if place >= len(names) or names[place] != name:
            continue  # its entity's schema or source was not asked for
        entity = int(name_entity[name])
        if entity not in offered:
            found.setdefault(entity, []).append((-float(coverage[place]), name))
    out = []
    for entity, held in found.items():
        held.sort()
        out.append((entity, -held[0][0], tuple(name for _, name in held)))
    out.sort(key=lambda item: (-item[1], item[0]))
    return out


def _add_unranked(
    ranked: Sequence[tuple[int, float]],
    hits: dict[int, list[int]],
    reached: Hits,
    entity_first: Positions,
) -> None:
    """Give each entity offered (twins too) the names it holds among those `reached`
    (ascending, with their coverage) that the ranking left out, best covered first, after its
    ranked ones (a twin's: the name it twins). screen() compares an entry on the first few of
    its names, and one whose ranked names align poorly may hold another that aligns well.
    Called when entries tied at the cut: the names ranked then are only those covering at
    least the cut, so an entry's names covering less are left out however few the names
    reached ('AL-TIKRITI, S. A. A.' covers SA'D ABD-AL-MAJID AL-FAISAL AL-TIKRITI in full
    and the same name in Arabic script 0.85, and scores a match only against the latter).
    Otherwise a name is left out only past the names ranked, behind many better ones: giving
    those too aligned 9 % more names in the speed benchmark's 2,200 queries, ties alone 1 %."""
    names, coverage = reached
    for entity, _ in ranked:
        low, high = names.searchsorted((entity_first[entity], entity_first[entity + 1])).tolist()
        own = hits.setdefault(entity, [])
        if high - low <= len(own):
            continue  # every name of it reached was ranked
        held = set(own)
        more = [
            (-value, name)
            for name, value in zip(
                names[low:high].tolist(), coverage[low:high].tolist(), strict=True
            )
            if name not in held
        ]
        own += [name for _, name in sorted(more)]


def _by_coverage(
    names: Positions, coverage: Values, agree: Values, rank: Values, cut: float, count: int
) -> npt.NDArray[np.intp]:
    """Where the `count` first names covering at least `cut` are: those covering more first,
    then by initials agreement, then by rank (the entities are ordered again, precisely, from
    these names). One key and a partial sort (linear), not a sort on four keys: a common name
    at a million entities ties a large share of all names."""
    within = np.flatnonzero(coverage >= cut - TIE)
    # Agreement moves in steps of 1/26 at least (0.38 here); a name's rank lies within about
    # -0.5..1.5 and counts a tenth: it orders only the names that agree alike.
    key = 100.0 * (coverage[within] > cut + TIE) + 10.0 * agree[within] + 0.1 * rank[within]
    found: npt.NDArray[np.intp] = within[first(names[within], key, count)]
    return found


def _unranked_best(coverage: Values, top: npt.NDArray[np.intp]) -> float:
    """The largest coverage among the names left out of the ranked `top` (0 if none)."""
    if len(top) == len(coverage):
        return 0.0
    left = np.ones(len(coverage), dtype=np.bool_)
    left[top] = False
    return float(coverage[left].max())


def _tied_at_the_cut(
    ordered: list[tuple[int, float]], limit: int, coverage: Values, top: npt.NDArray[np.intp]
) -> bool:
    """Whether an entity may cover the query as much as the `limit`-th and yet be cut: the
    next one ranked does, or one of the names left out of the ranked `top`."""
    if len(ordered) < limit:
        return False
    cut = ordered[limit - 1][1]
    if cut < TIED_FROM:
        return False
    if len(ordered) > limit and ordered[limit][1] >= cut - TIE:
        return True
    return _unranked_best(coverage, top) >= cut - TIE


def _with_ties(ordered: list[tuple[int, float]], limit: int, most: int) -> list[tuple[int, float]]:
    """The first `limit` entities and those after them that cover as much as the last of
    these, `most` in all at most."""
    if len(ordered) <= limit:
        return ordered
    cut = ordered[limit - 1][1]
    end = limit
    while end < min(len(ordered), most) and ordered[end][1] >= cut - TIE:
        end += 1
    return ordered[:end]


def _length_bucket(token: str, place: int = 0) -> str:
    """Long tokens are grouped by their letter at `place` (first or second) and length for
    the two-edit lookup."""
    return f"{place}{token[place]}{len(token)}"


def build_index(entities: Iterable[Entity]) -> Index:
    """The index of `entities`, built here: a list over `packed.PACK_ABOVE` entities from
    fragments made one after another (`proscribe.forming` makes them in worker processes)."""
    index = Index()
    # A build allocates millions of objects that live as long as the index: the cyclic
    # collector's passes over them during the build free nothing and cost about a tenth
    # of it.
    with collector_paused():
        remaining = iter(entities)
        for entity in islice(remaining, packed.PACK_ABOVE):
            index.add(entity)
        following = next(remaining, None)
        if following is not None:
            compressor = Coders(index.start_packing()).compressor()
            for chunk in chunked(chain([following], remaining), FRAGMENT_SIZE):
                index.add_fragment(make_fragment([e.to_dict() for e in chunk], compressor))
        index.finish()
    return index


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter)."""
    remaining = iter(items)
    while chunk := list(islice(remaining, size)):
        yield chunk


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, then as it was (reference counting
    still frees what is dropped meanwhile)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
