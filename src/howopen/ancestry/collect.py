"""Lineage collectors: each reads one kind of signal from a snapshot and emits `LineageClaim`s with evidence.

config.json (`_name_or_path`, the architecture), GGUF headers (`general.base_model.*`, `general.basename`), merge
recipes (mergekit YAML in the card), the card's tags, the model's name, and the card's prose ("fine-tuned from",
"based on", "LoRA adapter for", "merge of", "distilled from", "pruned from", "quantized version of", and the
same in Chinese, French, German, Spanish, Japanese and Korean). Declared base models (`base_model`, Hub tags,
adapter_config.json) are read by the sources and join in `combine`.

Prose is read only where the card's scope says the line is about the release (`sources/cardscope.py`): not in code
blocks, quotes, dataset or citation sections. A merge recipe is the exception: it lives in a code block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import yaml

from ..evidence import LineageClaim, Provenance
from ..licenses.kb import knowledge_base
from ..sources.card import ModelCard
from ..sources.cardscope import LINEAGE, CardScope
from ..sources.snapshot import Snapshot
from . import families
from .signals import STRONG, confidence

MAX_PROSE_CLAIMS = 12
MAX_RECIPE_CHARS = 20_000
_HUB_ID = r"[A-Za-z0-9][\w.\-]{0,95}/[A-Za-z0-9][\w.\-]{0,95}"
_HF_LINK = re.compile(r"huggingface\.co/(?!datasets/|spaces/|papers/|docs/|blog/)(" + _HUB_ID + r")")
_BACKTICKED = re.compile(r"`(" + _HUB_ID + r")`")
_LOCAL = re.compile(r"^(/|~|\.{1,2}[/\\]|[A-Za-z]:[/\\])")
_QUANT_NAME = re.compile(r"[-_.](gguf|ggml|gptq|awq|exl2|mlx|bnb|[348]bit|int[48]|fp8|q[2-8]_k)", re.I)

# A derivation phrase and the relation it states. The object follows within the same sentence.
_VERBS: tuple[tuple[str, str | None], ...] = (
    (r"lora[- ]?adapters?\s+(?:for|of|on|to)|(?:q?lora|adapter)\s+(?:weights\s+)?(?:trained\s+)?(?:for|on top of)"
     r"|adapter\s+(?:for|of)", "adapter"),
    (r"quanti[sz]ed\s+(?:version|model|weights)?\s*(?:of|from)|(?:gguf|ggml|gptq|awq|exl2|mlx)\s+(?:format\s+)?"
     r"(?:model\s+files|quants|quantizations?|versions?|conversions?|weights)\s+(?:for|of)|quants?\s+of",
     "quantized"),
    (r"(?:a\s+)?merge\s+of|merged\s+(?:from|with)|(?:models|following)\s+(?:were\s+)?included\s+in\s+the\s+merge",
     "merge"),
    (r"(?:fine[- ]?)?tun(?:ed|e|ing)\s+(?:version\s+)?(?:from|of|on\s+top\s+of|upon|based\s+on)|finetuned\s+from|"
     r"(?:instruction[- ]tuned|fine[- ]?tuned|sft|lora|chat)\s+(?:model|version)\s+of|fine[- ]?tuning\s+(?=\[|"
     r"[\w-]*(?:llama|gemma|qwen|mistral|mixtral|falcon|phi|yi|deepseek|baichuan)\b)|delta\s+(?:weights\s+)?(?:of|for)|"
     r"fine[- ]?tuned\s+on\s+(?=\[|[\w-]*(?:llama|gemma|qwen|mistral|mixtral|falcon|phi|yi|deepseek)\b)|"
     r"instruction[- ]tuned\s+(?:version\s+)?of|continued\s+pre-?training\s+(?:of|from|on)|"
     r"further\s+(?:pre-?)?trained\s+(?:from|on)|trained\s+(?:on\s+top\s+of|from)|initiali[sz]ed\s+(?:from|with)",
     "finetune"),
    (r"distill(?:ed|ation)\s+(?:from|of)|pruned\s+(?:from|version\s+of)|derived\s+from|built\s+(?:on|upon|on\s+top\s+of"
     r"|around)|based\s+(?:on|upon)|(?:a|the|updated)\s+version\s+of|on\s+top\s+of|subject\s+to\s+(?:the\s+)?"
     r"(?:terms\s+of\s+)?(?:the\s+)?(?:use\s+of\s+)?|(?:base|parent|language|foundation)\s+models?\s*\**\s*[:：|]"
     r"|\bllm\s*\**\s*[:：]|\bbackbone\s*\**\s*[:：]", None),
    # Chinese, Japanese, Korean, French, German, Spanish
    (r"基于|基於|以.{0,20}为基座|为基础|微调自|微調自|蒸馏自|衍生自|源自|量化版|基础模型|基座模型|进行.{0,6}微调|"
     r"のベース|をベースに|ベースモデル|기반|"
     r"basé\s+sur|affiné\s+à\s+partir\s+de|basiert\s+auf|feinabgestimmt|basado\s+en|ajustado\s+a\s+partir\s+de", None),
)
_VERB = re.compile("|".join(f"({pattern})" for pattern, _ in _VERBS), re.I)
# Phrases whose object comes first: "the QWEN-72B model as its base-model", "DeepSeek Coder models is subject to its
# License", "SD1.5(base trained) + F222 Merged", "MoMo is a LoRA trained to make LLaMa ...".
_REVERSE = re.compile(r"(?:models?\s+)?(?:is|are)\s+subject\s+to\b|(?<=[\w)])[- ]based\b(?!\s+on\b)|"
                      r"(?:model\s+)?as\s+(?:its|the|a)\s+base(?:[- ]?model)?\b|\(\s*base(?:\s+trained)?\s*\)", re.I)
_ADAPTER_OF = re.compile(r"\b(?:is|are)\s+an?\s+(?:q?lora|adapter)\b", re.I)
_TEMPLATES = (("llama3", re.compile(r"<\|start_header_id\|>|<\|eot_id\|>")),
              ("gemma", re.compile(r"<start_of_turn>|<end_of_turn>")))
_RELATION_OF_GROUP = {index + 1: relation for index, (_p, relation) in enumerate(_VERBS)}
_WINDOW = 160
_ARCHITECTURE = re.compile(r"\b(architecture|tokeni[sz]er|plugged|model design|structure)\b", re.I)
_VERSIONED = re.compile(r"^“[^”]*\d[^”]*”")  # the family was named with its version ("Llama-2", "LLaMA2")
_LABEL_WINDOW = 400
# Hub tags that name an architecture or a runtime, not a base model (`llama` is on every Llama-architecture model)
_GENERIC_TAGS = frozenset({"llama", "mistral", "gemma", "qwen", "falcon", "phi", "llama.cpp", "gguf"})
_LABEL = re.compile(r"[:：|]\s*$|\*\*\s*$")


def collect(snapshot: Snapshot, scope: CardScope | None, *, name: str | None,
            organization: str | None) -> list[LineageClaim]:
    """Every lineage claim the snapshot supports, except the declared base models (those the sources read)."""
    own = {x.lower() for x in (name, f"{organization}/{name}" if organization and name else None) if x}
    claims = [*from_config(snapshot, organization), *from_hub_tags(snapshot, organization), *from_gguf(snapshot),
              *from_recipe_files(snapshot), *from_recipes(snapshot.card),
              *from_card_tags(snapshot.card), *from_name(name, organization, snapshot.label),
              *from_prose(snapshot.card, scope, organization), *from_tables(snapshot.card, own, organization),
              *from_templates(snapshot.card, organization)]
    claims = [c for c in claims if c.base.lower() not in own and c.base.rsplit("/", 1)[-1].lower() not in own]
    return _not_itself(claims, name, organization)


def _vendor(family: families.Family) -> str:
    """Who makes a family: its license's family in the knowledge base (`llama` for LLaMA and Llama 3.1 alike)."""
    lic = knowledge_base().get(family.license) if family.license else None
    return lic.family if lic is not None and lic.family else family.orgs[0].lower()


