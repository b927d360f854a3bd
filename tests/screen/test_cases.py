"""The generator of labelled screening cases: deterministic, every category filled on the real
lists, every variant a real change, every innocent name off the lists.

Real entities: SDN 2021-07-07 (8,976 entries) and the UN list 2026-02-27 (1,003 entries, 378
with a name in original script), read in place from ../shared/data.
"""

from __future__ import annotations

import ast
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA

from proscribe.model import DateSpec, Designation, Entity, Name, NameKind, PartialDate, Schema
from proscribe.screen import cases as cases_module
from proscribe.screen.cases import CATEGORIES, INNOCENT, Case, innocent_cases, variant_cases
from proscribe.sources.registry import read_path
from proscribe.text import normalize, tokens

PER_CATEGORY = 40


@pytest.fixture(scope="module")
def entities(data_dir: Path) -> list[Entity]:
    sdn = read_path(data_dir / "us_ofac_sdn" / "2021-07-07")[0].parsed.entities
    un = read_path(data_dir / "un_sc_consolidated" / "2026-02-27")[0].parsed.entities
    return [*sdn, *un]


@pytest.fixture(scope="module")
def variants(entities: list[Entity]) -> list[Case]:
    return variant_cases(entities, per_category=PER_CATEGORY, seed=7)


@pytest.fixture(scope="module")
def innocents(entities: list[Entity]) -> list[Case]:
    return innocent_cases(entities, count=300, seed=7)


def _entity(name: str, schema: Schema = Schema.PERSON, *names: Name, **props: object) -> Entity:
    return Entity(
        source="test",
        id=name,
        schema=schema,
        names=(Name(name), *names),
        designation=Designation("test"),
        **props,  # type: ignore[arg-type]
    )


def _one(rule: Callable[[str, random.Random], str | None], text: str, seed: int = 0) -> str:
    result = rule(text, random.Random(seed))
    assert result is not None, text
    return result


# -- on the real lists ----------------------------------------------------------------------


def test_same_seed_same_cases(entities: list[Entity], variants: list[Case]) -> None:
    assert variant_cases(entities, per_category=PER_CATEGORY, seed=7) == variants
    assert innocent_cases(entities, count=50, seed=7) == innocent_cases(entities, count=50, seed=7)


def test_another_seed_other_cases(entities: list[Entity], variants: list[Case]) -> None:
    other = variant_cases(entities, per_category=PER_CATEGORY, seed=8)
    assert {case.query.name for case in other} != {case.query.name for case in variants}


def test_global_random_is_left_alone(entities: list[Entity]) -> None:
    random.seed(1)
    expected = random.random()
    random.seed(1)
    variant_cases(entities, per_category=5, seed=0)
    innocent_cases(entities, count=5, seed=0)
    assert random.random() == expected


def test_every_category_is_filled(variants: list[Case]) -> None:
    counts = Counter(case.category for case in variants)
    assert counts == dict.fromkeys(CATEGORIES, PER_CATEGORY)


def test_expected_references_exist(entities: list[Entity], variants: list[Case]) -> None:
    refs = {(entity.source, entity.id) for entity in entities}
    assert all(case.expected in refs for case in variants)
    assert {source for source, _ in refs} == {"us_ofac_sdn", "un_sc"}


def test_each_entity_once_per_category(variants: list[Case]) -> None:
    per_category = Counter((case.category, case.expected) for case in variants)
    assert max(per_category.values()) == 1
    assert len({case.query.id for case in variants}) == len(variants)


def test_variants_change_the_name(entities: list[Entity], variants: list[Case]) -> None:
    by_ref = {(entity.source, entity.id): entity for entity in entities}
    for case in variants:
        assert case.expected is not None
        entity = by_ref[case.expected]
        if case.category == "exact":
            assert case.query.name == entity.caption == case.original
        elif case.category in ("alias", "original_script"):
            assert case.query.name == case.original
            assert normalize(case.query.name) != normalize(entity.caption), case
            kind = NameKind.ALIAS if case.category == "alias" else NameKind.ORIGINAL_SCRIPT
            assert case.original in {name.full for name in entity.names_of(kind)}
        else:
            assert case.original == entity.caption
            assert case.query.name != case.original, case


