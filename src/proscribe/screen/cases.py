"""Labelled screening cases made from list entities: the test sets filter testers use.

Sanctions filters are tested in layers (SWIFT Sanctions Testing, AML Analytics, SQA; see the
domain notes, section 2). At *control* level every listed name, as published, must alert
(`exact`). At *manipulated* level the names are altered the way customer records and payment
messages alter them, one kind of change per category, and recall is reported per category.
*Negative* cases, people who look like listed parties but are not, measure the false alerts.

`variant_cases` builds the first two layers from any list entities and `innocent_cases` the
third. A case carries the query, its category and the `(source, id)` the query must find (None
for an innocent). Everything is pure and seeded (`random.Random`, never the global one): the
same entities and seed give the same cases, so a recall figure can be reproduced and compared
between algorithm versions.

Categories; the change is made to the entity's primary name unless said otherwise:

- exact: the name as the list writes it.
- word_order: "SURNAME, Given" written "Given SURNAME", or the words moved round.
- spacing: the space between two words removed, or one added at a syllable break in a word.
- hyphenation: two words joined by a hyphen, or a hyphen replaced by a space.
- typo_1, typo_2: one or two keyboard slips (a neighbouring key, a letter dropped, added or
  swapped with the next) in words of 4+ letters; two slips only in names of 10+ letters.
- transliteration: one word spelled as another romanisation writes it (ou/u, ee/i, y/i, kh/h,
  q/k, j/dzh, ph/f, sh/sch, oe/oi, x/ks ...) or replaced by another known spelling of the same
  name from `proscribe.text`'s variant sets (Muhammad / Mohamed, Choe / Choi).
- initials: a person's given names cut to initials, surname kept (names of 3+ words).
- honorifics: a title before a person's name (Mr, Dr, Haji, Sheikh, General).
- legal_forms: an organisation's legal form respelled (LTD / LIMITED, CO. / COMPANY) or
  dropped, or "LLC" added to a name that has none.
- truncation: the last word dropped (3+ words) or cut to its first 4+ letters, as a
  fixed-length payment field cuts a name.
- concatenation: two of a person's given names written as one (Ryong Hae -> Ryonghae).
- original_script: a name the list gives in its own script (Arabic, Cyrillic ...).
- alias: another good alias of the entry (not a weak alias).

The categories that alter a name skip names of fewer than 2 words or 6 letters: a slip in
"ALI" makes another name, not a variant of it. Half of the queries carry the entity's schema,
the other half none; a third of the person queries carry the entity's birth date. A query's
`id` is `<category>:<source>:<id>`.

Innocents recombine the primary names of two different entries of one schema: a person's
given names (at most one more than the other's surname has words, so neither dominates) with
another's surname; for other parties the first half of one name and the second half of
another. A candidate is dropped when its words, compared by spelling key with legal forms,
titles and JR/III set aside, all lie in one list name or hold a whole list name of 2+ words:
none is a listed name. Their `id` is `innocent:<schema>:<n>`; a third of the persons carry a
random birth date, as a customer record would.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from proscribe.model import DateSpec, Entity, NameKind, PartialDate, Query, Schema
from proscribe.text import canonical_token, legal_form, normalize, strip_honorifics, tokens
from proscribe.text.data import names_chinese, names_korean
from proscribe.text.variants import KEYS

CATEGORIES: tuple[str, ...] = (
    "exact",
    "word_order",
    "spacing",
    "hyphenation",
    "typo_1",
    "typo_2",
    "transliteration",
    "initials",
    "honorifics",
    "legal_forms",
    "truncation",
    "concatenation",
    "original_script",
    "alias",
)
INNOCENT = "innocent"


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled query: `expected` is the (source, id) it must find, None for an innocent.

    `original` is the list name the query was made from (None for an innocent), for reports.
    """

    query: Query
    category: str
    expected: tuple[str, str] | None
    original: str | None = None


Variant = tuple[str, str]  # (query text, the list name it was made from)
Maker = Callable[[Entity, random.Random], Variant | None]
TextRule = Callable[[str, random.Random], str | None]

