"""Where the stanza models come from: shipped with quotetrace, official, or a folder.

The shipped (bundled) English models live in ``quotetrace/models/en`` with a
``manifest.json`` that records how each was trained and how well it scored.
Nothing here touches the network; ``install_official`` is the one function
that does, and only when a user asks for it (``quotetrace models install``).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ModelNotFound

#: Stanza processors quotetrace runs, in pipeline order.
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
#: Environment variable that chooses the models, as ``--models`` does.
ENV_VAR = "QUOTETRACE_MODELS"
BUNDLED_DIR = Path(__file__).parent / "models" / "en"

_FIX = (
    "run `quotetrace models install` (needs a network) to fetch stanza's official English models, "
    "or reinstall quotetrace to restore its bundled models"
)


@dataclass(frozen=True)
class ModelSet:
    """Resolved model files for each processor, ready for stanza.Pipeline."""

    origin: str  # "bundled", "official" or a folder path
    paths: dict = field(default_factory=dict)  # processor -> model file
    pretrains: dict = field(default_factory=dict)  # processor -> pretrain file or None
    manifest: dict = field(default_factory=dict)
    stanza_dir: str | None = None  # for official models: stanza's resources folder

    def pipeline_kwargs(self, processors: tuple[str, ...]) -> dict:
        kw: dict = {}
        for proc in processors:
            if proc in self.paths:
                kw[f"{proc}_model_path"] = str(self.paths[proc])
            if proc in ("pos", "depparse", "ner"):
                kw[f"{proc}_pretrain_path"] = self.pretrains.get(proc)
                kw[f"{proc}_forward_charlm_path"] = None
                kw[f"{proc}_backward_charlm_path"] = None
        return kw


def _read_manifest(folder: Path) -> dict:
    f = folder / "manifest.json"
    if not f.exists():
        return {}
    try:
        return json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _manifest_entries(manifest: dict) -> dict:
    # {"processors": {proc: {...}}}, as training.py writes it
    models = manifest.get("processors") or manifest.get("models") or manifest
    return {k: v for k, v in models.items() if isinstance(v, dict)}


def folder_models(folder: Path, origin: str) -> ModelSet:
    """Models in a folder laid out like quotetrace's bundled one."""
    if not folder.is_dir():
        raise ModelNotFound(f"model folder {folder} does not exist; {_FIX}", str(folder))
    manifest = _read_manifest(folder)
    entries = _manifest_entries(manifest)
    paths, pretrains = {}, {}
    for proc in PROCESSORS:
        entry = entries.get(proc, {})
        name = entry.get("file", f"{proc}.pt")
        path = folder / name
        if not path.exists():
            if proc == "mwt" and "mwt" not in entries:
                continue  # a tokenizer trained without multi-word tokens needs none
            raise ModelNotFound(f"the {proc} model is missing from {folder} ({name}); {_FIX}", str(path))
        paths[proc] = path
        # a processor trained with the shared word vectors says so; older
        # manifests name one pretrain file for the tagger, parser and NER
        pre = entry["pretrain"] if "pretrain" in entry else (
            manifest.get("pretrain_file") if proc in ("pos", "depparse", "ner") else None)
        pretrains[proc] = str(folder / pre) if pre else None
    return ModelSet(origin, paths, pretrains, manifest)


def official_dir() -> Path:
    return Path(os.environ.get("STANZA_RESOURCES_DIR") or Path.home() / "stanza_resources")


def official_models() -> ModelSet:
    d = official_dir()
    if not (d / "resources.json").exists() or not (d / "en").is_dir():
        raise ModelNotFound(
            f"stanza's official English models are not installed in {d}; run `quotetrace models install` "
            "(needs a network) or use the bundled models (--models bundled)",
            str(d),
        )
    return ModelSet("official", stanza_dir=str(d))


def resolve(spec: str | None = None) -> ModelSet:
    """Pick the models: ``spec`` is "bundled", "official", "auto" or a folder path.

    With no spec, the environment variable QUOTETRACE_MODELS decides, and
    failing that "auto": official models when a user has installed them,
    else the bundled ones.
    """
    spec = spec or os.environ.get(ENV_VAR) or "auto"
    if spec == "auto":
        d = official_dir()
        if (d / "resources.json").exists() and (d / "en" / "depparse").is_dir():
            return official_models()
        return folder_models(BUNDLED_DIR, "bundled")
    if spec == "bundled":
        return folder_models(BUNDLED_DIR, "bundled")
    if spec == "official":
        return official_models()
    return folder_models(Path(spec).expanduser(), str(spec))


def describe(models: ModelSet) -> list[dict]:
    """One row per processor: where its model is, its size and its dev score."""
    rows = []
    entries = _manifest_entries(models.manifest)
    if models.origin == "official":
        base = Path(models.stanza_dir or official_dir()) / "en"
        for proc in PROCESSORS:
            files = sorted((base / proc).glob("*.pt")) if (base / proc).is_dir() else []
            rows.append({
                "processor": proc,
                "path": str(files[0]) if files else None,
                "size_mb": round(sum(f.stat().st_size for f in files) / 1e6, 2) if files else None,
                "dev_scores": None,
            })
        return rows
    for proc, path in models.paths.items():
        entry = entries.get(proc, {})
        size = Path(path).stat().st_size
        pre = models.pretrains.get(proc)
        rows.append({
            "processor": proc,
            "path": str(path),
            "size_mb": round(size / 1e6, 2),
            "pretrain": pre,
            "dev_scores": entry.get("dev_scores") or entry.get("dev"),
        })
    return rows


def install_official(processors: str = ",".join(PROCESSORS)) -> Path:
    """Download stanza's official English models (the only network access)."""
    import stanza  # noqa: PLC0415 - only here, on request

    d = official_dir()
    stanza.download("en", model_dir=str(d), processors=processors, verbose=False)
    return d
