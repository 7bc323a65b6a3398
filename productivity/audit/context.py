"""Who is acting: set by the web middleware, the API's authentication and management commands."""

import contextlib
import contextvars
from collections.abc import Iterator

_actor: contextvars.ContextVar[tuple[object | None, str]] = contextvars.ContextVar("audit_actor", default=(None, ""))


def current_actor() -> tuple[object | None, str]:
    return _actor.get()


def set_actor(user: object | None, label: str = "") -> contextvars.Token:
    return _actor.set((user, label))


def reset_actor(token: contextvars.Token) -> None:
    _actor.reset(token)


@contextlib.contextmanager
def acting_as(user: object | None, label: str = "") -> Iterator[None]:
    token = set_actor(user, label)
    try:
        yield
    finally:
        reset_actor(token)