def test_typos_are_one_or_two_edits(variants: list[Case]) -> None:
    for case in variants:
        if case.category.startswith("typo_"):
            assert case.original is not None
            edits = OSA.distance(case.query.name, case.original)
            assert 1 <= edits <= int(case.category[-1]), case


def test_person_only_categories(entities: list[Entity], variants: list[Case]) -> None:
    schemas = {(entity.source, entity.id): entity.schema for entity in entities}
    for case in variants:
        assert case.expected is not None
        schema = schemas[case.expected]
        if case.category in ("initials", "honorifics", "concatenation"):
            assert schema is Schema.PERSON, case
        if case.category == "legal_forms":
            assert schema is Schema.ORGANIZATION, case
        assert case.query.schema in (schema, None)


def test_schema_half_and_birth_date_a_third(entities: list[Entity]) -> None:
    many = variant_cases(entities, per_category=300, seed=1)
    with_schema = sum(case.query.schema is not None for case in many) / len(many)
    assert 0.45 < with_schema < 0.55
    people = {(e.source, e.id) for e in entities if e.schema is Schema.PERSON and e.birth_dates}
    dated = [case for case in many if case.expected in people]
    share = sum(case.query.birth_date is not None for case in dated) / len(dated)
    assert 0.28 < share < 0.39
    born = {(e.source, e.id): e.birth_dates for e in entities}
    for case in dated:
        assert case.expected is not None
        assert case.query.birth_date in (None, born[case.expected][0])


def test_short_names_are_not_varied(entities: list[Entity], variants: list[Case]) -> None:
    captions = {(entity.source, entity.id): entity.caption for entity in entities}
    for case in variants:
        if case.category not in ("exact", "alias", "original_script", "legal_forms"):
            assert case.expected is not None
            caption = captions[case.expected]
            assert len(tokens(caption)) >= 2, case
            assert sum(char.isalpha() for char in caption) >= 6, case


def test_innocents_are_no_list_name(entities: list[Entity], innocents: list[Case]) -> None:
    assert len(innocents) == 300
    listed = [frozenset(tokens(name.full)) for entity in entities for name in entity.names]
    for case in innocents:
        assert case.category == INNOCENT
        assert case.expected is None
        words = frozenset(tokens(case.query.name))
        assert len(words) >= 2
        assert not any(words <= name for name in listed), case.query.name


def test_innocents_recombine_list_words(entities: list[Entity], innocents: list[Case]) -> None:
    vocabulary = {token for entity in entities for token in tokens(entity.caption)}
    for case in innocents:
        assert set(tokens(case.query.name)) <= vocabulary, case.query.name
    assert len({case.query.name for case in innocents}) == len(innocents)
    assert {case.query.schema for case in innocents} >= {Schema.PERSON, None}


# -- the rules, on hand-written names -------------------------------------------------------


def test_word_order() -> None:
    assert _one(cases_module._word_order, "CHOE, Ryong Hae") == "Ryong Hae CHOE"
    words = ["HAMADI", "BEN", "ALI", "BOUYEHIA"]
    seen = {_one(cases_module._word_order, " ".join(words), seed) for seed in range(30)}
    assert "BOUYEHIA HAMADI BEN ALI" in seen  # surname first, and a few shuffles
    assert all(sorted(name.split()) == sorted(words) for name in seen)
    assert len(seen) > 2
    seen = {_one(cases_module._word_order, "CHO CHUN RYONG", seed) for seed in range(30)}
    assert "CHUN RYONG CHO" in seen  # family name last


