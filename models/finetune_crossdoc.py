"""Fine-tune the shipped NLI model on pairs across reports (models/generate_crossdoc_pairs.py).

    python models/generate_crossdoc_pairs.py
    OMP_WAIT_POLICY=PASSIVE python models/finetune_crossdoc.py --out models/work/nli-crossdoc   # ~25 min on 2 cores

An experiment, not shipped (models/README.md, "Tried: cross-report pairs"): without --out it
would overwrite the shipped model directory.

Starts from the weights in models/factcheck-nli-minilm/ (the 5,800-step model of train.py),
trains on the cross-report pairs mixed with an equal, seeded replay sample of train.py's own
mix (so what it knew of VitaminC, Breaking NLI, MED and the one-sentence edits stays), with the
hyper-parameters of config.json's "finetune" section, and exports like train.py: float16
weights, tokenizer, training_meta.json. Re-run benchmarks/nli_eval.py --write-calibration and
models/export_onnx.py after it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import ROOT, collate, epoch_batches, evaluate, export, load_data, log, read_jsonl, tokenize  # noqa: E402

PAIRS = ROOT / "models" / "work" / "crossdoc_pairs.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="export here instead of config.json's export.out_dir")
    args = ap.parse_args()
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    cfg = json.loads((ROOT / "models" / "config.json").read_text())
    ft = cfg["finetune"]
    seed = ft["seed"]
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(cfg["train"]["num_threads"])
    lid = {l: i for i, l in enumerate(cfg["labels"])}
    src = ROOT / cfg["export"]["out_dir"]
    tok = AutoTokenizer.from_pretrained(src)
    model = AutoModelForSequenceClassification.from_pretrained(src, torch_dtype=torch.float32)
    cross = [(r["premise"], r["hypothesis"], lid[r["label"]]) for r in read_jsonl(PAIRS)]
    base, dev, _ = load_data(cfg)
    replay = random.Random(seed).sample(base, min(len(base), int(len(cross) * ft["replay_ratio"])))
    rows = cross + replay
    log(f"cross-report pairs {len(cross)}, replay {len(replay)}")
    data = tokenize(tok, rows, cfg["train"]["max_len"])
    lengths = [len(x[0]) for x in data]
    bs = cfg["train"]["batch_size"]
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": cfg["train"]["weight_decay"]},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=ft["lr"])
    batches = [b for e in range(ft["epochs"]) for b in epoch_batches(len(data), lengths, bs,
                                                                     cfg["train"]["length_group_batches"], seed, e)]
    total = len(batches)
    warm = int(total * ft["warmup_fraction"])
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / max(1, warm) if s < warm else max(0.0, (total - s) / max(1, total - warm)))
    pad = tok.pad_token_id
    dev_data = tokenize(tok, dev, cfg["train"]["max_len"])
    log(f"VitaminC dev subset before: {evaluate(model, dev_data, pad):.3f}")
    model.train()
    t0 = time.time()
    for step, b in enumerate(batches, 1):
        x, y = collate([data[i] for i in b], pad)
        loss = torch.nn.functional.cross_entropy(model(**x).logits, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["train"]["grad_clip"])
        opt.step()
        sched.step()
        opt.zero_grad()
        if step % 50 == 0:
            log(f"step {step}/{total} loss {loss.item():.3f} {time.time() - t0:.0f}s")
    acc = evaluate(model, dev_data, pad)
    log(f"VitaminC dev subset after: {acc:.3f}")
    meta = json.loads((src / "training_meta.json").read_text())
    meta["finetune_crossdoc"] = {"pairs": len(cross), "replay": len(replay), "steps": total, **ft,
                                 "vitaminc_dev_subset": round(acc, 4), "wall_s": round(time.time() - t0)}
    if args.out:
        cfg = {**cfg, "export": {**cfg["export"], "out_dir": args.out}}
    export(model, tok, cfg, meta)


if __name__ == "__main__":
    main()