_LETTERS = re.compile(r"[^\W\d_]+")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # what `tokens` keeps as one token
_VOWELS = frozenset("aeiouAEIOU")
# QWERTY neighbours: the keys a finger slips onto.
_KEYBOARD = {
    key: neighbours
    for row in (
        "q:wa w:qeas e:wrsd r:etdf t:ryfg y:tugh u:yihj i:uojk o:ipkl p:ol",
        "a:qwsz s:awedxz d:serfcx f:drtgvc g:ftyhbv h:gyujnb j:huikmn k:jiolm l:kop",
        "z:asx x:zsdc c:xdfv v:cfgb b:vghn n:bhjm m:njk",
    )
    for key, _, neighbours in (pair.partition(":") for pair in row.split())
}
# Name-building words that are not given names: never cut to an initial.
_PARTICLES = frozenset(
    ("al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "abu", "abou", "bin", "ben", "ibn")
)
# Family-name-first names (Korean, Chinese) written without a comma start with one of these.
_EAST_ASIAN_SURNAMES = frozenset(
    spelling
    for spellings in names_korean.SURNAMES.values()
    for spelling in spellings
    if len(spelling) > 1
) | frozenset(spelling for group in names_chinese.VARIANT_SETS for spelling in group)
# First words of Arabic compound names, written joined as often as apart (Abdulsalam).
_COMPOUND_STARTS = frozenset(("abd", "abdul", "abdel", "abdal", "abu", "abou", "bin", "ben"))
_GENERATIONS = frozenset(("jr", "sr", "ii", "iii", "iv"))
_TITLES = ("Mr", "Dr", "Haji", "Sheikh", "General")
_CONSONANT = "[bcdfghjklmnprstvwz]"
# Spelling differences between romanisations, on lowercase words: (pattern, replacement).
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        ("ou", "u"),
        (f"(?<={_CONSONANT})u(?={_CONSONANT})", "ou"),  # Mansur -> Mansour
        ("ee", "i"),
        (f"i(?={_CONSONANT}$)", "ee"),  # Karim -> Kareem
        ("(?<=[a-z])y", "i"),  # Dmitry -> Dmitri, Yuryevich -> Yurievich
        ("(?<=[a-z])i$", "y"),  # Sergei -> Sergey
        ("kh", "h"),
        ("^h(?=[aeiou])", "kh"),
        ("q", "k"),
        ("dzh", "j"),
        ("(?<!d)j", "dzh"),
        ("ph", "f"),
        ("sch", "sh"),
        ("sh", "sch"),
        ("oe", "oi"),
        ("oi", "oe"),
        ("ks", "x"),
        ("x", "ks"),
        ("ai", "ay"),
        ("ay(?![aeiou])", "ai"),
        ("^v", "w"),
    )
)


def _spelling_groups() -> dict[str, tuple[str, ...]]:
    """The inverse of the variant keys: every known spelling of each key."""
    groups: dict[str, list[str]] = {}
    for spelling, key in sorted(KEYS.items()):
        groups.setdefault(key, []).append(spelling)
    return {key: tuple(spellings) for key, spellings in groups.items()}


_SPELLINGS = _spelling_groups()


# -- text helpers ------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def _letter_count(text: str) -> int:
    return sum(char.isalpha() for char in text)


def _long_enough(text: str) -> bool:
    return len(tokens(text)) >= 2 and _letter_count(text) >= 6


def _recase(new: str, like: str) -> str:
    """`new` (lower case) written in the case style of `like`."""
    if like.isupper():
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _inner_spaces(text: str) -> list[int]:
    """Positions of single spaces between two letters (not after a comma)."""
    return [
        index
        for index in range(1, len(text) - 1)
        if text[index] == " " and text[index - 1].isalpha() and text[index + 1].isalpha()
    ]


def _inner_hyphens(text: str) -> list[int]:
    return [
        index
        for index in range(1, len(text) - 1)
        if text[index] == "-" and text[index - 1].isalpha() and text[index + 1].isalpha()
    ]


def _syllable_breaks(text: str) -> list[int]:
    """Positions inside words of 6+ letters where a syllable starts (a consonant and a vowel
    after a vowel within three letters), leaving 3+ letters each side: ABDUL|RAHMAN, ROGO|ZIN,
    INVEST|MENTS."""
    breaks = []
    for word in _LETTERS.finditer(text):
        letters = word.group()
        for cut in range(3, len(letters) - 2):
            consonant_vowel = letters[cut] not in _VOWELS and letters[cut + 1] in _VOWELS
            after_vowel = any(letter in _VOWELS for letter in letters[max(cut - 3, 0) : cut])
            if consonant_vowel and after_vowel:
                breaks.append(word.start() + cut)
    return breaks


