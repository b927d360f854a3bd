"""Downloading lists from their publishers (`proscribe update`).

A publication is a set of files that only make sense together (OFAC's SDN list is four CSV files
joined on the uid), so a set on disk is replaced whole or not at all:

    <home>/downloads/<source>/
        current/        the last complete publication: the publisher's files and nothing else
        state.json      per file: the address, sha256, size, ETag and Last-Modified it came with
        .lock           held while an update of this source runs
        .incoming-*     a publication being downloaded; removed when the update ends
        .previous-*     the set being replaced, for the instant of the swap

Requests are conditional (If-None-Match / If-Modified-Since from state.json), so a publisher whose
list has not changed answers 304 and nothing is written. Each file is streamed to disk with its
sha256 computed on the way and a hard size limit; only when every file has arrived is the set
swapped into place, and state.json is replaced last. The state file sits beside `current` rather
than in it so that `proscribe load <home>/downloads/<source>/current` sees only list files.

This module is the only network code of proscribe. The address books are the `DOWNLOADS` of each
source's `fetch.py`; this module never imports a source subpackage (they import `base`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

import httpx

from proscribe.errors import FetchError, OfflineError
from proscribe.sources.base import MAX_FILE_BYTES, Download

if sys.platform != "win32":
    import fcntl

USER_AGENT = "proscribe (sanctions screening; official list updater)"
# Per network operation (connect, each read); a whole file also has DEADLINE_SECONDS, so a
# server that trickles a byte a minute cannot hold an update forever.
TIMEOUT = httpx.Timeout(60.0)
DEADLINE_SECONDS = 15 * 60
CURRENT = "current"
STATE_FILE = "state.json"
_STATE_FORMAT = 1
_CHUNK = 1 << 16
_SOURCE_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class FetchedFile:
    """One file of a publication as saved in `current`."""

    name: str
    sha256: str
    size: int
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class FetchResult:
    """What an update did: `folder` holds the publication; `changed` is False when the files
    there are the very ones that were there before."""

    source: str
    folder: Path
    changed: bool
    files: tuple[FetchedFile, ...]


@dataclass(frozen=True)
class _Record:
    """A file of a publication with the address it was fetched from, as state.json keeps it."""

    url: str
    file: FetchedFile
    downloaded: bool = False  # False: `current` already holds it (a 304, or read from state)


def make_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The HTTP client `proscribe update` uses: our User-Agent, timeouts, redirects followed."""
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        timeout=TIMEOUT,
        follow_redirects=True,
        transport=transport,
    )


def fetch_source(
    client: httpx.Client,
    source: str,
    downloads: Sequence[Download],
    home: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
) -> FetchResult:
    """Bring `home/downloads/<source>/current` up to date with the publisher.

    Raises OfflineError when the publisher cannot be reached at all, FetchError for any other
    failure (HTTP error, oversized or unexpected answer, disk trouble); either way `current` and
    the state file are left exactly as they were.
    """
    _check_downloads(source, downloads)
    base = home / "downloads" / source
    try:
        base.mkdir(parents=True, exist_ok=True)
        with _locked(base, source):
            _recover(base)
            return _update(client, source, downloads, base, max_bytes)
    except OSError as error:  # our side: disk full, permissions
        raise FetchError(
            f"cannot update the downloads in {base}: {error}", source=source
        ) from error


def _update(
    client: httpx.Client, source: str, downloads: Sequence[Download], base: Path, max_bytes: int
) -> FetchResult:
    current = base / CURRENT
    known = _verified_state(base, current)
    incoming = Path(tempfile.mkdtemp(prefix=".incoming-", dir=base))
    try:
        records = [
            record
            for download in downloads
            if (record := _fetch_file(client, download, known, incoming, max_bytes)) is not None
        ]
        files = tuple(record.file for record in records)
        if known is not None and _digests(records) == _digests(known.values()):
            if _validators(records) != _validators(known.values()):
                os.replace(_write_state(base, source, records), base / STATE_FILE)
            return FetchResult(source, current, changed=False, files=files)
        _install(base, source, incoming, records)
        return FetchResult(source, current, changed=True, files=files)
    finally:
        shutil.rmtree(incoming, ignore_errors=True)


