"""Device names and the CUDA out-of-memory fallback."""

from __future__ import annotations

import pytest
import torch
from factories import save_app_checkpoint

from googlenet_gui.core.inference.devices import resolve_device, run_with_oom_fallback
from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.inference import engine

needs_no_cuda = pytest.mark.skipif(torch.cuda.is_available(), reason="checks the no-CUDA messages")


def test_auto_and_cpu():
    assert resolve_device("cpu") == torch.device("cpu")
    assert resolve_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert resolve_device(torch.device("cpu")) == torch.device("cpu")


@pytest.mark.parametrize("name", ["gpu", "cuda:x", "tpu", "cuda0"])
def test_bad_names_are_refused_with_the_choices(name):
    with pytest.raises(GoogLeNetGuiError, match="use auto, cpu, cuda or cuda:N"):
        resolve_device(name)


@needs_no_cuda
@pytest.mark.parametrize("name", ["cuda", "cuda:0"])
def test_cuda_requested_without_cuda_is_a_clear_error(name):
    with pytest.raises(GoogLeNetGuiError, match="CUDA is not available on this machine"):
        resolve_device(name)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")
def test_cuda_index_beyond_the_devices():
    with pytest.raises(GoogLeNetGuiError, match="does not exist"):
        resolve_device(f"cuda:{torch.cuda.device_count()}")


@pytest.fixture(scope="module")
def app_file(tmp_path_factory):
    return save_app_checkpoint(tmp_path_factory.mktemp("dev") / "a.pth", class_names=["a", "b", "c"])


def test_out_of_memory_moves_the_model_to_cpu_and_retries(app_file):
    loaded = load_model(app_file, device="cpu")
    _ = engine.folded_model(loaded)
    calls: list[str] = []
    messages: list[str] = []

    def classify_once():
        calls.append(str(loaded.device))
        if len(calls) == 1:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        with torch.no_grad():
            return loaded.model(torch.zeros(1, 3, 64, 64, device=loaded.device)).shape

    result = run_with_oom_fallback(classify_once, loaded, on_message=messages.append)
    assert result == (1, 3) and len(calls) == 2
    assert loaded.device.type == "cpu" and not engine.folded_ready(loaded)
    assert len(messages) == 1 and "ran out of memory" in messages[0] and "CPU" in messages[0]


def test_out_of_memory_message_goes_to_warnings_without_a_callback(app_file):
    loaded = load_model(app_file, device="cpu")
    attempts = iter([True, False])

    def work():
        if next(attempts):
            raise torch.cuda.OutOfMemoryError("out of memory")
        return "done"

    assert run_with_oom_fallback(work, loaded) == "done"
    assert any("ran out of memory" in w for w in loaded.warnings)


def test_other_errors_are_not_swallowed(app_file):
    loaded = load_model(app_file, device="cpu")

    def broken():
        raise ValueError("a real bug")

    with pytest.raises(ValueError, match="a real bug"):
        run_with_oom_fallback(broken, loaded)
