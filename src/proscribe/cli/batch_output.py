"""What `screen-file` shares between tables and folders: the progress bar, and writing each
batch's lines after its audit records, counting as it goes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from proscribe.batch import Outcome
from proscribe.cli.output import stderr
from proscribe.store import Store


@dataclass
class Tally:
    """Rows (or files) screened, with a hit, with an error."""

    screened: int = 0
    hits: int = 0
    errors: int = 0

    def add(self, outcomes: list[Outcome]) -> None:
        self.screened += len(outcomes)
        self.hits += sum(outcome.hit for outcome in outcomes)
        self.errors += sum(outcome.error for outcome in outcomes)

    def rate(self, seconds: float) -> float:
        return self.screened / seconds if seconds > 0 else 0.0


def progress_bar() -> Progress:
    """A progress bar on stderr that clears itself when done."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    return Progress(*columns, TimeElapsedColumn(), console=stderr, transient=True)


def write_all(
    batches: Iterable[list[Outcome]], out: TextIO, total: int | None, store: Store
) -> Tally:
    """Write every batch's lines to `out`, each batch audited first."""
    tally = Tally()
    with progress_bar() as progress:
        task = progress.add_task("screening", total=total)
        for outcomes in batches:
            # Audited before written: StoreError here fails the run (no unaudited screening).
            records = [outcome.record for outcome in outcomes if outcome.record is not None]
            if records:
                store.audit.append(records)
            out.writelines(outcome.text for outcome in outcomes)
            tally.add(outcomes)
            progress.advance(task, len(outcomes))
    return tally
