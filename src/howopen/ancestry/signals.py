"""The kinds of lineage signal, what each is worth, and how the reasons describe it.

A declared field (`base_model`, the Hub's `base_model:` tags, an adapter's `adapter_config.json`) is the release's
own statement; configuration files and weight headers are nearly as good; a merge recipe names what was merged;
the card's tags, the model's name and the card's prose are weaker: they say which family a model comes from,
not which repository, and a sentence can mean something else. Claims that agree add up (two weak signals naming
the same family make a strong one); a base named by weak signals alone does not decide the license: when its
license would bind, the answer is unknown, with the reason.
"""

from __future__ import annotations

STRONG = 0.8  # from here on, a base model's license binds the release; below, it only raises a doubt

# signal -> (confidence, how a reason names it)
SIGNALS: dict[str, tuple[float, str]] = {
    "declared": (1.0, "the card's base_model field"),
    "hub_tag": (0.95, "the Hub's base_model tag"),
    "adapter_config": (0.95, "adapter_config.json"),
    "gguf": (0.9, "the GGUF header's general.base_model"),
    "mergekit": (0.85, "a merge recipe"),
    "config": (0.85, "config.json's _name_or_path"),
    "prose_id": (0.8, "the card's prose naming the repository"),
    "card_tag": (0.65, "the card's tags (a weaker signal than a declared base_model)"),
    "prose": (0.6, "the card's prose (a weaker signal than a declared base_model)"),
    "name": (0.6, "the model's name (a weaker signal than a declared base_model)"),
    "gguf_name": (0.6, "the GGUF header's model name (a weaker signal than a declared base_model)"),
    "template": (0.5, "a chat template in the card (a weaker signal than a declared base_model)"),
    "architecture": (0.5, "config.json's architecture (a weaker signal than a declared base_model)"),
    "hub_model_type": (0.5, "the Hub's model-type tag (an architecture: a weaker signal than a declared base_model)"),
}


def confidence(signal: str) -> float:
    return SIGNALS.get(signal, (0.5, ""))[0]


def described(signal: str) -> str:
    return SIGNALS.get(signal, (0.5, signal))[1]


def combined(confidences: list[float]) -> float:
    """Independent signals that agree: 1 - the product of their doubts (0.6 and 0.6 make 0.84)."""
    doubt = 1.0
    for value in confidences:
        doubt *= 1.0 - max(0.0, min(1.0, value))
    return round(1.0 - doubt, 3)
