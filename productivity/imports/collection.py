"""Fewer garbage collections while a bulk import runs.

An import holds a batch of tens of thousands of rows, each a few small objects, so Python's cyclic garbage
collector (which runs after every 700 new objects, and now and then looks at every object alive) spent about a
fifth of the time of a large spend file's import looking at rows that are not garbage. While any import runs, the
collector waits for many more new objects before it runs, and leaves alone the objects alive when the import
began (the application's own: ``gc.freeze``, after one collection, so that the garbage of what ran before, such as
a finished check with a key for every row, is not kept with them): it still collects every cycle made meanwhile,
less often. Imports running at once in one process share this, and the last to finish puts the collector back as it was.
"""

import contextlib
import gc
import threading
from collections.abc import Iterator

NEW_OBJECTS = 20_000  # the youngest generation's threshold while importing (Python's default: 700)
OLDER = 20  # collections of a generation before the next one is collected (default: 10)

_lock = threading.Lock()
_running = 0
_before: tuple[int, ...] = ()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the block (unless they are higher already) and freeze the objects
    alive, then put both back."""
    global _running, _before
    with _lock:
        if _running == 0:
            _before = gc.get_threshold()
            gc.set_threshold(max(_before[0], NEW_OBJECTS), *(max(value, OLDER) for value in _before[1:]))
            gc.collect()  # garbage left by what ran before (a finished check's importer and its keys) is not frozen
            gc.freeze()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_before)
                gc.unfreeze()
