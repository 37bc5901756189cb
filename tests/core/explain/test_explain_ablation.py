"""Ablation: equals a forward with the same tensor zeroed by an independent hook, on every head."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from googlenet_gui.core.errors import ExplainError, JobCancelled
from googlenet_gui.core.explain.ablation import (ablated, ablated_logits, ablation, branch_importance,
                                                  iter_branch_importance,
                                                  parse_ablation, parse_ablations)
from googlenet_gui.core.explain.trunk import trunk_pass
from googlenet_gui.core.inference import engine
from googlenet_gui.core.jobs import CancelToken
from tests.core.explain.explain_models import no_hooks_left

CASES = {
    "inception4c.3x3": ("inception4c.branch2", slice(None)),
    "inception3b": ("inception3b", slice(None)),
    "inception4a.pool_proj:0-15,40": ("inception4a.branch4", [*range(16), 40]),
    "inception4d:100-130": ("inception4d", list(range(100, 131))),
    "conv2:3": ("conv2", [3]),
    "inception5b.1x1:0-9": ("inception5b.branch1", list(range(10))),  # the last module: run, not masked
}


def independent_forward(reference, batch, path: str, channels) -> dict[str, torch.Tensor]:
    """torchvision's model with a hook that zeroes the channels in a copy; aux heads by hand."""
    def zero(_m, _i, output):
        output = output.clone()
        output[:, channels] = 0
        return output

    kept = {}
    handles = [reference.get_submodule(path).register_forward_hook(zero)]
    for head, source in (("aux1", "inception4a"), ("aux2", "inception4d")):
        handles.append(getattr(reference, source).register_forward_hook(
            lambda m, i, o, head=head: kept.__setitem__(head, o)))
    try:
        with torch.no_grad():
            main = reference(batch)
            return {"main": main, "aux1": reference.aux1(kept["aux1"]), "aux2": reference.aux2(kept["aux2"])}
    finally:
        for handle in handles:
            handle.remove()


@pytest.mark.parametrize("spec", list(CASES))
def test_ablation_equals_independent_hook_on_all_heads(loaded, reference, batch, spec):
    model = loaded.model
    ablations = [parse_ablation(model, spec)]
    expected = independent_forward(reference, batch, *CASES[spec])
    with ablated(model, ablations), torch.no_grad():
        full = model.forward_heads(batch)
    downstream = ablated_logits(model, trunk_pass(model, batch), ablations)
    for head in ("main", "aux1", "aux2"):
        torch.testing.assert_close(full[head], expected[head], rtol=1e-4, atol=1e-5)
        torch.testing.assert_close(downstream[head], full[head], rtol=1e-5, atol=1e-6)
    assert no_hooks_left(model)


def test_downstream_recompute_equals_full_ablated_forward_for_several(loaded, batch):
    model = loaded.model
    ablations = parse_ablations(model, ["inception4e.5x5", "inception4b:0-63", "inception5a.1x1:7"])
    base = trunk_pass(model, batch)
    with ablated(model, ablations), torch.no_grad():
        full = model.forward_heads(batch)
    downstream = ablated_logits(model, base, ablations)
    assert downstream["aux1"] is base.logits["aux1"]  # attached before inception4b: kept, not rerun
    for head in full:
        torch.testing.assert_close(downstream[head], full[head], rtol=1e-5, atol=1e-6)
    assert not torch.equal(downstream["main"], base.logits["main"])


def test_ablation_context_serves_the_eager_model(loaded, photo):
    from googlenet_gui.api import classify, inspect

    before = engine.engine_for(loaded, "batch", images=100)
    with ablation(loaded, ["inception5b"]) as ablations:
        assert engine.engine_for(loaded, "batch", images=100).model is loaded.model
        assert ablations[0].spec == "inception5b"
        inspected = inspect(loaded, photo)
        classified = next(classify(loaded, [photo]))
    assert engine.engine_for(loaded, "batch", images=100).model is before.model
    assert no_hooks_left(loaded.model)
    # inception5b zeroed: the main head sees only the fc bias
    bias = torch.softmax(loaded.model.fc.bias.detach(), 0).numpy()
    np.testing.assert_allclose(inspected.heads["main"].probabilities, bias, rtol=1e-5)
    np.testing.assert_allclose(classified.heads["main"].probabilities, bias, rtol=1e-5)
    np.testing.assert_allclose(inspected.modules["inception5b"].output, 0)


@pytest.mark.parametrize("spec,message", [
    ("inception4c.7x7", "'inception4c.7x7'"),
    ("inception4c:0-999", "outside inception4c's 0-511"),
    ("inception4c.1x1:128", "outside inception4c.1x1's 0-127"),
    ("inception4c:5-2", "outside"),
    ("inception4c:a-b", "channels must look like 0-15,40"),
    ("nothing", "valid layers are conv1"),
])
def test_bad_specs_are_clear(loaded, spec, message):
    with pytest.raises(ExplainError, match=message):
        parse_ablation(loaded.model, spec)


def test_spec_round_trip(loaded):
    assert parse_ablation(loaded.model, "inception4c.3x3:40,0-15,3").spec == "inception4c.3x3:0-15,40"


def test_branch_importance_reports_progress_and_cancels(loaded, batch):
    model = loaded.model
    base = trunk_pass(model, batch)
    done = [(step.done, int(np.isnan(step.drops).sum())) for step in iter_branch_importance(model, base)]
    assert done == [(i, (36 - i) * 3) for i in range(1, 37)]  # one growing result, NaN where not run yet
    result = branch_importance(model, base)
    assert result.drops.shape == (9, 4, 3)
    assert np.isfinite(result.drops).all()
    after = ablated_logits(model, base, parse_ablations(model, ["inception4c.3x3"]))
    main = result.heads.index("main")
    drop = (torch.softmax(base.logits["main"][0], 0) - torch.softmax(after["main"][0], 0))[result.classes["main"]]
    assert result.drops[4, 1, main] == pytest.approx(float(drop), abs=1e-6)
    assert np.all(result.drops[5:, :, result.heads.index("aux1")] == 0)  # 4b on do not feed aux1
    token = CancelToken()
    jobs = iter_branch_importance(model, base, token)
    next(jobs)
    token.cancel()
    with pytest.raises(JobCancelled):
        next(jobs)
    assert no_hooks_left(model)
