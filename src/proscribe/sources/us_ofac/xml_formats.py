"""Placeholder: OFAC's XML formats are being written."""

from proscribe.sources.base import ListFormat

XML_FORMATS: tuple[ListFormat, ...] = ()
