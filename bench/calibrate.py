"""Fit the calibration of an algorithm: the map from its logistic score to the precision
measured at that score on a labelled set.

    python bench/calibrate.py [--per-category N] [--innocents N] [--seed S] [--algorithm NAME]

Labelled set: the generated cases of `proscribe.screen.cases` (every variation category) and
innocent look-alikes, from SDN 2021-07-07 + UN 2026-02-27, with seed 1 by default, so that
bench/quality.py (seed 0) checks the fit on cases it was not fitted on. Every candidate
returned at any score (threshold 0) is one labelled point: right when it is the expected
entry or another list's entry with the same primary name (the same party listed twice, as
bench/quality.py counts it); every candidate of an innocent is wrong.

The fit is isotonic (pool adjacent violators: the precision may only rise with the score),
read off at fixed knots, rounded to two places and kept strictly rising. The script prints
the knots as the Python literal that `proscribe/match/algorithms/v2.py` holds, the
calibrated value at the uncalibrated threshold, and the labelled points per knot.
"""

from __future__ import annotations

import argparse
import bisect
from dataclasses import replace

from proscribe.match import ALGORITHMS
from proscribe.screen.cases import innocent_cases, variant_cases
from proscribe.screener import Screener
from proscribe.text import normalize
from quality import load_entities, ref  # type: ignore[import-not-found]

KNOTS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99, 1.0)
HEAVY_SHARE = 0.02  # a block of the isotonic fit holding this share of the points


def labelled_points(
    screener: Screener, per_category: int, innocents: int, seed: int
) -> list[tuple[float, int]]:
    """(raw score, 1 if right else 0) for every candidate returned."""
    entities = screener.index.entities
    by_ref = {ref(entity): entity for entity in entities}
    cases = variant_cases(list(entities), per_category=per_category, seed=seed)
    cases += innocent_cases(list(entities), count=innocents, seed=seed)
    points: list[tuple[float, int]] = []
    for case in cases:
        expected = by_ref.get(case.expected) if case.expected else None
        for match in screener.screen(case.query, threshold=0.0).matches:
            right = expected is not None and (
                ref(match.entity) == case.expected
                or normalize(match.entity.caption) == normalize(expected.caption)
            )
            points.append((match.score, int(right)))
    return sorted(points)


def isotonic(points: list[tuple[float, int]]) -> list[tuple[float, float, int]]:
    """Pool adjacent violators: blocks of (highest score, mean label, size), ascending."""
    blocks: list[list[float]] = []  # [last score, label sum, count]
    for score, label in points:
        blocks.append([score, float(label), 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            blocks[-1] = [last[0], blocks[-1][1] + last[1], blocks[-1][2] + last[2]]
    return [(score, total / count, int(count)) for score, total, count in blocks]


def fitted_at(blocks: list[tuple[float, float, int]], raw: float) -> float:
    """The isotonic precision at `raw`: that of the first block reaching it."""
    ends = [block[0] for block in blocks]
    index = min(bisect.bisect_left(ends, raw), len(blocks) - 1)
    return blocks[index][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-category", type=int, default=200)
    parser.add_argument("--innocents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--algorithm", default="proscribe-v1", help="the uncalibrated table")
    args = parser.parse_args()
    base = replace(ALGORITHMS[args.algorithm], calibration=())
    screener = Screener.from_entities(load_entities(), base)
    points = labelled_points(screener, args.per_category, args.innocents, args.seed)
    blocks = isotonic(points)
    # Scores many candidates share (a name alone, equal: 0.9561) get a knot of their own, so
    # that interpolation between grid knots does not blur the precision measured there.
    # Only from the threshold up: below it scores are not shown as matches, and dense knots
    # there would be pushed up by the strictly-rising rule.
    heavy = {
        round(end, 4)
        for end, _, size in blocks
        if size >= HEAVY_SHARE * len(points) and end >= base.threshold
    }
    knots: list[tuple[float, float]] = []
    for raw in sorted(set(KNOTS) | heavy):
        value = round(fitted_at(blocks, raw), 2)
        # Strictly rising (by 0.01 at least) so that calibration never ties two scores the
        # logistic score tells apart: the ranking of candidates is kept.
        floor = knots[-1][1] + 0.01 if knots else 0.0
        value = round(min(1.0, max(value, floor)), 2)
        if value >= 1.0 and raw < 1.0:
            continue  # only the last knot may reach 1: the map keeps rising to it
        knots.append((raw, value))
    print(f"{len(points)} labelled candidates, {sum(label for _, label in points)} right")
    print("  raw   calibrated  points up to this knot")
    previous = -1.0
    for raw, value in knots:
        count = sum(1 for score, _ in points if previous < score <= raw)
        print(f"  {raw:<5} {value:>10.2f}  {count:>6}")
        previous = raw
    print(
        f"calibrated value at the {base.name} threshold {base.threshold}: "
        f"{fitted_at(blocks, base.threshold):.3f}"
    )
    print("CALIBRATION = (")
    for raw, value in knots:
        print(f"    ({raw}, {value}),")
    print(")")


if __name__ == "__main__":
    main()
