"""Compact forms of the index's bulky parts, so that a million listed entities fit in memory.

- `Entities`: the indexed entities and the forms of their names, in order. Up to `PACK_ABOVE`
  entities they are kept as objects; beyond, each entity is kept as the dict of its canonical
  JSON (`Entity.to_dict`, what the store keeps) with its names' forms, compressed with
  Zstandard against a dictionary trained on the first records, in one buffer, and decoded
  when asked for. An entity with the forms of its names is about 2.7 kB as objects; packed,
  about 180 bytes. Decoding costs some tens of microseconds, paid only for the candidates a
  query scores; computing the forms again instead would cost about 60 microseconds a name.
- `HashLookup`: a text -> positions map held as two numpy arrays (the keys' 64-bit hashes,
  sorted, and the positions) instead of a dict of lists: 12 bytes an entry instead of about
  150. Keys are not kept: two keys sharing a 64-bit hash is a chance of about one in 10^13
  per lookup at a million names, far below any other error of screening.
"""

from __future__ import annotations

import marshal
import operator
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar, overload

import numpy as np
import numpy.typing as npt
import zstandard
from xxhash import xxh3_64_intdigest

from proscribe.model import Entity
from proscribe.text.forms import NameForm

# Entities kept as objects up to this many: the product's own lists (tens of thousands) keep
# the speed of plain objects; only far larger lists pay the decoding.
PACK_ABOVE = 50_000
# The compression of packed records. Deflate with a dictionary of the first records' text
# (what was here before) took 22 us a record of some 640 bytes and left 200; Zstandard with a
# dictionary trained on the first 2,000 records takes 3 us and leaves 180, and reads a record
# back in 1.4 us instead of 2.3 (a throwaway script, 20,000 synthetic entities). In a build of
# 300,000 entities, packing was 45 % of the building process's time, the deflate alone 24 %.
# Measured again on 10,000 synthetic records after the first 2,000 (a throwaway script):
# training took 78-88 ms; a 16 kB dictionary packs 3.4 % larger, a 64 kB one 3.5 % smaller
# (5.5 % trained on 10,000 records); level 6 packs 6 % smaller and takes 3.8 times as long.
DICTIONARY_SAMPLE = 2000  # first records the dictionary is trained on
DICTIONARY_SIZE = 32 * 1024
LEVEL = 3  # Zstandard's default
# Decoded entities remembered (cleared whole when full). Each is some 60 objects that every
# full pass of the cyclic collector walks: with 4096 remembered, a pass took 35 ms and set
# the slowest screenings at 100k entities; with 512, about 5 ms.
CACHE_SIZE = 512


FormFields = tuple[
    str,
    str | None,
    tuple[tuple[str, ...], ...],
    tuple[tuple[str, ...], ...],
    tuple[str, ...],
    str | None,
    tuple[str, ...],
]


T = TypeVar("T")


class ByPosition(Sequence[T]):
    """A read-only sequence whose items are made on demand by `_at` (given a position in
    range, negatives already turned round); slices read as lists."""

    def _at(self, position: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, position: int) -> T: ...

    @overload
    def __getitem__(self, position: slice) -> list[T]: ...

    def __getitem__(self, position: int | slice) -> T | list[T]:
        if isinstance(position, slice):
            return [self._at(i) for i in range(*position.indices(len(self)))]
        number = operator.index(position)
        if number < 0:
            number += len(self)
        if not 0 <= number < len(self):
            raise IndexError(position)
        return self._at(number)


