"""contradiction: a sentence in one report contradicts a sentence in another."""

from . import Rule

RULE = Rule(
    id="contradiction",
    default_severity="error",
    summary="A sentence in one report contradicts a sentence in another.",
    help=(
        "Flags a pair of sentences from two reports of one cluster that the NLI model scores as a "
        "contradiction above its calibrated threshold (nli-threshold), when something in the wording "
        "can carry one: a negation bearing on shared words, a swapped name, an antonym, swapped "
        "roles. Aligned numbers and dates decide over the model. Why: reports contradict each other "
        "in words as well as figures ('the talks failed' / 'the talks succeeded'). The model can be "
        "wrong, above all on hedged or partial statements: read both sentences, and silence it "
        "with a reason when they are compatible. --no-nli turns the stage off."
    ),
)
