"""Rebuild the GUM Wikinews articles of the gold corpus from the UD treebank in ../shared/ud.

Usage (from the repository root)::

    python corpus/build_gum.py            # (re)write corpus/articles/<doc id>.{txt,conllu}
    python corpus/build_gum.py --check    # write nothing; exit 1 if a file differs from a rebuild

For every document id in ``DOCS`` the script finds the document in
``../shared/ud/en_gum-ud-{train,dev,test}.conllu`` and writes two files:

``<doc id>.conllu``
    the document's block copied verbatim: from its ``# newdoc id`` line up to (not including) the next
    ``# newdoc`` line, or the end of the file.

``<doc id>.txt``
    the article text rebuilt from the ``# text = ...`` lines, which are the gold surface text (never
    the tokens): within a paragraph the sentences are joined by a single space; a sentence preceded by
    a ``# newpar`` comment starts a new paragraph, separated from the previous one by a blank line
    ("\\n\\n"); the file ends with one "\\n". Encoding UTF-8, "\\n" line ends.

Deterministic and stdlib only: the same treebank always gives byte-identical files.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UD_DIR = ROOT.parent / "shared" / "ud"
OUT_DIR = ROOT / "corpus" / "articles"
SPLITS = ("train", "dev", "test")

# Wikinews documents (GUM, CC BY 2.5) chosen for their direct quotes and reported speech.
DOCS = (
    "GUM_news_nasa",  # test
    "GUM_news_sensitive",  # test
    "GUM_news_homeopathic",  # dev
    "GUM_news_iodine",  # dev
    "GUM_news_afghan",  # train
    "GUM_news_defector",  # train
    "GUM_news_ie9",  # train
    "GUM_news_korea",  # train
    # Held-out documents (corpus/heldout.txt), added later and annotated blind to the extractor.
    "GUM_news_hackers",  # train
    "GUM_news_taxes",  # train
    "GUM_news_warhol",  # train
    # Blind set (blind-a), annotated blind to the extractor.
    "GUM_news_asylum",  # train
    "GUM_news_expo",  # train
    "GUM_news_flag",  # train
    "GUM_news_imprisoned",  # train
    "GUM_news_lanterns",  # train
    "GUM_news_stampede",  # train
    # Blind set (blind-b), annotated blind to the extractor.
    "GUM_news_clock",  # train
    "GUM_news_crane",  # train
    "GUM_news_election",  # train
    "GUM_news_soccer",  # train
    "GUM_news_warming",  # train
    "GUM_news_worship",  # train
)

NEWDOC = re.compile(r"^# newdoc id\s*=\s*(\S+)")
# "# newpar" alone or with an id ("# newpar id = ..."), but not GUM's "# newpar_block = ..." line.
NEWPAR = re.compile(r"^# newpar(\s|$)")
TEXT_PREFIX = "# text = "


def read_blocks(path: Path) -> dict[str, str]:
    """Map each document id in a CoNLL-U file to its verbatim block of lines."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            if line.startswith("# newdoc"):
                match = NEWDOC.match(line)
                if match is None:
                    raise ValueError(f"{path.name}: malformed newdoc line {line!r}")
                doc_id = match.group(1)
                if doc_id in blocks:
                    raise ValueError(f"{path.name}: document {doc_id} occurs twice")
                current = blocks[doc_id] = []
            if current is not None:
                current.append(line)
    return {doc_id: "".join(lines) for doc_id, lines in blocks.items()}


def sentences(block: str) -> list[tuple[bool, str]]:
    """(starts a new paragraph, text) for each sentence of a document block, in order."""
    result: list[tuple[bool, str]] = []
    newpar = False
    for line in block.split("\n"):  # not splitlines(): it also splits at U+2028, U+0085 ...
        line = line.removesuffix("\r")
        if NEWPAR.match(line):
            newpar = True
        elif line.startswith(TEXT_PREFIX):
            result.append((newpar, line[len(TEXT_PREFIX) :]))
            newpar = False
    return result


def article_text(block: str) -> str:
    """The article text of a document block, laid out as described in the module docstring."""
    out: list[str] = []
    for newpar, text in sentences(block):
        if out:
            out.append("\n\n" if newpar else " ")
        out.append(text)
    if not out:
        raise ValueError("document has no '# text' lines")
    return "".join(out) + "\n"


def find_documents(doc_ids: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for split in SPLITS:
        path = UD_DIR / f"en_gum-ud-{split}.conllu"
        if not path.exists():
            raise FileNotFoundError(f"treebank file not found: {path}")
        for doc_id, block in read_blocks(path).items():
            if doc_id in doc_ids:
                found[doc_id] = block
    missing = [d for d in doc_ids if d not in found]
    if missing:
        raise KeyError(f"documents not found in {UD_DIR}: {', '.join(missing)}")
    return found


def outputs() -> dict[Path, str]:
    """Every file this script writes, with its content."""
    files: dict[Path, str] = {}
    for doc_id, block in find_documents(DOCS).items():
        files[OUT_DIR / f"{doc_id}.conllu"] = block
        files[OUT_DIR / f"{doc_id}.txt"] = article_text(block)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for path, content in sorted(outputs().items()):
        data = content.encode("utf-8")
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    for path in stale:
        print(f"differs from a rebuild: {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
