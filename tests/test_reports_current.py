"""The committed reports in reports/ are what the code renders now (run scripts/render_reports.py to update)."""
import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.pipeline
ROOT = Path(__file__).resolve().parent.parent


def test_reports_are_current(real_backend):
    spec = importlib.util.spec_from_file_location("render_reports", ROOT / "scripts" / "render_reports.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    files = mod.render(backend=real_backend)
    assert set(files) >= {"albu-kamal-2017.html", "index.html"}
    stale = [name for name, text in files.items()
             if not (ROOT / "reports" / name).exists() or (ROOT / "reports" / name).read_text(encoding="utf-8") != text]
    assert not stale, f"out of date: {stale}; run python scripts/render_reports.py"
    assert (ROOT / "reports" / "albu-kamal-2017.png").exists()
