"""Payment messages: the parties of ISO 20022 and SWIFT MT messages, screened by their role.

A message is read into `Message` (its type and the `Field`s that name parties or carry free
text, each with the path it came from), then `screen_message` screens every party by name,
its agents also by BIC, and free text by the name-like spans in it. A hit names the field path
it came from, so a reviewer sees at once whether the creditor or the remittance text matched.

    iso20022.py   pacs.008, pacs.009, pain.001 (any version: elements matched by local name)
    mt.py         MT103, MT202 (blocks 1, 2 and 4)
    spans.py      candidate name spans of free text
    screening.py  `screen_message` and its `MessageResult`
"""

from __future__ import annotations

from proscribe.payments.message import Field, FieldKind, Message, read_message
from proscribe.payments.screening import MessageHit, MessageResult, screen_message

__all__ = [
    "Field",
    "FieldKind",
    "Message",
    "MessageHit",
    "MessageResult",
    "read_message",
    "screen_message",
]