@dataclass(frozen=True, slots=True)
class _PersonName:
    """A person's name cut into surname and given names, with the order it was written in."""

    surname: tuple[str, ...]
    given: tuple[str, ...]
    style: str  # "comma" (SURNAME, Given), "family_first" (CHO CHUN RYONG), "given_first"

    def text(self) -> str:
        surname, given = " ".join(self.surname), " ".join(self.given)
        if self.style == "comma":
            return f"{surname}, {given}"
        if self.style == "family_first":
            return f"{surname} {given}"
        return f"{given} {surname}"


def _split_person(text: str) -> _PersonName | None:
    """Surname and given names: the list's comma when it writes one; else the first word for
    Korean and Chinese surnames (family name first), the last word otherwise."""
    surname, comma, given = text.partition(",")
    if comma and surname.split() and given.split():
        return _PersonName(tuple(surname.split()), tuple(given.split()), "comma")
    words = tuple(text.split())
    if len(words) < 2:
        return None
    if len(words) <= 4 and normalize(words[0]) in _EAST_ASIAN_SURNAMES:
        return _PersonName(words[:1], words[1:], "family_first")
    return _PersonName(words[-1:], words[:-1], "given_first")


# -- the variations, one per category: name text in, varied text out (None: does not apply) ----


def _exact(text: str, _rng: random.Random) -> str:
    return text


def _word_order(text: str, rng: random.Random) -> str | None:
    person = _split_person(text)
    if person is None:
        return None
    if person.style == "comma":
        return replace(person, style="given_first").text()
    if person.style == "family_first":
        words = [*person.given, *person.surname]
    else:
        words = [*person.surname, *person.given]  # family name moved to the front
    if rng.random() < 0.25:
        rng.shuffle(words)
    return " ".join(words)


def _word_order_any(text: str, rng: random.Random) -> str | None:
    """Organisations, vessels: two neighbouring words of the name (before any comma) swapped."""
    head, comma, tail = text.partition(",")
    words = head.split()
    core = len(words) - 1 if len(words) >= 3 else len(words)  # the last word: often a form
    if core < 2:
        return None
    index = rng.randrange(core - 1)
    words[index], words[index + 1] = words[index + 1], words[index]
    return " ".join(words) + comma + tail


def _core(text: str) -> tuple[int, int]:
    """The span of the name without the legal form at its start or end: spacing and hyphens
    change name words, not forms (LIMI TED, SHIPPINGCOMPANY, COM PANY are not variants)."""
    words = list(_WORDS.finditer(text))
    normal = tuple(normalize(word.group()) for word in words)
    rest, form = legal_form(normal)
    if form is None or not rest:
        return 0, len(text)
    for start in range(len(normal) - len(rest) + 1):
        if normal[start : start + len(rest)] == rest:
            return words[start].start(), words[start + len(rest) - 1].end()
    return 0, len(text)


def _spacing(text: str, rng: random.Random) -> str | None:
    start, end = _core(text)
    options = [_splice(text, i, i + 1, "") for i in _inner_spaces(text) if start < i < end]
    options += [_splice(text, i, i, " ") for i in _syllable_breaks(text) if start < i < end]
    return rng.choice(options) if options else None


def _hyphenation(text: str, rng: random.Random) -> str | None:
    start, end = _core(text)
    options = [_splice(text, i, i + 1, "-") for i in _inner_spaces(text) if start < i < end]
    options += [_splice(text, i, i + 1, " ") for i in _inner_hyphens(text) if start < i < end]
    return rng.choice(options) if options else None


def _slip(word: str, rng: random.Random) -> str:
    """One keyboard slip in an ASCII word: a neighbouring key, a letter dropped, an extra
    neighbouring key pressed, or two different neighbouring letters swapped."""
    swaps = [index for index in range(len(word) - 1) if word[index] != word[index + 1]]
    kind = rng.choice(("substitute", "delete", "insert", "transpose" if swaps else "substitute"))
    if kind == "transpose":
        index = rng.choice(swaps)
        return word[:index] + word[index + 1] + word[index] + word[index + 2 :]
    index = rng.randrange(len(word))
    if kind == "delete":
        return word[:index] + word[index + 1 :]
    key = _recase(rng.choice(_KEYBOARD[word[index].lower()]), word[index])
    if kind == "insert":
        return word[:index] + key + word[index:]
    return word[:index] + key + word[index + 1 :]