def _fetch_file(
    client: httpx.Client,
    download: Download,
    known: Mapping[str, _Record] | None,
    incoming: Path,
    max_bytes: int,
) -> _Record | None:
    """Download one file into `incoming`; None for an optional file the publisher lacks."""
    previous = known.get(download.name) if known is not None else None
    if previous is not None and previous.url != download.url:
        previous = None  # validators belong to the address that issued them
    headers = {"User-Agent": USER_AGENT, **_conditions(previous)}
    with (
        _translated(download.url),
        client.stream(
            "GET", download.url, headers=headers, timeout=TIMEOUT, follow_redirects=True
        ) as response,
    ):
        _check_https(response, download)
        if response.status_code == httpx.codes.NOT_MODIFIED and previous is not None:
            return previous
        if response.status_code == httpx.codes.NOT_FOUND and download.optional:
            return None
        if response.status_code != httpx.codes.OK:
            raise FetchError(
                f"{download.url} answered HTTP {response.status_code}",
                url=download.url,
                status=response.status_code,
            )
        _check_answer(response, download, max_bytes)
        sha256, size = _save(response, download, incoming / download.name, max_bytes)
        fetched = FetchedFile(
            download.name,
            sha256,
            size,
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
        )
    return _Record(download.url, fetched, downloaded=True)


def _conditions(previous: _Record | None) -> dict[str, str]:
    if previous is None:
        return {}
    headers = {}
    if previous.file.etag:
        headers["If-None-Match"] = previous.file.etag
    if previous.file.last_modified:
        headers["If-Modified-Since"] = previous.file.last_modified
    return headers


@contextmanager
def _translated(url: str) -> Iterator[None]:
    """httpx's exceptions as ours, each on one line: no connection at all is OfflineError."""
    try:
        yield
    except (httpx.ConnectError, httpx.ConnectTimeout) as error:
        host = _host(error, url)
        raise OfflineError(
            f"cannot reach {host}; to work offline, load files you already have with "
            "`proscribe load PATH`",
            host=host,
        ) from error
    except httpx.TimeoutException as error:
        raise FetchError(f"{url} timed out ({type(error).__name__})", url=url) from error
    except httpx.HTTPError as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise FetchError(f"{url}: {reason}", url=url) from error


def _host(error: httpx.RequestError, url: str) -> str:
    """The host that failed, which after a redirect is not the one of `url`."""
    try:
        return error.request.url.host
    except RuntimeError:  # raised before a request was attached
        return httpx.URL(url).host


def _check_https(response: httpx.Response, download: Download) -> None:
    for hop in (*response.history, response):
        if hop.url.scheme != "https":
            raise FetchError(
                f"{download.url} redirected to {hop.url}, which is not https; refused",
                url=download.url,
            )


def _check_answer(response: httpx.Response, download: Download, max_bytes: int) -> None:
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > max_bytes:
        raise FetchError(
            f"{download.url} announces {int(announced):,} bytes, more than the {max_bytes:,} "
            "allowed; refused",
            url=download.url,
        )
    # A moved list often answers 200 with the site's home page; saving it under the list's name
    # would only fail later, in the parser, with a confusing message.
    content_type = response.headers.get("Content-Type", "").lower()
    if content_type.startswith("text/html") and not download.name.endswith((".html", ".htm")):
        raise FetchError(
            f"{download.url} answered with a web page instead of {download.name}; "
            "the publisher may have moved the file",
            url=download.url,
        )


