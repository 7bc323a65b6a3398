"""Problems found in a file: where (file, row, column), what was wrong and what would be accepted.

A log keeps the first ``limit`` problems and counts the rest, so a file of a million bad rows costs
no more memory than a file of a thousand.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class ProblemLog:
    """The problems of one import, in the order found; at most ``limit`` are kept."""

    def __init__(self, limit: int):
        self.limit = limit
        self.kept: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.kept) < self.limit:
            self.kept.append(problem)

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total

    def __iter__(self):
        return iter(self.kept)

    @property
    def not_kept(self) -> int:
        return self.total - len(self.kept)

    def in_file_order(self) -> list[Problem]:
        return sorted(self.kept, key=lambda problem: problem.row or 0)
