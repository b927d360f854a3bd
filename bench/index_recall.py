"""Is the index recall-safe? Its candidates against brute force, on labelled cases.

    python bench/index_recall.py [--per-category N] [--innocents N] [--seed S] [--limit N]

Brute force compares each query with every listed entity (full scoring, no index) and keeps
those scoring at or above the threshold. The index path is the normal screening, with the
`limit` that `proscribe screen` and `screen-file` use unless told otherwise (10): the
candidates it offers are the ones a customer's screening scores. Every entity that brute
force flags must also be flagged through the index: the script prints how many brute-force
matches the index lost (target 0) and the cost of both paths. A screening whose `limit`
results are all matches has no room for more: an entity brute force flags beyond them is
counted apart ("beyond the limit"), not as lost.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from proscribe.match import MatchConfig, Pair, compare
from proscribe.screen import COMPATIBLE, query_forms
from proscribe.screen.cases import Case, innocent_cases, variant_cases
from proscribe.screener import Screener
from proscribe.sources.registry import read_path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LISTS = ("us_ofac_sdn/2021-07-07", "un_sc_consolidated/2026-02-27")


def brute_force(
    screener: Screener, query_index: int, cases: list[Case], threshold: float
) -> set[tuple[str, str]]:
    index = screener.index
    query = cases[query_index].query
    forms = query_forms(query)
    allowed = COMPATIBLE.get(query.schema) if query.schema else None
    config = MatchConfig(token_weight=index.token_weight, vocabulary=index.token_ids)
    found: set[tuple[str, str]] = set()
    for number, entity in enumerate(index.entities):
        if allowed is not None and entity.schema not in allowed:
            continue
        names = tuple((index.names[p], index.forms[p]) for p in index.entity_names[number])
        result = compare(Pair(query, forms, entity, names), screener.algorithm, config)
        if result.score >= threshold:
            found.add((entity.source, entity.id))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-category", type=int, default=15)
    parser.add_argument("--innocents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=10, help="results per screening")
    args = parser.parse_args()
    entities = [e for name in LISTS for pub in read_path(DATA / name) for e in pub.parsed.entities]
    screener = Screener.from_entities(entities)
    cases = variant_cases(entities, per_category=args.per_category, seed=args.seed)
    cases += innocent_cases(entities, count=args.innocents, seed=args.seed)
    threshold = screener.threshold
    lost: list[tuple[str, tuple[str, str]]] = []
    beyond = 0
    brute_matches = 0
    brute_seconds = index_seconds = 0.0
    for i, case in enumerate(cases):
        started = time.perf_counter()
        expected = brute_force(screener, i, cases, threshold)
        brute_seconds += time.perf_counter() - started
        started = time.perf_counter()
        result = screener.screen(case.query, limit=args.limit)
        index_seconds += time.perf_counter() - started
        flagged = {(m.entity.source, m.entity.id) for m in result.matches if m.match}
        brute_matches += len(expected)
        missing = sorted(expected - flagged)
        if len(flagged) >= args.limit:
            beyond += len(missing)
        else:
            lost += [(case.query.name, ref) for ref in missing]
    lists = ", ".join(LISTS)
    print(f"cases {len(cases)}, threshold {threshold}, limit {args.limit}, lists {lists}")
    print(
        f"brute-force matches {brute_matches}, lost by the index {len(lost)} "
        f"(beyond the limit: {beyond})"
    )
    for name, ref in lost[:40]:
        print(f"  lost: {name!r} -> {ref[0]}:{ref[1]}")
    print(
        f"brute force {brute_seconds / len(cases) * 1000:.1f} ms/query, index "
        f"{index_seconds / len(cases) * 1000:.2f} ms/query, "
        f"ratio {brute_seconds / max(index_seconds, 1e-9):.0f}x"
    )


if __name__ == "__main__":
    main()