def _save(
    response: httpx.Response, download: Download, target: Path, max_bytes: int
) -> tuple[str, int]:
    """Stream the body to `target`; its sha256 and size. Refuses more than `max_bytes`."""
    digest = hashlib.sha256()
    size = 0
    deadline = time.monotonic() + DEADLINE_SECONDS
    with target.open("xb") as out:
        for chunk in response.iter_bytes(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(
                    f"{download.url} sent more than the {max_bytes:,} bytes allowed; refused",
                    url=download.url,
                )
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{download.url} took longer than {DEADLINE_SECONDS} s; refused",
                    url=download.url,
                )
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def _install(base: Path, source: str, incoming: Path, records: Sequence[_Record]) -> None:
    """Swap the complete set in `incoming` into place, then the state file; on any failure put
    the previous set back."""
    current = base / CURRENT
    for record in records:
        if not record.downloaded:  # answered 304: the copy in `current` is the publisher's
            shutil.copy2(current / record.file.name, incoming / record.file.name)
    state = _write_state(base, source, records)
    previous = base / incoming.name.replace(".incoming-", ".previous-", 1)
    try:
        if current.exists():
            current.rename(previous)
        try:
            incoming.rename(current)
            try:
                os.replace(state, base / STATE_FILE)
            except OSError:
                current.rename(incoming)
                raise
        except OSError:
            if previous.exists():
                previous.rename(current)
            raise
    finally:
        state.unlink(missing_ok=True)
    shutil.rmtree(previous, ignore_errors=True)


def _write_state(base: Path, source: str, records: Sequence[_Record]) -> Path:
    """The new state in a temporary file beside state.json, for the caller to os.replace."""
    entries = [{"url": record.url, **asdict(record.file)} for record in records]
    text = json.dumps({"format": _STATE_FORMAT, "source": source, "files": entries}, indent=2)
    handle, name = tempfile.mkstemp(prefix=".state-", suffix=".json", dir=base)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text + "\n")
        out.flush()
        os.fsync(out.fileno())
    return Path(name)


def _verified_state(base: Path, current: Path) -> dict[str, _Record] | None:
    """The recorded state of `current` when `current` is intact (exactly the recorded files,
    each with its recorded sha256); otherwise None, and the update starts afresh."""
    if not current.is_dir():
        return None
    try:
        state = json.loads((base / STATE_FILE).read_text(encoding="utf-8"))
        records = {
            entry["name"]: _Record(entry.pop("url"), FetchedFile(**entry))
            for entry in state["files"]
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if {path.name for path in current.iterdir()} != set(records):
        return None
    for name, record in records.items():
        if _sha256_of(current / name) != record.file.sha256:
            return None
    return records


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for chunk in iter(lambda: data.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _digests(records: Iterable[_Record]) -> dict[str, str]:
    return {record.file.name: record.file.sha256 for record in records}


def _validators(records: Iterable[_Record]) -> dict[str, tuple[str, str | None, str | None]]:
    return {
        record.file.name: (record.url, record.file.etag, record.file.last_modified)
        for record in records
    }


@contextmanager
def _locked(base: Path, source: str) -> Iterator[None]:
    """One update of a source at a time, so two runs never interleave their swaps. The lock is
    advisory (flock): the OS releases it when the process dies, so it never goes stale. Windows
    has no flock; there a concurrent update is simply not prevented."""
    with (base / ".lock").open("a") as handle:
        if sys.platform != "win32":
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as error:
                raise FetchError(f"another update of {source} is running", source=source) from error
        yield


def _recover(base: Path) -> None:
    """Undo what an interrupted update left behind (we hold the lock, so nothing is running): a
    set moved aside but never replaced is put back; anything half-written is removed."""
    current = base / CURRENT
    for leftover in sorted(base.glob(".previous-*")):
        if current.exists():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.rename(current)
    for leftover in base.glob(".incoming-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in base.glob(".state-*"):
        leftover.unlink(missing_ok=True)


def _check_downloads(source: str, downloads: Sequence[Download]) -> None:
    """The address book is code, so a bad entry is a programming error (ValueError)."""
    if not _SOURCE_ID.fullmatch(source):
        raise ValueError(f"not a source id: {source!r}")
    if not downloads:
        raise ValueError(f"{source}: no files to download")
    names = [download.name for download in downloads]
    if len(set(names)) != len(names):
        raise ValueError(f"{source}: file names repeat: {names}")
    for download in downloads:
        plain = PurePosixPath(download.name).name == download.name and "\\" not in download.name
        if not plain or download.name.startswith("."):
            raise ValueError(f"{source}: not a plain file name: {download.name!r}")
        if httpx.URL(download.url).scheme != "https":
            raise ValueError(f"{source}: not an https address: {download.url}")
