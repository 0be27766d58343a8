"""The background task helper: results, progress, failures and cancellation come back to the UI
thread by signal, and no work outlives its runner."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from evaluator.errors import InputError, Problem
from ui.tasks import TaskControl, TaskRunner


def test_result_and_progress_arrive_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[int, int, str]] = []
    threads: list[str] = []

    def job(control: TaskControl) -> int:
        threads.append(threading.current_thread().name)
        for i in range(3):
            control.progress(i + 1, 3, f"step {i + 1}")
        return 42

    task = runner.start(job, "sum")
    task.progress.connect(lambda d, t, s: seen.append((d, t, s)))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    qtbot.waitUntil(lambda: not task.running)
    assert seen == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert threads and threads[0] != threading.main_thread().name


def test_an_error_is_handed_back_not_lost(qtbot: QtBot, runner: TaskRunner) -> None:
    def job(control: TaskControl) -> None:
        raise InputError([Problem("แถวผิด", file="a.csv", row=3, field="score")])

    task = runner.start(job)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    exc, trace = blocker.args
    assert isinstance(exc, InputError)
    assert exc.problems[0].row == 3
    assert "InputError" in trace


def test_cancel_stops_a_job_at_its_next_check(qtbot: QtBot, runner: TaskRunner) -> None:
    started = threading.Event()
    release = threading.Event()
    steps: list[int] = []

    def job(control: TaskControl) -> str:
        started.set()
        release.wait(5)
        for i in range(1000):
            control.check()
            steps.append(i)
        return "finished"

    task = runner.start(job)
    finished: list[object] = []
    task.finished.connect(finished.append)
    assert started.wait(5)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    assert steps == []
    assert finished == []
    assert runner.wait(5000)


def test_the_progress_callback_form_reports_cancellation(runner: TaskRunner) -> None:
    results: list[bool] = []

    def job(control: TaskControl) -> None:
        results.append(control(1, 2))
        control.cancel()
        results.append(control(2, 2))

    runner.start(job)
    assert runner.wait(5000)
    assert results == [True, False]


@pytest.mark.parametrize("n", [5])
def test_many_jobs_all_finish(qtbot: QtBot, runner: TaskRunner, n: int) -> None:
    done: list[int] = []
    for i in range(n):
        task = runner.start(lambda control, i=i: i * i)
        task.finished.connect(done.append)
    qtbot.waitUntil(lambda: len(done) == n, timeout=5000)
    assert sorted(done) == [i * i for i in range(n)]
    qtbot.waitUntil(lambda: not runner.running, timeout=5000)
