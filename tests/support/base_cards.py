"""A pretrained base model's card that lists and describes its data, and a fine-tune's card naming its base: the
pair the base-evidence tests grade from a card folder and from the loopback Hub."""

BASE_CARD = """---
license: apache-2.0
datasets:
- togethercomputer/RedPajama-Data-1T
---
# Base 7B

A pretrained decoder.

## Training Data

We pretrained on RedPajama-Data-1T.
The data was deduplicated.
And filtered for quality.
"""

TUNE_CARD = "---\nlicense: apache-2.0\nbase_model: {base}\n---\n# Chat 7B\n\nA chat model.\n"