def _not_itself(claims: list[LineageClaim], name: str | None, organization: str | None) -> list[LineageClaim]:
    """A release named like a family's official repositories (`llama-3.1-8b-instruct`) is that family's model or a
    copy of it: its vendor's other families (a `llama-3` tag) are not its ancestors, and unless a third party
    publishes it, neither is its own family."""
    member = next((f for f in families.families() if name and f.repos.match(name)), None)
    if member is None:
        return claims
    third_party = organization is not None and organization.lower() not in (o.lower() for o in member.orgs)
    out = []
    for claim in claims:
        family = families.family_by_id(claim.base)
        if family is not None and _vendor(family) == _vendor(member) and not (family is member and third_party):
            continue
        out.append(claim)
    return out


def _claim(base: str, signal: str, evidence: Provenance | None, relation: str | None = None, note: str = "",
           weight: float | None = None) -> LineageClaim:
    return LineageClaim(base=base.strip(), signal=signal, confidence=weight if weight is not None else
                        confidence(signal), relation=relation, evidence=evidence, note=note)


def _family_claims(text: str, signal: str, evidence: Provenance | None, relation: str | None = None,
                   organization: str | None = None, sized: bool = False) -> Iterator[LineageClaim]:
    """A claim per family `text` names, unless the organisation is the family's own (its official release).

    With `sized`, a mention that also gives the member's size (`Llama2-13b`, `基于Llama3-8B`) is a strong claim: a
    family and a parameter count together name one model."""
    spaced = text.replace("_", " ")
    for family, match in families.in_text(text):
        if organization and organization.lower() in (o.lower() for o in family.orgs):
            continue
        size = families.size_near(spaced, match.start(), match.end())
        weight = max(confidence(signal), STRONG) if sized and size else confidence(signal)
        what = f"“{match.group(0)}”" + (f" and the size {size}" if size else "")
        yield _claim(families.member_id(family, size), signal, evidence, relation,
                     note=f"{what} name{'' if size else 's'} {family.name}", weight=weight)


