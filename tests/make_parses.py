"""Store the parses of tests/texts.py made by the bundled models: `python tests/make_parses.py`.

Rerun after the bundled models change; the attribution tests then run on
these stored parses with no model loaded.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from quotetrace.nlp import StanzaBackend, doc_to_json
from quotetrace.stance import may_hold_claim

from texts import TEXTS

if __name__ == "__main__":
    backend = StanzaBackend("bundled")
    docs = backend.parse_many(list(TEXTS.values()), select=may_hold_claim)  # the sentences the pipeline parses
    out = Path(__file__).parent / "data" / "parses.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(doc_to_json(d), ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} parses to {out}")
