#!/usr/bin/env python
"""Train the tagger and the parsers on one GPU within a time budget.

    python scripts/train_gpu.py --work WORK [--budget 470]
    python scripts/train_gpu.py --work WORK --continue-from src/quotetrace/models/en [--budget 470 --pos-s 200]
    python scripts/train_gpu.py --work WORK --tagger-lemma src/quotetrace/models/en [--budget 420 --lrs 1e-3,5e-4]

WORK must hold the prepared EWT data (``quotetrace.training.prepare_ud``) and
the word vectors (``WORK/wordvec/en_quotetrace.pretrain.pt``, as shipped in
``src/quotetrace/models/en/pretrain.pt``). See
:func:`quotetrace.training.train_gpu`; with --continue-from, a further round
from the shipped tagger and parser (:func:`quotetrace.training.train_gpu_continue`); with --tagger-lemma, the
tagger continues at lower learning rates beside a seq2seq lemmatizer
(:func:`quotetrace.training.train_gpu_tagger_lemma`). The module is loaded by its path so
that a machine with stanza and torch alone (no quotetrace dependencies) can
run it.
"""
import argparse
import importlib.util
import os
import sys
from pathlib import Path

HERE = Path(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("qt_training", HERE.parent / "src" / "quotetrace" / "training.py")
training = importlib.util.module_from_spec(spec)
spec.loader.exec_module(training)

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", required=True, type=Path)
    ap.add_argument("--budget", type=float, default=470)
    ap.add_argument("--pos-s", type=float, default=190)
    ap.add_argument("--stage1-s", type=float, default=300)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--eval-every", type=int, default=None, help="evaluation interval (smoke tests)")
    ap.add_argument("--continue-from", type=Path, default=None, help="folder of the shipped models to start from")
    ap.add_argument("--tagger-lemma", type=Path, default=None,
                    help="folder of the shipped models: continue the tagger at --lrs, train a seq2seq lemmatizer")
    ap.add_argument("--lrs", default="1e-3,5e-4", help="learning rates for --tagger-lemma, comma-separated")
    a = ap.parse_args()
    if a.tagger_lemma:
        training.train_gpu_tagger_lemma(a.work, a.tagger_lemma, a.budget,
                                        tuple(float(x) for x in a.lrs.split(",")), a.threads, a.eval_every)
    elif a.continue_from:
        training.train_gpu_continue(a.work, a.continue_from, a.budget, a.pos_s, a.threads, a.eval_every)
    else:
        training.train_gpu(a.work, a.budget, a.pos_s, a.stage1_s, a.threads, a.eval_every)
    sys.exit(0)