# ---------------------------------------------------------------------------------------------- files


def from_config(snapshot: Snapshot, organization: str | None = None) -> list[LineageClaim]:
    """config.json's `_name_or_path` (the checkpoint it was saved from); its architecture and sizes matching an
    official release's (`families.by_shape`), a `model_type` only one vendor uses, or a family-specific
    architecture class: weak signals (an architecture is not a lineage, but a copy of a release's exact shape, or
    of a vendor's own architecture, probably derives from it)."""
    config = snapshot.config or {}
    out: list[LineageClaim] = []
    path = config.get("_name_or_path")
    if isinstance(path, str) and path.count("/") == 1 and not _LOCAL.match(path) and len(path) < 200:
        line = _line_of(snapshot.config_text, "_name_or_path")
        out.append(_claim(path, "config", snapshot.provenance("config.json", line=line, method="config.json "
                                                              "_name_or_path", quote=path)))
    own = organization.lower() if organization else ""
    text_config = config.get("text_config")
    shaped = families.by_shape(config) or (families.by_shape(text_config) if isinstance(text_config, dict) else None)
    named: set[str] = set()
    if shaped is not None and own not in (o.lower() for o in shaped[0].orgs):
        family, shape = shaped
        quote = ", ".join(f"{k} {v}" for k, v in zip(families.SHAPE_KEYS, shape.values, strict=True))
        out.append(_claim(families.member_id(family, shape.size), "architecture", snapshot.provenance(
            "config.json", line=_line_of(snapshot.config_text, "vocab_size"), method="config.json architecture and "
            "sizes", quote=quote), note=f"{quote}: the shape of {shape.model} (its config.json, as read in "
            f"{shape.source})"))
        named.add(family.key)
    model_type = config.get("model_type")
    typed = families.by_model_type(model_type) if isinstance(model_type, str) else None
    if typed is not None and typed.key not in named and own not in (o.lower() for o in typed.orgs):
        family = typed
        out.append(_claim(family.id, "architecture", snapshot.provenance(
            "config.json", line=_line_of(snapshot.config_text, "model_type"), method="config.json model_type",
            quote=str(model_type)), note=f"model_type {model_type}, an architecture only {family.name} uses"))
        named.add(family.key)
    archs = config.get("architectures")
    for arch in archs if isinstance(archs, list) else []:
        if isinstance(arch, str) and re.match(r"(Gemma\d?|PaliGemma|RecurrentGemma)\w*For", arch) \
                and "gemma" not in named:
            line = _line_of(snapshot.config_text, "architectures")
            out.extend(_family_claims("gemma", "architecture", snapshot.provenance(
                "config.json", line=line, method="config.json architectures", quote=arch), organization=organization))
            break
    return out


