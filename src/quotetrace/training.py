"""Reproducible training of quotetrace's small offline English stanza models.

Everything here drives stanza's own preparation scripts, trainers and scorers
as subprocesses, with every path and setting passed explicitly, so that a run
never reaches the network (no ``resources.json``, no downloaded pretrain,
charlm or tagger).

Data (public, kept outside the repository):

* UD English-EWT train + dev (CC BY-SA 4.0) for tokenize, mwt, pos, lemma and
  depparse. The UD test split is not used; dev is the reported score.
* English Worldwide Newswire (Shan et al., EMNLP 2023; no licence stated) for
  NER, split deterministically by article: 100 articles drawn with
  ``random.Random(0)`` are dev, the rest train.
* Unlabelled text for word vectors: EWT train, the NER train articles and the
  PolNeAR train texts (never a dev or test split), trained with gensim into a
  stanza ``Pretrain`` file shared by pos, depparse and ner.

Use from a script: ``python scripts/train_models.py --data ../shared/data
--work /work/train --out src/quotetrace/models/en [--only pos,ner]
[--threads 1]`` which calls :func:`main`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import glob
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

TREEBANK = "UD_English-EWT"
SHORT = "en_ewt"
NER_SHORT = "en_worldwide9"
PROCESSORS = ("vectors", "tokenize", "mwt", "pos", "lemma", "depparse", "ner")

UD_LICENCE = "UD English-EWT (UniversalDependencies/UD_English-EWT), CC BY-SA 4.0"
NER_LICENCE = ("English Worldwide Newswire NER (stanfordnlp/en-worldwide-newswire), "
               "research dataset of Shan et al., EMNLP 2023; no licence stated")
POLNEAR_LICENCE = ("PolNeAR v1.0.0 train texts (Newell, Margolin & Ruths, LREC 2018); "
                   "no licence stated, research use")

# ---------------------------------------------------------------------------
# settings: the exact trainer flags used for the shipped models
# ---------------------------------------------------------------------------

VECTOR_SETTINGS = dict(dim=100, window=5, min_count=3, epochs=15, sg=1, negative=5,
                       seed=1, max_vocab=60000)

TOKENIZE_FLAGS = ["--no_charlm", "--steps", "2000", "--seed", "1234"]
MWT_FLAGS = ["--seed", "1234"]
# The CPU recipe below reproduces the tagger and parser shipped until 2026-11-25; those shipped since
# 2026-11-26 have the same dimensions and were trained on a lent GPU by train_gpu (scripts/train_gpu.py),
# with the flags POS_GPU_FLAGS / DEPPARSE_GPU_FLAGS and time limits, then continued (train_gpu_continue,
# train_gpu_tagger_lemma); manifest.json records the commands.
POS_FLAGS = ["--batch_size", "64", "--char_hidden_dim", "100",
             "--deep_biaff_hidden_dim", "100", "--hidden_dim", "150",
             "--word_cutoff", "7", "--seed", "1234"]
POS_STEPS = 1200  # the 2026-11-25 run (max 2500) was stopped after step 1200, the shipped checkpoint
DEPPARSE_FLAGS = ["--hidden_dim", "200", "--char_hidden_dim", "100",
                  "--deep_biaff_hidden_dim", "200", "--word_cutoff", "2",
                  "--batch_size", "2000", "--no_xpos", "--no_ufeats", "--eval_interval", "200",
                  "--seed", "1234"]
# stage 1: gold UPOS (EWT train as is), stage 2: continue on EWT train re-tagged by our tagger
DEPPARSE_STEPS = 1200  # stage 1; the 2026-11-25 run (max 1400) was stopped at 1220, best dev at 1200
DEPPARSE_FT_STEPS = 1400  # stage 2; 2026-11-25 run (from the stage-1 model, max 2400) stopped by hand after the
# step-1400 eval, best dev at 1400 (LAS on our tags 73.45@200 .. 74.55@600, 76.72@1200, 77.15@1400, still rising)
LEMMA_FLAGS = ["--dict_only"]  # the CPU recipe; the lemmatizer shipped since 2026-11-26 (session 10) is stanza's
# seq2seq one ensembled with this dictionary, trained on a lent GPU by train_gpu_tagger_lemma (manifest.json)
NER_FLAGS = ["--batch_size", "32", "--no_charlm", "--seed", "1234"]
NER_STEPS = 6000  # 2026-11-25 run: best dev (entity F1 79.19) at step 5500; stanza keeps the best checkpoint


def log(msg: str) -> None:
    print(f"[{_dt.datetime.utcnow():%H:%M:%S}] {msg}", flush=True)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------
# environment and subprocesses
# ---------------------------------------------------------------------------

def stanza_env(work: Path, threads: int = 1) -> dict:
    """Environment for stanza's scripts: data locations under ``work`` and
    a fixed number of torch/OpenMP threads."""
    env = dict(os.environ)
    env.update({
        "UDBASE": str(work / "ud"),
        "DATA_ROOT": str(work / "data"),
        "TOKENIZE_DATA_DIR": str(work / "data" / "tokenize"),
        "MWT_DATA_DIR": str(work / "data" / "mwt"),
        "POS_DATA_DIR": str(work / "data" / "pos"),
        "LEMMA_DATA_DIR": str(work / "data" / "lemma"),
        "DEPPARSE_DATA_DIR": str(work / "data" / "depparse"),
        "NER_DATA_DIR": str(work / "data" / "ner"),
        "WORDVEC_DIR": str(work / "wordvec"),
        "STANZA_RESOURCES_DIR": str(work / "no_stanza_resources"),
        "OMP_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    })
    return env


def run_logged(cmd: list, logfile: Path, env: dict, nice: int = 10, cwd: Path | None = None) -> float:
    """Run ``cmd`` (under ``nice``), appending stdout+stderr to ``logfile``.
    Returns the wall time in seconds; raises on a non-zero exit."""
    logfile.parent.mkdir(parents=True, exist_ok=True)
    full = (["nice", "-n", str(nice)] if nice else []) + [str(c) for c in cmd]
    log(f"run: {' '.join(full)}  (log {logfile})")
    t0 = time.time()
    with open(logfile, "a") as out:
        out.write(f"\n### {_dt.datetime.utcnow().isoformat()} {' '.join(full)}\n")
        out.flush()
        rc = subprocess.call(full, stdout=out, stderr=subprocess.STDOUT, env=env,
                             cwd=str(cwd) if cwd else None)
    dt = time.time() - t0
    if rc != 0:
        raise RuntimeError(f"command failed ({rc}): {' '.join(full)}; see {logfile}")
    return dt


# ---------------------------------------------------------------------------
# data preparation
# ---------------------------------------------------------------------------

def prepare_ud(data: Path, work: Path) -> None:
    """Lay out EWT as stanza's prepare scripts expect and run them.

    The UD test split is not available: ``en_ewt-ud-test.conllu`` is linked
    to dev so that scripts which insist on a test file run; no score on it
    is reported."""
    src = data / "ud" / TREEBANK
    dst = work / "ud" / TREEBANK
    dst.mkdir(parents=True, exist_ok=True)
    for split, name in (("train", "train"), ("dev", "dev"), ("test", "dev")):
        link = dst / f"en_ewt-ud-{split}.conllu"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to((src / f"en_ewt-ud-{name}.conllu").resolve())
    env = stanza_env(work)
    for script in ("prepare_tokenizer_treebank", "prepare_mwt_treebank", "prepare_pos_treebank"):
        run_logged([sys.executable, "-m", f"stanza.utils.datasets.{script}", TREEBANK],
                   work / "logs" / f"prep_{script}.log", env, nice=0)
    # lemma data: gold tags (the dictionary lemmatizer only reads word/upos/lemma)
    run_logged([sys.executable, "-m", "stanza.utils.datasets.prepare_lemma_treebank", TREEBANK, "--gold"],
               work / "logs" / "prep_lemma.log", env, nice=0)


def ner_articles(data: Path) -> list:
    return sorted(glob.glob(str(data / "ner" / "en-worldwide-newswire" / "processed_annotated" / "*.tsv")))


def ner_split(data: Path, n_dev: int = 100, seed: int = 0) -> tuple:
    """Deterministic article-level split: ``n_dev`` articles drawn with
    ``random.Random(seed).sample`` from the sorted file list are dev."""
    files = ner_articles(data)
    dev = set(random.Random(seed).sample(files, n_dev))
    train = [f for f in files if f not in dev]
    return train, sorted(dev)


def read_ner_tsv(path: str) -> list:
    """Sentences of ``[{"text": word, "ner": tag}, ...]`` from one article:
    the first two lines (URL + blank) are skipped, as are lines without a tab;
    blank lines end sentences."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[2:]
    for line in lines:
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        if "\t" not in line:
            continue
        word, tag = line.split("\t")[:2]
        word, tag = word.strip(), tag.strip()
        if not word:
            continue
        cur.append({"text": word, "ner": tag or "O"})
    if cur:
        sents.append(cur)
    return sents


