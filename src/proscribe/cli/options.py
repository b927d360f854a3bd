"""Options that several screening commands take, declared once so that their names, bounds
and help read the same everywhere."""

from __future__ import annotations

from typing import Annotated

import typer

ThresholdOption = Annotated[
    float | None, typer.Option(min=0.0, max=1.0, help="Default: the algorithm's.")
]
VersionsOption = Annotated[
    list[str] | None,
    typer.Option("--version", help="List version (id or label); default: newest of each."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="YYYY-MM-DD: the lists as they stood that day."),
]
