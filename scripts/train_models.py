#!/usr/bin/env python
"""Train quotetrace's offline English stanza models.

    python scripts/train_models.py --data ../shared/data --work /work/train \
        --out src/quotetrace/models/en [--only pos,ner] [--threads 1]

A thin wrapper around :func:`quotetrace.training.main`; see that module.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))

from quotetrace.training import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
