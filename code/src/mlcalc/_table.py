"""A small table that shows as HTML in a notebook and as aligned text elsewhere (private)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


# Numbers line up on the right, with room between the columns.
_CELL_STYLE = "text-align: right; padding: 0.2em 0.8em"


def _cell(value: object) -> str:
    return f"{value:.10g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Table:
    """Column headers and rows of numbers; ``column(name)`` returns one column as a list."""

    headers: tuple[str, ...]
    rows: tuple[tuple, ...]

    def column(self, name: str) -> list:
        """The values of the column headed ``name``."""
        if name not in self.headers:
            raise KeyError(f"name must be one of {self.headers}; got {name!r}")
        index = self.headers.index(name)
        return [row[index] for row in self.rows]

    def __str__(self) -> str:
        cells = [list(self.headers)] + [[_cell(v) for v in row] for row in self.rows]
        widths = [max(len(line[i]) for line in cells) for i in range(len(self.headers))]
        return "\n".join("  ".join(c.rjust(w) for c, w in zip(line, widths)) for line in cells)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        head = "".join(f'<th style="{_CELL_STYLE}">{h}</th>' for h in self.headers)
        body = "".join(
            "<tr>" + "".join(f'<td style="{_CELL_STYLE}">{_cell(v)}</td>' for v in row) + "</tr>"
            for row in self.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def make_table(headers: Sequence[str], rows: Sequence[Sequence]) -> Table:
    """Build a :class:`Table` from any sequences."""
    return Table(tuple(headers), tuple(tuple(row) for row in rows))
