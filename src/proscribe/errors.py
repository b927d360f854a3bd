"""One exception tree for the whole of proscribe.

    ProscribeError                  code: stable, machine-readable; detail: structured context
    ├── InputError                  the user gave us something we cannot use
    │   ├── ParseError              a malformed row, field or document (file, line, field)
    │   ├── UnsafeInputError        hostile or absurd input: entity expansion, huge nodes
    │   ├── FormatNotRecognisedError    no parser claims the file or folder
    │   └── ImplausibleListError    empty list, or far smaller than the version it would replace
    ├── NotFoundError               an entity, list or version that the store does not hold
    ├── StoreError                  the database refused or is not set up
    ├── ConflictError               someone else changed the record first (optimistic lock)
    └── FetchError                  a publisher could not be reached or sent something broken
        └── OfflineError            no network at all

Adapters translate these at the edge: the CLI prints `str(error)` on one line and exits with
`error.exit_code`; the HTTP API maps `code` to a status. Nothing else catches them.
"""

from __future__ import annotations

from typing import Any


class ProscribeError(Exception):
    """The root of every error proscribe raises on purpose."""

    code = "proscribe_error"
    exit_code = 1

    def __init__(self, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.message = message
        self.detail = {key: value for key, value in detail.items() if value is not None}

    def __str__(self) -> str:
        return self.message


class InputError(ProscribeError):
    code = "input_error"
    exit_code = 2


class ParseError(InputError):
    """A malformed row, field or document; says where, as precisely as the format allows."""

    code = "parse_error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        where = ":".join(str(part) for part in (file, line) if part is not None)
        if field is not None:
            where = f"{where} field {field}" if where else f"field {field}"
        super().__init__(
            f"{where}: {message}" if where else message, file=file, line=line, field=field
        )


class UnsafeInputError(ParseError):
    code = "unsafe_input"


class FormatNotRecognisedError(InputError):
    code = "format_not_recognised"


class ImplausibleListError(InputError):
    code = "implausible_list"


class NotFoundError(ProscribeError):
    code = "not_found"
    exit_code = 3


class StoreError(ProscribeError):
    code = "store_error"
    exit_code = 4


class ConflictError(ProscribeError):
    """Another user changed the record since it was read: nothing was written; read it again
    and decide on what it says now."""

    code = "conflict"
    exit_code = 6


class FetchError(ProscribeError):
    code = "fetch_error"
    exit_code = 5


class OfflineError(FetchError):
    code = "offline"