def test_spacing_and_hyphenation() -> None:
    seen = {_one(cases_module._spacing, "ABDULRAHMAN KHAN", seed) for seed in range(30)}
    assert "ABDULRAHMANKHAN" in seen
    assert "ABDUL RAHMAN KHAN" in seen
    assert _one(cases_module._hyphenation, "KIM, Kwang-Il") == "KIM, Kwang Il"
    assert _one(cases_module._hyphenation, "JANG GYONG") == "JANG-GYONG"
    assert cases_module._hyphenation("KIM,JONG", random.Random(0)) is None


def test_spacing_leaves_legal_forms_alone() -> None:
    seen = {_one(cases_module._spacing, "KB INVESTMENTS LIMITED", seed) for seed in range(40)}
    assert seen == {"KBINVESTMENTS LIMITED", "KB INVEST MENTS LIMITED"}
    assert all(name.endswith("S LIMITED") for name in seen)  # never SLIMITED, LIMI TED
    assert cases_module._hyphenation("ACME COMPANY", random.Random(0)) is None


def test_transliteration() -> None:
    seen = {_one(cases_module._transliteration, "ROGOZIN, Dmitry", s) for s in range(60)}
    assert "ROGOZIN, Dmitri" in seen  # y -> i
    assert any(name.startswith("ROGOZIN, ") and name != "ROGOZIN, Dmitri" for name in seen)
    # choe: the other spellings of its variant set, and oe -> oi (which gives one of them).
    seen = {_one(cases_module._transliteration, "CHOE", seed) for seed in range(40)}
    assert seen == {"CHOI", "CHWE", "CHOY"}
    assert cases_module._transliteration("BBB CCC", random.Random(0)) is None


def test_initials_keep_the_surname() -> None:
    seen = {_one(cases_module._initials, "ROGOZIN, Dmitry Olegovich", s) for s in range(30)}
    assert seen == {"ROGOZIN, D. Olegovich", "ROGOZIN, Dmitry O.", "ROGOZIN, D. O."}
    assert _one(cases_module._initials, "HAMADI BEN ALI BOUYEHIA").endswith("BOUYEHIA")
    assert cases_module._initials("ROGOZIN, Dmitry", random.Random(0)) is None


def test_honorifics() -> None:
    titled = _one(cases_module._honorifics, "AL-ZAWAHIRI, Ayman")
    assert titled.startswith("AL-ZAWAHIRI, ")
    assert titled.endswith(" Ayman")
    assert _one(cases_module._honorifics, "ALI DARASSA").endswith(" ALI DARASSA")


def test_legal_forms() -> None:
    seen = {_one(cases_module._legal_forms, "ACME TRADING CO., LTD.", s) for s in range(30)}
    assert seen >= {"ACME TRADING COMPANY LIMITED", "ACME TRADING"}
    assert _one(cases_module._legal_forms, "NATIONAL DEFENSE FORCES") == (
        "NATIONAL DEFENSE FORCES LLC"
    )
    seen = {_one(cases_module._legal_forms, "Kalaye Electric Company", s) for s in range(30)}
    assert seen == {"Kalaye Electric Co.", "Kalaye Electric Co", "Kalaye Electric"}


def test_truncation() -> None:
    seen = {_one(cases_module._truncation, "ROGOZIN, Dmitry Olegovich", s) for s in range(30)}
    assert "ROGOZIN, Dmitry" in seen
    assert all(name.startswith("ROGOZIN, Dmitry") for name in seen)
    assert all(len(name) >= len("ROGOZIN, Dmitry Oleg") for name in seen - {"ROGOZIN, Dmitry"})
    # Dropping the only given name would leave a bare surname: only the cut is offered.
    assert _one(cases_module._truncation, "HERRERA BUITRAGO, Helmer").startswith(
        "HERRERA BUITRAGO, Helm"
    )


