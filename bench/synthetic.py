"""Synthetic sanctions lists and customer files, for benchmarks only (never for tests).

    from synthetic import generate_entities, customer_rows, write_customers
    entities = list(generate_entities(100_000, seed=1))
    write_customers(path, customer_rows(entities, 10_000, seed=1))

    python bench/synthetic.py --entities 100000 --customers 10000 --out /tmp/synthetic

Entities are `proscribe.model.Entity` values, as a source maps a list: persons (about 60%),
organisations (30%) and vessels (10%), from eleven Faker locales (ko_KR, zh_CN, ja_JP, ru_RU,
ar_AA, fa_IR, tr_TR, en_US, de_DE, fr_FR, es_ES). A name in a non-Latin script is kept as the
entity's `original_script` name, its first romanisation by `proscribe.text.romanizations`
(the renderings the product itself compares) is the primary name and other romanisations
are aliases, as lists publish CHOE Ryong Hae beside CH'OE Ryong-hae and 최룡해. Persons have
a birth date (a third with the year only), a gender, a nationality and a passport number;
organisations a registration number; vessels a valid IMO number (the check digit computed),
an MMSI, a call sign, a flag and sometimes former names.

Faker is slow (tens of microseconds a name), so it is asked only once per locale, for pools of
given names, family names, cities and (for Hangul and Han) the syllables of given names, and
each pool part is romanised once; a million entities are then combined from the pools with a
seeded `random.Random`. The same count and seed give the same entities, in the same order.

Customer rows mix innocent parties (new combinations of the same pools) with list names
perturbed as customer records perturb them (a typo, words swapped, a word dropped, another
case, the original script); the `expected` column names the entity a perturbed row was made
from ("" for an innocent). `screen-file` ignores that column.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from faker import Faker

from proscribe.model import (
    Country,
    CountryRole,
    DateSpec,
    Designation,
    Entity,
    Identifier,
    IdentifierType,
    Name,
    NameKind,
    PartialDate,
    Schema,
)
from proscribe.text import romanizations, script_of

SOURCE = "synthetic"
PROGRAMS = ("SYN-DPRK", "SYN-IRAN", "SYN-RUSSIA", "SYN-SDGT", "SYN-CYBER", "SYN-NARCO")
SCHEMA_SHARES = ((Schema.PERSON, 0.6), (Schema.ORGANIZATION, 0.3), (Schema.VESSEL, 0.1))
POOL_DRAWS = 3000  # Faker calls per pool: most locales' name lists are smaller than this


@dataclass(frozen=True)
class Locale:
    code: str
    countries: tuple[str, ...]  # nationalities, the first most often
    family_first: bool  # CJK order: family name before given names
    sectors: tuple[str, ...]  # words of company names, in the locale's script
    legal_forms: tuple[str, ...]
    company: str  # how a company name is put together: {family} {sector} {form}
    passport: str  # letters then digits: "LDDDDDDD"


LOCALES = (
    Locale("ko_KR", ("kp", "kr"), True, ("무역", "해운", "상사", "산업", "개발", "광업"),
           ("주식회사",), "{form} {family}{sector}", "LDDDDDDD"),
    Locale("zh_CN", ("cn", "hk"), True, ("贸易", "航运", "科技", "实业", "化工", "能源"),
           ("有限公司",), "{family}{sector}{form}", "LDDDDDDDD"),
    Locale("ja_JP", ("jp",), True, ("商事", "海運", "物産", "工業"), ("株式会社",),
           "{family}{sector}{form}", "LLDDDDDDD"),
    Locale("ru_RU", ("ru", "by", "kz"), False, ("Торг", "Транс", "Нефть", "Пром", "Инвест"),
           ("ООО", "АО", "ПАО"), "{form} {family}{sector}", "DDDDDDDDD"),
    Locale("ar_AA", ("sy", "iq", "ye", "lb", "ly", "ae"), False,
           ("للتجارة", "للنفط", "للشحن", "للاستثمار"), ("شركة", "مؤسسة"),
           "{form} {family} {sector}", "LDDDDDDD"),
    Locale("fa_IR", ("ir",), False, ("بازرگانی", "کشتیرانی", "صنعتی", "پتروشیمی"),
           ("شرکت",), "{form} {sector} {family}", "LDDDDDDDD"),
    Locale("tr_TR", ("tr",), False, ("Ticaret", "Denizcilik", "İnşaat", "Enerji"),
           ("A.Ş.", "Ltd. Şti."), "{family} {sector} {form}", "LDDDDDDD"),
    Locale("en_US", ("us", "gb", "ca"), False, ("Trading", "Shipping", "Holdings", "Logistics",
           "Industries", "Resources"), ("LLC", "Inc.", "Ltd", "Corp."),
           "{family} {sector} {form}", "DDDDDDDDD"),
    Locale("de_DE", ("de", "at", "ch"), False, ("Handel", "Logistik", "Technik", "Anlagenbau"),
           ("GmbH", "AG", "KG"), "{family} {sector} {form}", "LLLLDDDDD"),
    Locale("fr_FR", ("fr", "be"), False, ("Négoce", "Transports", "Industries", "Services"),
           ("SA", "SARL", "SAS"), "{sector} {family} {form}", "DDLLDDDDD"),
    Locale("es_ES", ("es", "ve", "mx"), False, ("Comercial", "Naviera", "Inversiones",
           "Suministros"), ("S.A.", "S.L."), "{sector} {family} {form}", "LLLDDDDDD"),
)  # fmt: skip
SHIP_WORDS = (
    "Ocean", "Star", "Glory", "Pioneer", "Fortune", "Harmony", "Spirit", "Wave", "Pearl",
    "Eagle", "Horizon", "Dragon", "Victory", "Sun", "Jade", "Grace", "Unity", "Bright",
)  # fmt: skip


@dataclass(frozen=True)
class Part:
    """A name part: as Faker writes it, and its Latin renderings (the text itself if Latin)."""

    native: str
    latin: tuple[str, ...]


@dataclass
class Pools:
    """One locale's name parts, drawn from Faker once."""

    locale: Locale
    male: list[Part]
    female: list[Part]
    family: list[Part]
    family_female: list[Part]  # Russian surnames agree with gender; elsewhere the same list
    patronymic_male: list[Part]
    patronymic_female: list[Part]
    cities: list[str]
    sectors: list[Part]
    forms: list[Part]

    @property
    def latin(self) -> bool:
        return script_of(self.family[0].native) in (None, "Latin")