def _typos(text: str, rng: random.Random, count: int) -> str | None:
    for _ in range(count):
        words = [
            word
            for word in _LETTERS.finditer(text)
            if len(word.group()) >= 4 and word.group().isascii()
        ]
        if not words:
            return None
        word = rng.choice(words)
        text = _splice(text, word.start(), word.end(), _slip(word.group(), rng))
    return text


def _typo_1(text: str, rng: random.Random) -> str | None:
    return _typos(text, rng, 1)


def _typo_2(text: str, rng: random.Random) -> str | None:
    return _typos(text, rng, 2) if _letter_count(text) >= 10 else None


def _respellings(word: str) -> tuple[list[str], list[str]]:
    """(other known spellings of the name, spellings the romanisation rules give) of a word."""
    lower = word.lower()
    known = [other for other in _SPELLINGS.get(KEYS.get(lower, ""), ()) if other != lower]
    ruled = []
    for pattern, replacement in _SPELLING_RULES:
        for found in pattern.finditer(lower):
            ruled.append(_splice(lower, found.start(), found.end(), replacement))
    return known, [spelling for spelling in ruled if spelling != lower]


def _transliteration(text: str, rng: random.Random) -> str | None:
    known: list[tuple[re.Match[str], str]] = []
    ruled: list[tuple[re.Match[str], str]] = []
    for word in _LETTERS.finditer(text):
        if not word.group().isascii() or len(word.group()) < 3:
            continue  # not initials and abbreviations (C.V., MI): respell names only
        from_sets, from_rules = _respellings(word.group())
        known += [(word, spelling) for spelling in from_sets]
        ruled += [(word, spelling) for spelling in from_rules]
    # The variant sets are what the matcher itself knows, so they alone would make the
    # category easy: draw from the rules as often as from the sets.
    pools = [pool for pool in (known, ruled) if pool]
    if not pools:
        return None
    word, spelling = rng.choice(rng.choice(pools))
    return _splice(text, word.start(), word.end(), _recase(spelling, word.group()))


def _initial(word: str) -> str:
    return word[0].upper() + "."


def _initials(text: str, rng: random.Random) -> str | None:
    person = _split_person(text)
    if person is None or len(person.surname) + len(person.given) < 3:
        return None
    given = [
        index
        for index, word in enumerate(person.given)
        if word[:1].isalpha() and normalize(word) not in _PARTICLES
    ]
    modes = [given[:1]]  # the first given name only
    if len(given) >= 2:
        modes.append(given[1:])  # middle names: Dmitry O.
    if 2 <= len(given) <= 3:
        modes.append(given)  # all: D. O.
    chosen = set(rng.choice(modes)) if given else set()
    if not chosen:
        return None
    words = tuple(
        _initial(word) if index in chosen else word for index, word in enumerate(person.given)
    )
    return replace(person, given=words).text()


def _honorifics(text: str, rng: random.Random) -> str:
    title = rng.choice(_TITLES)
    if title in ("Mr", "Dr") and rng.random() < 0.5:
        title += "."
    person = _split_person(text)
    if person is not None and person.style == "comma":
        return replace(person, given=(title, *person.given)).text()  # SURNAME, Dr Given
    return f"{title} {text}"


# Legal forms the category respells: the form's normalised words -> what to write instead.
_FORM_SWAPS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("co", "ltd"): ("COMPANY LIMITED", "CO LIMITED"),
    ("company", "limited"): ("CO., LTD.", "CO. LTD"),
    ("limited", "liability", "company"): ("LLC", "L.L.C."),
    ("joint", "stock", "company"): ("JSC",),
    ("public", "limited", "company"): ("PLC",),
    ("ltd",): ("LIMITED",),
    ("limited",): ("LTD", "LTD."),
    ("co",): ("COMPANY",),
    ("company",): ("CO.", "CO"),
    ("corp",): ("CORPORATION",),
    ("corporation",): ("CORP.", "CORP"),
    ("inc",): ("INCORPORATED",),
    ("incorporated",): ("INC.",),
    ("llc",): ("LIMITED LIABILITY COMPANY",),
    ("jsc",): ("JOINT STOCK COMPANY",),
    ("plc",): ("PUBLIC LIMITED COMPANY",),
}


