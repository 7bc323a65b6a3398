"""The garbage collector runs less often while an import runs, and as before once every import has finished."""

import gc
import threading
import weakref

import pytest

from productivity.imports.collection import NEW_OBJECTS, fewer_collections


@pytest.fixture
def default_thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_an_import_raises_the_threshold_and_puts_it_back(default_thresholds):
    with fewer_collections():
        assert gc.get_threshold() == (NEW_OBJECTS, 20, 20)
        assert gc.get_freeze_count() > 0  # the objects alive before are left alone
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_threshold_set_higher_already_is_left_as_it_is(default_thresholds):
    gc.set_threshold(100_000, 50, 50)
    with fewer_collections():
        assert gc.get_threshold() == (100_000, 50, 50)
    assert gc.get_threshold() == (100_000, 50, 50)


def test_the_threshold_is_put_back_after_a_fault(default_thresholds):
    with pytest.raises(ZeroDivisionError), fewer_collections():
        1 / 0  # noqa: B018
    assert gc.get_threshold() == (700, 10, 10)


def test_imports_at_once_put_the_threshold_back_when_the_last_one_finishes(default_thresholds):
    # The first to start finishes first: the second still runs with the raised threshold, then puts the old one back.
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with fewer_collections():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with fewer_collections():
            second_in.set()
            first_out.wait(5)
            seen["while the second runs"] = gc.get_threshold()
        seen["after both"] = gc.get_threshold()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"while the second runs": (NEW_OBJECTS, 20, 20), "after both": (700, 10, 10)}


def test_garbage_left_before_an_import_is_collected_not_kept_while_it_runs(default_thresholds):
    class Node:
        pass

    left = Node()
    left.me = left  # a cycle: only the collector frees it
    gone = weakref.ref(left)
    del left
    with fewer_collections():
        assert gone() is None
