"""A run of consecutive entities filed apart from the index: their names' forms, packed
records, postings and hashed lookups, ready for `Index.add_fragment` to append.

A large list (over `packed.PACK_ABOVE` entities) is built from fragments: made in worker
processes (`proscribe.forming`), or here one after another when there are none. Making one is
most of the work of indexing its entities (the names' forms, the packed records, the tokens
and hashes of every name: at a million entities some 91 s of CPU against 18 s for the rest
of the build); appending it is a few array copies and one dictionary lookup per distinct
token. Positions in a fragment are its own (its first
entity is 0, its first name is 0); the index shifts them as it appends. A fragment holds only
bytes, strings and tuples, so that marshal carries it between processes.

Entities are given as the dicts of `Entity.to_dict`: what a packed record keeps, and,
marshalled, quicker to send to a process than pickled entities (see `proscribe.forming`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np
import zstandard

from proscribe.index.filing import (
    MIN_IDENTIFIER_LENGTH,
    SCHEMA_CODES,
    identifier_key,
    initials_counts,
    name_tokens,
    person_hint,
    requested_forms,
)
from proscribe.index.packed import HashLookup, record, text_hash
from proscribe.model import Schema
from proscribe.text.forms import NameForm

# Entities a fragment. Its fixed costs are small beside its entities' at any size here; what
# the size moves is the appending: each of a fragment's distinct tokens is one lookup in the
# index's vocabulary (1.1 million tokens at 1M, each lookup some 0.8 us of cache misses), and
# a larger fragment shares more of them. At 1M (one instrumented run each): 500 entities,
# 5.1 s of such lookups and a 64.7 s build; 1,000, 4.4 and 60.4 s; 2,000, 3.8 and 59.5 s.
FRAGMENT_SIZE = 2000
# A schema by its value: a dict lookup, where calling the enum (`Schema(value)`) runs some
# Python of its own, about a microsecond an entity.
_SCHEMAS = {schema.value: schema for schema in Schema}


class Fragment(NamedTuple):
    """Arrays are the bytes of `array` values (typecode in the comment); positions local, and
    tokens and sources numbered by their place in `tokens` and `sources`."""

    records: bytes  # the packed records, one after another
    record_ends: bytes  # q: the end of each record in `records`
    entity_first: bytes  # i: the position of each entity's first filed name
    entity_schema: bytes  # b: `filing.SCHEMA_CODES`
    entity_source: bytes  # h: a place in `sources`
    sources: tuple[str, ...]  # the fragment's sources, in the order its entities give them
    name_entity: bytes  # i
    name_slot: bytes  # H: the name's place among its entity's names
    name_length: bytes  # i: tokens in its first rendering
    name_initials: bytes  # Q: `filing.initials_counts`
    tokens: tuple[str, ...]  # the fragment's tokens, in the order the names first hold them
    post_tokens: bytes  # i: a place in `tokens`, one per (name, token) posting
    post_names: bytes  # i: the name of each posting
    typo_tokens: tuple[str, ...]  # tokens worth a typo lookup, each once, in no order
    exact_hashes: bytes  # Q: `text_hash` of each name's sorted variant keys
    exact_names: bytes  # i
    identifier_hashes: bytes  # Q: `text_hash` of each identifier key
    identifier_entities: bytes  # i


class Filing:
    """What is filed of entities and their names as they are added, in flat arrays of machine
    integers (4 bytes a value, where a list of ints costs 36): by the index itself (`Index.add`,
    its tokens and sources numbered in its own vocabulary, which it passes in) and by a
    fragment (numbered in the fragment's). One code path for both, so that an index appended
    from fragments is the index of its entities added one by one."""

    def __init__(self, tokens: dict[str, int], sources: dict[str, int]) -> None:
        self.tokens = tokens
        self.sources = sources
        self.entity_first = array("i")
        self.entity_schema = array("b")
        self.entity_source = array("h")
        self.name_entity = array("i")
        self.name_slot = array("H")
        self.name_length = array("i")
        self.name_initials = array("Q")
        # One (token number, name position) pair per token of every name.
        self.post_tokens = array("i")
        self.post_names = array("i")
        self.typo_tokens: set[str] = set()  # worth a typo lookup (not joined)
        self.exact_hashes = array("Q")
        self.exact_names = array("i")
        self.identifier_hashes = array("Q")
        self.identifier_entities = array("i")

    def file(
        self,
        number: int,
        schema: Schema,
        source: str,
        forms: Sequence[NameForm],
        identifiers: Iterable[str],
    ) -> None:
        """File entity `number`: its schema and source, the names that have `forms` with
        variants, its identifiers long enough to look up."""
        self.entity_first.append(len(self.name_entity))
        self.entity_schema.append(SCHEMA_CODES[schema])
        self.entity_source.append(self.sources.setdefault(source, len(self.sources)))
        for slot, form in enumerate(forms):
            if form.variants:
                self._file_name(number, slot, form)
        for value in identifiers:
            key = identifier_key(value)
            if len(key) >= MIN_IDENTIFIER_LENGTH:
                self.identifier_hashes.append(text_hash(key))
                self.identifier_entities.append(number)

    def _file_name(self, number: int, slot: int, form: NameForm) -> None:
        position = len(self.name_entity)
        variants = form.variants
        self.name_entity.append(number)
        self.name_slot.append(slot)
        self.name_length.append(len(variants[0]))
        self.name_initials.append(initials_counts(variants))
        # One call per name rather than two per token: a large list adds millions of
        # postings (the numbers are given in the order a loop over the tokens gives them).
        known = self.tokens
        tokens = name_tokens(form)
        self.post_tokens.extend([known.setdefault(t, len(known)) for t in tokens])
        self.post_names.extend([position] * len(tokens))
        self.typo_tokens.update(*variants, *form.keys)
        for sorted_keys in form.sorted_keys:
            self.exact_hashes.append(text_hash(sorted_keys))
            self.exact_names.append(position)

    def hand_over_hashes(self, exact: HashLookup, identifiers: HashLookup) -> None:
        """Add the hashed names and identifiers to their lookups and let go of them here:
        a million entities' are some 30 MB, which would otherwise stay until the index's
        largest moment, sorting its postings."""
        exact.add_hashed(self.exact_hashes, self.exact_names)
        identifiers.add_hashed(self.identifier_hashes, self.identifier_entities)
        self.exact_hashes, self.exact_names = array("Q"), array("i")
        self.identifier_hashes, self.identifier_entities = array("Q"), array("i")

    def append(self, fragment: Fragment, entity_base: int) -> None:
        """Append `fragment`, its first entity numbered `entity_base`: its positions shifted,
        its tokens and sources numbered here (one lookup for each of them, not one for each
        posting or entity)."""
        name_base = len(self.name_entity)
        _shifted(self.entity_first, fragment.entity_first, name_base)
        self.entity_schema.frombytes(fragment.entity_schema)
        _renumbered(self.entity_source, fragment.entity_source, self.sources, fragment.sources)
        _shifted(self.name_entity, fragment.name_entity, entity_base)
        self.name_slot.frombytes(fragment.name_slot)
        self.name_length.frombytes(fragment.name_length)
        self.name_initials.frombytes(fragment.name_initials)
        _renumbered(self.post_tokens, fragment.post_tokens, self.tokens, fragment.tokens)
        _shifted(self.post_names, fragment.post_names, name_base)
        self.typo_tokens.update(fragment.typo_tokens)
        self.exact_hashes.frombytes(fragment.exact_hashes)
        _shifted(self.exact_names, fragment.exact_names, name_base)
        self.identifier_hashes.frombytes(fragment.identifier_hashes)
        _shifted(self.identifier_entities, fragment.identifier_entities, entity_base)


def _shifted(target: array[int], source: bytes, by: int) -> None:
    """Append the int32 positions in `source` to `target`, each plus `by`."""
    target.frombytes((np.frombuffer(source, dtype=np.int32) + by).astype(np.int32).tobytes())


def _renumbered(
    target: array[int], local: bytes, numbers: dict[str, int], names: Sequence[str]
) -> None:
    """Append to `target` the numbers in `numbers` (new names numbered on) of the names
    that `local` (of `target`'s typecode) gives by their place in `names`."""
    found = [numbers.setdefault(name, len(numbers)) for name in names]
    dtype = np.dtype(target.typecode)
    places = np.frombuffer(local, dtype=dtype)
    target.frombytes(np.array(found, dtype=dtype)[places].tobytes())


def make_fragment(
    entities: Sequence[dict[str, Any]], compressor: zstandard.ZstdCompressor
) -> Fragment:
    """The fragment of `entities` (`Entity.to_dict` dicts), their records packed by
    `compressor` (`packed.Coders(dictionary).compressor()`, the index's own dictionary)."""
    filing = Filing({}, {})
    records: list[bytes] = []
    ends = array("q")
    size = 0
    for number, data in enumerate(entities):
        schema = _SCHEMAS[data["schema"]]
        texts = tuple(name.get("full", "") for name in data.get("names", ()))
        forms = requested_forms((person_hint(schema), texts))
        packed = compressor.compress(record(data, forms))
        records.append(packed)
        size += len(packed)
        ends.append(size)
        values = (ident.get("value", "") for ident in data.get("identifiers", ()))
        filing.file(number, schema, data["source"], forms, values)
    return Fragment(
        b"".join(records),
        ends.tobytes(),
        filing.entity_first.tobytes(),
        filing.entity_schema.tobytes(),
        filing.entity_source.tobytes(),
        tuple(filing.sources),
        filing.name_entity.tobytes(),
        filing.name_slot.tobytes(),
        filing.name_length.tobytes(),
        filing.name_initials.tobytes(),
        tuple(filing.tokens),
        filing.post_tokens.tobytes(),
        filing.post_names.tobytes(),
        tuple(filing.typo_tokens),
        filing.exact_hashes.tobytes(),
        filing.exact_names.tobytes(),
        filing.identifier_hashes.tobytes(),
        filing.identifier_entities.tobytes(),
    )
