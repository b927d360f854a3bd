"""Routes that screen what arrives in the real world: documents and payment messages.

    POST /v1/screen/text      {"text", "format": "text"|"html", "threshold", "as_of", "id"}
    POST /v1/screen/message   {"message", "threshold", "as_of", "id"}

Each answers as `proscribe screen-text --format json` and `proscribe screen-message --format
json` do, with the list versions, algorithm and threshold it screened with. A document or a
message is one screening: one audit record (`records.document_record`, `message_record`),
written before the answer; a message that cannot be read (malformed or hostile XML, broken MT
blocks) is a 422 naming where it broke. Sizes: a text of up to `MAX_TEXT_CHARACTERS`
characters and `MAX_SPANS` candidate spans (some 5 and 10 seconds of screening on one core;
a text all in capitals has a span per word or so), a message of up to
`MAX_MESSAGE_CHARACTERS`; more is a 422 on the field. The whole body is also bounded by
`PROSCRIBE_MAX_BODY_BYTES` (422).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, field_validator

from proscribe.api.auth import Screen, caller
from proscribe.api.models import AsOf
from proscribe.api.records import document_record, message_record
from proscribe.api.routes import ERRORS, loaded
from proscribe.documents import candidate_spans, html_text, screen_text
from proscribe.payments import screen_message
from proscribe.screener import Screener

MAX_TEXT_CHARACTERS = 100_000
MAX_SPANS = 5_000
MAX_MESSAGE_CHARACTERS = 100_000

router = APIRouter(responses=ERRORS)


class TextRequest(BaseModel):
    """A document to find listed parties in."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(
        default=None, max_length=500, description="Your reference, echoed as `document`."
    )
    text: str = Field(
        min_length=1,
        max_length=MAX_TEXT_CHARACTERS,
        description=f"The document, at most {MAX_TEXT_CHARACTERS:,} characters.",
    )
    format: Literal["text", "html"] = Field(
        default="text", description="html: markup, scripts and styles are removed first."
    )
    threshold: float | None = Field(default=None, ge=0.0, le=1.0, strict=True)
    as_of: AsOf = None

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is empty")
        return value


class MessageRequest(BaseModel):
    """A payment message as received: ISO 20022 XML or SWIFT MT (blocks 1, 2 and 4)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(
        default=None, max_length=500, description="Your reference, echoed as `message`."
    )
    message: str = Field(
        min_length=1,
        max_length=MAX_MESSAGE_CHARACTERS,
        description="pacs.008, pacs.009, pain.001 (XML) or MT103, MT202, as one string.",
    )
    threshold: float | None = Field(default=None, ge=0.0, le=1.0, strict=True)
    as_of: AsOf = None


@router.post("/v1/screen/text", tags=["screening"])
def screen_document(body: TextRequest, key: Screen, request: Request) -> dict[str, Any]:
    """Every mention of a listed party in a text: character span (in the text after markup
    is removed, for html), matched text, entry, score and explanation."""
    service = loaded(request)
    screener = service.screener_on(body.as_of)
    name = body.id or "-"
    text = html_text(body.text, name) if body.format == "html" else body.text
    spans = sum(1 for _ in candidate_spans(text))
    if spans > MAX_SPANS:
        message = f"{spans:,} candidate spans, more than {MAX_SPANS:,}: send it in parts"
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("body", "text"), "msg": message, "input": None}]
        )
    result = screen_text(screener, text, name, threshold=body.threshold)
    record = document_record(result, text, screener, caller(key), service.settings)
    service.store.audit.append([record])
    return {**result.to_json(), **_screened_with(screener, body.threshold)}


@router.post("/v1/screen/message", tags=["screening"])
def screen_payment(body: MessageRequest, key: Screen, request: Request) -> dict[str, Any]:
    """Every party of a payment message screened by its role: a decision (hit or clear), the
    hits with the field path each came from, and the fields screened."""
    service = loaded(request)
    screener = service.screener_on(body.as_of)
    data = body.message.encode()
    result = screen_message(screener, data, body.id or "-", threshold=body.threshold)
    record = message_record(result, data, screener, caller(key), service.settings)
    service.store.audit.append([record])
    return {**result.to_json(), **_screened_with(screener, body.threshold)}


def _screened_with(screener: Screener, threshold: float | None) -> dict[str, Any]:
    return {
        "versions": [version.label for version in screener.versions],
        "algorithm": screener.algorithm.name,
        "threshold": screener.threshold if threshold is None else threshold,
    }
