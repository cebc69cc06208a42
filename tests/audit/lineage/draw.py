"""How the random half of the lineage audit set was drawn (issue 12); kept so the draw can be repeated.

    python tests/audit/lineage/draw.py [CARDS_DIR]

CARDS_DIR is the shared corpus of 3,408 model cards (`../shared/corpus/cards` beside the main checkout). The draw
sorts the card names (file names without `.md`) and takes `random.Random(SEED).sample(names, COUNT)`; it prints the
names in the order drawn. The trap half was chosen by hand; `labels.yaml` says why each was chosen.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 1212
COUNT = 100


def draw(cards_dir: Path, seed: int = SEED, count: int = COUNT) -> list[str]:
    names = sorted(p.stem for p in cards_dir.glob("*.md"))
    return random.Random(seed).sample(names, count)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[4] / "shared/corpus/cards"
    for name in draw(folder):
        print(name)