def from_hub_tags(snapshot: Snapshot, organization: str | None = None) -> list[LineageClaim]:
    """The Hub's own tags (model info `tags`) that the card does not carry: a `model_type` tag only one vendor's
    models use (`gemma2`; not `llama`, which many vendors' architectures share) is a weak signal. The Hub's
    `base_model:` tags are read as declared base models by the Hub source; config.json's `model_type` (the same
    fact) is not counted twice."""
    card_tags = {t.lower() for t in (snapshot.card.strings("tags") if snapshot.card else [])}
    config_type = str((snapshot.config or {}).get("model_type") or "").lower()
    out: list[LineageClaim] = []
    seen: set[str] = set()
    for tag in snapshot.hub_tags[:200]:
        low = tag.strip().lower()
        if ":" in low or low in card_tags or low == config_type:
            continue
        family = families.by_model_type(low)
        if family is None or family.key in seen or (organization and organization.lower() in
                                                    (o.lower() for o in family.orgs)):
            continue
        seen.add(family.key)
        out.append(_claim(family.id, "hub_model_type", snapshot.hub_tags_provenance or Provenance(
            snapshot.label, method="hub-tags", quote=tag), note=f"the tag {tag}, an architecture only {family.name} "
            "uses"))
    return out


def _line_of(text: str | None, key: str) -> int | None:
    for number, line in enumerate((text or "").split("\n")[:5000], start=1):
        if f'"{key}"' in line:
            return number
    return None


def from_gguf(snapshot: Snapshot) -> list[LineageClaim]:
    """GGUF metadata: `general.base_model.N.repo_url` (or its name), and `general.basename`."""
    out: list[LineageClaim] = []
    for path, header in list(snapshot.headers.items())[:8]:
        meta = header.metadata
        count = meta.get("general.base_model.count")
        for index in range(min(int(count), 8) if isinstance(count, int) else 0):
            url = meta.get(f"general.base_model.{index}.repo_url")
            name = meta.get(f"general.base_model.{index}.name")
            key = "repo_url" if isinstance(url, str) else "name"
            prov = snapshot.provenance(path, method=f"gguf-header general.base_model.{index}.{key}",
                                       quote=str(url if key == "repo_url" else name)[:200])
            match = _HF_LINK.search(url) if isinstance(url, str) else None
            if match:
                out.append(_claim(match.group(1), "gguf", prov, "quantized"))
            elif isinstance(name, str):
                out.extend(_family_claims(name, "gguf_name", prov, "quantized"))
        basename = meta.get("general.basename")
        if isinstance(basename, str) and not count:
            out.extend(_family_claims(basename, "gguf_name", snapshot.provenance(
                path, method="gguf-header general.basename", quote=basename[:200]), "quantized"))
    return out


# ---------------------------------------------------------------------------------------------- card


def _fenced_blocks(card: ModelCard) -> Iterator[tuple[int, str]]:
    """(first line, text) of each fenced block of the card that looks like a merge recipe."""
    lines = card.text.split("\n")
    start: int | None = None
    for number in range(card.body_start_line, len(lines) + 1):
        if lines[number - 1].lstrip().startswith(("```", "~~~")):
            if start is None:
                start = number
            else:
                block = "\n".join(lines[start:number - 1])
                if "model" in block and ("merge_method" in block or "slices:" in block or "models:" in block):
                    yield start + 1, block[:MAX_RECIPE_CHARS]
                start = None


def from_recipes(card: ModelCard | None) -> list[LineageClaim]:
    """mergekit recipes in the card (`models: - model: ...`, `slices: - sources: - model: ...`, `base_model:`)."""
    if card is None:
        return []
    out: list[LineageClaim] = []
    for line, block in _fenced_blocks(card):
        try:
            recipe = yaml.safe_load(block)
        except (yaml.YAMLError, RecursionError, ValueError):
            continue
        if not isinstance(recipe, dict) or ("merge_method" not in recipe and "slices" not in recipe \
                and "models" not in recipe):
            continue
        for model in sorted(_recipe_models(recipe))[:16]:
            number = next((line + i for i, text in enumerate(block.split("\n")) if model in text), line)
            out.append(_claim(model, "mergekit", Provenance(card.path, line=number, method="merge recipe in the card",
                                                            quote=model[:200]), "merge"))
    return out


