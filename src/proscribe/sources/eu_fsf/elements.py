"""The EU files' own records: elements with their attributes, text and children, as published.

Both EU schemas are shallow: a list of parties, each with a handful of child elements whose
facts sit in attributes (1.1: `<nameAlias wholeName=".." strong="true">`) or in leaf elements
(1.0: `<NAME><WHOLENAME>..</WHOLENAME></NAME>`). One small immutable element type keeps
either shape under the publisher's names, with the source line for error messages; the
format readers check the structure they rely on and the mappers read it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from proscribe.sources.base import clean, local_name


@dataclass(frozen=True, slots=True)
class EuElement:
    tag: str  # local name, namespace dropped
    line: int | None
    attrs: Mapping[str, str]  # non-empty attribute values, whitespace collapsed
    text: str | None
    children: tuple[EuElement, ...] = ()

    def attr(self, name: str) -> str | None:
        return self.attrs.get(name)

    def all(self, tag: str) -> tuple[EuElement, ...]:
        return tuple(child for child in self.children if child.tag == tag)

    def first(self, tag: str) -> EuElement | None:
        return next((child for child in self.children if child.tag == tag), None)

    def text_of(self, tag: str) -> str | None:
        """The text of the first child called `tag` (1.0 leaf fields)."""
        child = self.first(tag)
        return None if child is None else child.text

    def texts_of(self, tag: str) -> tuple[str, ...]:
        return tuple(child.text for child in self.all(tag) if child.text)


def element(node: etree._Element) -> EuElement:
    """An lxml element and its subtree as an EuElement (comments were dropped on parsing)."""
    line = node.sourceline
    return EuElement(
        tag=local_name(node),
        line=line if isinstance(line, int) else None,
        attrs={str(key): text for key, value in node.attrib.items() if (text := clean(str(value)))},
        text=clean(node.text),
        children=tuple(element(child) for child in node if isinstance(child.tag, str)),
    )


_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)([^>]*)>?")


def root_start_tag(head: bytes) -> tuple[str, str] | None:
    """(local name, attribute text) of the document element's start tag, read from the first
    bytes of a file; None when they hold no start tag. Claiming looks at nothing else."""
    body = _COMMENT.sub(b"", head.removeprefix(b"\xef\xbb\xbf"))
    found = _START_TAG.search(body)
    if found is None:
        return None
    name = found.group(1).decode("ascii", "replace").rpartition(":")[2]
    return name, found.group(2).decode("utf-8", "replace")
