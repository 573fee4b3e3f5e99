"""NLIModel with the real shipped model (no mocks), plus tiny throw-away models for the error paths."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.errors import FactcheckError
from factcheck.nli import SHIPPED_MODEL_DIR, NLIModel

LABELS = NLIModel.LABELS
E, N, C = 0, 1, 2


@pytest.fixture(scope="module")
def nli() -> NLIModel:
    return NLIModel.load()


def _tiny_model_dir(tmp_path, id2label):
    """A small random BERT classifier with the shipped tokenizer and the given labels."""
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    tok = AutoTokenizer.from_pretrained(SHIPPED_MODEL_DIR)
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=64, num_labels=len(id2label), id2label=id2label,
                     label2id={v: k for k, v in id2label.items()})
    model = BertForSequenceClassification(cfg)
    model.save_pretrained(tmp_path, safe_serialization=True)
    tok.save_pretrained(tmp_path)
    return tmp_path


def test_labels_and_name(nli):
    assert LABELS == ("entailment", "neutral", "contradiction")
    assert nli.name.startswith("factcheck-nli-minilm")
    assert nli.model.config.id2label[0] == "entailment"


def test_probabilities_shape_and_sum(nli):
    pairs = [("The plant employs 1,200 people.", "The plant has staff."),
             ("Shares fell 3% on Monday.", "Shares rose on Monday."),
             ("It rained in Paris.", "The minister resigned on Friday.")]
    p = nli.predict(pairs)
    assert p.shape == (3, 3)
    assert p.dtype == np.float32
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert (p >= 0).all()
    assert nli.predict([]).shape == (0, 3)


def test_a_repeated_pair_is_scored_once(onnx_int8):
    import copy

    pair = ("Shares fell 3% on Monday.", "Shares rose on Monday.")
    other = ("It rained in Paris.", "The minister resigned on Friday.")
    calls = []

    class Counting:  # the session, counting the pairs it is given
        def __init__(self, session):
            self.session = session

        def run(self, names, feed):
            calls.append(len(feed["input_ids"]))
            return self.session.run(names, feed)

    model = copy.copy(onnx_int8.model)
    model.session = Counting(onnx_int8.model.session)
    counting = NLIModel(model, onnx_int8.tokenizer, onnx_int8.name, precision="int8")
    p = counting.predict([pair, other, pair, ("", "x"), pair])
    assert sum(calls) == 2  # the two distinct non-empty pairs, once each
    np.testing.assert_array_equal(p[0], p[2])
    np.testing.assert_array_equal(p[0], p[4])
    np.testing.assert_array_equal(p[0], onnx_int8.predict([pair])[0])
    assert p[3].tolist() == [0.0, 1.0, 0.0]


def test_the_int8_model_reads_its_tokenizer_as_transformers_does(onnx_int8):
    from transformers import AutoTokenizer

    from factcheck.nli import _PairTokenizer

    assert isinstance(onnx_int8.tokenizer, _PairTokenizer)  # no transformers at run time
    hf = AutoTokenizer.from_pretrained(str(SHIPPED_MODEL_DIR))
    assert onnx_int8.tokenizer.pad_token_id == hf.pad_token_id
    premises = ["Shares fell 3% on Monday.", "word " * 300, "a", "Ünïcode façade — “quotes”"]
    hypotheses = ["Shares rose.", "other " * 40, "b " * 400, "ok"]
    for max_length in (256, 32):
        ours = onnx_int8.tokenizer(premises, hypotheses, truncation=True, max_length=max_length)
        theirs = hf(premises, hypotheses, truncation=True, max_length=max_length)
        assert ours["input_ids"] == theirs["input_ids"]
        assert ours["token_type_ids"] == theirs["token_type_ids"]
        assert max(len(x) for x in ours["input_ids"]) == max_length


def test_the_cpu_budget_is_torchs_or_omp_num_threads():
    import os
    import subprocess
    import sys

    probe = "from factcheck.precision import cpu_threads; import sys; print(cpu_threads(), 'torch' in sys.modules)"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "False"]  # as Ray sets it for an actor of one CPU
    probe = "import torch; torch.set_num_threads(3); from factcheck.precision import cpu_threads; print(cpu_threads())"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["3"]


def test_paraphrase_is_not_contradiction(nli):
    p = nli.predict([("Autocracy will always lose to democracy.", "Democracy will always prevail over autocracy.")])[0]
    assert p.argmax() != C, p


def test_numeric_and_negation_contradictions(nli):
    pairs = [
        ("The company reported a net loss of $6 billion in the first quarter.",
         "The company reported a net loss of $2 billion in the first quarter."),
        ("The Senate approved the rescue plan on Wednesday.",
         "The Senate did not approve the rescue plan on Wednesday."),
    ]
    p = nli.predict(pairs)
    assert (p.argmax(axis=1) == C).all(), p


def test_order_is_independent_of_batching():
    # float32: a pair's scores do not depend on the other pairs of its batch (int8 dynamic quantization
    # scales activations per batch, so there they may move by a few hundredths; documented in nli.py)
    exact = NLIModel.load(quantize=False)
    pairs = [("A short one.", "Short."),
             ("Airbus announced 10,000 job cuts over the next four years, the company said on Wednesday.",
              "Airbus announced job cuts."),
             ("GM lost US$6 billion in the first quarter of 2009.", "GM lost money in 2009.")]
    together = exact.predict(pairs)
    alone = np.stack([exact.predict([pr])[0] for pr in pairs])
    np.testing.assert_allclose(together, alone, atol=1e-4)
    assert exact.predict(pairs[::-1])[::-1].argmax(1).tolist() == together.argmax(1).tolist()


# sentence pairs of news and of the examples, none on a decision boundary: int8 must label each as
# float32 does, and move no probability by much (on 1,000 MEANTIME pairs the largest move is about 0.05)
AGREEMENT_PAIRS = [
    ("The company reported a net loss of $6 billion in the first quarter.",
     "The company reported a net loss of $2 billion in the first quarter."),
    ("Autocracy will always lose to democracy.", "Democracy will always prevail over autocracy."),
    ("Airbus announced 10,000 job cuts over the next four years, the company said on Wednesday.",
     "Airbus announced job cuts."),
    ("GM lost US$6 billion in the first quarter of 2009.", "GM lost money in 2009."),
    ("They have 120 ships.", "They have 80 ships."),
    ("The meeting took place on Tuesday in Brussels.", "The meeting took place on Friday in Brussels."),
    ("It rained in Paris.", "The minister resigned on Friday."),
    ("Shares of Boeing rose 4% after the announcement.", "Boeing's shares fell after the announcement."),
]


@pytest.fixture(scope="module")
def exact() -> NLIModel:
    return NLIModel.load(quantize=False)


@pytest.fixture(scope="module")
def onnx_int8() -> NLIModel:
    """The default on a CPU without AMX, whatever this one has."""
    return NLIModel.load(quantize="int8")


@pytest.fixture(scope="module")
def bf16() -> NLIModel:
    import factcheck.nli as nli_module

    if not nli_module._has_amx():
        pytest.skip("this CPU has no AMX: bfloat16 is not the default here")
    return NLIModel.load()


def _agrees(fast, ref, tol):
    assert fast.argmax(1).tolist() == ref.argmax(1).tolist()
    assert np.abs(fast - ref).max() < tol, np.abs(fast - ref).max()


def test_default_agrees_with_float32(nli, exact):
    assert nli.name.endswith(("+bf16", "+int8")) and not exact.name.endswith(("+bf16", "+int8"))  # cache keys differ
    _agrees(nli.predict(AGREEMENT_PAIRS), exact.predict(AGREEMENT_PAIRS), 0.1)
    # the calibrated threshold is the variant's own, refit with it (models/README.md)
    import json

    from factcheck.nli import CALIBRATION_FILE

    cal = json.loads((SHIPPED_MODEL_DIR / CALIBRATION_FILE).read_text())
    assert nli.contradiction_threshold == cal[nli.name.rsplit("+", 1)[1]]["contradiction_threshold"]


def test_an_int8_pair_scores_the_same_whatever_is_scored_beside_it(onnx_int8, exact):
    assert (onnx_int8.batch_size, exact.batch_size) == (1, 32)
    pair = AGREEMENT_PAIRS[0]
    others = [(a + " " + a, b) for a, b in AGREEMENT_PAIRS[1:]] + [("It rained all day in the city.", "It was dry.")]
    alone = onnx_int8.predict([pair])[0]
    np.testing.assert_array_equal(onnx_int8.predict(others + [pair])[-1], alone)
    batched = NLIModel(onnx_int8.model, onnx_int8.tokenizer, onnx_int8.name, batch_size=32, precision="int8")
    assert batched.batch_size == 32  # a chosen batch size is kept (and then the scores may move)


def test_int8_one_pair_runs_go_at_once_with_the_scores_of_one_at_a_time(onnx_int8):
    import torch  # loaded: the CPU budget is then torch's thread count

    assert NLIModel.load(quantize="int8").model.runs == torch.get_num_threads()
    assert NLIModel.load(quantize="int8", batch_size=8).model.runs == 1  # a batch runs on every thread
    pairs = AGREEMENT_PAIRS + [(b, a) for a, b in AGREEMENT_PAIRS]
    together = onnx_int8.predict(pairs)
    one_by_one = np.stack([onnx_int8.predict([pr])[0] for pr in pairs])
    np.testing.assert_array_equal(together, one_by_one)


def test_int8_onnx_agrees_with_float32(onnx_int8, exact):
    from factcheck.nli import _OnnxModel

    assert isinstance(onnx_int8.model, _OnnxModel) and onnx_int8.name.endswith("+int8")
    # scaled inputs and corrected biases at export keep it within 0.02 here (the file with layer 0
    # and the last FFN output in float32 and plain rounding was 0.04 off; models/README.md)
    _agrees(onnx_int8.predict(AGREEMENT_PAIRS), exact.predict(AGREEMENT_PAIRS), 0.03)


def test_int8_scores_move_little_with_batch_neighbours(onnx_int8):
    together = onnx_int8.predict(AGREEMENT_PAIRS)
    alone = np.stack([onnx_int8.predict([pr])[0] for pr in AGREEMENT_PAIRS])
    _agrees(together, alone, 0.15)  # 0.08 for the Tuesday/Friday pair


def test_bf16_is_close_to_float32_and_to_itself(bf16, exact):
    import torch

    assert next(bf16.model.parameters()).dtype == torch.bfloat16 and bf16.name.endswith("+bf16")
    _agrees(bf16.predict(AGREEMENT_PAIRS), exact.predict(AGREEMENT_PAIRS), 0.02)
    alone = np.stack([bf16.predict([pr])[0] for pr in AGREEMENT_PAIRS])
    _agrees(alone, bf16.predict(AGREEMENT_PAIRS), 0.02)  # no per-batch scaling: only rounding moves


def test_empty_strings_are_neutral(nli):
    p = nli.predict([("", "Something happened."), ("Something happened.", "   ")])
    np.testing.assert_array_equal(p, np.array([[0, 1, 0], [0, 1, 0]], dtype=np.float32))


def test_bad_input_type(nli):
    with pytest.raises(FactcheckError):
        nli.predict([("only one",)])


def test_missing_path(tmp_path):
    with pytest.raises(FactcheckError) as err:
        NLIModel.load(str(tmp_path / "no-such-model"))
    assert "\n" not in str(err.value)


def test_model_without_nli_labels(tmp_path):
    d = _tiny_model_dir(tmp_path, {0: "LABEL_0", 1: "LABEL_1"})
    with pytest.raises(FactcheckError) as err:
        NLIModel.load(str(d))
    assert "\n" not in str(err.value) and "label" in str(err.value)


def test_two_way_model_is_refused(tmp_path):
    d = _tiny_model_dir(tmp_path, {0: "entailment", 1: "not_entailment"})
    with pytest.raises(FactcheckError, match="2-way"):
        NLIModel.load(str(d))


def test_corrupt_weights(tmp_path):
    d = _tiny_model_dir(tmp_path, {0: "entailment", 1: "neutral", 2: "contradiction"})
    (d / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(FactcheckError) as err:
        NLIModel.load(str(d))
    assert "\n" not in str(err.value)


def test_label_order_of_other_models_is_mapped(tmp_path):
    import torch

    d = _tiny_model_dir(tmp_path, {0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"})
    m = NLIModel.load(str(d), quantize=False)
    pair = ("Prices rose.", "Prices fell.")
    enc = m.tokenizer([pair[0]], [pair[1]], return_tensors="pt")
    with torch.inference_mode():
        raw = torch.softmax(m.model(**enc).logits, -1)[0].numpy()
    np.testing.assert_allclose(m.predict([pair])[0], raw[[1, 2, 0]], atol=1e-5)


def test_wheel_carries_the_model(tmp_path, nli):
    """A non-editable install has no models/ beside the package: the wheel must carry the weights,
    the NLI model's and the sentence encoder's int8 export."""
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    str(root), "-w", str(tmp_path / "dist")], check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("factcheck-*.whl"))
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    code = ("import factcheck.nli as n; m = n.NLIModel.load(); "
            "print(n.SHIPPED_MODEL_DIR); print(*m.predict([('It rained.', 'It did not rain.')])[0]); "
            "import factcheck.embed as e; print(e.ENCODER_DIR, e._int8_file() is not None)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path / "site"), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    shipped_dir, *probs, encoder_dir, runs_int8 = out.stdout.split()
    assert Path(shipped_dir).is_relative_to(tmp_path / "site"), shipped_dir
    assert Path(encoder_dir).is_relative_to(tmp_path / "site") and runs_int8 == "True", out.stdout
    # the same weights as the checkout's model, not just some model
    np.testing.assert_allclose([float(p) for p in probs], nli.predict([("It rained.", "It did not rain.")])[0],
                               atol=1e-5)


def test_int8_and_bf16_have_their_own_calibrated_thresholds(tmp_path, monkeypatch):
    import json

    import factcheck.nli as nli_module
    from factcheck.nli import CALIBRATION_FILE

    monkeypatch.setattr(nli_module, "_has_amx", lambda: False)

    d = _tiny_model_dir(tmp_path, {0: "entailment", 1: "neutral", 2: "contradiction"})
    (d / CALIBRATION_FILE).write_text(json.dumps({"contradiction_threshold": 0.5,
                                                  "int8": {"contradiction_threshold": 0.3}}))
    assert NLIModel.load(str(d), quantize=False).contradiction_threshold == 0.5
    assert NLIModel.load(str(d), quantize=True).contradiction_threshold == 0.3
    (d / CALIBRATION_FILE).write_text(json.dumps({"contradiction_threshold": 0.5}))
    assert NLIModel.load(str(d), quantize=True).contradiction_threshold == 0.5  # no int8 figure: fall back
    monkeypatch.setattr(nli_module, "_has_amx", lambda: True)
    (d / CALIBRATION_FILE).write_text(json.dumps({"contradiction_threshold": 0.5, "int8": {"contradiction_threshold": 0.3},
                                                  "bf16": {"contradiction_threshold": 0.4}}))
    assert NLIModel.load(str(d), quantize=True).contradiction_threshold == 0.4
