"""A run of consecutive entities filed apart from the index: their names' forms, packed
records, postings and hashed lookups, ready for `Index.add_fragment` to append.

A large list (over `packed.PACK_ABOVE` entities) is built from fragments: made in worker
processes (`proscribe.forming`), or here one after another when there are none. Making one is
most of the work of indexing its entities (the names' forms, the packed records, the tokens
and hashes of every name: at a million entities some 124 s of CPU against 32 s for the rest
of the build); appending it is a few array copies
and one dictionary lookup per distinct token. Positions in a fragment are its own (its first
entity is 0, its first name is 0); the index shifts them as it appends. A fragment holds only
bytes, strings and tuples, so that marshal carries it between processes.

Entities are given as the dicts of `Entity.to_dict`: what a packed record keeps, and,
marshalled, quicker to send to a process than pickled entities (see `proscribe.forming`).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import chain
from typing import Any, NamedTuple

import zstandard

from proscribe.index.filing import (
    MIN_IDENTIFIER_LENGTH,
    SCHEMA_CODES,
    identifier_key,
    initials_mask,
    name_tokens,
    person_hint,
    requested_forms,
)
from proscribe.index.packed import record, text_hash
from proscribe.model import Schema

FRAGMENT_SIZE = 500  # entities a fragment: its fixed costs small beside its entities'


class Fragment(NamedTuple):
    """Arrays are the bytes of `array` values (typecode in the comment); positions local."""

    records: bytes  # the packed records, one after another
    record_ends: bytes  # q: the end of each record in `records`
    entity_schema: bytes  # b: `filing.SCHEMA_CODES`
    entity_source: tuple[str, ...]
    entity_first: bytes  # i: the position of each entity's first filed name
    name_entity: bytes  # i
    name_slot: bytes  # H: the name's place among its entity's names
    name_length: bytes  # i: tokens in its first rendering
    name_initials: bytes  # I: `filing.initials_mask`
    tokens: tuple[str, ...]  # the fragment's tokens, in the order the names first hold them
    post_tokens: bytes  # i: a place in `tokens`, one per (name, token) posting
    post_names: bytes  # i: the name of each posting
    typo_tokens: tuple[str, ...]  # tokens worth a typo lookup, each once, in no order
    exact_hashes: bytes  # Q: `text_hash` of each name's sorted variant keys
    exact_names: bytes  # i
    identifier_hashes: bytes  # Q: `text_hash` of each identifier key
    identifier_entities: bytes  # i


def make_fragment(
    entities: Sequence[dict[str, Any]], compressor: zstandard.ZstdCompressor
) -> Fragment:
    """The fragment of `entities` (`Entity.to_dict` dicts), their records packed by
    `compressor` (`packed.Coders(dictionary).compressor()`, the index's own dictionary)."""
    building = _Filing()
    for number, data in enumerate(entities):
        building.entity(number, data, compressor)
    return building.fragment()


class _Filing:
    """A fragment as it is gathered, entity by entity, in the order `Index.add` files them."""

    def __init__(self) -> None:
        self.records: list[bytes] = []
        self.record_ends = array("q")
        self.entity_schema = array("b")
        self.entity_source: list[str] = []
        self.entity_first = array("i")
        self.name_entity = array("i")
        self.name_slot = array("H")
        self.name_length = array("i")
        self.name_initials = array("I")
        self.tokens: dict[str, int] = {}
        self.post_tokens = array("i")
        self.post_names = array("i")
        self.typo_tokens: set[str] = set()
        self.exact_hashes = array("Q")
        self.exact_names = array("i")
        self.identifier_hashes = array("Q")
        self.identifier_entities = array("i")
        self.packed_size = 0

    def entity(
        self, number: int, data: dict[str, Any], compressor: zstandard.ZstdCompressor
    ) -> None:
        schema = Schema(data["schema"])
        texts = tuple(name.get("full", "") for name in data.get("names", ()))
        forms = requested_forms((person_hint(schema), texts))
        packed = compressor.compress(record(data, forms))
        self.records.append(packed)
        self.packed_size += len(packed)
        self.record_ends.append(self.packed_size)
        self.entity_schema.append(SCHEMA_CODES[schema])
        self.entity_source.append(data["source"])
        self.entity_first.append(len(self.name_entity))
        for slot, form in enumerate(forms):
            variants = form.variants
            if not variants:
                continue
            position = len(self.name_entity)
            self.name_entity.append(number)
            self.name_slot.append(slot)
            self.name_length.append(len(variants[0]))
            self.name_initials.append(initials_mask(chain.from_iterable(variants)))
            tokens = name_tokens(form)
            known = self.tokens
            self.post_tokens.extend([known.setdefault(t, len(known)) for t in tokens])
            self.post_names.extend([position] * len(tokens))
            self.typo_tokens.update(*variants, *form.keys)
            for sorted_keys in form.sorted_keys:
                self.exact_hashes.append(text_hash(sorted_keys))
                self.exact_names.append(position)
        for ident in data.get("identifiers", ()):
            key = identifier_key(ident.get("value", ""))
            if len(key) >= MIN_IDENTIFIER_LENGTH:
                self.identifier_hashes.append(text_hash(key))
                self.identifier_entities.append(number)

    def fragment(self) -> Fragment:
        return Fragment(
            b"".join(self.records),
            self.record_ends.tobytes(),
            self.entity_schema.tobytes(),
            tuple(self.entity_source),
            self.entity_first.tobytes(),
            self.name_entity.tobytes(),
            self.name_slot.tobytes(),
            self.name_length.tobytes(),
            self.name_initials.tobytes(),
            tuple(self.tokens),
            self.post_tokens.tobytes(),
            self.post_names.tobytes(),
            tuple(self.typo_tokens),
            self.exact_hashes.tobytes(),
            self.exact_names.tobytes(),
            self.identifier_hashes.tobytes(),
            self.identifier_entities.tobytes(),
        )
