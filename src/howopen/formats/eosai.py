"""`--format eosai`: the release's evidence as a draft record for the European Open Source AI Index.

The layout is the index's (Language-Technology-Assessment/main-database, one YAML file per model family: `system`,
`org`, then the 12 dimensions, each with `class`, `link` and `notes`). Classes are the European index grader's
(`frameworks.eosai.dimensions`); a dimension howopen could not establish has an empty class and a note saying so,
for the submitter to fill in. `basemodelname` is the base model the base-model dimensions were graded from (the
pretrained model, `graders/base_evidence.py`), else the declared base models.
"""

from __future__ import annotations

from ..evidence import LinkKind
from ..graders.base_evidence import nearest_base
from ..graders.eosai import dimensions
from ..report import Report
from .yamlout import comment, scalar

TYPES = {
    "text-generation": "text", "text2text-generation": "text", "image-text-to-text": "text",
    "text-to-image": "image", "image-to-image": "image", "text-to-video": "video", "image-to-video": "video",
    "text-to-speech": "audio", "text-to-audio": "audio", "automatic-speech-recognition": "audio",
}
CATEGORY_HEADINGS = {"availability": "# availability:", "documentation": "# documentation:", "access": "# access:"}


def render(report: Report) -> str:
    release = report.release
    result = report.frameworks.get("eosai")
    dims = result.fields.get("dimensions", {}) if result is not None and result.graded else {}
    graded = nearest_base(release)  # the base whose own evidence the base-model dimensions were graded from
    base = graded.ident if graded is not None and graded.release is not None else \
        ", ".join(b.id for b in release.base_models)
    link = next((lk.url for lk in release.links if lk.kind == LinkKind.MODEL), "") if release.source == "mot" else ""
    if release.source == "hub" and release.organization and release.name:
        link = f"https://huggingface.co/{release.organization}/{release.name}"
    tag = str(release.fact("pipeline_tag") or "")
    license_name = report.license.label() if report.license else ""
    org_link = f"https://huggingface.co/{release.organization}" if release.source == "hub" and \
        release.organization else ""
    lines = ["---", *comment(
        f"Draft record for the European Open Source AI Index (https://osai-index.eu), written by howopen from "
        f"{report.understood}.\nFollow the criteria at https://osai-index.eu/contribute and check every entry. "
        "Empty classes are dimensions howopen could not establish.")]
    if result is not None and result.graded:
        lines += comment(f"Score as the index computes it (open 1, partial 0.5, else 0; mean of 12): "
                         f"{result.fields.get('score')}")
    lines += ["", "system:",
              f"    name: {scalar(release.name or release.target)}",
              f"    link: {scalar(link)}",
              f"    type: {scalar(TYPES.get(tag, ''))}",
              "    performanceclass: ",
              f"    basemodelname: {scalar(base)}",
              f"    endmodelname: {scalar(release.name or '')}",
              f"    endmodellicense: {scalar(license_name)}",
              f"    releasedate: {scalar(release.fact('release_date') or '')}",
              f"    notes: {scalar(report.verdict.summary)}",
              "", "org:",
              f"    name: {scalar(release.organization or '')}",
              f"    link: {scalar(org_link)}",
              "    notes: ", ""]
    category = None
    for dimension in dimensions():
        if dimension.category != category:
            category = dimension.category
            lines.append(CATEGORY_HEADINGS.get(category, f"# {category}:"))
        entry = dims.get(dimension.key, {})
        value = entry.get("class", "unknown")
        lines += [f"{dimension.key}:",
                  f"    class: {'' if value == 'unknown' else value}",
                  f"    link: {scalar(entry.get('link') or '')}",
                  f"    notes: {scalar(entry.get('notes') or 'not assessed')}", ""]
    return "\n".join(lines)
