"""The published algorithms by name; `DEFAULT_ALGORITHM` is what screening uses unless told."""

from proscribe.match.algorithms.base import Algorithm
from proscribe.match.algorithms.v1 import V1

ALGORITHMS: dict[str, Algorithm] = {V1.name: V1}
DEFAULT_ALGORITHM = V1.name

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Algorithm"]
