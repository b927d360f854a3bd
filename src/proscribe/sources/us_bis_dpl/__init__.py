"""Placeholder: the formats of this source are being written."""

from proscribe.sources.base import ListFormat

FORMATS: tuple[ListFormat, ...] = ()
