"""proscribe-v2: proscribe-v1's features and weights, with calibrated scores.

The logistic score of v1 orders candidates well but does not say how often a candidate at a
given score is the listed party. v2 maps it through knots fitted by `bench/calibrate.py`
(isotonic regression on 25,725 candidates of generated variants and innocent look-alikes of
SDN 2021-07-07 + UN 2026-02-27, seed 1, 400 per category and 4,000 innocents), so that a
score is the precision measured at it on those cases. On other cases (seed 0) the bands
under 0.5 hold within 0.08; above, a name equal and nothing else known is 0.70 here and 0.84
there, as the share of namesakes varies with the sample.
`bench/quality.py` checks the bands on other cases (seed 0).

The threshold 0.16 is where v1's 0.5 lands: v2 flags exactly the candidates v1 flags, and
says honestly that a candidate at the threshold is right about one time in six. Screening
puts recall first: a missed party is a violation, a false alert an analyst's few minutes.
"""

from __future__ import annotations

from dataclasses import replace

from proscribe.match.algorithms.v1 import V1

# (v1 logistic score, calibrated score), from
# `python bench/calibrate.py --per-category 400 --innocents 4000`.
CALIBRATION = (
    (0.0, 0.0),
    (0.05, 0.01),
    (0.1, 0.02),
    (0.2, 0.03),
    (0.3, 0.04),
    (0.4, 0.08),
    (0.5, 0.16),
    (0.6, 0.22),
    (0.7, 0.42),
    (0.8, 0.58),
    (0.85, 0.67),
    (0.9, 0.68),
    (0.95, 0.69),
    (0.9561, 0.7),
    (0.97, 0.95),
    (0.9898, 0.96),
    (1.0, 1.0),
)

V2 = replace(
    V1,
    name="proscribe-v2",
    threshold=0.16,
    calibration=CALIBRATION,
    description=V1.description + " Scores calibrated to the precision measured at them.",
)