def prepare_ner(data: Path, work: Path, n_dev: int = 100, seed: int = 0) -> dict:
    train, dev = ner_split(data, n_dev, seed)
    out = work / "data" / "ner"
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split, files in (("train", train), ("dev", dev), ("test", dev)):
        sents = [s for f in files for s in read_ner_tsv(f)]
        with open(out / f"{NER_SHORT}.{split}.json", "w", encoding="utf-8") as fo:
            json.dump(sents, fo, ensure_ascii=False)
        counts[split] = {"articles": len(files), "sentences": len(sents),
                         "tokens": sum(len(s) for s in sents)}
    with open(out / "split.json", "w") as fo:
        json.dump({"dev": [os.path.basename(f) for f in dev], "counts": counts}, fo, indent=1)
    return counts


# ---------------------------------------------------------------------------
# word vectors
# ---------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+(?=n['’]t\b)|n['’]t\b|['’](?:s|re|ve|ll|d|m)\b|\w+(?:[-.&]\w+)*|[^\w\s]",
                       re.UNICODE)


def simple_tokenize(text: str) -> list:
    """A rough UD-like tokenizer for unlabelled text (clitics and punctuation
    split off), only used to build the word-vector corpus."""
    return _TOKEN_RE.findall(text)


def vector_corpus(data: Path, work: Path) -> Path:
    """Lower-cased, tokenized training-only text: EWT train, NER train
    articles, PolNeAR train texts."""
    out = work / "wordvec" / "corpus.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(out, "w", encoding="utf-8") as fo:
        sent = []
        with open(data / "ud" / TREEBANK / "en_ewt-ud-train.conllu", encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line:
                    if sent:
                        fo.write(" ".join(sent) + "\n")
                        n += len(sent)
                    sent = []
                elif not line.startswith("#"):
                    cols = line.split("\t")
                    if cols[0].isdigit():
                        sent.append(cols[1].lower().replace(" ", "\u00a0"))
        train, _ = ner_split(data)
        for path in train:
            for s in read_ner_tsv(path):
                fo.write(" ".join(w["text"].lower().replace(" ", "\u00a0") for w in s) + "\n")
                n += len(s)
        for path in sorted(glob.glob(str(data / "polnear" / "train" / "text" / "*.txt"))):
            with open(path, encoding="utf-8", errors="replace") as f:
                for para in f:
                    toks = simple_tokenize(para.strip().lower())
                    if toks:
                        fo.write(" ".join(toks) + "\n")
                        n += len(toks)
    log(f"vector corpus: {n} tokens -> {out}")
    return out


def train_vectors(data: Path, work: Path, threads: int = 1, settings: dict | None = None) -> dict:
    """gensim word2vec on :func:`vector_corpus`, written as a word2vec text
    file and converted into a stanza ``Pretrain`` ``.pt``."""
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence

    s = dict(VECTOR_SETTINGS)
    s.update(settings or {})
    corpus = vector_corpus(data, work)
    t0 = time.time()
    model = Word2Vec(LineSentence(str(corpus)), vector_size=s["dim"], window=s["window"],
                     min_count=s["min_count"], sg=s["sg"], negative=s["negative"],
                     epochs=s["epochs"], seed=s["seed"], workers=threads)
    kv = model.wv
    words = kv.index_to_key[: s["max_vocab"]]
    vec_txt = work / "wordvec" / "en_quotetrace.vec.txt"
    with open(vec_txt, "w", encoding="utf-8") as fo:
        fo.write(f"{len(words)} {s['dim']}\n")
        for w in words:
            fo.write(w + " " + " ".join(f"{x:.5f}" for x in kv[w]) + "\n")
    pt = work / "wordvec" / "en_quotetrace.pretrain.pt"
    if pt.exists():
        pt.unlink()
    from stanza.models.common.pretrain import Pretrain
    pre = Pretrain(str(pt), str(vec_txt))
    pre.load()
    wall = time.time() - t0
    info = {"file": str(pt), "vocab": len(words), "corpus_tokens": model.corpus_total_words,
            "settings": s, "wall_s": round(wall, 1)}
    with open(work / "wordvec" / "info.json", "w") as fo:
        json.dump(info, fo, indent=1)
    log(f"vectors: {info}")
    return info


# ---------------------------------------------------------------------------
# trainers: each builds the exact command line, runs it, and records it
# ---------------------------------------------------------------------------

def _py() -> list:
    return [sys.executable, "-m"]


def results_dir(work: Path) -> Path:
    d = work / "results"
    d.mkdir(parents=True, exist_ok=True)
    return d


def record(work: Path, proc: str, info: dict) -> dict:
    """Merge ``info`` into ``work/results/<proc>.json`` (the manifest's source)."""
    path = results_dir(work) / f"{proc}.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    old.update(info)
    path.write_text(json.dumps(old, indent=1, ensure_ascii=False))
    return old


def tokenize_cmd(work: Path, steps: int = 2000) -> list:
    flags = list(TOKENIZE_FLAGS)
    flags[flags.index("--steps") + 1] = str(steps)
    return _py() + ["stanza.utils.training.run_tokenizer", TREEBANK,
                    "--save_dir", str(work / "saved" / "tokenize")] + flags


def tokenize_model(work: Path) -> Path:
    return work / "saved" / "tokenize" / "en_ewt_nocharlm_tokenizer.pt"


def mwt_cmd(work: Path) -> list:
    return _py() + ["stanza.utils.training.run_mwt", TREEBANK,
                    "--save_dir", str(work / "saved" / "mwt"),
                    "--save_name", "en_ewt_mwt.pt"] + MWT_FLAGS


def mwt_model(work: Path) -> Path:
    return work / "saved" / "mwt" / "en_ewt_mwt.pt"


def pretrain_file(work: Path) -> Path:
    return work / "wordvec" / "en_quotetrace.pretrain.pt"


def pos_cmd(work: Path, steps: int = POS_STEPS, flags: list | None = None, save_each: bool = True) -> list:
    d = work / "data" / "pos"
    return (_py() + ["stanza.models.tagger", "--mode", "train", "--lang", "en", "--shorthand", SHORT,
                     "--train_file", str(d / "en_ewt.train.in.conllu"),
                     "--eval_file", str(d / "en_ewt.dev.in.conllu"),
                     "--wordvec_pretrain_file", str(pretrain_file(work)),
                     "--save_dir", str(work / "saved" / "pos"), "--save_name", "en_ewt_qt_tagger.pt"]
            + (["--save_each"] if save_each else []) + ["--max_steps", str(steps)] + (flags or POS_FLAGS))


def pos_model(work: Path) -> Path:
    return work / "saved" / "pos" / "en_ewt_qt_tagger.pt"


def retag_cmd(work: Path, tagger: Path) -> list:
    """EWT train/dev for the parser, re-tagged by our own tagger (predicted
    UPOS/XPOS/feats, as the parser will see them at run time)."""
    return _py() + ["stanza.utils.datasets.prepare_depparse_treebank", TREEBANK,
                    "--predicted", "--tagger_model", str(tagger), "--no_download_tagger",
                    "--wordvec_pretrain_file", str(pretrain_file(work)), "--no_charlm"]


def depparse_cmd(work: Path, steps: int = DEPPARSE_STEPS, stage: int = 1, flags: list | None = None,
                 variant: str = "") -> list:
    """Stage 1: train on gold-tag EWT train (UPOS only: --no_xpos --no_ufeats).
    Stage 2: ``--continue_from`` the stage-1 model, drawing 3 of 4 batches
    from EWT train re-tagged by our tagger (:func:`retag_cmd`) and selecting
    on dev re-tagged likewise, so the parser learns the tagger's errors."""
    if stage == 1:
        train = work / "data" / "pos" / "en_ewt.train.in.conllu"
        dev = work / "data" / "pos" / "en_ewt.dev.in.conllu"
        name, extra = f"en_ewt_qt{variant}_parser_stage1.pt", []
    else:
        # the train file stays the gold one, so that stanza rebuilds exactly the stage-1
        # vocabularies (they are ordered by tag frequency, which re-tagging changes);
        # the re-tagged copy comes in as --silver_file and is drawn 3 times out of 4
        train = work / "data" / "pos" / "en_ewt.train.in.conllu"
        dev = work / "data" / "depparse" / "en_ewt.dev.in.conllu"
        name = f"en_ewt_qt{variant}_parser.pt"
        extra = ["--continue_from", str(work / "saved" / "depparse" / f"en_ewt_qt{variant}_parser_stage1.pt"),
                 "--silver_file", str(work / "data" / "depparse" / "en_ewt.train.in.conllu"),
                 "--silver_weight", "3.0"]
    return _py() + ["stanza.models.parser", "--mode", "train", "--lang", "en", "--shorthand", SHORT,
                    "--train_file", str(train), "--eval_file", str(dev),
                    "--output_file", str(work / "eval" / f"depparse{variant}.stage{stage}.dev.pred.conllu"),
                    "--wordvec_pretrain_file", str(pretrain_file(work)),
                    "--save_dir", str(work / "saved" / "depparse"), "--save_name", name,
                    "--checkpoint_save_name",
                    str(work / "saved" / "depparse" / f"checkpoint{variant}_stage{stage}.pt"),
                    "--max_steps", str(steps)] + extra + (flags or DEPPARSE_FLAGS) + ["--checkpoint_interval", "100"]


def depparse_model(work: Path) -> Path:
    return work / "saved" / "depparse" / "en_ewt_qt_parser.pt"


def lemma_cmd(work: Path, flags: list | None = None) -> list:
    d = work / "data" / "lemma"
    return _py() + ["stanza.models.lemmatizer", "--mode", "train", "--shorthand", SHORT,
                    "--train_file", str(d / "en_ewt.train.in.conllu"),
                    "--eval_file", str(d / "en_ewt.dev.in.conllu"),
                    "--output_file", str(d / "en_ewt.dev.pred.conllu"),
                    "--save_dir", str(work / "saved" / "lemma"), "--save_name", "en_ewt_qt_lemmatizer.pt"] + (
                       LEMMA_FLAGS if flags is None else flags)


def lemma_model(work: Path) -> Path:
    return work / "saved" / "lemma" / "en_ewt_qt_lemmatizer.pt"


def ner_cmd(work: Path, steps: int = NER_STEPS) -> list:
    d = work / "data" / "ner"
    return _py() + ["stanza.models.ner_tagger", "--mode", "train", "--shorthand", NER_SHORT,
                    "--train_file", str(d / f"{NER_SHORT}.train.json"),
                    "--eval_file", str(d / f"{NER_SHORT}.dev.json"),
                    "--wordvec_pretrain_file", str(pretrain_file(work)),
                    "--save_dir", str(work / "saved" / "ner"), "--save_name", "en_worldwide9_qt_nertagger.pt",
                    "--max_steps", str(steps)] + [f for f in NER_FLAGS if f != "--no_charlm"]


def ner_model(work: Path) -> Path:
    return work / "saved" / "ner" / "en_worldwide9_qt_nertagger.pt"


# ---------------------------------------------------------------------------
# evaluation with stanza's own scorers
# ---------------------------------------------------------------------------

def ud_eval(gold: Path, system: Path, keys=("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats",
                                            "AllTags", "Lemmas", "UAS", "LAS")) -> dict:
    """F1 (x100) from stanza's CoNLL 2018 UD scorer (``ud_scores``)."""
    from stanza.models.common.utils import ud_scores
    ev = ud_scores(str(gold), str(system))
    return {k: round(ev[k].f1 * 100, 2) for k in keys if k in ev}


def _last_match(pattern: str, text: str):
    found = re.findall(pattern, text)
    return found[-1] if found else None


def eval_tokenize(work: Path, model: Path | None = None, threads: int = 1, reuse_log: bool = False) -> dict:
    """Dev tokens/sentences/MWT F1 via ``run_tokenizer --score_dev``."""
    model = model or tokenize_model(work)
    logf = work / "logs" / "eval_tokenize.log"
    cmd = _py() + ["stanza.utils.training.run_tokenizer", TREEBANK, "--score_dev", "--no_charlm",
                   "--save_dir", str(model.parent), "--save_name", model.name]
    if not reuse_log or not logf.exists() or parse_tokenize_log(logf.read_text()) is None:
        run_logged(cmd, logf, stanza_env(work, threads))
    res = parse_tokenize_log(logf.read_text())
    res["scorer"] = ("stanza run_tokenizer --score_dev (CoNLL 2018 UD scorer), EWT dev raw text; "
                     "Words = after the tokenizer's own MWT dictionary")
    return res


def parse_tokenize_log(text: str):
    m = _last_match(r"Tokens\s+Sentences\s+Words\s*\n\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)", text)
    if not m:
        return None
    return {"tokens_f1": float(m[0]), "sentences_f1": float(m[1]), "words_f1": float(m[2])}


def eval_mwt(work: Path, model: Path | None = None, threads: int = 1, reuse_log: bool = True) -> dict:
    """Dev Words F1 of the MWT expander (gold tokens) as printed by
    ``run_mwt`` (stanza's CoNLL 2018 scorer); taken from the training log
    when present, else from ``run_mwt --score_dev``."""
    model = model or mwt_model(work)
    pat = r"Finished running dev set on\s*\n\S+\s*\nWords\s*\n\s*([\d.]+)"
    logf = work / "logs" / "mwt.log"
    m = _last_match(pat, logf.read_text()) if (reuse_log and logf.exists()) else None
    if m is None:
        logf = work / "logs" / "eval_mwt.log"
        cmd = _py() + ["stanza.utils.training.run_mwt", TREEBANK, "--score_dev",
                       "--save_dir", str(model.parent), "--save_name", model.name]
        run_logged(cmd, logf, stanza_env(work, threads))
        m = _last_match(pat, logf.read_text())
    return {"words_f1": float(m), "scorer": "run_mwt dev scoring (CoNLL 2018 UD scorer), EWT dev, gold tokens"}


def eval_pos(work: Path, model: Path | None = None, threads: int = 1,
             output: Path | None = None) -> dict:
    """Tag EWT dev (gold tokens) and score UPOS/XPOS/UFeats/AllTags."""
    model = model or pos_model(work)
    d = work / "data" / "pos"
    out = output or work / "eval" / "pos.dev.pred.conllu"
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = _py() + ["stanza.models.tagger", "--mode", "predict", "--lang", "en", "--shorthand", SHORT,
                   "--eval_file", str(d / "en_ewt.dev.in.conllu"), "--output_file", str(out),
                   "--wordvec_pretrain_file", str(pretrain_file(work)),
                   "--save_dir", str(model.parent), "--save_name", model.name]
    run_logged(cmd, work / "logs" / "eval_pos.log", stanza_env(work, threads))
    s = ud_eval(d / "en_ewt.dev.in.conllu", out, keys=("UPOS", "XPOS", "UFeats", "AllTags"))
    s["scorer"] = "CoNLL 2018 UD scorer (stanza ud_scores), EWT dev, gold tokenization"
    return s


def eval_lemma(work: Path, model: Path | None = None, threads: int = 1) -> dict:
    """Lemma accuracy on EWT dev, both with gold tags and with the UPOS that
    our shipped tagger predicts (the run-time condition)."""
    model = model or lemma_model(work)
    res = {}
    d = work / "data" / "lemma"
    for name, src in (("gold_tags", d / "en_ewt.dev.in.conllu"),
                      ("predicted_tags", work / "eval" / "pos.dev.pred.conllu")):
        if not src.exists():
            continue
        out = work / "eval" / f"lemma.dev.{name}.pred.conllu"
        cmd = _py() + ["stanza.models.lemmatizer", "--mode", "predict", "--shorthand", SHORT,
                       "--eval_file", str(src), "--output_file", str(out),
                       "--save_dir", str(model.parent), "--save_name", model.name]
        run_logged(cmd, work / "logs" / "eval_lemma.log", stanza_env(work, threads))
        res[f"lemma_acc_{name}"] = ud_eval(d / "en_ewt.dev.gold.conllu" if (d / "en_ewt.dev.gold.conllu").exists()
                                           else d / "en_ewt.dev.in.conllu", out, keys=("Lemmas",))["Lemmas"]
    res["scorer"] = "CoNLL 2018 UD scorer (Lemmas), EWT dev, gold tokenization"
    return res


def eval_depparse(work: Path, model: Path | None = None, threads: int = 1) -> dict:
    """Parse EWT dev carrying the tags predicted by our tagger; UAS/LAS."""
    model = model or depparse_model(work)
    d = work / "data" / "depparse"
    out = work / "eval" / "depparse.dev.pred.conllu"
    cmd = _py() + ["stanza.models.parser", "--mode", "predict", "--lang", "en", "--shorthand", SHORT,
                   "--eval_file", str(d / "en_ewt.dev.in.conllu"), "--output_file", str(out),
                   "--wordvec_pretrain_file", str(pretrain_file(work)),
                   "--save_dir", str(model.parent), "--save_name", model.name]
    run_logged(cmd, work / "logs" / "eval_depparse.log", stanza_env(work, threads))
    s = ud_eval(work / "ud" / TREEBANK / "en_ewt-ud-dev.conllu", out, keys=("UAS", "LAS", "UPOS"))
    s["input_upos_f1"] = s.pop("UPOS")
    s["scorer"] = "CoNLL 2018 UD scorer, EWT dev, gold tokenization, tags predicted by the shipped tagger"
    return s


def eval_ner(work: Path, model: Path | None = None, threads: int = 1) -> dict:
    model = model or ner_model(work)
    d = work / "data" / "ner"
    logf = work / "logs" / "eval_ner.log"
    cmd = _py() + ["stanza.models.ner_tagger", "--mode", "predict", "--shorthand", NER_SHORT,
                   "--eval_file", str(d / f"{NER_SHORT}.dev.json"),
                   "--wordvec_pretrain_file", str(pretrain_file(work)),
                   "--save_dir", str(model.parent), "--save_name", model.name]
    run_logged(cmd, logf, stanza_env(work, threads))
    text = logf.read_text().split("\n### ")[-1]
    m = re.search(r"Score by entity:\nPrec.\tRec.\tF1\n([\d.]+)\t([\d.]+)\t([\d.]+)", text)
    per = re.search(r"NER Entity F1 scores:\n((?:.*\n)+?)(?:\S|\Z)", text)
    res = {"entity_precision": float(m.group(1)), "entity_recall": float(m.group(2)),
           "entity_f1": float(m.group(3)),
           "scorer": "stanza.models.ner.scorer.score_by_entity, dev = 100 articles (random.Random(0).sample)"}
    if per:
        res["per_type_f1"] = per.group(1).strip()
    return res


# ---------------------------------------------------------------------------
# shipping and the manifest
# ---------------------------------------------------------------------------

SHIP_NAMES = {"tokenize": "tokenize.pt", "mwt": "mwt.pt", "pos": "pos.pt", "lemma": "lemma.pt",
              "depparse": "depparse.pt", "ner": "ner.pt", "vectors": "pretrain.pt"}

DATA_INFO = {
    "tokenize": {"data": "UD English-EWT train (12,544 sentences); dev for scores", "licence": UD_LICENCE},
    "mwt": {"data": "UD English-EWT train; dev for scores", "licence": UD_LICENCE},
    "pos": {"data": "UD English-EWT train; dev for scores", "licence": UD_LICENCE},
    "lemma": {"data": "UD English-EWT train; dev for scores", "licence": UD_LICENCE},
    "depparse": {"data": "UD English-EWT train re-tagged by our tagger; dev re-tagged for scores",
                 "licence": UD_LICENCE},
    "ner": {"data": "English Worldwide Newswire, 975 articles train / 100 articles dev "
                    "(random.Random(0).sample of the sorted file list)", "licence": NER_LICENCE},
    "vectors": {"data": "unlabelled training text only: UD English-EWT train word forms, the 975 NER "
                        "train articles, PolNeAR v1.0.0 train texts (lower-cased)",
                "licence": "; ".join([UD_LICENCE, NER_LICENCE, POLNEAR_LICENCE])},
}


def versions() -> dict:
    import stanza
    import torch
    return {"stanza_version": stanza.__version__, "torch_version": torch.__version__}


def ship(work: Path, out: Path, proc: str, model: Path) -> dict:
    """Copy ``model`` into the package as ``SHIP_NAMES[proc]`` and record it."""
    out.mkdir(parents=True, exist_ok=True)
    dst = out / SHIP_NAMES[proc]
    shutil.copyfile(model, dst)
    info = {"file": dst.name, "source_checkpoint": str(model), "sha256": sha256(dst),
            "size_bytes": dst.stat().st_size, **versions(), **DATA_INFO[proc],
            "shipped_utc": _dt.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")}
    record(work, proc, info)
    write_manifest(work, out)
    log(f"shipped {proc}: {dst} ({info['size_bytes']} bytes)")
    return info


def write_manifest(work: Path, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    procs = {}
    for proc in PROCESSORS:
        path = results_dir(work) / f"{proc}.json"
        if path.exists():
            info = json.loads(path.read_text())
            f = out / SHIP_NAMES[proc]
            if f.exists():  # the file in the package is the truth
                info["sha256"] = sha256(f)
                info["size_bytes"] = f.stat().st_size
            procs[proc] = info
    extra = results_dir(work) / "pipeline.json"
    manifest = {
        "name": "quotetrace offline English stanza models",
        "date": _dt.datetime.utcnow().strftime("%Y-%m-%d"),
        "updated_utc": _dt.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        **versions(),
        "trained_with": "stanza's own trainers and scorers, via quotetrace.training (scripts/train_models.py)",
        "reproduce": "python scripts/train_models.py --data ../shared/data --work /work/train "
                     "--out src/quotetrace/models/en --threads 1",
        "pretrain_file": SHIP_NAMES["vectors"] if (out / SHIP_NAMES["vectors"]).exists() else None,
        "total_size_bytes": sum((out / SHIP_NAMES[p]).stat().st_size for p in procs
                                if (out / SHIP_NAMES[p]).exists()),
        "processors": procs,
    }
    if extra.exists():
        manifest["pipeline"] = json.loads(extra.read_text())
    tmp = out / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    tmp.replace(out / "manifest.json")
    write_readme(out)
    return manifest


# ---------------------------------------------------------------------------
# speed and load time of the shipped set
# ---------------------------------------------------------------------------

def pipeline_kwargs(out: Path) -> dict:
    """Keyword arguments for ``stanza.Pipeline`` loading only the shipped files."""
    pre = out / SHIP_NAMES["vectors"]
    pre = str(pre) if pre.exists() else None
    return dict(
        tokenize_model_path=str(out / "tokenize.pt"), mwt_model_path=str(out / "mwt.pt"),
        pos_model_path=str(out / "pos.pt"), pos_pretrain_path=pre,
        lemma_model_path=str(out / "lemma.pt"),
        depparse_model_path=str(out / "depparse.pt"), depparse_pretrain_path=pre,
        ner_model_path=str(out / "ner.pt"), ner_pretrain_path=pre,
    )


def offline_pipeline(out: Path, processors: str = "tokenize,mwt,pos,lemma,depparse,ner",
                     stanza_dir: Path | str = "/tmp/quotetrace-stanza", **kwargs):
    """A ``stanza.Pipeline`` built only from the files in ``out``; no network.

    stanza insists on a ``resources.json`` in ``dir`` even with
    ``download_method=None``: an empty one (``{}``) is written there, and
    ``allow_unknown_language=True`` makes stanza take the processors and
    model paths as given."""
    import stanza
    stanza_dir = Path(stanza_dir)
    stanza_dir.mkdir(parents=True, exist_ok=True)
    res = stanza_dir / "resources.json"
    if not res.exists():
        res.write_text("{}\n")
    opts = dict(download_method=None, allow_unknown_language=True, logging_level="WARN", use_gpu=False)
    opts.update(pipeline_kwargs(Path(out)))
    opts.update(kwargs)
    return stanza.Pipeline("en", dir=str(stanza_dir), processors=processors, **opts)


def measure_pipeline(data: Path, work: Path, out: Path, n_articles: int = 60, threads: int = 2) -> dict:
    """Load time and words/s per processor on ``n_articles`` PolNeAR train
    articles; each processor is timed on its own on the output of the previous
    ones (tokenize+mwt timed together from raw text)."""
    import torch
    from stanza.models.common.doc import Document
    torch.set_num_threads(threads)
    procs = "tokenize,mwt,pos,lemma,depparse,ner"
    try:  # the parser as quotetrace runs it: compiled decoder, labels for the kept arcs only; its loading
        from quotetrace.fastpath import patch_stanza
        from quotetrace.nlp import _loading_for_inference
        decoder = "quotetrace's, " + patch_stanza()
        loading = _loading_for_inference(trusted=True)
    except ImportError:  # training.py loaded alone, without quotetrace
        decoder = "stanza's own"
        loading = contextlib.nullcontext()
    t0 = time.time()
    with loading:  # (and its lemmatizer keeping each seq2seq answer for the next time, as quotetrace does)
        nlp = offline_pipeline(out, procs, stanza_dir=work / "no_stanza_resources", lemma_store_results=True)
    load_s = time.time() - t0
    files = sorted(glob.glob(str(data / "polnear" / "train" / "text" / "*.txt")))[:n_articles]
    texts = [open(f, encoding="utf-8", errors="replace").read() for f in files]
    timings = {p: 0.0 for p in nlp.processors}
    words = 0
    for text in texts:
        doc = Document([], text=text)
        for name, proc in nlp.processors.items():
            t = time.time()
            doc = proc.process(doc)
            timings[name] += time.time() - t
        words += doc.num_words
    total = sum(timings.values())
    res = {"load_s": round(load_s, 2), "threads": threads, "articles": len(texts), "words": words,
           "words_per_s": {k: round(words / v) for k, v in timings.items() if v > 0},
           "pipeline_words_per_s": round(words / total), "parser_decoder": decoder,
           "measured_utc": _dt.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")}
    sent = "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, told AFP that IS had retaken the town."
    d = nlp(sent)
    res["example"] = [f"{w.id}\t{w.text}\t{w.lemma}\t{w.upos}\t{w.head}\t{w.deprel}" for w in d.sentences[0].words]
    res["example_entities"] = [f"{e.text}/{e.type}" for e in d.ents]
    return res


# ---------------------------------------------------------------------------
# the full recipe
# ---------------------------------------------------------------------------

def train_all(data: Path, work: Path, out: Path, only=None, threads: int = 1,
              steps: dict | None = None) -> None:
    """Run the whole recipe (or the ``only`` subset) in order: vectors,
    tokenize, mwt, pos, lemma, depparse (on our tagger's predictions), ner.
    Each model is scored on dev and shipped into ``out`` as soon as it is done."""
    data, work, out = Path(data).resolve(), Path(work).resolve(), Path(out).resolve()
    only = set(only or PROCESSORS)
    steps = steps or {}
    env = stanza_env(work, threads)
    (work / "logs").mkdir(parents=True, exist_ok=True)
    prepare_ud(data, work)
    prepare_ner(data, work)

    if "vectors" in only or not pretrain_file(work).exists():
        info = train_vectors(data, work, threads=threads)
        record(work, "vectors", {"command": "quotetrace.training.train_vectors (gensim Word2Vec)",
                                 "settings": info["settings"], "vocab": info["vocab"],
                                 "corpus_tokens": info["corpus_tokens"], "wall_s": info["wall_s"]})
        ship(work, out, "vectors", pretrain_file(work))

    def train(proc, cmd, model, n_steps):
        wall = run_logged(cmd, work / "logs" / f"{proc}.log", env)
        record(work, proc, {"command": " ".join(str(c) for c in cmd), "steps": n_steps,
                            "wall_s": round(wall, 1), "threads": threads})
        return model

    if "tokenize" in only:
        n = steps.get("tokenize", 2000)
        train("tokenize", tokenize_cmd(work, n), tokenize_model(work), n)
        record(work, "tokenize", {"dev": eval_tokenize(work, threads=threads)})
        ship(work, out, "tokenize", tokenize_model(work))
    if "mwt" in only:
        train("mwt", mwt_cmd(work), mwt_model(work), "30 epochs (default)")
        record(work, "mwt", {"dev": eval_mwt(work, threads=threads)})
        ship(work, out, "mwt", mwt_model(work))
    if "pos" in only:
        n = steps.get("pos", POS_STEPS)
        train("pos", pos_cmd(work, n), pos_model(work), n)
    if "pos" in only or "lemma" in only or "depparse" in only:
        record(work, "pos", {"dev": eval_pos(work, threads=threads)})
        if "pos" in only:
            ship(work, out, "pos", pos_model(work))
    if "lemma" in only:
        train("lemma", lemma_cmd(work), lemma_model(work), "dictionary (one pass)")
        record(work, "lemma", {"dev": eval_lemma(work, threads=threads)})
        ship(work, out, "lemma", lemma_model(work))
    if "depparse" in only:
        n = steps.get("depparse", DEPPARSE_STEPS)
        train("depparse", depparse_cmd(work, n, stage=1), depparse_model(work), n)
        cmd = retag_cmd(work, pos_model(work))
        run_logged(cmd, work / "logs" / "retag.log", env)
        n2 = steps.get("depparse_ft", DEPPARSE_FT_STEPS)
        cmd2 = depparse_cmd(work, n2, stage=2)
        wall2 = run_logged(cmd2, work / "logs" / "depparse_ft.log", env)
        record(work, "depparse", {"retag_command": " ".join(cmd), "finetune_command": " ".join(cmd2),
                                  "finetune_steps": n2, "finetune_wall_s": round(wall2, 1),
                                  "tags_in_training": "stage 1 gold UPOS; stage 2 UPOS predicted by our tagger"})
        # dev re-tagged by the shipped tagger (same file the retag step wrote)
        record(work, "depparse", {"dev": eval_depparse(work, threads=threads)})
        ship(work, out, "depparse", depparse_model(work))
    if "ner" in only:
        n = steps.get("ner", NER_STEPS)
        train("ner", ner_cmd(work, n), ner_model(work), n)
        record(work, "ner", {"dev": eval_ner(work, threads=threads)})
        ship(work, out, "ner", ner_model(work))
    if all((out / SHIP_NAMES[p]).exists() for p in PROCESSORS):
        res = measure_pipeline(data, work, out)
        (results_dir(work) / "pipeline.json").write_text(json.dumps(res, indent=1))
        write_manifest(work, out)


# ---------------------------------------------------------------------------
# the tagger and parser on one GPU, within a time budget
# ---------------------------------------------------------------------------

def _swap(flags: list, **values) -> list:
    """``flags`` with the values of some ``--name value`` options replaced
    (or appended when absent)."""
    out = list(flags)
    for name, value in values.items():
        opt = "--" + name
        if opt in out:
            out[out.index(opt) + 1] = str(value)
        else:
            out += [opt, str(value)]
    return out


# on a GPU a step costs little, so the tagger takes stanza's default batch and more steps
POS_GPU_FLAGS = _swap(POS_FLAGS, batch_size=250, eval_interval=200) + ["--fix_eval_interval"]
DEPPARSE_GPU_FLAGS = _swap(DEPPARSE_FLAGS, batch_size=5000, eval_interval=200)
# a smaller parser, for speed on CPU at run time
DEPPARSE_SMALL_GPU_FLAGS = _swap(DEPPARSE_GPU_FLAGS, hidden_dim=128, char_hidden_dim=64,
                                 deep_biaff_hidden_dim=128)
_DEV_SCORE_RE = re.compile(r"step (\d+): train_loss = [-\d.e]+, dev_score = ([\d.]+)")


def _start(cmd: list, logfile: Path, env: dict, limit_s: float):
    """Start ``cmd`` under ``timeout``; returns (Popen, open log file)."""
    logfile.parent.mkdir(parents=True, exist_ok=True)
    full = ["timeout", str(int(max(limit_s, 1)))] + [str(c) for c in cmd]
    log(f"start ({int(limit_s)} s): {' '.join(full)}")
    out = open(logfile, "a")
    return subprocess.Popen(full, stdout=out, stderr=subprocess.STDOUT, env=env), out


def _finish(job) -> int:
    proc, out = job
    rc = proc.wait()
    out.close()
    if rc not in (0, 124):  # 124: stopped by its time limit, the best dev model is saved
        raise RuntimeError(f"command failed ({rc}): {' '.join(proc.args)}; see {out.name}")
    return rc


def dev_history(logfile: Path) -> list:
    """(step, dev score) pairs a stanza trainer logged."""
    return [(int(a), round(float(b) * 100, 2)) for a, b in _DEV_SCORE_RE.findall(logfile.read_text())]


def train_gpu(work: Path, budget_s: float = 470, pos_s: float = 190, stage1_s: float = 300,
              threads: int = 4, eval_every: int | None = None) -> dict:
    """Train the tagger and two parsers (the shipped dimensions and a smaller
    one) on one GPU within ``budget_s`` seconds: the tagger and both parsers'
    stage 1 (gold tags) run side by side; then EWT is re-tagged by the new
    tagger and both parsers are fine-tuned on its tags (stage 2) for the time
    left. Each trainer keeps its best dev model; a time limit ends it.
    Returns, and writes to ``work/results/gpu.json``, the commands and dev
    histories. ``eval_every`` overrides every evaluation interval (a smoke
    test on CPU)."""
    work = Path(work).resolve()
    t0 = time.time()
    ev = (lambda flags, n: _swap(flags, eval_interval=eval_every or n))
    env = stanza_env(work, threads)
    logs = work / "logs"
    big = 10 ** 6  # steps: the time limits end the runs
    cmds = {"pos": pos_cmd(work, big, ev(POS_GPU_FLAGS, 200), save_each=False),
            "depparse_stage1": depparse_cmd(work, big, 1, ev(DEPPARSE_GPU_FLAGS, 200)),
            "depparse_small_stage1": depparse_cmd(work, big, 1, ev(DEPPARSE_SMALL_GPU_FLAGS, 200),
                                                  variant="_small")}
    jobs = {"pos": _start(cmds["pos"], logs / "gpu_pos.log", env, pos_s)}
    for name in ("depparse_stage1", "depparse_small_stage1"):
        jobs[name] = _start(cmds[name], logs / f"gpu_{name}.log", env, stage1_s)
    _finish(jobs["pos"])
    cmds["retag"] = retag_cmd(work, pos_model(work))
    run_logged(cmds["retag"], logs / "gpu_retag.log", env, nice=0)
    for name in ("depparse_stage1", "depparse_small_stage1"):
        _finish(jobs[name])
    left = budget_s - (time.time() - t0)
    cmds["depparse_stage2"] = depparse_cmd(work, big, 2, ev(DEPPARSE_GPU_FLAGS, 100))
    cmds["depparse_small_stage2"] = depparse_cmd(work, big, 2, ev(DEPPARSE_SMALL_GPU_FLAGS, 100), variant="_small")
    for name in ("depparse_stage2", "depparse_small_stage2"):
        jobs[name] = _start(cmds[name], logs / f"gpu_{name}.log", env, left)
    for name in ("depparse_stage2", "depparse_small_stage2"):
        _finish(jobs[name])
    return _gpu_report(work, "gpu", t0, budget_s, threads, cmds)


def _gpu_report(work: Path, name: str, t0: float, budget_s: float, threads: int, cmds: dict) -> dict:
    """The commands and dev histories of a GPU run, written to ``work/results/<name>.json``."""
    res = {"wall_s": round(time.time() - t0, 1), "budget_s": budget_s, "threads": threads,
           "commands": {k: " ".join(str(c) for c in v) for k, v in cmds.items()},
           "dev_history": {k: dev_history(work / "logs" / f"{name}_{k}.log") for k in cmds if k != "retag"}}
    (results_dir(work) / f"{name}.json").write_text(json.dumps(res, indent=1))
    log(json.dumps(res["dev_history"]))
    return res


def warm_tagger_cmd(work: Path, init: Path, steps: int, flags: list) -> list:
    """:func:`pos_cmd`, but the new tagger starts from the weights of ``init``
    (a tagger of the same dimensions trained on the same data) instead of
    random ones. stanza's tagger has no --continue_from; this module's
    ``--warm-tagger`` entry point adds it."""
    cmd = pos_cmd(work, steps, flags, save_each=False)
    # -P: the script's folder (this package, with its types.py) stays off sys.path
    tagger_args = cmd[len(_py()) + 1:]  # after "python -m stanza.models.tagger"
    return [sys.executable, "-P", str(Path(__file__).resolve()), "--warm-tagger", str(init)] + tagger_args


def _warm_tagger(init: str, tagger_args: list) -> int:
    """Run stanza's tagger trainer, loading ``init``'s weights into the model it builds."""
    import torch
    from stanza.models import tagger
    from stanza.models.pos import trainer as pos_trainer

    saved = torch.load(init, map_location="cpu", weights_only=False)
    original = pos_trainer.Trainer.__init__

    def init_(self, args=None, vocab=None, pretrain=None, model_file=None, *a, **k):
        original(self, args, vocab, pretrain, model_file, *a, **k)
        if model_file is not None:
            return  # loading a saved model (the best one, at the end), not building a new one
        if self.vocab.state_dict() != saved["vocab"]:
            raise SystemExit(f"{init}: its vocabularies differ from the training data's; train from scratch")
        missing, unexpected = self.model.load_state_dict(saved["model"], strict=False)
        missing = [m for m in missing if not m.startswith(tuple(self.model.unsaved_modules))]
        if missing or unexpected:
            raise SystemExit(f"{init}: weights do not fit ({missing[:3]} missing, {unexpected[:3]} unexpected)")
        log(f"tagger starts from {init}")
        pos_trainer.Trainer.__init__ = original  # once

    pos_trainer.Trainer.__init__ = init_
    tagger.main(tagger_args)
    return 0


def train_gpu_continue(work: Path, shipped: Path, budget_s: float = 480, pos_s: float = 240,
                       threads: int = 4, eval_every: int | None = None) -> dict:
    """A further round on one GPU, from the shipped models instead of from
    scratch: the tagger continues from ``shipped/pos.pt`` for ``pos_s``
    seconds, EWT is re-tagged by it, and the parser continues from
    ``shipped/depparse.pt`` on those tags (stage 2) for the time left. Each
    trainer keeps its best dev model. Writes ``work/results/gpu2.json``."""
    work, shipped = Path(work).resolve(), Path(shipped).resolve()
    t0 = time.time()
    ev = (lambda flags, n: _swap(flags, eval_interval=eval_every or n))
    env = stanza_env(work, threads)
    logs = work / "logs"
    big = 10 ** 6
    cmds = {"pos": warm_tagger_cmd(work, shipped / SHIP_NAMES["pos"], big, ev(POS_GPU_FLAGS, 200))}
    _finish(_start(cmds["pos"], logs / "gpu2_pos.log", env, pos_s))
    cmds["retag"] = retag_cmd(work, pos_model(work))
    run_logged(cmds["retag"], logs / "gpu2_retag.log", env, nice=0)
    cmd = depparse_cmd(work, big, 2, ev(DEPPARSE_GPU_FLAGS, 100))
    cmd[cmd.index("--continue_from") + 1] = str(shipped / SHIP_NAMES["depparse"])
    # stanza resumes a checkpoint it finds in preference to --continue_from: start from the shipped parser
    Path(cmd[cmd.index("--checkpoint_save_name") + 1]).unlink(missing_ok=True)
    cmds["depparse_stage2"] = cmd
    _finish(_start(cmd, logs / "gpu2_depparse_stage2.log", env, budget_s - (time.time() - t0)))
    return _gpu_report(work, "gpu2", t0, budget_s, threads, cmds)


def train_gpu_tagger_lemma(work: Path, shipped: Path, budget_s: float = 420, lrs=(1e-3, 5e-4),
                           threads: int = 4, eval_every: int | None = None) -> dict:
    """A third round on one GPU: the shipped tagger continues at lower
    learning rates than stanza's default (round 2, at the default 3e-3, peaked
    after 200 steps), one trainer per rate side by side, each saving every
    evaluation; beside them stanza's seq2seq lemmatizer trains (ensembled with
    the dictionary, as stanza's default). Everything stops at ``budget_s``.
    Picks, per rate, the checkpoint with the best dev UPOS (what the parser
    and quotetrace read; stanza itself keeps the best AllTags) and copies it
    to ``work/saved/pos/best_lr<rate>.pt``. Writes ``work/results/gpu3.json``."""
    work, shipped = Path(work).resolve(), Path(shipped).resolve()
    t0 = time.time()
    env = stanza_env(work, threads)
    logs = work / "logs"
    big = 10 ** 6
    cmds, jobs = {}, {}
    names = {lr: f"pos_lr{lr:g}" for lr in lrs}
    for lr, name in names.items():
        flags = _swap(POS_GPU_FLAGS, lr=lr, eval_interval=eval_every or 100)
        cmds[name] = _swap(warm_tagger_cmd(work, shipped / SHIP_NAMES["pos"], big, flags),
                           save_name=f"en_ewt_qt_tagger_lr{lr:g}.pt") + ["--save_each"]
    cmds["lemma_s2s"] = _swap(lemma_cmd(work, ["--num_epoch", "60", "--seed", "1234"]),
                              save_name="en_ewt_qt_lemmatizer_s2s.pt",
                              output_file=work / "eval" / "lemma_s2s.dev.pred.conllu")
    (work / "eval").mkdir(parents=True, exist_ok=True)
    # a machine kept warm between rounds keeps the last round's logs and per-step files: start clean,
    # so that the pick below reads this round's evaluations and copies this round's checkpoint
    for name in cmds:
        (logs / f"gpu3_{name}.log").unlink(missing_ok=True)
    for old in (work / "saved" / "pos").glob("en_ewt_qt_tagger_lr*_[0-9]*.pt"):
        old.unlink()
    for name, cmd in cmds.items():
        jobs[name] = _start(cmd, logs / f"gpu3_{name}.log", env, budget_s)
    for name in cmds:
        _finish(jobs[name])
    res = {"wall_s": round(time.time() - t0, 1), "budget_s": budget_s, "threads": threads,
           "commands": {k: " ".join(str(c) for c in v) for k, v in cmds.items()}, "tagger": {}}
    for lr, name in names.items():
        hist = pos_dev_history(logs / f"gpu3_{name}.log")
        res["tagger"][name] = {"history_step_upos_xpos_ufeats_alltags": hist}
        if hist:
            step = max(hist, key=lambda h: (h[1], h[4]))[0]
            src = work / "saved" / "pos" / f"en_ewt_qt_tagger_lr{lr:g}_{step:05d}.pt"
            shutil.copy(src, work / "saved" / "pos" / f"best_lr{lr:g}.pt")
            res["tagger"][name]["best_upos_step"] = step
    res["lemma_s2s"] = re.findall(r"epoch (\d+): train_loss = [-\d.e]+, dev_score = ([\d.]+)",
                                  (logs / "gpu3_lemma_s2s.log").read_text())
    (results_dir(work) / "gpu3.json").write_text(json.dumps(res, indent=1))
    log(json.dumps({k: v for k, v in res.items() if k != "commands"}))
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="shared data folder (ud/, ner/, polnear/)")
    ap.add_argument("--work", required=True, type=Path, help="work dir for prepared data, checkpoints, logs")
    ap.add_argument("--out", required=True, type=Path, help="where the shipped models and manifest go")
    ap.add_argument("--only", default=None, help="comma-separated subset of " + ",".join(PROCESSORS))
    ap.add_argument("--threads", type=int, default=1, help="torch/OpenMP threads per trainer")
    ap.add_argument("--steps", default=None, help="override steps, e.g. pos=2500,depparse=1200,ner=4500")
    ap.add_argument("--manifest-only", action="store_true", help="only rewrite manifest.json from work/results")
    ap.add_argument("--measure", action="store_true", help="only measure load time and speed of the shipped set")
    a = ap.parse_args(argv)
    work, out = a.work.resolve(), a.out.resolve()
    if a.manifest_only:
        write_manifest(work, out)
        return 0
    if a.measure:
        res = measure_pipeline(a.data.resolve(), work, out)
        (results_dir(work) / "pipeline.json").write_text(json.dumps(res, indent=1))
        write_manifest(work, out)
        print(json.dumps(res, indent=1))
        return 0
    only = [p.strip() for p in a.only.split(",")] if a.only else None
    steps = dict((k, int(v)) for k, v in (kv.split("=") for kv in a.steps.split(","))) if a.steps else None
    train_all(a.data, work, out, only=only, threads=a.threads, steps=steps)
    return 0


TARGETS = [  # (label, processor, dev key, target, higher is better)
    ("tokens F1", "tokenize", "tokens_f1", 99.2), ("sentences F1", "tokenize", "sentences_f1", 88.0),
    ("UPOS", "pos", "UPOS", 94.0), ("lemma accuracy (predicted tags)", "lemma", "lemma_acc_predicted_tags", 96.0),
    ("lemma accuracy (gold tags)", "lemma", "lemma_acc_gold_tags", 96.0),
    ("LAS (predicted tags)", "depparse", "LAS", 80.0), ("NER entity F1", "ner", "entity_f1", 78.0),
]


def _targets_lines(m: dict) -> list:
    lines = ["Against the targets of the issue \"Offline English models\" (dev splits):", "",
             "| measure | target | measured | met |", "|---|---|---|---|"]
    for label, proc, key, target in TARGETS:
        v = m["processors"].get(proc, {}).get("dev", {}).get(key)
        if v is not None:
            lines.append(f"| {label} | >= {target} | {v} | {'yes' if v >= target else 'no'} |")
    size = m["total_size_bytes"] / 1e6
    lines.append(f"| all models together | <= 80 MB | {size:.1f} MB | {'yes' if size <= 80 else 'no'} |")
    p = m.get("pipeline")
    if p:
        lines.append(f"| full pipeline, every sentence, 2 threads | >= 3000 words/s | {p['pipeline_words_per_s']} | "
                     f"{'yes' if p['pipeline_words_per_s'] >= 3000 else 'no'} |")
        lines.append(f"| load time | <= 5 s | {p['load_s']} s | {'yes' if p['load_s'] <= 5 else 'no'} |")
        lines += ["", "Example (`" + "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, told AFP that IS "
                  "had retaken the town.`), id / word / lemma / UPOS / head / deprel:", "", "```"]
        lines += p.get("example", []) + ["```", "Entities: " + ", ".join(p.get("example_entities", []))]
    return lines + [""]


def write_readme(out: Path) -> Path:
    """Summarise manifest.json as README.md next to the models."""
    m = json.loads((out / "manifest.json").read_text())
    lines = ["# Offline English stanza models for quotetrace", "",
             f"Trained with stanza {m['stanza_version']} by `quotetrace.training` (stanza's own trainers and "
             f"scorers), on the CPU (torch {m['torch_version']}) except where a row names other hardware; updated "
             f"{m['date']}. Full details, hashes and exact commands: `manifest.json`.", "",
             "Reproduce: `" + m["reproduce"] + "`", "",
             "| processor | file | size (MB) | steps | train wall (min) | dev scores | data / licence |",
             "|---|---|---|---|---|---|---|"]
    for proc, info in m["processors"].items():
        dev = info.get("dev", {})
        scores = ", ".join(f"{k} {v}" for k, v in dev.items() if isinstance(v, (int, float)))
        wall = info.get("wall_s")
        lines.append(f"| {proc} | {info.get('file')} | {info.get('size_bytes', 0) / 1e6:.2f} | "
                     f"{info.get('steps', '')}{' (on ' + info['hardware'] + ')' if info.get('hardware') else ''} | "
                     f"{'' if wall is None else round(wall / 60, 1)} | {scores} | "
                     f"{info.get('licence', '')} |")
    lines += ["", f"Total size: {m['total_size_bytes'] / 1e6:.1f} MB.", ""]
    if "pipeline" in m:
        p = m["pipeline"]
        lines += [f"Speed ({p['articles']} PolNeAR train articles, one at a time, {p['words']} words, "
                  f"{p['threads']} threads, parser decoder {p.get('parser_decoder', 'stanza')}): "
                  + ", ".join(f"{k} {v} words/s" for k, v in p["words_per_s"].items())
                  + f"; whole pipeline {p['pipeline_words_per_s']} words/s. Load time {p['load_s']} s.", ""]
    lines += _targets_lines(m)
    lines += ["Loading (no network). stanza wants a `resources.json` in `dir` even with "
              "`download_method=None`: an empty one (`{}`) plus `allow_unknown_language=True` is enough "
              "(`quotetrace.training.offline_pipeline(MODEL_DIR)` does this):", "", "```python",
              "import stanza  # with /tmp/nostanza/resources.json containing {}",
              "from quotetrace.training import pipeline_kwargs",
              "nlp = stanza.Pipeline('en', dir='/tmp/nostanza', download_method=None, allow_unknown_language=True,",
              "                      processors='tokenize,mwt,pos,lemma,depparse,ner', **pipeline_kwargs(MODEL_DIR))",
              "```", ""]
    for proc, info in m["processors"].items():
        if info.get("note"):
            lines.append(f"- {proc}: {info['note']}")
    path = out / "README.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def pos_dev_history(logfile: Path) -> list:
    """(step, UPOS, XPOS, UFeats, AllTags) from the tagger's training log
    (stanza's scorer, run on dev at each evaluation)."""
    text = Path(logfile).read_text()
    pat = (r"UPOS\tXPOS\tUFeats\tAllTags\n.*?INFO: ([\d.]+)\t([\d.]+)\t([\d.]+)\t([\d.]+)\n"
           r".*?INFO: step (\d+): train_loss")
    return [(int(m[4]), float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in re.findall(pat, text)]


# last, so that everything above is defined when the module runs as a script
if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--warm-tagger":
        sys.exit(_warm_tagger(sys.argv[2], sys.argv[3:]))
    sys.exit(main())
