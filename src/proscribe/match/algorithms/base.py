"""An algorithm is a versioned table of features and weights, plus a bias and a threshold.

A published algorithm is never edited: a changed weight or feature is a new version, so
every past screening can be replayed with the algorithm it used.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from dataclasses import dataclass, field

from proscribe.match.types import Feature


@dataclass(frozen=True)
class Algorithm:
    name: str  # e.g. "proscribe-v1"
    features: tuple[tuple[Feature, float], ...]  # (feature, weight)
    bias: float
    threshold: float  # score at or above which a candidate is a match
    vetoes: frozenset[str] = field(default_factory=frozenset)  # codes that force score 0
    description: str = ""

    def __post_init__(self) -> None:
        # Looked up for every feature of every candidate: a dict, not a scan of the table.
        weights = {feature.__name__: weight for feature, weight in self.features}
        object.__setattr__(self, "_weights", weights)

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

    @property
    def config_hash(self) -> str:
        """sha256 of the table, bias and threshold: proves which configuration scored."""
        data = {
            "name": self.name,
            "bias": self.bias,
            "threshold": self.threshold,
            "features": [[f.__name__, w] for f, w in self.features],
            "vetoes": sorted(self.vetoes),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
