"""`proscribe screen-message`: payment messages (ISO 20022 XML, SWIFT MT) screened by party.

Every file is parsed before any is screened, and one that cannot be read stops the run with
one line naming the file, line and field: a payment must not pass as clear because its
message was broken, nor half a batch be reported before the error. Each message is one
screening, audited (`api.records.message_record`) before it is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from proscribe.api.records import cli_caller, message_record
from proscribe.cli.options import AsOfOption, ThresholdOption, VersionsOption
from proscribe.cli.output import TextOrJson, open_store, plain_table, stdout, write_json_lines
from proscribe.cli.screen_file import load_screener, versions_as_of
from proscribe.errors import InputError
from proscribe.payments import MessageResult, read_message, screen_message
from proscribe.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("screen-message")(screen_messages)


def screen_messages(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Message files.")],
    output: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
    threshold: ThresholdOption = None,
    versions: VersionsOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Screen payment messages (pacs.008, pacs.009, pain.001, MT103, MT202): every party by
    its role, agents also by BIC, remittance text by the names in it. Exit 0 even on hits."""
    contents = [(str(path), _read(path)) for path in files]
    for name, data in contents:
        read_message(data, name)  # every message is readable before any is screened
    screener = load_screener(versions_as_of(versions, as_of))
    settings, caller = Settings(), cli_caller()
    with open_store() as store:
        for name, data in contents:
            result = screen_message(screener, data, name, threshold=threshold)
            # No unaudited screening: nothing is shown without its record.
            store.audit.append([message_record(result, data, screener, caller, settings)])
            _show(result, output)


def _show(result: MessageResult, output: TextOrJson) -> None:
    if output is TextOrJson.json:
        write_json_lines([result.to_json()])
    else:
        _print(result)


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    return path.read_bytes()


def _print(result: MessageResult) -> None:
    title = (
        f"{result.name}: {result.type}, {result.decision.upper()}, "
        f"{len(result.parties)} field(s) screened, {len(result.hits)} hit(s)"
    )
    rows = [
        (
            f"{hit.score:.3f}",
            hit.path,
            hit.role,
            hit.value,
            hit.entity.caption,
            hit.reference,
            hit.explanation,
        )
        for hit in result.hits
    ]
    columns = ("score", "field", "role", "value", "listed as", "entry", "why")
    stdout.print(plain_table(title, columns, rows) if rows else title)
