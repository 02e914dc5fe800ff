"""Prove a refactor changed no behaviour: the records the corpus yields, byte for byte, per backend.

    python benchmarks/same_records.py record REF_DIR     # before the change
    python benchmarks/same_records.py compare REF_DIR    # after it: exit 1 on any difference

Each backend that can run here (stanza on the offline model, spaCy, the gold trees) extracts every
corpus article through ``quotes extract``, the command users run, so the bytes compared are the bytes
users get. ``provenance.versions`` is kept: a refactor that changes it changed something.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ARTICLES, ROOT, stanza_models_dir, unavailable  # noqa: E402

BACKENDS = ("stanza", "spacy", "conllu")


def extract(backend: str, out: Path) -> None:
    articles = sorted(ARTICLES.glob("*.txt"))
    if backend == "conllu":
        articles = [a for a in articles if a.with_suffix(".conllu").exists()]
    # Relative paths, so doc ids do not depend on where the checkout lies.
    args = [sys.executable, "-m", "quotes", "extract", "--parser", backend, "-o", str(out)]
    args += [str(a.relative_to(ROOT)) for a in articles]
    env = dict(os.environ)
    if backend == "stanza":
        env["STANZA_RESOURCES_DIR"] = str(stanza_models_dir())
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("record", "compare"))
    ap.add_argument("ref", type=Path, help="folder holding <backend>.jsonl")
    ap.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated (default: all three)")
    args = ap.parse_args(argv)
    args.ref.mkdir(parents=True, exist_ok=True)
    differ = 0
    for backend in args.backends.split(","):
        why = unavailable(backend)
        if why:
            print(f"{backend}: not run ({why})")
            differ |= args.mode == "compare"  # a comparison that cannot run proves nothing
            continue
        if args.mode == "record":
            extract(backend, args.ref / f"{backend}.jsonl")
            print(f"{backend}: recorded {args.ref / f'{backend}.jsonl'}")
            continue
        now = args.ref / f"{backend}.now.jsonl"
        extract(backend, now)
        before = (args.ref / f"{backend}.jsonl").read_bytes()
        after = now.read_bytes()
        if before == after:
            print(f"{backend}: byte-identical ({len(after.splitlines())} records)")
            continue
        differ = 1
        diff = difflib.unified_diff(
            before.decode().splitlines(), after.decode().splitlines(), "before", "after", lineterm="", n=0
        )
        print(f"{backend}: DIFFERENT")
        for line in list(diff)[:20]:
            print("   ", line[:300])
    return differ


if __name__ == "__main__":
    sys.exit(main())