def part(text: str) -> Part:
    if script_of(text) in (None, "Latin"):
        return Part(text, (text,))
    renderings = tuple(_title(rendering) for rendering in romanizations(text))
    return Part(text, renderings or (text,))


def _title(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _draw(faker: Faker, method: str) -> list[str]:
    make = getattr(faker, method, None)
    if make is None:
        return []
    return sorted({str(make()) for _ in range(POOL_DRAWS)})


def _syllable_names(names: list[str], rng: random.Random, count: int) -> list[str]:
    """More given names for Hangul and Han: the pool's syllables recombined two by two, as
    Korean and Chinese given names are made (Faker knows only a hundred or so)."""
    syllables = sorted({char for name in names for char in name})
    made = {rng.choice(syllables) + rng.choice(syllables) for _ in range(count)}
    return sorted(set(names) | made)


def make_pools(locale: Locale, seed: int) -> Pools:
    faker = Faker(locale.code)
    faker.seed_instance(seed)
    rng = random.Random(f"{seed}:{locale.code}")
    male, female = _draw(faker, "first_name_male"), _draw(faker, "first_name_female")
    if locale.code in ("ko_KR", "zh_CN"):
        male, female = _syllable_names(male, rng, 1500), _syllable_names(female, rng, 1500)
    family = _draw(faker, "last_name_male") or _draw(faker, "last_name")
    family_female = _draw(faker, "last_name_female") if locale.code == "ru_RU" else family
    return Pools(
        locale=locale,
        male=[part(name) for name in male],
        female=[part(name) for name in female],
        family=[part(name) for name in family],
        family_female=[part(name) for name in family_female],
        patronymic_male=[part(name) for name in _draw(faker, "middle_name_male")],
        patronymic_female=[part(name) for name in _draw(faker, "middle_name_female")],
        cities=_draw(faker, "city")[:300],
        sectors=[part(word) for word in locale.sectors],
        forms=[part(form) for form in locale.legal_forms],
    )


def imo_number(base: int) -> str:
    """A 7-digit IMO number from 6 digits: the check digit is the last digit of the digits
    weighted 7, 6, 5, 4, 3, 2."""
    digits = f"{base:06d}"
    check = sum(int(digit) * weight for digit, weight in zip(digits, range(7, 1, -1), strict=True))
    return digits + str(check % 10)


def _pattern(pattern: str, rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return "".join(rng.choice(letters) if c == "L" else str(rng.randrange(10)) for c in pattern)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ß", "ss"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class Generator:
    """Entities and customer names combined from every locale's pools."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.pools = [make_pools(locale, seed) for locale in LOCALES]

    def person_parts(self, pools: Pools, rng: random.Random) -> tuple[str, list[Part]]:
        """A gender and the name parts in the order the locale writes them."""
        gender = rng.choice(("male", "female"))
        given = pools.male if gender == "male" else pools.female
        family = rng.choice(pools.family if gender == "male" else pools.family_female)
        names = [rng.choice(given)]
        patronymics = pools.patronymic_male if gender == "male" else pools.patronymic_female
        if patronymics and rng.random() < 0.7:
            names.append(rng.choice(patronymics))
        elif pools.latin and rng.random() < 0.3:
            names.append(rng.choice(given))  # a middle name
        return gender, [family, *names] if pools.locale.family_first else [*names, family]

    def person_names(self, pools: Pools, parts: list[Part], rng: random.Random) -> list[Name]:
        joiner = "" if pools.locale.code in ("ko_KR", "zh_CN", "ja_JP") else " "
        primary = " ".join(p.latin[0] for p in parts)
        names = [Name(primary, NameKind.PRIMARY)]
        if not pools.latin:
            names.append(Name(joiner.join(p.native for p in parts), NameKind.ORIGINAL_SCRIPT))
            for _ in range(rng.choice((1, 2, 3))):  # other romanisations, as lists give them
                alias = " ".join(rng.choice(p.latin) for p in parts)
                names.append(Name(alias, NameKind.ALIAS))
        else:
            folded = _ascii(primary)
            if folded != primary:
                names.append(Name(folded, NameKind.ALIAS))
            if len(parts) > 2:
                names.append(Name(f"{parts[0].native} {parts[-1].native}", NameKind.ALIAS))
        if rng.random() < 0.15:  # "SURNAME, Given" as some lists write an a.k.a.
            family = parts[0] if pools.locale.family_first else parts[-1]
            names.append(Name(f"{family.latin[0].upper()}, {parts[1].latin[0]}", NameKind.ALIAS))
        seen: set[str] = set()  # an alias that spells the primary name again says nothing
        return [name for name in names if not (name.full in seen or seen.add(name.full))]

    def company_names(self, pools: Pools, rng: random.Random) -> list[Name]:
        family, sector, form = (
            rng.choice(pools.family),
            rng.choice(pools.sectors),
            rng.choice(pools.forms),
        )
        layout = pools.locale.company
        if pools.latin:
            primary = layout.format(family=family.native, sector=sector.native, form=form.native)
            return [Name(primary, NameKind.PRIMARY)]
        spaced = layout.replace("}{", "} {")
        native = layout.format(family=family.native, sector=sector.native, form=form.native)
        latin = spaced.format(family=family.latin[0], sector=sector.latin[0], form=form.latin[0])
        return [Name(latin, NameKind.PRIMARY), Name(native, NameKind.ORIGINAL_SCRIPT)]

    def vessel_names(self, pools: Pools, rng: random.Random) -> list[Name]:
        def one() -> str:
            if rng.random() < 0.5:
                return f"{rng.choice(SHIP_WORDS)} {rng.choice(SHIP_WORDS)}".upper()
            return f"{rng.choice(pools.family).latin[0]} {rng.choice(SHIP_WORDS)}".upper()

        names = [Name(one(), NameKind.PRIMARY)]
        names += [Name(one(), NameKind.FORMER) for _ in range(rng.choice((0, 0, 1, 2)))]
        return names

    def birth_date(self, rng: random.Random) -> DateSpec:
        year = rng.randint(1940, 2002)
        if rng.random() < 1 / 3:
            return DateSpec(PartialDate(year))
        return DateSpec(PartialDate(year, rng.randint(1, 12), rng.randint(1, 28)))

    def entity(self, number: int, rng: random.Random, imo: Iterator[int]) -> Entity:
        pools = rng.choice(self.pools)
        country = rng.choice(pools.locale.countries)
        roll = rng.random()
        designation = Designation(
            SOURCE,
            (rng.choice(PROGRAMS),),
            PartialDate(rng.randint(2001, 2026), rng.randint(1, 12), rng.randint(1, 28)),
        )
        entity_id = f"SYN-{number:07d}"
        if roll < SCHEMA_SHARES[0][1]:
            gender, parts = self.person_parts(pools, rng)
            passport = _pattern(pools.locale.passport, rng)
            return Entity(
                SOURCE, entity_id, Schema.PERSON, tuple(self.person_names(pools, parts, rng)),
                designation,
                birth_dates=(self.birth_date(rng),),
                birth_places=(rng.choice(pools.cities),) if rng.random() < 0.5 else (),
                gender=gender,
                countries=(Country(country, CountryRole.NATIONALITY),),
                identifiers=(Identifier(IdentifierType.PASSPORT, passport, country),),
            )  # fmt: skip
        if roll < SCHEMA_SHARES[0][1] + SCHEMA_SHARES[1][1]:
            registration = _pattern("DDDDDDDDDD", rng)
            return Entity(
                SOURCE, entity_id, Schema.ORGANIZATION, tuple(self.company_names(pools, rng)),
                designation,
                countries=(Country(country, CountryRole.JURISDICTION),),
                identifiers=(Identifier(IdentifierType.REGISTRATION, registration, country),),
            )  # fmt: skip
        return Entity(
            SOURCE, entity_id, Schema.VESSEL, tuple(self.vessel_names(pools, rng)), designation,
            countries=(Country(country, CountryRole.FLAG),),
            identifiers=(
                Identifier(IdentifierType.IMO, imo_number(next(imo))),
                Identifier(IdentifierType.MMSI, _pattern("DDDDDDDDD", rng)),
                Identifier(IdentifierType.CALL_SIGN, _pattern("LLLL", rng)),
            ),
        )  # fmt: skip

    def entities(self, count: int) -> Iterator[Entity]:
        rng = random.Random(self.seed)
        # Every vessel its own IMO number: 6-digit bases drawn without repeats.
        bases = iter(random.Random(self.seed + 1).sample(range(100_000, 1_000_000), 900_000))
        for number in range(1, count + 1):
            yield self.entity(number, rng, bases)

    def innocent(self, rng: random.Random) -> tuple[str, Schema]:
        pools = rng.choice(self.pools)
        if rng.random() < 0.7:
            _, parts = self.person_parts(pools, rng)
            return " ".join(p.latin[0] for p in parts), Schema.PERSON
        return self.company_names(pools, rng)[0].full, Schema.ORGANIZATION


def generate_entities(count: int, seed: int = 0) -> Iterator[Entity]:
    """`count` synthetic list entities, the same for the same seed."""
    return Generator(seed).entities(count)


def perturb(name: str, rng: random.Random) -> str:
    """A name as a customer record may hold it: one typo, words swapped or dropped, another
    case; names in a non-Latin script are kept as they are."""
    if script_of(name) not in (None, "Latin"):
        return name
    words = name.split()
    change = rng.choice(("typo", "swap", "drop", "case", "none"))
    if change == "swap" and len(words) > 1:
        words[0], words[-1] = words[-1], words[0]
    elif change == "drop" and len(words) > 2:
        del words[rng.randrange(1, len(words) - 1)]
    elif change == "case":
        words = [word.upper() for word in words]
    elif change == "typo":
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) > 4:
            at = rng.randrange(1, len(word) - 1)
            words[longest] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def customer_rows(
    entities: Sequence[Entity], count: int, seed: int = 0, listed_share: float = 0.2
) -> list[dict[str, str]]:
    """`count` customer rows: `listed_share` of them perturbed list names, the rest innocent."""
    rng = random.Random(seed)
    generator = Generator(seed)
    rows = []
    for number in range(1, count + 1):
        row = {"id": f"C{number:08d}", "schema": "", "birth_date": "", "country": ""}
        if rng.random() < listed_share:
            entity = rng.choice(entities)
            name = rng.choice(entity.names).full
            row |= {"name": perturb(name, rng), "expected": entity.id}
            if entity.schema is Schema.PERSON and rng.random() < 0.5:
                row |= {"schema": "Person", "birth_date": entity.birth_dates[0].iso}
        else:
            name, schema = generator.innocent(rng)
            row |= {"name": name, "expected": ""}
            if schema is Schema.PERSON and rng.random() < 0.5:
                born = date(rng.randint(1940, 2002), rng.randint(1, 12), rng.randint(1, 28))
                row |= {"schema": "Person", "birth_date": born.isoformat()}
        rows.append(row)
    return rows


CUSTOMER_COLUMNS = ("id", "name", "schema", "birth_date", "country", "expected")


def write_customers(path: Path, rows: Sequence[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CUSTOMER_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--customers", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    entities = list(generate_entities(args.entities, args.seed))
    made = time.perf_counter() - start
    with (args.out / "entities.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(
            json.dumps(entity.to_dict(), ensure_ascii=False) + "\n" for entity in entities
        )
    rows = customer_rows(entities, args.customers, args.seed)
    write_customers(args.out / "customers.csv", rows)
    print(f"{len(entities):,} entities in {made:.1f} s, {len(rows):,} customers: {args.out}")


if __name__ == "__main__":
    main()