def from_recipe_files(snapshot: Snapshot) -> list[LineageClaim]:
    """`mergekit_config.yml` (or `.yaml`) in the release: the models it lists under `models:`, `slices:` and
    `base_model:`, each cited to its line, as strong as a merge recipe in the card."""
    out: list[LineageClaim] = []
    for path, text in list(snapshot.recipes.items())[:2]:
        try:
            recipe = yaml.safe_load(text)
        except (yaml.YAMLError, RecursionError, ValueError):
            snapshot.gap("recipe-invalid", f"{path} is not valid YAML; its merge recipe was not read", path)
            continue
        if not isinstance(recipe, dict):
            continue
        lines = text.split("\n")
        for model in sorted(_recipe_models(recipe))[:16]:
            whole = re.compile(r"(?<![\w./-])" + re.escape(model) + r"(?![\w./-])")
            number = next((i for i, line in enumerate(lines, 1) if whole.search(line)), None)
            out.append(_claim(model, "mergekit", snapshot.provenance(path, line=number, method=f"merge recipe {path}",
                                                                     quote=model[:200]), "merge"))
    return out


def _recipe_models(recipe: object, depth: int = 0) -> set[str]:
    found: set[str] = set()
    if depth > 6:
        return found
    if isinstance(recipe, dict):
        for key, value in list(recipe.items())[:200]:
            if key in ("model", "base_model") and isinstance(value, str):
                found.add(value.strip())
            elif key == "model" and isinstance(value, dict) and isinstance(value.get("model"), str):
                found.add(value["model"].strip())
            else:
                found |= _recipe_models(value, depth + 1)
    elif isinstance(recipe, list):
        for item in recipe[:200]:
            found |= _recipe_models(item, depth + 1)
    return {m for m in found if m.count("/") == 1 and not _LOCAL.match(m) and "+" not in m}


def from_card_tags(card: ModelCard | None) -> list[LineageClaim]:
    """The card's `tags:`: `base_model:<id>` tags, and family tags (`llama2`, `llama-3`, `gemma`, ...)."""
    if card is None:
        return []
    out: list[LineageClaim] = []
    prov = card.provenance("tags")
    for tag in card.strings("tags")[:100]:
        match = re.match(r"^base_model:(?:(finetune|adapter|merge|quantized):)?(" + _HUB_ID + r")$", tag)
        if match:
            out.append(_claim(match.group(2), "hub_tag", prov, match.group(1)))
        elif len(tag) <= 30 and tag.lower() not in _GENERIC_TAGS:
            out.extend(_family_claims(tag, "card_tag", prov))
    return out


def from_name(name: str | None, organization: str | None, label: str = "") -> list[LineageClaim]:
    """The model's name (`Nous-Hermes-Llama2-13b`, `gemma-2B-10M`, `alpaca-lora-7b`)."""
    if not name:
        return []
    relation = "quantized" if _QUANT_NAME.search(name) else ("adapter" if re.search(r"lora", name, re.I) else None)
    shown = f"{organization}/{name}" if organization else name
    prov = Provenance(shown, method="model name", quote=name)
    claims = list(_family_claims(name, "name", prov, relation, organization, sized=True))
    # a name that says what the model is of a family (`TCD-SDXL-LoRA`, `Llama-2-GGUF`) names its base outright
    return [replace(c, confidence=max(c.confidence, STRONG)) if relation else c for c in claims]


_KEYWORDS = ("tun", "train", "base", "built", "deriv", "distill", "prun", "quant", "merge", "lora", "adapter",
             "version of", "model of", "top of", "subject", "initiali", "delta", "gguf", "ggml", "gptq", "awq", "exl2",
             "mlx", "parent", "language model", "foundation", "backbone", "llm", "基", "微", "蒸", "衍", "源", "量",
             "ベース", "기반", "basé", "basiert", "basado", "affiné", "ajustado", "feinab")


def _may_derive(text: str) -> bool:
    """A cheap test that a line can hold a derivation phrase at all (most lines cannot)."""
    low = text.lower()
    return any(word in low for word in _KEYWORDS)


_RUN_ON_WORDS = 3  # the phrase's object is read on the next line only when its own line leaves it (nearly) unsaid
_BLOCK_START = re.compile(r"^\s*(?:$|#|[-*+]\s|\d+[.)]\s|\||>|```|~~~|<)")


