"""Synthetic catalog records for tests (the bundled records change as helpers add more)."""

from __future__ import annotations

from pathlib import Path

SRC = "{url: 'https://example.org/page', read: 2026-11-29, quote: 'a quote'}"

OPEN = f"""schema: howopen.catalog/1
id: test-open
name: Test Open 1B
organization: Test Lab
hub_id: test-lab/Test-Open-1B
aliases: [Test Open, TO-1B]
family: test-open
released: 2024-05-01
released_source: {SRC}
modality: text
access: open-weights
offered_as: [weights]
license:
  id: apache-2.0
  source: {SRC}
artifacts:
  weights: {{status: present, license: apache-2.0, url: 'https://example.org/w', source: {SRC}}}
  training_code: {{status: present, license: apache-2.0, url: 'https://example.org/train', source: {SRC}}}
  inference_code: {{status: present, license: apache-2.0, url: 'https://example.org/infer', source: {SRC}}}
  training_data: {{status: present, license: odc-by-1.0, url: 'https://example.org/data', source: {SRC}}}
  evaluation_code: {{status: unknown, note: Not looked for.}}
facts:
  parameters: {{value: 1000000000, source: {SRC}}}
  context_length: {{value: 4096, source: {SRC}}}
links:
  - {{kind: paper, url: 'https://arxiv.org/abs/0000.00000'}}
  - {{kind: product_page, url: 'https://example.org/product'}}
"""

RESTRICTED = f"""schema: howopen.catalog/1
id: test-restricted
name: Test Restricted 7B
organization: Other Org
hub_id: other-org/Test-Restricted-7B
family: test-restricted
released: 2023-07
released_source: {SRC}
modality: text
access: gated-weights
offered_as: [weights, cloud]
base_models:
  - {{id: test-open, relation: finetune, source: {SRC}}}
license:
  id: llama2
  source: {SRC}
artifacts:
  weights: {{status: present, license: llama2, source: {SRC}}}
"""

CLOSED = f"""schema: howopen.catalog/1
id: test-closed
name: Test Closed Pro
organization: Closed Co
hub_id: null
aliases: [TCP]
family: test-closed
released: 2025-01-15
released_source: {SRC}
modality: multimodal
access: api-only
offered_as: [api, chat]
license: null
artifacts:
  weights: {{status: absent, source: {SRC}, note: Only an API is offered.}}
pricing:
  - {{tier: standard, input_usd_per_mtok: 2.5, output_usd_per_mtok: 10.0, source: {SRC}}}
"""

ALL = {"test-lab/test-open.yaml": OPEN, "other-org/test-restricted.yaml": RESTRICTED,
       "closed-co/test-closed.yaml": CLOSED}


def write(root: Path, records: dict[str, str] = ALL) -> Path:
    for rel, text in records.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
