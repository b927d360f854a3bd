"""An algorithm is a versioned table of features and weights, plus a bias and a threshold.

A published algorithm is never edited: a changed weight or feature is a new version, so
every past screening can be replayed with the algorithm it used.
"""

from __future__ import annotations

import bisect
import hashlib
import inspect
import json
from dataclasses import dataclass, field, fields
from functools import cached_property

from proscribe.match.names import V1_NAMES, NameRules
from proscribe.match.types import Feature


@dataclass(frozen=True)
class Algorithm:
    name: str  # e.g. "proscribe-v1"
    features: tuple[tuple[Feature, float], ...]  # (feature, weight)
    bias: float
    threshold: float  # score at or above which a candidate is a match
    vetoes: frozenset[str] = field(default_factory=frozenset)  # codes that force score 0
    description: str = ""
    # (raw score, calibrated score) knots, raw ascending from 0.0 to 1.0: the logistic score
    # is mapped through them (linearly between knots) so that a score states the precision
    # measured at it on a labelled set. Empty: the logistic score is the score.
    calibration: tuple[tuple[float, float], ...] = ()
    # How names are paired: the grading of typos and initials (see match.names.NameRules).
    names: NameRules = V1_NAMES

    def __post_init__(self) -> None:
        # Looked up for every feature of every candidate: a dict, not a scan of the table.
        weights = {feature.__name__: weight for feature, weight in self.features}
        object.__setattr__(self, "_weights", weights)
        # Hashed once: caches keyed by the algorithm (`match.highest`) hash it at every call,
        # and the table and name rules inside make that many times dearer than the lookup.
        object.__setattr__(self, "_hash", hash(tuple(getattr(self, f.name) for f in fields(self))))

    def __hash__(self) -> int:
        hashed: int = self.__dict__["_hash"]
        return hashed

    def calibrate(self, raw: float) -> float:
        """The score reported for a logistic score `raw` in [0, 1]."""
        knots = self.calibration
        if not knots:
            return raw
        right = bisect.bisect_left(knots, (raw, -1.0))
        if right == 0:
            return knots[0][1]
        if right == len(knots):
            return knots[-1][1]
        (x0, y0), (x1, y1) = knots[right - 1], knots[right]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)

    def weight(self, code: str) -> float:
        weights: dict[str, float] = self.__dict__["_weights"]
        return weights.get(code, 0.0)

    def table(self) -> list[dict[str, object]]:
        """The features with their weights and explanations, for documentation and APIs."""
        return [
            {
                "code": feature.__name__,
                "weight": weight,
                "veto": feature.__name__ in self.vetoes,
                "explanation": inspect.cleandoc(feature.__doc__ or ""),
            }
            for feature, weight in self.features
        ]

    @cached_property
    def config_hash(self) -> str:
        """sha256 of the table, bias and threshold: proves which configuration scored.
        Computed once (the algorithm is frozen): every audit record names it."""
        data: dict[str, object] = {
            "name": self.name,
            "bias": self.bias,
            "threshold": self.threshold,
            "features": [[f.__name__, w] for f, w in self.features],
            "vetoes": sorted(self.vetoes),
        }
        if self.calibration:  # absent for uncalibrated tables: their published hash stays
            data["calibration"] = [list(knot) for knot in self.calibration]
        if self.names.settings() != V1_NAMES.settings():  # likewise for v1's name rules
            data["names"] = self.names.settings()
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