def _continuation(lines: list[str], number: int, scope: CardScope | None) -> str:
    """The next line when the sentence on line `number` runs on to it: a paragraph hard-wrapped in the Markdown
    source ("derived from [EleutherAI's](...)" / "[Pythia-12b](https://huggingface.co/EleutherAI/pythia-12b) and
    fine-tuned ..."). Nothing when the line ends its sentence, or the next line starts a block of its own (a list
    item, heading, table, quote, fence, HTML) or is out of the card's lineage scope. The caller reads it only when
    the phrase ends its own line with at most a few words after it, so that an object already named on the line
    ("fine-tuned from [Phi-2 merge](...) using vision tower from") is not replaced by the next line's."""
    text = lines[number - 1].rstrip()
    if number >= len(lines) or not text or re.search(r"[.!?。:：]\**$", text):
        return ""
    following = lines[number]
    if _BLOCK_START.match(following) or len(following) > 3000:
        return ""
    if scope is not None and not scope.in_scope(number + 1, LINEAGE):
        return ""
    return " " + following.strip()


def from_prose(card: ModelCard | None, scope: CardScope | None,
               organization: str | None = None) -> list[LineageClaim]:
    """Sentences of the card that say what the release derives from (in scope for lineage)."""
    if card is None:
        return []
    out: list[LineageClaim] = []
    lines = card.text.split("\n")
    merge_list_until = 0
    for number in range(card.body_start_line, len(lines) + 1):
        text = lines[number - 1]
        if len(out) >= MAX_PROSE_CLAIMS:
            break
        merge_item = number <= merge_list_until and re.match(r"^\s*[-*+]\s", text)
        if len(text) > 3000 or not (merge_item or _may_derive(text)):
            continue
        if not merge_item and not (_VERB.search(text) or _REVERSE.search(text) or _ADAPTER_OF.search(text)):
            continue  # no derivation phrase: the card's scope need not be parsed for this line
        if scope is not None and not scope.in_scope(number, LINEAGE):
            continue
        if merge_item:
            out.extend(_objects(text, card, number, "merge", text.strip(), organization))
            continue
        following = _continuation(lines, number, scope)
        for match in _VERB.finditer(text):
            group = next((i for i, g in enumerate(match.groups(), start=1) if g), None)
            relation = _RELATION_OF_GROUP.get(group or 0)
            # "Base model:", "**Finetuned from:** [LLaMA](...)": a labelled field of the card's model details
            labelled = bool(_LABEL.search(match.group(0)) or re.match(r"\s*(model)?\s*\**\s*[:：]",
                                                                        text[match.end():]))
            rest = re.sub(r"\]\([^)]*\)", "]", text[match.end():])
            runs_on = following if len(re.findall(r"\w+", rest)) <= _RUN_ON_WORDS else ""
            window = (text + runs_on)[match.end(): match.end() + (_LABEL_WINDOW if labelled else _WINDOW)]
            window = re.split(r"(?<=[.!?。])\s|(?<=。)", window, maxsplit=1)[0]
            prov = None
            if runs_on and len(window) > len(text) - match.end():  # the object is read on the next line too
                prov = Provenance(card.path, line=number, end_line=number + 1, method="card prose",
                                  quote=(text.strip() + following)[:300])
            if relation == "merge" and not window.strip(" :*"):
                merge_list_until = number + 24
            found = _objects(window, card, number, relation, text.strip(), organization, prov,
                             context=_sentence_at(text, match.start()))
            if labelled:  # a labelled field of the card's model details states the base, as a field would
                found = [replace(c, confidence=max(c.confidence, STRONG)) for c in found]
            out.extend(found)
        for match in _REVERSE.finditer(text):
            adjacent = "based" in match.group(0).lower()  # "a Llama2 based model": the word right before
            before = text[max(0, match.start() - (24 if adjacent else 80)): match.start()]
            if adjacent:
                before = re.split(r"\s(?=\S+\s*$)", before)[-1] if " " in before.strip() else before
            before = re.split(r"[.!?。]\s", before)[-1]
            strong = "licen" in text[match.end(): match.end() + 60].lower()
            for claim in _objects(before, card, number, "merge" if "+" in text else None, text.strip(), organization,
                                  last=True):
                out.append(replace(claim, confidence=max(claim.confidence, STRONG)) if strong else claim)
        for match in _ADAPTER_OF.finditer(text):
            out.extend(_objects(text[match.end(): match.end() + _WINDOW], card, number, "adapter", text.strip(),
                                organization))
    return out


