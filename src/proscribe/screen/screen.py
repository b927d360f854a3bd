"""Screening one query: candidates from the index, each compared, ranked by score."""

from __future__ import annotations

from collections.abc import Sequence

from proscribe.index import Candidate, Index
from proscribe.match import Algorithm, Comparison, MatchConfig, Pair
from proscribe.match.compare import Aligned, best_alignment, evidence, score_pair
from proscribe.model import Query, Schema
from proscribe.screen.result import Match, ScreeningResult
from proscribe.text.forms import NameForm, name_form

# Which listed schemas a query of a schema may meet. A vessel is never a person; an entry
# the list leaves unspecified (LegalEntity) may be a person or an organisation.
COMPATIBLE: dict[Schema, frozenset[Schema]] = {
    Schema.PERSON: frozenset({Schema.PERSON, Schema.LEGAL_ENTITY}),
    Schema.ORGANIZATION: frozenset({Schema.ORGANIZATION, Schema.LEGAL_ENTITY}),
    Schema.LEGAL_ENTITY: frozenset({Schema.PERSON, Schema.ORGANIZATION, Schema.LEGAL_ENTITY}),
    Schema.VESSEL: frozenset({Schema.VESSEL}),
    Schema.AIRPLANE: frozenset({Schema.AIRPLANE}),
}
CANDIDATES = 10  # entities scored per query, ranked by name coverage (with up to 5 tied with
# the tenth from a coverage of 0.8 up: `index.build.TIED_SHARE`; and up to 5 twins of those
# offered, entries of another list holding the same words: `index.twins`)
# Candidates covering less of the query than this cannot reach a match on their names: with
# the best possible coverage of the listed name, the name similarity stays under 0.62.
MIN_COVERAGE = 0.3
COVERAGE_BEHIND = 0.45
# ... unless the names the index hit are spelled this much like the query's (`index.spelling`):
# a surname the query shares and a given name the index's lookups miss ('NIKOLIC, Dragan' and
# NIKOLIC, Drago spelled 0.89 alike, 'FAZL-RABI' and RAHIM, Fazel 0.80; both scored over the
# threshold under proscribe-v5, under it since v6 takes those given names for other names). In
# 1,920 generated queries (`screen.cases`, seeds 0 and 1, 40 a category and 400 innocents)
# 5,279 candidates were that far behind; 14 of them scored a match under v5, all spelled at
# least 0.65 alike (11 at 0.75), as were 950 of the others.
SPELLED_ALIKE = 0.65
# Candidates whose best name similarity is lower than this are not returned at all (unless an
# identifier matched): at 0.5 half the words differ, far from any match.
MIN_NAME_SIMILARITY = 0.5
# An entry with dozens of aliases is compared on the few names that cover the query best.
# Five, not three: aliases often cover the query alike, and the index's order among them (by
# length) is not the matcher's. 'AL-HAMID, H. M. A.' hit seven names of SDN 9932 at full
# coverage; MU'JIL, Abd al-Hamid, the fourth, scores 0.63 where the first three gave 0.05.
# Measured at three and five (`bench/index_recall.py --seed 1`: 8 -> 7 brute-force matches
# lost; `bench/quality.py`: word_order recall 0.995 -> 1.0), for some 5 % of the mean
# screening time and 10-20 % of its p99.
NAMES_PER_CANDIDATE = 5


def query_forms(query: Query) -> tuple[NameForm, ...]:
    """The query name's comparable forms; titles are stripped only from person names."""
    person = None
    if query.schema not in (None, Schema.LEGAL_ENTITY):
        person = query.schema is Schema.PERSON
    return (name_form(query.name, person),)


def screen(
    query: Query,
    index: Index,
    algorithm: Algorithm,
    *,
    limit: int = 10,
    threshold: float | None = None,
    sources: frozenset[str] | None = None,
    versions: tuple[str, ...] = (),
) -> ScreeningResult:
    cutoff = algorithm.threshold if threshold is None else threshold
    forms = query_forms(query)
    schemas = COMPATIBLE.get(query.schema) if query.schema else None
    config = MatchConfig(index.token_weight, algorithm.names, index.token_ids)
    found = index.candidates(
        query,
        forms,
        limit=max(CANDIDATES, limit),
        min_coverage=MIN_COVERAGE,
        schemas=schemas,
        sources=sources,
    )
    matches: list[Match] = []
    aligned: Aligned = {}  # twins and aliases written alike are aligned once
    for candidate in competing(found, index, forms):
        comparison = compared(query, forms, index, candidate, algorithm, config, aligned)
        if comparison is not None:
            entity = index.entities[candidate.entity]
            matches.append(Match(entity, comparison.score, comparison.score >= cutoff, comparison))
    matches.sort(key=lambda m: (-m.score, m.entity.source, m.entity.id))
    # What the index offered, for monitoring to keep (monitor.delta), when it is what a
    # screening of CANDIDATES over every list would be offered.
    offered = tuple(found) if sources is None and limit <= CANDIDATES else None
    return ScreeningResult(
        query, tuple(matches[:limit]), algorithm, cutoff, versions, offered=offered
    )


def competing(
    found: Sequence[Candidate], index: Index, forms: tuple[NameForm, ...]
) -> list[Candidate]:
    """The candidates worth scoring: candidates far behind the best cover too little of the
    query to compete with it, unless their names are spelled much like it (identifier hits
    always compete)."""
    best = min(1.0, max((c.coverage for c in found), default=0.0))  # exact names rank 1.5
    cut = best - COVERAGE_BEHIND
    far = [i for i, c in enumerate(found) if c.coverage < cut and not c.identifier_hit]
    if not far:
        return list(found)
    groups = [found[i].names[:NAMES_PER_CANDIDATE] for i in far]
    alike = index.spelled_alike(forms, groups, SPELLED_ALIKE)
    dropped = {i for i, spelled in zip(far, alike, strict=True) if not spelled}
    return [c for i, c in enumerate(found) if i not in dropped]


def compared(
    query: Query,
    forms: tuple[NameForm, ...],
    index: Index,
    candidate: Candidate,
    algorithm: Algorithm,
    config: MatchConfig,
    aligned: Aligned | None = None,
) -> Comparison | None:
    """One candidate scored, or None when its names are too far from the query's. `aligned`:
    the alignments this screening has found (`match.compare.best_alignment`)."""
    # Only the names the index reached can align well; the others share no token with the
    # query. An identifier hit has no name hit to go by, so all its names count.
    positions = candidate.names[:NAMES_PER_CANDIDATE] or index.entity_names[candidate.entity]
    listed, forms_of = index.names, index.forms  # properties: read once, not per name
    names = tuple((listed[p], forms_of[p]) for p in positions)
    entity = index.entities[candidate.entity]
    best = best_alignment(Pair(query, forms, entity, names), config, aligned)
    if not candidate.identifier_hit and (best is None or best[0].score < MIN_NAME_SIMILARITY):
        return None  # not a near miss worth a reviewer's look: nothing in common but a word
    return score_pair(Pair(query, forms, entity, names, evidence(best)), algorithm, config)
