"""What the index files of one entity and its names: its names' forms, their tokens in a
fixed order, initials and identifier keys (`fragments.Filing` files them, for the index and
for the fragments made apart from it alike)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import islice
from operator import add

from proscribe.model import Entity, Schema, bic_head
from proscribe.text.forms import NameForm, name_form

SCHEMA_CODES = {schema: code for code, schema in enumerate(Schema)}
MIN_IDENTIFIER_LENGTH = 4  # a shorter identifier key finds too much by chance


def identifier_key(value: str) -> str:
    """An identifier as compared: upper case letters and digits only, without a type word."""
    text = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    return text[3:] if text.startswith("IMO") and text[3:].isdigit() else bic_head(text)


def person_hint(schema: Schema) -> bool | None:
    """Whether an entity of `schema` is a person, None when the schema does not say."""
    if schema is Schema.PERSON:
        return True
    if schema in (Schema.ORGANIZATION, Schema.VESSEL, Schema.AIRPLANE):
        return False
    return None


INITIALS_BITS = 2  # a count of words per first letter, up to INITIALS_MOST
INITIALS_MOST = (1 << INITIALS_BITS) - 1


def initials_counts(variants: Iterable[Sequence[str]]) -> int:
    """How many words of a name begin with each letter (a to z), up to INITIALS_MOST, as
    INITIALS_BITS bits a letter of one integer (the most any rendering of it has): each
    initial of a query needs a word of its own ('AL-TIKRITI, S. A. A.': an A for each A.
    beside the AL the query spells out)."""
    # Counted over the few letters a rendering holds, not all 26: a third to a fifth of the time.
    most: dict[str, int] = {}
    for tokens in variants:
        firsts = [token[:1] for token in tokens]
        for letter in set(firsts):
            count = firsts.count(letter)
            if count > most.get(letter, 0):
                most[letter] = count
    packed = 0
    for letter, count in most.items():
        if "a" <= letter <= "z":
            packed |= min(count, INITIALS_MOST) << (INITIALS_BITS * (ord(letter) - 97))
    return packed


def name_tokens(form: NameForm) -> dict[str, None]:
    """Every token a name is found by, each once (the dict's keys): raw tokens, variant keys,
    adjacent pairs joined. In the order they first come, never in a set's order: token
    numbers are given in this order, and a set of strings is ordered by a hash that differs
    between processes."""
    found: list[str] = []
    for variant, keys in zip(form.variants, form.keys, strict=True):
        found += variant
        found += keys
        found += map(add, variant, islice(variant, 1, None))  # adjacent pairs, in C
    return dict.fromkeys(found)


# What the forms of an entity's names are made from: whether it is a person (None when its
# schema does not say) and the texts of its names, in order.
FormsRequest = tuple[bool | None, tuple[str, ...]]


def forms_request(entity: Entity) -> FormsRequest:
    """What `requested_forms` needs of `entity`: plain values, cheap to send to a process."""
    return person_hint(entity.schema), tuple(name.full for name in entity.names)


def requested_forms(request: FormsRequest) -> tuple[NameForm, ...]:
    hint, texts = request
    return tuple(name_form(text, hint) for text in texts)


def entity_forms(entity: Entity) -> tuple[NameForm, ...]:
    """The forms of an entity's names, in order, as the index makes them."""
    return requested_forms(forms_request(entity))
