"""Build a large JSON Lines corpus for memory and resume tests from a folder of articles.

    python benchmarks/make_jsonl_corpus.py ../shared/data/polnear/train/text big.jsonl --articles 10000

Each article is a few paragraphs drawn (seeded) from the folder's texts, so
the corpus has real news sentences and quotes in it.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--paragraphs", type=int, default=3, help="paragraphs per article")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paras = []
    for f in sorted(Path(args.folder).glob("*.txt")):
        text = f.read_text(encoding="utf-8", errors="replace")
        paras.extend(p.strip() for p in text.split("\n") if len(p.strip()) > 80)
    rng = random.Random(args.seed)
    words = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for i in range(args.articles):
            text = "\n\n".join(rng.sample(paras, args.paragraphs)) + "\n"
            words += len(text.split())
            out.write(json.dumps({"id": f"a{i:05}", "text": text}, ensure_ascii=False) + "\n")
    print(f"wrote {args.articles} articles, {words} words, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
