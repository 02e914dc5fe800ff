"""The construction suite's per-construction table, for each parser that can run here.

    python benchmarks/constructions.py                    # stanza and spaCy
    python benchmarks/constructions.py --parser spacy --details

``score`` is attribution F1 (the speaker right, by quotes.evaluation.scoring's matching), or for a construction made
only of precision traps the share of its documents left without any extraction; tests/test_constructions.py
holds every construction to 0.9. ``--details`` lists what went wrong in each construction below that.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ROOT, make_backend, unavailable  # noqa: E402

sys.path.insert(0, str(ROOT))

from quotes.evaluation.construction_suite import THRESHOLD, load_suite  # noqa: E402
from quotes.evaluation.constructions import render_table, score_suite  # noqa: E402
from quotes.pipeline import Extractor  # noqa: E402

SUITE = ROOT / "tests" / "constructions"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parser", nargs="+", default=["stanza", "spacy"], choices=["stanza", "spacy"])
    parser.add_argument("--suite", type=Path, default=SUITE, help="folder of construction files")
    parser.add_argument("--details", action="store_true", help="what went wrong, per failing construction")
    args = parser.parse_args(argv)
    docs = load_suite(args.suite)
    for name in args.parser:
        why = unavailable(name)
        if why:
            print(f"{name}: skipped ({why})\n")
            continue
        started = time.perf_counter()
        extractor = Extractor(make_backend(name), evidence=True)  # the suite has an evidence construction
        records = dict(extractor.extract_many((d.doc_id, d.text) for d in docs))
        seconds = time.perf_counter() - started
        rows = score_suite(docs, records)
        below = sum(not r.passed for r in rows if r.construction != "all")
        title = f"{name}: {len(docs)} documents in {seconds:.0f} s; {below} of {len(rows) - 1} constructions "
        title += f"below {THRESHOLD}"
        print(render_table(rows, title=title))
        if args.details:
            for row in rows:
                if row.construction != "all" and not row.passed:
                    print(f"\n[{name}] {row.construction} (score {row.score:.3f})")
                    print("\n".join("  " + line for line in row.failures(limit=40)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
