"""The highest score at a name score bounds every real comparison, and is reached by a pair
that agrees on everything: checked on SDN 2019-01-04 entries for every published algorithm."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from proscribe.index.filing import entity_forms
from proscribe.match import ALGORITHMS, DEFAULT_ALGORITHM, Algorithm, MatchConfig, Pair, compare
from proscribe.match.highest import Stated, highest_score, lowest_name_score
from proscribe.model import CountryRole, Entity, Query, QueryIdentifier, Schema
from proscribe.screen.screen import query_forms
from proscribe.sources.us_ofac import FORMATS
from tests.conftest import read_folder

ROUNDING = 5e-5  # scores are reported to four places


@pytest.fixture(scope="module")
def people(data_dir: Path) -> list[Entity]:
    parsed = FORMATS[0].parse(read_folder(data_dir / "us_ofac_sdn/2019-01-04"))
    dated = [e for e in parsed.entities if e.schema is Schema.PERSON and e.birth_dates]
    return random.Random(3).sample(dated, 150)


def _compare(query: Query, entity: Entity, algorithm: Algorithm) -> tuple[float, float]:
    """(score, name score) of a query against an entity."""
    compared = tuple(zip(entity.names, entity_forms(entity), strict=True))
    pair = Pair(query, query_forms(query), entity, compared)
    result = compare(pair, algorithm, MatchConfig())
    return result.score, result.names.score if result.names is not None else 0.0


def _queries(entity: Entity, other: Entity) -> list[Query]:
    """Queries on the entity's name and an alias's, its own birth date and countries or
    another's, some with a letter dropped: agreeing, disagreeing and silent."""
    name = entity.names[0].full
    typo = name[:3] + name[4:] if len(name) > 6 else name
    alias = entity.names[-1].full
    own_date, other_date = entity.birth_dates[0], other.birth_dates[0]
    countries = tuple(c.code for c in entity.countries)
    # Its own passport or ID number when it has one (an identifier that agrees), else one
    # that agrees with nothing.
    number = entity.identifiers[0].value if entity.identifiers else "X123456"
    return [
        Query(name, Schema.PERSON),
        Query(typo, Schema.PERSON, birth_date=own_date, countries=countries),
        Query(alias, Schema.PERSON, birth_date=own_date),
        Query(name, Schema.PERSON, countries=countries),
        Query(typo, Schema.PERSON, birth_date=other_date, countries=("zz",)),
        Query(name, None, birth_date=own_date, countries=countries, gender="female"),
        Query(alias, Schema.PERSON, identifiers=(QueryIdentifier(number),)),
    ]


def _stated(query: Query) -> Stated:
    return Stated(query.birth_date is not None, bool(query.countries), bool(query.identifiers))


@pytest.mark.parametrize("name", sorted(ALGORITHMS))
def test_no_comparison_scores_over_the_bound(people: list[Entity], name: str) -> None:
    algorithm = ALGORITHMS[name]
    compared = 0
    for entity, other in zip(people, people[1:] + people[:1], strict=True):
        for target in (entity, other):
            for query in _queries(entity, other):
                score, name_score = _compare(query, target, algorithm)
                bound = highest_score(algorithm, name_score, _stated(query))
                assert score <= bound + ROUNDING, (query, target.id, score, bound)
                compared += 1
    assert compared == 150 * 2 * 7


def test_a_pair_agreeing_on_everything_reaches_the_bound(people: list[Entity]) -> None:
    algorithm = ALGORITHMS[DEFAULT_ALGORITHM]
    reached = 0
    for entity in people:
        date = entity.birth_dates[0]
        nationality = entity.countries_as(CountryRole.NATIONALITY)
        if not nationality or date.end is not None or date.circa or len(date.start.iso) != 10:
            continue  # a full date and a nationality: each counts fully when equal
        query = Query(
            entity.names[0].full, Schema.PERSON, birth_date=date, countries=(nationality[0],)
        )
        score, name_score = _compare(query, entity, algorithm)
        assert name_score == 1.0
        assert score == pytest.approx(highest_score(algorithm, 1.0, _stated(query)), abs=ROUNDING)
        reached += 1
    assert reached >= 10


def test_the_lowest_name_score_is_where_the_bound_crosses() -> None:
    algorithm = ALGORITHMS[DEFAULT_ALGORITHM]
    cutoff = algorithm.threshold - 0.05
    for stated in (Stated(False, False, False), Stated(True, True, False)):
        lowest = lowest_name_score(algorithm, cutoff, stated)
        assert 0.5 < lowest < 1.0
        assert highest_score(algorithm, lowest, stated) < cutoff
        assert highest_score(algorithm, lowest + 1e-6, stated) >= cutoff
    # Stating more can only lower the name score needed; an identifier outweighs any name.
    assert lowest_name_score(algorithm, cutoff, Stated(True, True, False)) < lowest_name_score(
        algorithm, cutoff, Stated(False, False, False)
    )
    assert lowest_name_score(algorithm, cutoff, Stated(False, False, True)) == 0.0


def test_no_bound_under_a_calibration_that_is_not_monotone() -> None:
    algorithm = ALGORITHMS[DEFAULT_ALGORITHM]
    bent = replace(algorithm, calibration=((0.0, 0.0), (0.5, 0.9), (1.0, 0.6)))
    assert highest_score(bent, 0.0, Stated(False, False, False)) == 1.0
    assert lowest_name_score(bent, 0.45, Stated(False, False, False)) == 0.0


def test_an_algorithm_hashes_as_it_compares_so_the_cached_bars_follow_it() -> None:
    """`lowest_name_score` is cached by algorithm, whose hash is worked out once: equal
    algorithms (made apart) hash alike and share an answer; one differing in any field is
    another key, with its own answer."""
    algorithm = ALGORITHMS[DEFAULT_ALGORITHM]
    again = replace(algorithm)
    assert again is not algorithm
    assert again == algorithm
    assert hash(again) == hash(algorithm)
    stated = Stated(birth_date=True, countries=False, identifiers=False)
    assert lowest_name_score(again, 0.7, stated) == lowest_name_score(algorithm, 0.7, stated)
    for changed in (
        replace(algorithm, threshold=algorithm.threshold + 0.05),
        replace(algorithm, bias=algorithm.bias - 1.0),
        replace(algorithm, names=ALGORITHMS["proscribe-v2"].names),
    ):
        assert changed != algorithm
        assert hash(changed) != hash(algorithm)
    weaker = replace(algorithm, bias=algorithm.bias - 1.0)
    assert lowest_name_score(weaker, 0.7, stated) > lowest_name_score(algorithm, 0.7, stated)