class Entities(ByPosition[Entity]):
    """The indexed entities, and the forms of their names: a sequence of entities, whether
    kept as objects or packed."""

    def __init__(self) -> None:
        self._objects: list[Entity] = []
        self._forms: list[tuple[NameForm, ...]] = []  # per entity, one per name
        self._packed = bytearray()
        self._ends: array[int] = array("q")  # end offset of each packed entity
        self._dictionary = b""  # set when packing starts (`packing_dictionary`)
        self._cache: dict[int, tuple[Entity, tuple[NameForm, ...]]] = {}
        self._coders: Coders | None = None  # made with the dictionary

    @property
    def packed(self) -> bool:
        return bool(self._dictionary)

    def append(self, entity: Entity, forms: tuple[NameForm, ...]) -> None:
        """`forms`: the form of each of the entity's names, in order."""
        if self._dictionary:
            self._pack(entity, forms)
            return
        self._objects.append(entity)
        self._forms.append(forms)

    def start_packing(self, dictionary: bytes | None = None) -> bytes:
        """Pack the entities appended so far, and every one after them, against `dictionary`
        (by default trained on the first records here: `dictionary_of`); returns it. Called
        by the index's builders once a list is known to be over `PACK_ABOVE` entities."""
        assert not self._dictionary, "packing has started"
        if dictionary is None:
            dictionary = dictionary_of(zip(self._objects, self._forms, strict=True))
        self._dictionary = dictionary
        self._coders = Coders(dictionary)
        objects, forms = self._objects, self._forms
        self._objects, self._forms = [], []
        for entity, its_forms in zip(objects, forms, strict=True):
            self._pack(entity, its_forms)
        return dictionary

    def extend_packed(self, records: bytes, ends: bytes) -> None:
        """Entities packed elsewhere against this dictionary (`Coders`): their records one
        after another, and the end of each within `records` (int64 bytes)."""
        assert self._dictionary, "packed records need the dictionary they were packed against"
        offsets = np.frombuffer(ends, dtype=np.int64) + len(self._packed)
        self._packed += records
        self._ends.frombytes(offsets.tobytes())

    def finish(self) -> None:
        """Called once every entity is in: the buffer stops growing (no spare capacity)."""
        self._packed = bytearray(self._packed)

    def forms(self, position: int) -> tuple[NameForm, ...]:
        """The forms of the names of the entity at `position`, one per name."""
        if not self._dictionary:
            return self._forms[position]
        return self._record(position)[1]

    def _pack(self, entity: Entity, forms: tuple[NameForm, ...]) -> None:
        assert self._coders is not None, "packing starts with the dictionary"
        self._packed += self._coders.compressor().compress(record(entity.to_dict(), forms))
        self._ends.append(len(self._packed))

    def _record(self, position: int) -> tuple[Entity, tuple[NameForm, ...]]:
        found = self._cache.get(position)
        if found is None:
            found = self._unpack(position)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[position] = found
        return found

    def _unpack(self, position: int) -> tuple[Entity, tuple[NameForm, ...]]:
        start = self._ends[position - 1] if position else 0
        packed = memoryview(self._packed)[start : self._ends[position]]
        assert self._coders is not None, "only packed entities are unpacked"
        data = self._coders.decompressor().decompress(packed)
        found, fields = marshal.loads(data)
        entity = Entity.from_dict(found)
        return entity, tuple(form_from_fields(*found) for found in fields)

    def __len__(self) -> int:
        return len(self._ends) if self._dictionary else len(self._objects)

    def _at(self, position: int) -> Entity:
        return self._record(position)[0] if self._dictionary else self._objects[position]

    def __iter__(self) -> Iterator[Entity]:
        if not self._dictionary:
            return iter(self._objects)
        return (self._unpack(number)[0] for number in range(len(self._ends)))

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_cache", "_coders")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._cache = {}
        self._coders = Coders(self._dictionary) if self._dictionary else None


class Coders(threading.local):
    """The compressor and decompressor of one dictionary, each made once per thread that
    uses it: making one costs some 9 us, more than a record's decoding, and one may not
    serve two threads at once (the service decodes candidates in several). Each thread runs
    `__init__` with the same dictionary."""

    def __init__(self, dictionary: bytes) -> None:
        self._dictionary = dictionary
        self._compressor: zstandard.ZstdCompressor | None = None
        self._decompressor: zstandard.ZstdDecompressor | None = None

    def compressor(self) -> zstandard.ZstdCompressor:
        if self._compressor is None:
            self._compressor = zstandard.ZstdCompressor(
                level=LEVEL,
                dict_data=zstandard.ZstdCompressionDict(self._dictionary),
                write_checksum=False,
                write_dict_id=False,
            )
        return self._compressor

    def decompressor(self) -> zstandard.ZstdDecompressor:
        if self._decompressor is None:
            dictionary = zstandard.ZstdCompressionDict(self._dictionary)
            self._decompressor = zstandard.ZstdDecompressor(dict_data=dictionary)
        return self._decompressor


def dictionary_of(formed: Iterable[tuple[Entity, tuple[NameForm, ...]]]) -> bytes:
    """The dictionary to pack a list against, from its first entities with their names'
    forms: the same wherever it is made, as the list's pieces packed apart must share it."""
    chosen = islice(formed, DICTIONARY_SAMPLE)
    return packing_dictionary([record(entity.to_dict(), forms) for entity, forms in chosen])


