"""Every third-person pronoun's resolution on GUM's gold coreference (the speaker resolver's diagnostic).

    python benchmarks/pronouns.py [--errors] [--held-out]

Scores the development documents (quotes/data/gum_speaker_dev.txt) with
:mod:`quotes.evaluation.pronouns`: accuracy, the oracle (the right entity among the candidates at all)
and figures by pronoun form. ``--errors`` prints each development error, except those of the six
corpus articles held out for the quote scores (corpus/heldout.txt), whose errors nobody reads.
``--held-out`` adds the held-out documents' totals; their errors are never kept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ROOT  # noqa: E402

from quotes.evaluation.pronouns import score_split  # noqa: E402

UD = ROOT.parent / "shared" / "ud"
FILES = [UD / f"en_gum-ud-{split}.conllu" for split in ("train", "dev", "test")]
QUOTE_HELD_OUT = frozenset(
    line.strip() for line in (ROOT / "corpus" / "heldout.txt").read_text().splitlines() if line.strip()
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the development errors")
    parser.add_argument("--held-out", action="store_true", help="also print the held-out totals")
    args = parser.parse_args()
    development, held_out = score_split(FILES)
    print(development.summary("development"))
    if args.held_out:
        print(held_out.summary("held-out"))
    if args.errors:
        for error in development.errors:
            if error[0] not in QUOTE_HELD_OUT:
                print(error)


if __name__ == "__main__":
    main()
