"""`proscribe screen-text`: every mention of a listed party in documents (text or HTML).

Each document is one screening, audited (`api.records.document_record`) before it is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from proscribe.api.records import cli_caller, document_record
from proscribe.cli.options import AsOfOption, ThresholdOption, VersionsOption
from proscribe.cli.output import TextOrJson, open_store, plain_table, stdout, write_json_lines
from proscribe.cli.screen_file import load_screener, versions_as_of
from proscribe.documents import DocumentResult, document_text, screen_text
from proscribe.errors import InputError
from proscribe.settings import Settings

SUFFIXES = {".txt", ".text", ".html", ".htm", ".md"}


def register(app: typer.Typer) -> None:
    app.command("screen-text")(screen_documents)


def screen_documents(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="FILE|FOLDER|-", help="Text or HTML files, folders; - for stdin."),
    ],
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
    threshold: ThresholdOption = None,
    versions: VersionsOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Find every mention of a listed party in documents: span, text, entry, score and why.
    A folder screens its .txt, .html, .htm and .md files, in name order."""
    _check_exist(sources)
    screener = load_screener(versions_as_of(versions, as_of))
    settings, caller = Settings(), cli_caller()
    with open_store() as store:
        for name, data in _documents(sources):
            text = document_text(data, name)
            result = screen_text(screener, text, name, threshold=threshold)
            # No unaudited screening: nothing is shown without its record.
            store.audit.append([document_record(result, text, screener, caller, settings)])
            if output is TextOrJson.json:
                write_json_lines([result.to_json()])
            else:
                _print(result)


def _check_exist(sources: list[str]) -> None:
    """Fail on a missing path before the index is loaded, not after."""
    for source in sources:
        if source != "-" and not Path(source).exists():
            raise InputError(f"{source}: no such file or folder")


def _documents(sources: list[str]) -> Iterator[tuple[str, bytes]]:
    for source in sources:
        path = Path(source)
        if source == "-":
            yield "-", sys.stdin.buffer.read()
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES:
                    yield str(child), child.read_bytes()
        elif path.is_file():
            yield source, path.read_bytes()
        else:
            raise InputError(f"{source}: no such file or folder")


def _print(result: DocumentResult) -> None:
    title = (
        f"{result.name}: {len(result.mentions)} mention(s) "
        f"({result.candidates} candidate spans screened)"
    )
    rows = [
        (
            f"{m.start}-{m.end}",
            m.text,
            f"{m.match.score:.3f}",
            m.match.entity.caption,
            m.reference,
            m.match.comparison.explanation,
        )
        for m in result.mentions
    ]
    columns = ("span", "text", "score", "listed as", "entry", "why")
    stdout.print(plain_table(title, columns, rows) if rows else title)
