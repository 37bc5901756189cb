"""The live Table 1: counted from the model, checked against torch's FLOP counter and the paper."""

from __future__ import annotations

import json

import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.opcount.shapes import conv_macs, reduction_example
from googlenet_gui.core.opcount.table import count_ops, format_ops_table
from googlenet_gui.core.network.spec import INCEPTION_NAMES, paper_spec, spec_for_arch, torchvision_spec
from googlenet_gui.core.opcount.paper import paper_macs, paper_params

#: Table 1 rows whose own numbers do not follow from their filter columns (see table1.PAPER_QUIRKS).
PARAM_QUIRKS = {"inception4c", "inception5a"}
MAC_QUIRKS = {"inception5a"}


def _flops(fn) -> int:
    with torch.inference_mode(), FlopCounterMode(display=False) as counter:
        fn()
    return counter.get_total_flops()


def test_seed_worked_example():
    naive, reduced = reduction_example()
    assert round(naive / 1e6, 1) == 112.9
    assert round(reduced / 1e6, 1) == 5.3
    assert naive == conv_macs(14, 14, 480, 48, 5) == 14 * 14 * 48 * 480 * 25
    assert reduced == 14 * 14 * 16 * 480 + 14 * 14 * 48 * 16 * 25


@pytest.mark.parametrize("arch", ["torchvision", "tutorial"])
def test_totals_match_torch_flop_counter(arch):
    model = GoogLeNet(spec_for_arch(arch), init_weights=False).eval()
    x = torch.zeros(1, 3, 224, 224)
    table = count_ops(model)
    main_flops = _flops(lambda: model(x))
    all_flops = _flops(lambda: model.forward_heads(x, with_aux=True))
    assert table.total_macs_without_aux == pytest.approx(main_flops / 2, rel=0.01)
    assert table.total_macs == pytest.approx(all_flops / 2, rel=0.01)
    aux_macs = table.row("aux1").macs + table.row("aux2").macs
    assert aux_macs == pytest.approx((all_flops - main_flops) / 2, rel=0.01)
    assert table.total_params == sum(p.numel() for p in model.parameters())


def test_paper_variant_inception_rows_match_table1():
    table = count_ops(paper_spec())
    for name in INCEPTION_NAMES:
        row = table.row(name)
        assert row.paper_params == paper_params(name) and row.paper_macs == paper_macs(name)
        params_ok = abs(row.params_diff_pct) <= 2.0
        macs_ok = abs(row.macs_diff_pct) <= 2.0
        assert params_ok != (name in PARAM_QUIRKS), (name, row.params, row.paper_params)
        assert macs_ok != (name in MAC_QUIRKS), (name, row.macs, row.paper_macs)
        if name in PARAM_QUIRKS:
            assert "do not follow from its own filter columns" in row.note


def test_inception_columns_and_naive_cost():
    table = count_ops(paper_spec())
    row = table.row("inception4a")
    assert row.filters == {"n1x1": 192, "n3x3_reduce": 96, "n3x3": 208, "n5x5_reduce": 16, "n5x5": 48,
                           "pool_proj": 64}
    assert row.output == (14, 14, 512) and row.depth == 2 and row.type == "inception"
    assert row.naive_macs == 14 * 14 * 480 * (192 + 208 * 9 + 48 * 25)
    assert row.macs < row.naive_macs / 4  # the point of the 1x1 reductions
    tv_row = count_ops(torchvision_spec()).row("inception4a")
    assert tv_row.naive_macs == 14 * 14 * 480 * (192 + 208 * 9 + 48 * 9)  # 3x3 in the 5x5 slot
    assert "3x3 kernel in the 5x5 slot" in tv_row.note


def test_torchvision_stem_lines_up_with_the_papers_conv2_row():
    table = count_ops(torchvision_spec())
    group = table.row("conv2+conv3")
    assert group.members == ("conv2", "conv3") and group.depth == 2
    assert group.filters == {"n3x3_reduce": 64, "n3x3": 192}
    assert group.params == table.row("conv2").params + table.row("conv3").params
    assert abs(group.params_diff_pct) < 1.0 and abs(group.macs_diff_pct) < 1.0
    assert table.row("conv3").paper_params is None and table.row("conv3").part_of == "conv2+conv3"
    names = [r.name for r in table.display_rows()]
    assert names.index("conv2+conv3") == names.index("conv3") + 1
    conv1 = table.row("conv1")
    assert conv1.patch == "7x7/2" and conv1.output == (112, 112, 64) and "2.7K" in conv1.note
    assert "BatchNorm" in conv1.note and conv1.breakdown == {"weights": 9408, "biases": 0, "batchnorm": 128}


def test_tutorial_stem_has_no_group_and_is_compared_directly():
    table = count_ops(spec_for_arch("tutorial"))
    assert not table.groups
    conv2 = table.row("conv2")
    assert conv2.patch == "3x3/1" and conv2.paper_params is not None and "without the paper's 1x1" in conv2.note
    assert "10 classes" in table.row("fc").note


def test_json_contract():
    data = count_ops(torchvision_spec()).to_json()
    json.dumps(data)  # serialisable
    expected = ["conv1", "maxpool1", "conv2", "conv3", "maxpool2", "inception3a", "inception3b", "maxpool3",
                *[f"inception4{c}" for c in "abcde"], "maxpool4", "inception5a", "inception5b",
                "avgpool", "dropout", "fc", "aux1", "aux2"]
    assert list(data["rows"]) == expected
    for name, row in data["rows"].items():
        assert isinstance(row["params"], int) and isinstance(row["macs"], int)
        assert {"paper_params", "paper_macs", "naive_macs"} <= set(row)
    assert data["rows"]["inception3a"]["naive_macs"] > data["rows"]["inception3a"]["macs"]
    assert data["rows"]["aux1"]["paper_params"] is None and data["rows"]["aux1"]["aux"] is True
    assert data["total_params"] == sum(r["params"] for r in data["rows"].values()) == 13_004_888
    assert data["total_params_without_aux"] == 6_624_904
    aux = data["rows"]["aux1"]["macs"] + data["rows"]["aux2"]["macs"]
    assert data["total_macs"] == data["total_macs_without_aux"] + aux
    assert "conv2+conv3" in data["groups"] and "multiply-adds" in data["units"]["macs"]


def test_counting_leaves_the_model_untouched():
    torch.manual_seed(0)
    model = GoogLeNet(torchvision_spec(num_classes=7)).train()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    table = count_ops(model, image_size=96)
    assert model.training and all(m.training for m in model.modules())
    assert all(not m._forward_hooks for m in model.modules())
    for key, value in model.state_dict().items():
        assert torch.equal(value, before[key]), key
    assert table.row("inception4a").output == (6, 6, 512)
    assert "at 96px input" in table.row("inception4a").note
    assert table.row("fc").output == (1, 1, 7)


def test_format_table_has_units_rows_and_notes():
    text = format_ops_table(count_ops(torchvision_spec()))
    assert "multiply-adds" in text and "K = 1024" in text and "M = 10^6" in text
    for name in ("conv1", "conv2+conv3", "inception5b", "aux2", "total with aux heads"):
        assert name in text
    header = text.splitlines()[1]
    assert "params K" in header and "MACs M" in header and "naive M" in header
    assert "1,498.4" in text  # main-path MACs in M
