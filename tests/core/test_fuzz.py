"""Property-based fuzzing of what strangers' files reach: metadata validation, checkpoints, images.

Bounded for CI (profile ``ci``: 40 inputs per property, ~10 s in all).  A longer run::

    HYPOTHESIS_PROFILE=long python -m pytest -q tests/core/test_fuzz.py   # 3000 inputs per property

Every crash found becomes a regression test next to the code it broke (see
tests/core/checkpoints/test_checkpoints_forged.py).
"""

from __future__ import annotations

import math
import os
import struct

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from googlenet_gui.core.checkpoints.files import read_checkpoint  # noqa: E402
from googlenet_gui.core.checkpoints.metadata import read_app_metadata  # noqa: E402
from googlenet_gui.core.errors import CheckpointError, ImageError  # noqa: E402
from googlenet_gui.core.images.decode import load_image  # noqa: E402
from googlenet_gui.core.images.preprocessing import Preprocessing  # noqa: E402
from googlenet_gui.core.network.spec import VariantSpec, runs_at, torchvision_spec  # noqa: E402

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12)
PREP_KEYS = ("resize", "crop", "mean", "std", "interpolation", "other")
SPEC = torchvision_spec(3, aux_logits=False).to_dict()


@given(st.dictionaries(st.sampled_from(PREP_KEYS), json_values | st.integers(-5, 5000)) | json_values)
def test_preprocessing_is_valid_or_refused_with_a_value_error(data):
    try:
        prep = Preprocessing.from_dict(data)
    except ValueError:
        return
    assert 1 <= prep.crop <= 1024 and 1 <= prep.resize <= 2048
    assert all(math.isfinite(v) for v in prep.mean) and all(v >= 1e-6 for v in prep.std)


@given(st.dictionaries(st.sampled_from(sorted(SPEC)), json_values | st.integers(-3, 9)))
def test_a_variant_is_valid_or_refused_with_a_value_error(changes):
    try:
        spec = VariantSpec.from_dict({**SPEC, **changes})
    except ValueError:
        return
    runs_at(spec, 224)  # never raises for a spec that passed


@given(st.dictionaries(st.sampled_from(["format_version", "variant", "preprocessing", "class_names", "training",
                                        "provenance", "transform_input", "aux_state"]), json_values))
def test_app_metadata_is_read_or_refused_with_one_sentence(raw):
    try:
        meta = read_app_metadata("fuzz.pth", {"variant": SPEC, **raw}, {})
    except CheckpointError as error:
        assert "fuzz.pth" in str(error) and "\n" not in str(error)
        return
    assert meta.class_names is None or all(isinstance(n, str) for n in meta.class_names)


MAGICS = [b"", b"PK\x03\x04", b"\x80\x02", b"\x80\x04\x95", struct.pack("<Q", 40) + b'{"a":']


@given(st.sampled_from(MAGICS), st.binary(max_size=300), st.sampled_from([".pth", ".safetensors"]))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_checkpoint_bytes_are_read_or_refused_with_a_checkpoint_error(tmp_path, magic, body, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(magic + body)
    try:
        read_checkpoint(path)
    except CheckpointError as error:
        assert str(path) in str(error)


IMAGE_MAGICS = [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"BM", b"RIFF\x00\x00\x00\x00WEBP", b"II*\x00"]


@given(st.sampled_from(IMAGE_MAGICS), st.binary(max_size=400))
def test_image_bytes_are_decoded_or_refused_with_an_image_error(magic, body):
    try:
        loaded = load_image(magic + body, name="fuzz.png")
    except ImageError as error:
        assert "fuzz.png" in str(error)
        return
    assert loaded.image.mode == "RGB"
