"""The `proscribe` command: a thin Typer skin over sources, store and (later) screening.

Commands parse their arguments, call one piece of the library and format the result. Errors of
the ProscribeError tree become one line on stderr and a non-zero exit code; never a traceback.
"""

from __future__ import annotations

import sys

import typer

from proscribe.cli import (
    admin,
    documents,
    entities,
    history,
    lists,
    messages,
    monitor,
    screen_file,
    screening,
    selftest,
    serve,
)
from proscribe.cli.output import stderr
from proscribe.errors import ProscribeError

app = typer.Typer(
    name="proscribe",
    help="Sanctions screening: official lists, their history, explainable matching.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Docstrings flow as paragraphs, wrapped to the terminal (the default keeps their breaks).
    rich_markup_mode="markdown",
)
lists.register(app)
entities.register(app)
screening.register(app)
screen_file.register(app)
selftest.register(app)
serve.register(app)
admin.register(app)
history.register(app)
messages.register(app)
documents.register(app)
monitor.register(app)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except ProscribeError as error:
        stderr.print(f"error: {error}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        stderr.print("interrupted", markup=False)
        sys.exit(130)