def packing_dictionary(records: Sequence[bytes]) -> bytes:
    """The dictionary records are packed against: trained on `records` (their keys, field
    names and common words), or, when they are too few or too alike for Zstandard to train
    on, their own text (the end of it, up to `DICTIONARY_SIZE`), which it reads as a raw
    dictionary."""
    try:
        return zstandard.train_dictionary(DICTIONARY_SIZE, list(records)).as_bytes()
    except zstandard.ZstdError:
        text = b"".join(records)[-DICTIONARY_SIZE:]
        # Read as a trained dictionary if it began as one does: a raw one never may.
        return text[1:] if text.startswith(_TRAINED_MAGIC) else text


_TRAINED_MAGIC = (0xEC30A437).to_bytes(4, "little")


def record(data: dict[str, Any], forms: Sequence[NameForm]) -> bytes:
    """An entity as the dict of its canonical JSON (`Entity.to_dict`, which `from_dict` reads
    back exactly), and its names' forms without their sorted keys (the keys sorted): marshal,
    the fastest writer and reader of nested dicts, lists and tuples of strings (JSON text
    took a third longer both ways)."""
    return marshal.dumps((data, tuple(form_fields(form) for form in forms)))


def form_fields(form: NameForm) -> FormFields:
    """A name's form as plain tuples and strings, for marshal, without its sorted keys (they
    are the keys sorted)."""
    return (
        form.text,
        form.script,
        form.variants,
        form.keys,
        form.renderings,
        form.legal_form,
        form.titles,
    )


def form_from_fields(*fields: Any) -> NameForm:
    """The form `form_fields` gave, as it was."""
    text, script, variants, keys, renderings, found_form, titles = fields
    sorted_keys = tuple(tuple(sorted(words)) for words in keys)
    return NameForm(text, script, variants, keys, renderings, sorted_keys, found_form, titles)


def text_hash(key: str | Sequence[str]) -> int:
    """A 64-bit hash of a text or of a sequence of words: the same in every process (Python's
    own hash of a str is salted per process, and snapshots outlive processes)."""
    # XXH3: 0.09 us a key where BLAKE2b (what was here) took 0.59, with the same spread of
    # values for keys nobody chose to collide; a million entities hash some five million.
    text = key if isinstance(key, str) else "\0".join(key)
    return xxh3_64_intdigest(text.encode("utf-8", "surrogatepass"))


class HashLookup:
    """Positions by key (a text, or words looked up together), in the order they were added."""

    def __init__(self) -> None:
        self._adding: tuple[array[int], array[int]] | None = (array("Q"), array("i"))
        self._hashes: npt.NDArray[np.uint64] = np.zeros(0, dtype=np.uint64)
        self._values: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)

    def add(self, key: str | Sequence[str], value: int) -> None:
        assert self._adding is not None, "add after finish"
        hashes, values = self._adding
        hashes.append(text_hash(key))
        values.append(value)

    def add_hashed(self, hashes: array[int], values: array[int]) -> None:
        """Add entries whose keys were hashed elsewhere (`text_hash`): `hashes` of typecode Q,
        `values` of typecode i."""
        assert self._adding is not None, "add after finish"
        self._adding[0].extend(hashes)
        self._adding[1].extend(values)

    def finish(self) -> None:
        if self._adding is None:
            return
        # Read in place (no copies), let go of once sorted out of them.
        hashes = np.frombuffer(self._adding[0], dtype=np.uint64)
        values = np.frombuffer(self._adding[1], dtype=np.int32)
        order = np.argsort(hashes, kind="stable")  # stable: added order kept
        self._hashes, self._values = hashes[order], values[order]
        del hashes, values, order
        self._adding = None

    def get(self, key: str | Sequence[str], default: Sequence[int] = ()) -> Sequence[int]:
        wanted = np.uint64(text_hash(key))
        start = int(np.searchsorted(self._hashes, wanted, side="left"))
        end = int(np.searchsorted(self._hashes, wanted, side="right"))
        return self._values[start:end].tolist() if end > start else default

    def sorted_pairs(self) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int32]]:
        """Every (hash, position) pair, ordered by hash (views, never modified)."""
        return self._hashes, self._values

    def __len__(self) -> int:
        return len(self._hashes)
