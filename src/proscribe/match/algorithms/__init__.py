"""The published algorithms by name; `DEFAULT_ALGORITHM` is what screening uses unless told."""

from proscribe.match.algorithms.base import Algorithm
from proscribe.match.algorithms.v1 import V1
from proscribe.match.algorithms.v2 import V2

ALGORITHMS: dict[str, Algorithm] = {V1.name: V1, V2.name: V2}
DEFAULT_ALGORITHM = V1.name

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Algorithm"]