def _with_form(head: str, form: str, like: str) -> str:
    head = head.rstrip(" ,;-")
    return f"{head} {form if like.isupper() else form.title()}" if form else head


def _legal_form_options(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(name without its legal form, forms to write after it); an empty form drops it."""
    words = list(_WORDS.finditer(text))
    normal = tuple(normalize(word.group()) for word in words)
    if normal != tokens(text):
        return []
    options = []
    for size in (3, 2, 1):
        if len(normal) > size and normal[-size:] in _FORM_SWAPS:
            options.append((text[: words[-size].start()], _FORM_SWAPS[normal[-size:]]))
            break
    rest, form = legal_form(normal)
    if form is not None and 0 < len(rest) < len(normal) and normal[: len(rest)] == rest:
        options.append((text[: words[len(rest)].start()], ("",)))
    if form is None:
        options.append((text, ("LLC",)))
    return options


def _legal_forms(text: str, rng: random.Random) -> str | None:
    options = _legal_form_options(text)
    if not options:
        return None
    head, forms = rng.choice(options)
    return _with_form(head, rng.choice(forms), text)


def _truncation(text: str, rng: random.Random) -> str | None:
    words = text.split()
    options = []
    if len(words) >= 3:
        shorter = " ".join(words[:-1]).rstrip(" ,;-")
        if "," not in text or shorter.partition(",")[2].strip():  # keep a given name
            options.append(shorter)
    last = _LETTERS.match(words[-1]) if words else None
    if last is not None and len(last.group()) >= 5:
        cut = rng.randint(4, len(last.group()) - 1)
        options.append(" ".join([*words[:-1], last.group()[:cut]]))
    return rng.choice(options) if options else None


def _joined(first: str, second: str) -> str:
    return first + (second if first.isupper() else second.lower())


def _joinable(first: str, second: str, east_asian: bool) -> bool:
    """Given names written as one in practice: the syllables of Korean and Chinese given names
    (Ryong Hae, Chol U) and Arabic compounds (Abdul Salam, Abu Bakr); not two full names
    (Valentina Ivanovna, Ahmed Abdi)."""
    if not (first.isalpha() and second.isalpha()):
        return False
    syllables = east_asian and len(first) <= 6 and len(second) <= 6
    return syllables or first.lower() in _COMPOUND_STARTS


def _concatenation(text: str, rng: random.Random) -> str | None:
    person = _split_person(text)
    if person is None:
        return None
    given = list(person.given)
    east_asian = person.style != "given_first" and (
        normalize(person.surname[0]) in _EAST_ASIAN_SURNAMES
    )
    options: list[tuple[int, int]] = [
        (index, index + 2)
        for index in range(len(given) - 1)
        if _joinable(given[index], given[index + 1], east_asian)
    ]
    options += [(index, index + 1) for index, word in enumerate(given) if _inner_hyphens(word)]
    if not options:
        return None
    start, end = rng.choice(options)
    parts = " ".join(given[start:end]).replace("-", " ").split()
    joined = parts[0]
    for part in parts[1:]:
        joined = _joined(joined, part)
    given[start:end] = [joined]
    return replace(person, given=tuple(given)).text()


# -- cases ----------------------------------------------------------------------------------


def _on_primary(rule: TextRule, schemas: tuple[Schema, ...] = (), *, short: bool = False) -> Maker:
    """A maker that varies the primary name; `schemas` limits it, `short` admits short names."""

    def make(entity: Entity, rng: random.Random) -> Variant | None:
        original = entity.caption
        if schemas and entity.schema not in schemas:
            return None
        if not short and not _long_enough(original):
            return None
        text = rule(original, rng)
        if text is None or (rule is not _exact and _squash(text) == _squash(original)):
            return None
        return _squash(text), original

    return make


def _alias(entity: Entity, rng: random.Random) -> Variant | None:
    primary = normalize(entity.caption)
    aliases = [
        name.full
        for name in entity.names_of(NameKind.ALIAS)
        if normalize(name.full) != primary and _letter_count(name.full) >= 6
    ]
    if not aliases:
        return None
    text = rng.choice(aliases)
    return text, text


def _original_script(entity: Entity, rng: random.Random) -> Variant | None:
    names = [name.full for name in entity.names_of(NameKind.ORIGINAL_SCRIPT)]
    if not names:
        return None
    text = rng.choice(names)
    return text, text


def _word_order_maker(entity: Entity, rng: random.Random) -> Variant | None:
    rule = _word_order if entity.schema is Schema.PERSON else _word_order_any
    return _on_primary(rule)(entity, rng)


_PERSON = (Schema.PERSON,)
_MAKERS: dict[str, Maker] = {
    "exact": _on_primary(_exact, short=True),
    "word_order": _word_order_maker,
    "spacing": _on_primary(_spacing),
    "hyphenation": _on_primary(_hyphenation),
    "typo_1": _on_primary(_typo_1),
    "typo_2": _on_primary(_typo_2),
    "transliteration": _on_primary(_transliteration),
    "initials": _on_primary(_initials, _PERSON),
    "honorifics": _on_primary(_honorifics, _PERSON),
    "legal_forms": _on_primary(_legal_forms, (Schema.ORGANIZATION,), short=True),
    "truncation": _on_primary(_truncation),
    "concatenation": _on_primary(_concatenation, _PERSON),
    "original_script": _original_script,
    "alias": _alias,
}


def _query(entity: Entity, text: str, rng: random.Random, case_id: str) -> Query:
    schema = entity.schema if rng.random() < 0.5 else None
    birth_date = None
    if entity.schema is Schema.PERSON and entity.birth_dates and rng.random() < 1 / 3:
        birth_date = entity.birth_dates[0]
    return Query(text, schema=schema, birth_date=birth_date, id=case_id)


def _category_cases(entities: Sequence[Entity], category: str, count: int, seed: int) -> list[Case]:
    # One generator per category, so that adding a category leaves the others' cases alone.
    rng = random.Random(f"{seed}:{category}")
    order = list(range(len(entities)))
    rng.shuffle(order)
    make = _MAKERS[category]
    cases: list[Case] = []
    for index in order:
        if len(cases) >= count:
            break
        entity = entities[index]
        variant = make(entity, rng)
        if variant is None:
            continue
        text, original = variant
        query = _query(entity, text, rng, f"{category}:{entity.ref}")
        cases.append(Case(query, category, (entity.source, entity.id), original))
    return cases


def variant_cases(entities: Sequence[Entity], *, per_category: int, seed: int = 0) -> list[Case]:
    """Up to `per_category` cases in each of `CATEGORIES`, from entities drawn at random."""
    cases: list[Case] = []
    for category in CATEGORIES:
        cases.extend(_category_cases(entities, category, per_category, seed))
    return cases


# -- innocents ------------------------------------------------------------------------------


def _name_keys(text: str) -> frozenset[str]:
    """The spelling keys of a name's words; legal forms (CO and COMPANY differ), titles and
    generational suffixes (JR, III) set aside.

    Forms are set aside while one ends the name: a look-alike made of one name's words and
    another's "COMPANY D.O.O." ends in two ("D'AGOSTINO COMPANY D.O.O." is the listed
    "D'AGOSTINO & COMPANY, LTD"). Titles are also those that open the given names after a
    comma, as the matcher reads "VELAYATI, Sayyid Ali": the listed "VELAYATI, Ali Akbar" in part.
    """
    surname, comma, given = text.partition(",")
    words = tokens(text)
    if comma:
        given_words, titles = strip_honorifics(tokens(given))
        if titles:
            words = (*tokens(surname), *given_words)
    while True:
        rest, form = legal_form(words)
        if form is None or rest == words:
            break
        words = rest
    words, _titles = strip_honorifics(words)
    return frozenset(canonical_token(word) for word in words if word not in _GENERATIONS)


class _ListedNames:
    """Every list name as a set of spelling keys, to reject look-alikes that are list names.

    A candidate is rejected when its keys are all in one list name (it *is* that name, or part
    of it) or when a list name of 2+ words is all in it. Keys, not plain tokens: "Mohamed Ali"
    is the listed "Muhammad ALI" and must not count as innocent; and legal forms are left out:
    "NOUR HOLDING COMPANY LIMITED" holds the listed "NOUR HOLDING SAL".
    """

    def __init__(self, entities: Sequence[Entity]) -> None:
        names = [_name_keys(name.full) for entity in entities for name in entity.names]
        strong = [
            _name_keys(name.full)
            for entity in entities
            for name in entity.names
            if name.kind is not NameKind.WEAK_ALIAS
        ]
        self._postings: dict[str, set[int]] = {}
        for index, keys in enumerate(names):
            for key in keys:
                self._postings.setdefault(key, set()).add(index)
        frequency = Counter(key for keys in strong for key in keys)
        # Each name of 2+ keys is filed under its rarest key: a candidate holding the whole
        # name holds that key too, and rare keys keep the lists to check short.
        self._anchored: dict[str, list[frozenset[str]]] = {}
        for keys in strong:
            if len(keys) >= 2:
                anchor = min(keys, key=lambda key: (frequency[key], key))
                self._anchored.setdefault(anchor, []).append(keys)

    def covers(self, text: str) -> bool:
        keys = _name_keys(text)
        if len(keys) < 2:
            return True
        postings = sorted((self._postings.get(key, set()) for key in keys), key=len)
        if set.intersection(*postings):
            return True
        return any(listed <= keys for key in keys for listed in self._anchored.get(key, ()))


def _recombine(schema: Schema, first: str, second: str, rng: random.Random) -> str | None:
    """A name made of two list names: a person's given names from the first and surname from
    the second; other parties' first half of one and second half of the other."""
    if schema is Schema.PERSON:
        given, surname = _split_person(first), _split_person(second)
        if given is None or surname is None:
            return None
        # Neither entry may dominate: five given names of one and a surname of another are
        # that one person (a patronymic chain is as telling as a surname).
        names = given.given[: len(surname.surname) + 1]
        style = rng.choice(("comma", "given_first"))
        return _PersonName(surname.surname, names, style).text()
    # Organisations: the first half of one name and the second half of the other, their
    # legal forms left out, the second's form written after.
    head, tail = _core_words(first), _core_words(second)
    head, tail = head[: (len(head) + 1) // 2], tail[len(tail) // 2 :]
    if not all(any(_letter_count(word) >= 4 for word in part) for part in (head, tail)):
        return None  # each entry gives a real word, not just "M" or "THE"
    form = second[_core(second)[1] :].strip(" ,")
    return " ".join([*head, *tail, form])


def _core_words(text: str) -> list[str]:
    start, end = _core(text)
    return text[start:end].partition(",")[0].split()


def _random_birth_date(rng: random.Random) -> DateSpec:
    return DateSpec(PartialDate(rng.randint(1940, 2000), rng.randint(1, 12), rng.randint(1, 28)))


def _innocent_query(text: str, schema: Schema, rng: random.Random, case_id: str) -> Query:
    birth_date = None
    if schema is Schema.PERSON and rng.random() < 1 / 3:
        birth_date = _random_birth_date(rng)  # customers have one; it is nobody's on the list
    return Query(
        text, schema=schema if rng.random() < 0.5 else None, birth_date=birth_date, id=case_id
    )


def innocent_cases(entities: Sequence[Entity], *, count: int, seed: int = 0) -> list[Case]:
    """Up to `count` look-alikes: names recombined from different entries of one schema that
    are no list name (category "innocent", nothing expected)."""
    rng = random.Random(f"{seed}:{INNOCENT}")
    listed = _ListedNames(entities)
    pools: dict[Schema, list[str]] = {}
    for entity in entities:
        if _long_enough(entity.caption):
            pools.setdefault(entity.schema, []).append(entity.caption)
    draws = [(schema, index) for schema, pool in pools.items() for index in range(len(pool))]
    draws = [(schema, index) for schema, index in draws if len(pools[schema]) >= 2]
    cases: list[Case] = []
    seen: set[str] = set()
    for _ in range(count * 50 if draws else 0):
        if len(cases) >= count:
            break
        schema, index = rng.choice(draws)
        partner = rng.randrange(len(pools[schema]))
        first, second = pools[schema][index], pools[schema][partner]
        text = _recombine(schema, first, second, rng) if first != second else None
        if text is None or normalize(text) in seen or listed.covers(text):
            continue
        seen.add(normalize(text))
        case_id = f"{INNOCENT}:{schema.value}:{len(cases)}"
        query = _innocent_query(_squash(text), schema, rng, case_id)
        cases.append(Case(query, INNOCENT, None))
    return cases
