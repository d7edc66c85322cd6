"""Small-number suppression for aggregate reports: no count below 5, none derivable.

A table here is a *partition*: cells that add up to a total (e.g. goals by status). Rules:

1. A count below 5 (0-4) is shown as "<5" (primary suppression). A total below 5 hides the
   whole partition.
2. If exactly one cell of a partition is hidden while its total is shown, the total minus the
   shown cells would give it away, so the smallest other cell is hidden as well
   (complementary suppression). With two or more hidden cells only their sum can be derived.
3. A share (or mean, or median) is shown only when everything it is computed from is shown: a
   share from its cells and their total, a mean or median from at least 5 people.

Each partition stands alone: tables that would add up to one another (e.g. months to a year)
are not shown together, so no cell can be recovered across tables either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

THRESHOLD = 5
SUPPRESSED: Literal["<5"] = "<5"
Cell = int | Literal["<5"]


@dataclass(frozen=True)
class Partition:
    cells: dict[str, Cell]
    total: Cell

    def shown(self, *keys: str) -> bool:
        return self.total != SUPPRESSED and all(self.cells[k] != SUPPRESSED for k in keys)

    def share(self, *keys: str) -> float | None:
        """Percent of the total in `keys` (one decimal), or None if that would reveal a cell."""
        if not self.shown(*keys) or not isinstance(self.total, int) or self.total == 0:
            return None
        part = sum(int(self.cells[k]) for k in keys)
        return round(100 * part / self.total, 1)


def suppress(counts: Mapping[str, int]) -> Partition:
    total = sum(counts.values())
    if total < THRESHOLD:
        return Partition(dict.fromkeys(counts, SUPPRESSED), SUPPRESSED)
    hidden = {key for key, value in counts.items() if value < THRESHOLD}
    if len(hidden) == 1:
        # Smallest other cell (first in order on ties). There is one: a lone cell below 5
        # cannot make a total of 5 or more.
        order = list(counts)
        complement = min(
            (key for key in counts if key not in hidden),
            key=lambda key: (counts[key], order.index(key)),
        )
        hidden.add(complement)
    cells: dict[str, Cell] = {
        key: SUPPRESSED if key in hidden else value for key, value in counts.items()
    }
    return Partition(cells, total)


def enough(values: Iterable[object]) -> bool:
    """May a mean or median over these values (one per person or goal) be shown?"""
    return sum(1 for _ in values) >= THRESHOLD
