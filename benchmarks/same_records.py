"""Prove a refactor changed no behaviour: the records the corpus yields, byte for byte, per backend.

    python benchmarks/same_records.py record REF_DIR     # before the change
    python benchmarks/same_records.py compare REF_DIR    # after it: exit 1 on any difference

Each backend that can run here (stanza on the offline model, spaCy, the gold trees) extracts every
corpus article through ``quotes extract``, the command users run, so the bytes compared are the bytes
users get. ``provenance.versions`` is kept: a refactor that changes it changed something.

Two inputs, each twice: the corpus articles and the construction suite (stanza and spaCy; it has no gold
trees), each with the default options and with ``--evidence --include-unattributed``, so the rules that
only those options reach are compared too. ``--parses DIR`` keeps each parser's parses in DIR/<backend>
(``quotes extract --parses``): a stored parse gives the records a fresh one gives, and a re-check then
costs the rules only.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ARTICLES, ROOT, stanza_models_dir, unavailable  # noqa: E402

BACKENDS = ("stanza", "spacy", "conllu")


SUITE = ROOT / "tests" / "constructions"
FULL = ("--evidence", "--include-unattributed")
# (name, options): each input is extracted once per variant.
VARIANTS = (("", ()), ("-full", FULL))


def suite_jsonl(ref: Path) -> Path:
    """The construction suite as one JSONL input of {"id", "text"} (written once per comparison)."""
    from quotes.evaluation.construction_suite import load_suite

    path = ref / "suite-input.jsonl"
    lines = [json.dumps({"id": d.doc_id, "text": d.text}, ensure_ascii=False) for d in load_suite(SUITE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def inputs(backend: str, ref: Path) -> list[tuple[str, list[str]]]:
    """``(name, paths)`` for each input this backend reads."""
    articles = sorted(ARTICLES.glob("*.txt"))
    if backend == "conllu":
        articles = [a for a in articles if a.with_suffix(".conllu").exists()]
    # Relative paths, so doc ids do not depend on where the checkout lies.
    found = [("corpus", [str(a.relative_to(ROOT)) for a in articles])]
    if backend != "conllu":
        found.append(("suite", [str(suite_jsonl(ref))]))
    return found


def extract(backend: str, paths: list[str], options: tuple[str, ...], out: Path, parses: Path | None) -> None:
    args = [sys.executable, "-m", "quotes", "extract", "--parser", backend, "-o", str(out), *options]
    if parses is not None and backend != "conllu":
        args += ["--parses", str(parses / backend)]
    args += paths
    env = dict(os.environ)
    if backend == "stanza":
        env["STANZA_RESOURCES_DIR"] = str(stanza_models_dir())
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=("record", "compare"))
    ap.add_argument("ref", type=Path, help="folder holding <backend>.jsonl")
    ap.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated (default: all three)")
    ap.add_argument("--parses", type=Path, help="keep and reuse each parser's parses in DIR/<backend>")
    args = ap.parse_args(argv)
    args.ref.mkdir(parents=True, exist_ok=True)
    differ = 0
    for backend in args.backends.split(","):
        why = unavailable(backend)
        if why:
            print(f"{backend}: not run ({why})")
            differ |= args.mode == "compare"  # a comparison that cannot run proves nothing
            continue
        for name, paths in inputs(backend, args.ref):
            for variant, options in VARIANTS:
                differ |= check(
                    args,
                    f"{backend}-{name}{variant}" if name != "corpus" or variant else backend,
                    backend,
                    paths,
                    options,
                )
    return differ


def check(args: argparse.Namespace, label: str, backend: str, paths: list[str], options: tuple[str, ...]) -> int:
    """Record or compare one (backend, input, options) run; 1 when it differs from the record."""
    if args.mode == "record":
        extract(backend, paths, options, args.ref / f"{label}.jsonl", args.parses)
        print(f"{label}: recorded {args.ref / f'{label}.jsonl'}")
        return 0
    now = args.ref / f"{label}.now.jsonl"
    extract(backend, paths, options, now, args.parses)
    before = (args.ref / f"{label}.jsonl").read_bytes()
    after = now.read_bytes()
    if before == after:
        print(f"{label}: byte-identical ({len(after.splitlines())} records)")
        return 0
    diff = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), "before", "after", lineterm="", n=0
    )
    print(f"{label}: DIFFERENT")
    for line in list(diff)[:20]:
        print("   ", line[:300])
    return 1


if __name__ == "__main__":
    sys.exit(main())
