"""proscribe: sanctions screening with official lists, their history and explainable matches.

The public API is the names below; everything else may change between releases.
"""

from proscribe.errors import ProscribeError
from proscribe.model import Entity, ListVersion, Name, NameKind, Schema

__all__ = ["Entity", "ListVersion", "Name", "NameKind", "ProscribeError", "Schema"]
__version__ = "0.1.0"
