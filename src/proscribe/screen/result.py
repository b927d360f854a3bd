"""Screening results and their JSON shape (a stable contract: outside evaluations read it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proscribe.index import Candidate
from proscribe.match import Algorithm, Comparison
from proscribe.match.name_features import KIND_LABELS
from proscribe.model import Entity, Query
from proscribe.model.ftm import ftm_id


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate with its score; `match` is score >= the threshold used."""

    entity: Entity
    score: float
    match: bool
    comparison: Comparison

    def to_json(self, algorithm: Algorithm) -> dict[str, Any]:
        names = self.comparison.names
        return {
            "entity_id": ftm_id(self.entity),
            "caption": self.entity.caption,
            "schema": self.entity.schema.value,
            "score": self.score,
            "match": self.match,
            "references": [{"source": self.entity.source, "id": self.entity.id}],
            "programs": list(self.entity.designation.programs),
            "explanation": self.comparison.explanation,
            "matched_name": None
            if names is None
            else {
                "query": names.query_name,
                "listed": names.name.full,
                "kind": names.name.kind.value,
                "label": KIND_LABELS[names.name.kind],
                "similarity": round(names.score, 4),
            },
            "reasons": [
                {
                    "code": result.code,
                    "value": round(result.value, 4),
                    "contribution": round(algorithm.weight(result.code) * result.value, 4),
                    "detail": result.detail,
                }
                for result in self.comparison.features
                if result.value or result.detail
            ],
        }


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    query: Query
    matches: tuple[Match, ...]  # best first
    algorithm: Algorithm
    threshold: float
    versions: tuple[str, ...] = ()  # labels of the list versions screened against
    # The candidates the index offered (see screen()); not part of the result contract.
    offered: tuple[Candidate, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def hits(self) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.match)

    def to_json(self) -> dict[str, Any]:
        """The result contract: `{"id": ..., "matches": [...]}` sorted by score."""
        return {
            "id": self.query.id,
            "matches": [m.to_json(self.algorithm) for m in self.matches],
            "algorithm": self.algorithm.name,
            "threshold": self.threshold,
            "versions": list(self.versions),
        }
