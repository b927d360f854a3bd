"""Every list format we read, and how a file or folder is matched to them.

`read_path` walks a file or folder: every folder holding files is one publication group (a
snapshot folder of the OFAC CSV set, a folder with one UN XML file ...). Each format claims
the files it reads; a group that no format claims is reported, not guessed at. When two formats
of one group give the same list (OFAC's consolidated list as both CSV set and XML), only the
richer format is kept, so one publication is never stored twice under two checksums.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from proscribe.errors import FormatNotRecognisedError, UnsafeInputError
from proscribe.model import ListVersion
from proscribe.sources import (
    eu_fsf,
    ftm,
    gb_fcdo,
    gb_hmt_ofsi,
    un_sc,
    us_bis_dpl,
    us_ofac,
    us_trade_csl,
)
from proscribe.sources.base import (
    MAX_FILE_BYTES,
    Download,
    Files,
    ListFormat,
    ParsedList,
    PartialSets,
)
from proscribe.sources.eu_fsf import fetch as eu_fsf_fetch
from proscribe.sources.gb_fcdo import fetch as gb_fcdo_fetch
from proscribe.sources.gb_hmt_ofsi import fetch as gb_hmt_ofsi_fetch
from proscribe.sources.un_sc import fetch as un_sc_fetch
from proscribe.sources.us_bis_dpl import fetch as us_bis_dpl_fetch
from proscribe.sources.us_ofac import fetch as us_ofac_fetch
from proscribe.sources.us_trade_csl import fetch as us_trade_csl_fetch

FORMATS: tuple[ListFormat, ...] = (
    *us_ofac.FORMATS,
    *un_sc.FORMATS,
    *eu_fsf.FORMATS,
    *gb_hmt_ofsi.FORMATS,
    *gb_fcdo.FORMATS,
    *us_bis_dpl.FORMATS,
    *us_trade_csl.FORMATS,
    *ftm.FORMATS,
)

# Where each list is published: list id -> the files of one publication.
DOWNLOADS: dict[str, tuple[Download, ...]] = {
    **us_ofac_fetch.DOWNLOADS,
    **un_sc_fetch.DOWNLOADS,
    **eu_fsf_fetch.DOWNLOADS,
    **gb_hmt_ofsi_fetch.DOWNLOADS,
    **gb_fcdo_fetch.DOWNLOADS,
    **us_bis_dpl_fetch.DOWNLOADS,
    **us_trade_csl_fetch.DOWNLOADS,
}

# When two formats of one folder carry the same list, the earlier name here wins: the XML
# forms state their publication date and alias quality, the CSV forms do not.
_PREFERENCE = ("ofac_enhanced_xml", "ofac_xml", "ofac_csv")
_DATE_IN_PATH = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True, slots=True)
class Publication:
    """One list publication read from disk: what was parsed, from where, with its checksum."""

    parsed: ParsedList
    where: str  # the folder or file it was read from, as the user named it
    sha256: str
    path_date: date | None  # a YYYY-MM-DD found in the folder or file name
    skipped: tuple[str, ...] = ()  # files of the group read by another, preferred format


def unstated_fields(version: ListVersion) -> frozenset[str]:
    """The fields the entries of `version` cannot state, its set having been published
    without some of its files (`base.PartialSets`); a comparison with another version leaves
    them out."""
    for fmt in FORMATS:
        if (fmt.source, fmt.name) == (version.source, version.format):
            return fmt.unstated(version.files) if isinstance(fmt, PartialSets) else frozenset()
    return frozenset()


def read_path(path: Path) -> list[Publication]:
    """Read every publication under `path` (a file, a snapshot folder or a tree of them)."""
    groups = [(path.parent, [path])] if path.is_file() else list(_file_groups(path))
    publications: list[Publication] = []
    for folder, paths in groups:
        publications.extend(read_group(folder, paths, explicit=path.is_file()))
    if not publications:
        names = ", ".join(sorted({fmt.name for fmt in FORMATS}))
        raise FormatNotRecognisedError(
            f"{path}: no list file of a known format found (formats read: {names})"
        )
    return publications


def read_group(folder: Path, paths: list[Path], *, explicit: bool) -> list[Publication]:
    """Parse one group of files that sit together in a folder."""
    files = {p.name: _read_bounded(p) for p in sorted(paths)}
    claims = [(fmt, fmt.claim(files)) for fmt in FORMATS]
    claims = [(fmt, names) for fmt, names in claims if names]
    if not claims and explicit:
        raise FormatNotRecognisedError(f"{paths[0]}: not a list file of any known format")
    parsed = [(fmt.parse({n: files[n] for n in names}), names) for fmt, names in claims]
    where = str(paths[0]) if explicit else str(folder)
    return _keep_preferred(parsed, files, where, _path_date(paths[0] if explicit else folder))


def _keep_preferred(
    parsed: list[tuple[ParsedList, tuple[str, ...]]],
    files: Files,
    where: str,
    path_date: date | None,
) -> list[Publication]:
    def rank(item: tuple[ParsedList, tuple[str, ...]]) -> int:
        fmt = item[0].format
        return _PREFERENCE.index(fmt) if fmt in _PREFERENCE else len(_PREFERENCE)

    chosen: dict[tuple[str, str], tuple[ParsedList, tuple[str, ...]]] = {}
    skipped: dict[tuple[str, str], list[str]] = {}
    for item in sorted(parsed, key=rank):
        key = (item[0].source, item[0].scope)
        if key in chosen:
            skipped.setdefault(key, []).extend(item[1])
        else:
            chosen[key] = item
    return [
        Publication(
            parsed=result,
            where=where,
            sha256=files_sha256({n: files[n] for n in names}),
            path_date=path_date,
            skipped=tuple(skipped.get(key, ())),
        )
        for key, (result, names) in chosen.items()
    ]


def files_sha256(files: Files) -> str:
    """One checksum over a publication's files: names and contents, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def _file_groups(root: Path) -> Iterator[tuple[Path, list[Path]]]:
    for folder in sorted([root, *(p for p in root.rglob("*") if p.is_dir())]):
        paths = [p for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")]
        if paths:
            yield folder, paths


def _read_bounded(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnsafeInputError(
            f"file of {size:,} bytes is larger than the {MAX_FILE_BYTES:,} allowed", file=str(path)
        )
    return path.read_bytes()


def _path_date(path: Path) -> date | None:
    for part in reversed(path.parts):
        found = _DATE_IN_PATH.search(part)
        if found:
            try:
                return date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                continue
    return None