def test_concatenation() -> None:
    assert _one(cases_module._concatenation, "CHOE, Ryong Hae") == "CHOE, Ryonghae"
    assert _one(cases_module._concatenation, "CHO CHUN RYONG") == "CHO CHUNRYONG"
    assert _one(cases_module._concatenation, "KIM, Kwang-Il") == "KIM, Kwangil"
    assert _one(cases_module._concatenation, "ABDUL SALAM HANAFI") == "ABDULSALAM HANAFI"
    assert cases_module._concatenation("MATVIYENKO, Valentina Ivanovna", random.Random(0)) is None


def test_rules_skip_what_does_not_fit() -> None:
    vessel = _entity("SONIA I", Schema.VESSEL)
    short = _entity("ALI", Schema.PERSON, Name("ALI HASSAN", NameKind.ALIAS))
    cases = variant_cases([vessel, short], per_category=5)
    categories = {case.category for case in cases}
    assert "initials" not in categories  # no person of 3 words
    assert "original_script" not in categories
    assert {case.query.name for case in cases if case.category == "alias"} == {"ALI HASSAN"}
    assert {case.query.name for case in cases if case.category == "exact"} == {"SONIA I", "ALI"}


def test_original_script_uses_the_script_name() -> None:
    person = _entity(
        "CHOE RYONG HAE",
        Schema.PERSON,
        Name("최룡해", NameKind.ORIGINAL_SCRIPT, script="Hangul"),
        birth_dates=(DateSpec(PartialDate(1950, 1, 15)),),
    )
    [case] = [c for c in variant_cases([person], per_category=3) if c.category == "original_script"]
    assert case.query.name == "최룡해"
    assert case.expected == ("test", "CHOE RYONG HAE")


def test_innocents_need_two_entries_of_a_schema() -> None:
    assert innocent_cases([_entity("JOHN SMITH")], count=5) == []
    people = [_entity("SMITH, John Paul"), _entity("GARCIA LOPEZ, Maria")]
    names = {case.query.name for case in innocent_cases(people, count=5)}
    assert names <= {
        "SMITH, Maria",
        "Maria SMITH",
        "GARCIA LOPEZ, John Paul",
        "John Paul GARCIA LOPEZ",
    }
    assert names


def test_innocents_are_not_mostly_one_entry() -> None:
    people = [_entity("DRISSI, Noureddine Ben Ali Ben Belkassem"), _entity("REZAI, Ali")]
    names = {case.query.name for case in innocent_cases(people, count=5)}
    # Given names of the first cut to two; "DRISSI, Ali" is inside the first's name.
    assert names == {"REZAI, Noureddine Ben", "Noureddine Ben REZAI"}


def test_innocents_skip_titles_and_generations() -> None:
    listed = cases_module._ListedNames([_entity("RUBEN PESTANO LAVILLA, JR")])
    assert listed.covers("Dr Ruben Pestano LAVILLA")
    assert not listed.covers("Ruben Pestano ALI")


def test_innocents_skip_titles_after_a_comma_and_stacked_legal_forms() -> None:
    people = cases_module._ListedNames([_entity("VELAYATI, Ali Akbar")])
    # The matcher reads "VELAYATI, Sayyid Ali" as Ali Velayati: part of the listed name.
    assert people.covers("VELAYATI, Sayyid Ali")
    assert not people.covers("VELAYATI, Sayyid Hassan")
    companies = cases_module._ListedNames([_entity("D'AGOSTINO & COMPANY, LTD")])
    # Another entry's "COMPANY D.O.O." after the listed word is still the listed company.
    assert companies.covers("D'AGOSTINO COMPANY D.O.O.")
    assert not companies.covers("D'AGOSTINO SHIPPING D.O.O.")


def test_the_module_is_pure() -> None:
    tree = ast.parse(Path(cases_module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    ours = {name for name in imported if name.startswith("proscribe")}
    assert all(name.startswith(("proscribe.model", "proscribe.text")) for name in ours), ours
    assert imported - ours <= {
        "__future__",
        "random",
        "re",
        "collections",
        "collections.abc",
        "dataclasses",
    }
