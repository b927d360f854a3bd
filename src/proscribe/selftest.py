"""The self-test: how well screening finds the loaded lists' own names, altered as records alter
them, and how often it alerts on people who are not listed.

Regulators ask firms to evidence exactly this (sanctions-filter testing: recall per category
of manipulation, and the false alert rate). The cases come from `proscribe.screen.cases`,
seeded, so a report can be reproduced: same list versions, algorithm and seed, same figures.

A variant case is *recalled* when the entry it was made from, its (source, id), is among the
candidates marked as a match (score at or above the threshold). An innocent case *alerts*
when any candidate is a match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from proscribe.screen.cases import CATEGORIES, INNOCENT, Case
from proscribe.screener import Screener


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """A case screened: whether it found its entry, whether it alerted at all, and the best
    candidate (caption, score) for the report of misses and false alerts."""

    case: Case
    recalled: bool
    alerted: bool
    best: tuple[str, float] | None


def screen_cases(screener: Screener, cases: list[Case]) -> list[CaseOutcome]:
    """Screen each case at the screener's threshold. Module level: a worker task."""
    outcomes = []
    for case in cases:
        result = screener.screen(case.query)
        found = {(m.entity.source, m.entity.id) for m in result.hits}
        best = result.matches[0] if result.matches else None
        outcomes.append(
            CaseOutcome(
                case,
                recalled=case.expected in found,
                alerted=bool(found),
                best=(best.entity.caption, best.score) if best else None,
            )
        )
    return outcomes


@dataclass(frozen=True, slots=True)
class Recall:
    category: str
    cases: int
    recalled: int

    @property
    def recall(self) -> float | None:
        return self.recalled / self.cases if self.cases else None


@dataclass(frozen=True, slots=True)
class SelftestReport:
    versions: tuple[str, ...]
    algorithm: str
    threshold: float
    seed: int
    per_category: int
    outcomes: tuple[CaseOutcome, ...]

    @property
    def categories(self) -> tuple[Recall, ...]:
        """Every category, in the order of CATEGORIES, also those no entry gave a case for."""
        return tuple(self._recall(category, self._variants(category)) for category in CATEGORIES)

    @property
    def overall(self) -> Recall:
        return self._recall("overall", self._variants(None))

    @property
    def innocents(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self.outcomes if o.case.category == INNOCENT)

    @property
    def false_alerts(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self.innocents if o.alerted)

    @property
    def false_alert_rate(self) -> float | None:
        return len(self.false_alerts) / len(self.innocents) if self.innocents else None

    @property
    def misses(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self._variants(None) if not o.recalled)

    def _variants(self, category: str | None) -> list[CaseOutcome]:
        return [
            o
            for o in self.outcomes
            if o.case.category != INNOCENT and category in (None, o.case.category)
        ]

    @staticmethod
    def _recall(category: str, outcomes: Sequence[CaseOutcome]) -> Recall:
        return Recall(category, len(outcomes), sum(o.recalled for o in outcomes))

    def to_json(self) -> dict[str, Any]:
        return {
            "versions": list(self.versions),
            "algorithm": self.algorithm,
            "threshold": self.threshold,
            "seed": self.seed,
            "per_category": self.per_category,
            "categories": [_recall_json(r) for r in self.categories],
            "overall": _recall_json(self.overall),
            "innocent": {
                "cases": len(self.innocents),
                "false_alerts": len(self.false_alerts),
                "false_alert_rate": self.false_alert_rate,
            },
            "misses": [_outcome_json(o) for o in self.misses],
            "false_alerts": [_outcome_json(o) for o in self.false_alerts],
        }


def _recall_json(recall: Recall) -> dict[str, Any]:
    return {
        "category": recall.category,
        "cases": recall.cases,
        "recalled": recall.recalled,
        "recall": recall.recall,
    }


def _outcome_json(outcome: CaseOutcome) -> dict[str, Any]:
    case = outcome.case
    expected = {"source": case.expected[0], "id": case.expected[1]} if case.expected else None
    return {
        "category": case.category,
        "query": case.query.name,
        "schema": case.query.schema.value if case.query.schema else None,
        "birth_date": str(case.query.birth_date) if case.query.birth_date else None,
        "expected": expected,
        "original": case.original,
        "best": {"caption": outcome.best[0], "score": outcome.best[1]} if outcome.best else None,
    }
