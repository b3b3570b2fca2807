"""Kill a real batch run halfway, resume it, and lose or repeat nothing."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.pipeline


def test_kill_and_resume(tmp_path, real_backend):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"a{i:03}.txt").write_text(
            f'"We will reopen bridge number {i} in March," said Lena Hartwig, the mayor of Oster.\n'
            f"The council said the repairs on bridge {i} had cost more than expected.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "quotetrace", "analyze", str(corpus), "-o", str(out), "--batch-size", "2", "--threads", "1"]
    env = dict(os.environ, QUOTETRACE_MODELS="bundled")
    p = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE)
    deadline = time.time() + 240
    while time.time() < deadline:
        if out.exists() and len(out.read_bytes().splitlines()) >= 6:
            break
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait()
    done_before = len(out.read_bytes().splitlines())
    assert 0 < done_before < 60, "the run should die halfway"
    r = subprocess.run(cmd + ["--resume"], env=env, capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr.decode()[-500:]
    paths = [json.loads(line)["path"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(paths) == sorted(str(corpus / f"a{i:03}.txt") for i in range(60))