def from_tables(card: ModelCard | None, own: set[str], organization: str | None) -> list[LineageClaim]:
    """A table with a "Base Model" column: the row that names this release gives its base (MAmmoTH2's
    "| 8B | Llama-3 | [MAmmoTH2-8B](...) | [MAmmoTH2-8B-Plus](...) |")."""
    if card is None or not own:
        return []
    names = {re.sub(r"[^a-z0-9]", "", o.rsplit("/", 1)[-1]) for o in own}
    out: list[LineageClaim] = []
    lines = card.text.split("\n")
    column: int | None = None
    for number in range(card.body_start_line, len(lines) + 1):
        text = lines[number - 1]
        if not text.lstrip().startswith("|"):
            column = None
            continue
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if column is None:
            column = next((i for i, c in enumerate(cells) if re.fullmatch(r"[*_ ]*base[ -]?models?[*_ ]*", c, re.I)),
                          None)
            continue
        if column >= len(cells) or not any(
                n and n in {re.sub(r"[^a-z0-9]", "", x) for x in re.findall(r"[\w.-]+", c.lower())}
                for c in cells for n in names):
            continue
        size = next((c for c in cells if re.fullmatch(r"\d+(\.\d+)?[bB]", c)), "")
        prov = Provenance(card.path, line=number, method="card table (Base Model column)", quote=text.strip()[:300])
        out.extend(_objects(f"{cells[column]} {size}".strip(), card, number, None, text.strip(), organization,
                            prov=prov))
    return out[:4]


def from_templates(card: ModelCard | None, organization: str | None) -> list[LineageClaim]:
    """A family's chat-template tokens in the card (`<|start_header_id|>` of Llama 3): a weak hint of the base."""
    if card is None:
        return []
    out: list[LineageClaim] = []
    lines = card.text.split("\n")
    for key, pattern in _TEMPLATES:
        number = next((n for n in range(card.body_start_line, len(lines) + 1) if pattern.search(lines[n - 1])), None)
        family = next((f for f in families.families() if f.key == key), None)
        if number is None or family is None or (organization and organization.lower() in
                                                (o.lower() for o in family.orgs)):
            continue
        out.append(_claim(family.id, "template", Provenance(card.path, line=number, method="chat template in the card",
                                                              quote=lines[number - 1].strip()[:200]),
                          note=f"the {family.name} chat template"))
    return out


def _sentence_at(text: str, position: int) -> str:
    """The sentence of a line that holds `position`."""
    start = max(text.rfind(". ", 0, position), text.rfind("。", 0, position)) + 1
    ends = [i for i in (text.find(". ", position), text.find("。", position)) if i >= 0]
    return text[start: min(ends) + 1 if ends else len(text)]


def _objects(window: str, card: ModelCard, number: int, relation: str | None, sentence: str,
             organization: str | None, prov: Provenance | None = None, last: bool = False,
             context: str | None = None) -> list[LineageClaim]:
    """The models a derivation phrase's object names: Hub ids (links, backticks) or else families."""
    prov = prov or Provenance(card.path, line=number, method="card prose", quote=sentence[:300])
    ids = [m.group(1) for m in _HF_LINK.finditer(window)] + [m.group(1) for m in _BACKTICKED.finditer(window)]
    ids = [re.sub(r"(/(tree|blob|resolve)/.*|[).,;]+)$", "", i) for i in ids]
    if ids:
        return [_claim(i, "prose_id", prov, relation) for i in dict.fromkeys(ids)]
    words = re.sub(r"\]\([^)]*\)", "]", window)[:120]
    if _ARCHITECTURE.search(context if context is not None else sentence):  # "the same architecture as Llama 2"
        return []
    named = families.in_text(words)
    if not last and named and organization and organization.lower() in (o.lower() for o in named[0][0].orgs):
        return []  # the phrase's object is the publisher's own model ("based on Baichuan-7B ... than LLaMA-13B")
    claims = list(_family_claims(words, "prose", prov, relation, organization, sized=True))
    claims = [replace(c, confidence=max(c.confidence, STRONG)) if _VERSIONED.search(c.note) else c for c in claims]
    # the family closest to the phrase is its object ("based on the Llama-2 ... the Chinese LLaMA project")
    return claims[-1:] if last else claims[:1]
