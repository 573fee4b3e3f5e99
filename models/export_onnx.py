"""Write models/factcheck-nli-minilm/model_int8.onnx, the int8 ONNX model NLIModel runs by default.

    python models/export_onnx.py            # needs the dev extra (onnx); nothing is downloaded

The shipped safetensors weights are exported with torch.onnx (TorchScript exporter, eager attention),
then onnxruntime's dynamic quantization turns the Linear weights into int8 with one scale per output
channel (torch's per-tensor scales lost 1-3.5 accuracy points). The first encoder layer, the last
layer's FFN output and the pooler/classifier stay float32: quantizing them too cost 1.2 points on EQUATE
AWPNLI, keeping them keeps every benchmark set within a point of float32 (models/README.md). Activations
are quantized per batch at run time. Re-run it whenever model.safetensors changes, then refit the int8
contradiction threshold: ``python benchmarks/nli_eval.py --write-calibration``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
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
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
