"""Split ../shared/corpus/real-news-dev/dev.jsonl into a tuning part and a held-out part.

    python tests/data/real-news/split_dev.py OUTDIR [DEV.jsonl]   # writes OUTDIR/dev-tune.jsonl, OUTDIR/dev-holdout.jsonl

An item is held out when the SHA-1 of its id is divisible by 4 (345 of 1,375
items). Tune the tagger on dev-tune only; score dev-holdout once, to report.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "real-news-dev" / "dev.jsonl"  # ../shared beside the repo


def is_holdout(item_id: str) -> bool:
    return int(hashlib.sha1(item_id.encode("utf-8")).hexdigest(), 16) % 4 == 0


def main(out: Path, dev: Path = DEV) -> tuple[int, int]:
    lines = dev.read_text(encoding="utf-8").splitlines()  # before any output is opened
    out.mkdir(parents=True, exist_ok=True)
    counts = [0, 0]
    with (out / "dev-tune.jsonl").open("w", encoding="utf-8") as tune, (out / "dev-holdout.jsonl").open(
        "w", encoding="utf-8"
    ) as hold:
        for line in lines:
            held = is_holdout(json.loads(line)["id"])
            (hold if held else tune).write(line + "\n")
            counts[held] += 1
    return counts[0], counts[1]


if __name__ == "__main__":
    tune_n, hold_n = main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else DEV)
    print(f"dev-tune {tune_n} items, dev-holdout {hold_n} items")
