"""Which projects a published paper cites. The board papers live in a layer above the programme, so they
register how to tell here (reports' apps.py), and the programme asks without importing them."""

from collections.abc import Callable

_checks: list[Callable[[int], bool]] = []


def register(check: Callable[[int], bool]) -> None:
    """``check(project_id)`` says whether a published paper cites the project or its records."""
    if check not in _checks:
        _checks.append(check)


def is_cited(project_id: int) -> bool:
    """Whether any published paper cites the project (its figures, records or name)."""
    return any(check(project_id) for check in _checks)
