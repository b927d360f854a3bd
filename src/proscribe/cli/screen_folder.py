"""`proscribe screen-file FOLDER`: a folder of payment messages and documents, each file
screened with its own screener, on every core, one JSON line per file in sorted path order.

Which screener a file gets is told by its content first, then its name:

- a message: content starting `{1:` (SWIFT MT) or XML that is not HTML (`<?xml`, a
  `<Document` root, the ISO 20022 namespace); else a name ending .xml, .mt, .fin or .swift;
- a document: HTML (or a name ending .html, .htm), or a name ending .txt, .text or .md;
- anything else is skipped (counted in the summary): a folder also holds READMEs and images.

Each line is `{"file", "kind", "versions", "decision", ...}` with the message's `type`, `hits`
and `parties`, or the document's `mentions` and `spans_screened`, as `screen-message` and
`screen-text` write them. A file that cannot be read or parsed gets `"decision": "error"` and
`error` (file, line, field and what is wrong) in its place: a bad file never fails the batch,
and never reads as clear. Every file screened is one audit record (`api.records`), appended
by the parent, in file order, before its line is written.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from proscribe.api.records import cli_caller, document_record, message_record
from proscribe.batch import Outcome, Workers
from proscribe.batch.pool import default_workers
from proscribe.cli.batch_output import write_all
from proscribe.cli.output import open_store, stderr
from proscribe.documents import DocumentResult, document_text, screen_text
from proscribe.errors import InputError, ProscribeError
from proscribe.payments import MessageResult, screen_message
from proscribe.screener import Screener
from proscribe.settings import Settings
from proscribe.store.audit import Screening

MESSAGE_SUFFIXES = frozenset((".xml", ".mt", ".fin", ".swift"))
DOCUMENT_SUFFIXES = frozenset((".txt", ".text", ".md", ".html", ".htm"))
_HEAD = 4096  # bytes read to tell a file's kind
_XML_MESSAGE = re.compile(rb"^<\?xml|<(\w+:)?Document[\s>]|urn:iso:std:iso:20022")
_HTML = re.compile(rb"^<!doctype html|^<html|<(body|p|div|span|h[1-6])[\s>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FolderJob:
    """What every worker needs; inherited by the forked workers, never pickled."""

    screener: Screener
    threshold: float | None
    document_audit: Callable[[DocumentResult, str], Screening]
    message_audit: Callable[[MessageResult, bytes], Screening]


def kind_of(path: Path) -> str | None:
    """ "message", "document" or None (not ours to screen), from the content then the name."""
    suffix = path.suffix.lower()
    with path.open("rb") as stream:
        head = stream.read(_HEAD).lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in (".html", ".htm") or _HTML.search(head):
        return "document"
    if head.startswith(b"{1:") or (head.startswith(b"<") and _XML_MESSAGE.search(head)):
        return "message"
    if suffix in MESSAGE_SUFFIXES:
        return "message"  # unreadable as one: an error on its line, never skipped silently
    if suffix in DOCUMENT_SUFFIXES:
        return "document"
    return None


def folder_files(folder: Path) -> tuple[list[tuple[str, str]], int]:
    """(path, kind) of every file to screen under `folder`, in sorted path order, and how
    many files were skipped. Hidden files and folders (a leading dot) are not looked at."""
    found: list[tuple[str, str]] = []
    skipped = 0
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if hidden or not path.is_file():
            continue
        try:
            kind = kind_of(path)
        except OSError:
            kind = "document" if path.suffix.lower() in DOCUMENT_SUFFIXES else "message"
        if kind is None:
            skipped += 1
        else:
            found.append((str(path), kind))
    return found, skipped


def screen_files(job: FolderJob, files: list[tuple[str, str]]) -> list[Outcome]:
    """Screen each (path, kind); runs in a worker. A file that fails is an error outcome."""
    outcomes = []
    versions = [version.label for version in job.screener.versions]
    for name, kind in files:
        head: dict[str, Any] = {"file": name, "kind": kind, "versions": versions}
        try:
            data = Path(name).read_bytes()
            if kind == "message":
                message = screen_message(job.screener, data, name, threshold=job.threshold)
                body = message.to_json()
                del body["message"]
                record = job.message_audit(message, data)
                hit = bool(message.hits)
            else:
                text = document_text(data, name)
                document = screen_text(job.screener, text, name, threshold=job.threshold)
                body = document.to_json()
                del body["document"]
                record = job.document_audit(document, text)
                hit = bool(document.mentions)
        except (ProscribeError, OSError) as error:
            line = {**head, "decision": "error", "error": _reason(error, name)}
            outcomes.append(Outcome(_line(line), False, True))
            continue
        outcomes.append(Outcome(_line({**head, **body}), hit, False, record))
    return outcomes


def _reason(error: Exception, name: str) -> str:
    if isinstance(error, OSError):
        return f"{name}: cannot be read ({error.strerror or error})"
    text = str(error)
    return text if text.startswith(name) else f"{name}: {text}"


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def screen_folder(
    folder: Path,
    screener: Screener,
    out: TextIO,
    *,
    threshold: float | None,
    workers: int | None,
) -> None:
    """Screen every message and document under `folder`, JSON lines to `out`, progress and
    then a summary on stderr."""
    files, skipped = folder_files(folder)
    if not files:
        raise InputError(
            f"{folder}: no payment message or document in this folder "
            f"({skipped} other file(s) skipped)"
        )
    settings, caller = Settings(), cli_caller()
    job = FolderJob(
        screener,
        threshold,
        partial(document_record, screener=screener, caller=caller, settings=settings),
        partial(message_record, screener=screener, caller=caller, settings=settings),
    )
    processes = max(1, min(workers or default_workers(), len(files)))
    started = time.perf_counter()
    with open_store() as store, Workers(job, processes) as pool:
        used = pool.workers if pool.parallel else 1
        tally = write_all(pool.map(screen_files, files, 1), out, len(files), store)
    seconds = time.perf_counter() - started
    stderr.print(
        f"{tally.screened:,} files screened: {tally.hits:,} with a hit, {tally.errors:,} errors, "
        f"{skipped:,} other files skipped; {tally.rate(seconds):,.1f} files/s on {used} "
        f"worker{'s' if used > 1 else ''}",
        highlight=False,
    )
