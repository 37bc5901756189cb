"""The window's job order: the first source with work wins; nothing starts on a busy or closed worker."""

from __future__ import annotations

from googlenet_gui.ui.work.scheduler import JobKind, JobScheduler, Scheduled


class FakeRunner:
    def __init__(self) -> None:
        self.busy, self.shut_down, self.started = False, False, []

    def is_busy(self) -> bool:
        return self.busy

    def is_shut_down(self) -> bool:
        return self.shut_down

    def start(self, job, label) -> None:  # noqa: ANN001
        self.started.append(label)
        self.busy = True


def _job(kind: JobKind) -> Scheduled:
    return Scheduled(kind, lambda _token: kind.value, kind.value, lambda _result: None)


def _scheduler(runner: FakeRunner, offers: dict[JobKind, bool], idle: list[int]) -> JobScheduler:
    sources = [lambda kind=kind: _job(kind) if offers.get(kind) else None for kind in JobKind]
    return JobScheduler(runner, sources, lambda _scheduled: None, lambda: idle.append(1))


def test_the_most_urgent_offer_starts_and_is_remembered_until_taken():
    runner, idle = FakeRunner(), []
    scheduler = _scheduler(runner, {JobKind.CLASSIFY: True, JobKind.INSPECT: True}, idle)
    scheduler.poke()
    assert runner.started == ["inspect"] and scheduler.running_kind() is JobKind.INSPECT
    scheduler.poke()  # busy: nothing more starts
    assert runner.started == ["inspect"]
    assert scheduler.take_running().kind is JobKind.INSPECT and scheduler.running_kind() is None
    assert idle == []


def test_idle_runs_when_no_source_has_work_and_a_closed_worker_starts_nothing():
    runner, idle = FakeRunner(), []
    scheduler = _scheduler(runner, {}, idle)
    scheduler.poke()
    assert idle == [1] and runner.started == []
    runner.shut_down = True
    scheduler = _scheduler(runner, {JobKind.MODEL: True}, idle)
    scheduler.poke()
    assert runner.started == [] and idle == [1]
