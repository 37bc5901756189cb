"""ordered_map and chunked: batch jobs run side by side but answer in input order, a bounded distance ahead."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from googlenet_gui.core.inference.batching import MAX_SIDE_BY_SIDE, chunked, ordered_map, side_by_side


def test_results_come_in_input_order_when_later_jobs_finish_first():
    finished: list[int] = []

    def run(job: int) -> int:
        time.sleep(0.05 if job == 0 else 0.0)  # the first job is the slowest
        finished.append(job)
        return job * 10

    with ThreadPoolExecutor(3) as pool:
        assert list(ordered_map(pool, range(6), run, depth=3)) == [0, 10, 20, 30, 40, 50]
    assert finished[0] != 0  # they really overlapped: another job finished before the first


def test_jobs_run_side_by_side_up_to_the_pool_size():
    both_running = threading.Barrier(2, timeout=10)  # breaks (and the test fails) unless two run at once

    def run(job: int) -> int:
        both_running.wait()
        return job

    with ThreadPoolExecutor(2) as pool:
        assert list(ordered_map(pool, range(4), run, depth=3)) == [0, 1, 2, 3]


def test_never_more_than_depth_jobs_taken_ahead_of_the_consumer():
    taken: list[int] = []

    def jobs():
        for job in range(10):
            taken.append(job)
            yield job

    with ThreadPoolExecutor(2) as pool:
        results = ordered_map(pool, jobs(), lambda job: job, depth=3)
        assert next(results) == 0
        assert len(taken) == 4  # the three first submitted, then one more for the one consumed
        assert list(results) == list(range(1, 10))


def test_an_error_in_the_job_source_stops_the_loop_on_the_callers_thread():
    class Stop(Exception):
        pass

    def jobs():
        yield 1
        yield 2
        raise Stop

    with ThreadPoolExecutor(2) as pool:
        results = ordered_map(pool, jobs(), lambda job: job, depth=1)
        assert next(results) == 1
        with pytest.raises(Stop):
            list(results)


def test_an_error_in_a_job_reaches_the_consumer_in_its_place():
    def run(job: int) -> int:
        if job == 2:
            raise ValueError("job 2 failed")
        return job

    with ThreadPoolExecutor(2) as pool:
        results = ordered_map(pool, range(4), run, depth=2)
        assert [next(results), next(results)] == [0, 1]
        with pytest.raises(ValueError, match="job 2 failed"):
            next(results)


def test_chunked_keeps_every_item_once_and_in_order():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []
    assert list(chunked(range(2), 0)) == [[0], [1]]  # a size below one means one at a time


def test_side_by_side_gives_one_batch_a_core_up_to_a_memory_cap():
    assert side_by_side(1) == (1, 1) and side_by_side(2) == (2, 1) and side_by_side(3) == (3, 1)
    assert side_by_side(16) == (MAX_SIDE_BY_SIDE, 16 // MAX_SIDE_BY_SIDE)
    assert side_by_side(0) == (1, 1)


def test_prepare_item_is_the_models_preprocessing_for_every_kind_of_source(tmp_path):
    """Both batch paths decode through prepare_item: its array must be ``images.preprocess`` exactly."""
    torch = pytest.importorskip("torch")
    from PIL import Image

    from googlenet_gui.core.inference.batching import prepare_item
    from googlenet_gui.core.images.decode import LoadedImage, load_image, preprocess
    from googlenet_gui.core.images.preprocessing import Preprocessing

    path = tmp_path / "wide.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (90, 160, 4), dtype=np.uint8), "RGBA").save(path)
    prep = Preprocessing(resize=100, crop=64)
    expected = preprocess(load_image(path).image, prep)
    for source in (str(path), path.read_bytes(), load_image(path), load_image(path).image):
        prepared = prepare_item("wide.png", source, prep)
        assert prepared.error is None and prepared.array.dtype == np.float32 and prepared.array.shape == (3, 64, 64)
        assert torch.equal(torch.from_numpy(prepared.array), expected)
    noted = LoadedImage(load_image(path).image, "wide.png", ["a note about the file"])
    assert prepare_item("wide.png", noted, prep).notes == ["a note about the file"]


def test_prepare_item_turns_a_bad_file_into_an_error_naming_it(tmp_path):
    from googlenet_gui.core.inference.batching import prepare_item
    from googlenet_gui.core.images.preprocessing import Preprocessing

    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not a jpeg")
    prepared = prepare_item(str(bad), str(bad), Preprocessing())
    assert prepared.array is None and "broken.jpg" in prepared.error
