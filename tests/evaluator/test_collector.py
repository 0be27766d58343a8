"""The one rule for pausing Python's cyclic garbage collector (evaluator/collector.py): a bulk
job's pause sets it back as it was, the start's pause is resumed once with what the start made
frozen, and the entry points' names (evaluator.startup) are the same functions."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from evaluator import collector, startup


@pytest.fixture
def collecting() -> Iterator[None]:
    """The collector on, as in a command's process (the UI tests hand it to the GUI thread)."""
    was, handed = gc.isenabled(), collector.gui_thread_collects()
    collector.collect_in_gui_thread(False)
    gc.enable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was:
            gc.enable()
        else:
            gc.disable()
        if handed:
            collector.collect_in_gui_thread()


def test_a_bulk_job_pauses_and_restores(collecting: None) -> None:
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: still off, and off again after
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_bulk_job_restores_even_when_it_fails(collecting: None) -> None:
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("bad row")
    assert gc.isenabled()


def test_a_bulk_job_leaves_a_paused_collector_paused(collecting: None) -> None:
    gc.disable()
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # e.g. inside the program's start, which resumes it itself


def test_the_start_is_resumed_once_with_its_objects_frozen(collecting: None) -> None:
    collector.pause()
    assert not gc.isenabled()
    kept = [[i] for i in range(1_000)]  # what a start makes
    with collector.paused():  # a bulk job during the start does not end the start's pause
        pass
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    gc.unfreeze()
    collector.resume()  # a second resume changes nothing
    assert gc.get_freeze_count() == 0


def test_resume_without_a_pause_changes_nothing(collecting: None) -> None:
    gc.disable()  # a caller's own reasons
    collector.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_entry_points_use_the_same_functions() -> None:
    assert startup.pause is collector.pause
    assert startup.resume is collector.resume


def test_collection_handed_to_the_gui_thread_and_back(collecting: None) -> None:
    collector.collect_in_gui_thread()
    try:
        assert not gc.isenabled()
        collector.pause()
        collector.resume()  # the start's end does not turn it on again
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        collector.collect_in_gui_thread(False)
    assert gc.isenabled()
