"""Rule cases as data: CoNLL-U case files (``tests/rules/*.conllu``) with the records each case must give.

A case is one document::

    # newdoc id = quote-cue/said-after-name
    # doc_text = "\\"We are ready,\\" Haddad said."
    # expect = {"kind": "direct", "rule": "quote-cue", "content": "We are ready,", "speaker": "Haddad", "cue": "said"}
    # sent_id = 1
    1	"	"	PUNCT	``	_	4	punct	_	_
    ...

``doc_text`` is the document's exact text as a JSON string (newlines and quotation marks kept); the
sentences are its tree, laid onto the text word by word as the gold-tree backend does. Each ``expect``
line is one record, in order: its kind, rule and the text of its content, speaker and cue (``null``
for none); a case with ``# expect = none`` must give no record. A case may instead say only what must
not happen (``# absent = indirect-that-surface``: no record of that rule), where the rest of its
output is no settled answer. Records are made with every option on
(unattributed passages and evidence sources too), so a case can hold any rule. The trees are a real
parser's (the stored parse of a suite document) or written by hand for a parser's typical error.

``python -m tests.rule_cases CASE_ID TEXT`` prints a new case for TEXT, parsed by spaCy, with the
records the rules give now: read them, fix what is wrong, and add the block to a case file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from attrs import define

from quotes.options import Options
from quotes.parse.backends.conllu import parse_from_conllu
from quotes.parse.backends.conllu_reader import read_conllu
from quotes.parse.model import Parse
from quotes.pipeline import records_from_parse
from quotes.records import QuoteRecord

CASES = Path(__file__).resolve().parent / "rules"
OPTIONS = Options(include_unattributed=True, evidence=True)


@define(frozen=True)
class Case:
    id: str
    text: str
    parse: Parse
    expected: tuple[dict[str, Any], ...] | None  # None: the case pins no records, only what is absent
    absent: tuple[str, ...]
    source: str

    @property
    def rules(self) -> set[str]:
        return {e["rule"] for e in self.expected or ()}


def summary(record: QuoteRecord) -> dict[str, Any]:
    """What a case says of a record: its kind, rule and the text of its content, speaker and cue."""
    return {
        "kind": record.kind,
        "rule": record.evidence.rule,
        "content": record.content.text,
        "speaker": record.speaker.text if record.speaker is not None else None,
        "cue": record.cue.text if record.cue is not None else None,
    }


def records_of(case: Case) -> list[dict[str, Any]]:
    return [summary(r) for r in records_from_parse(case.parse, case.id, options=OPTIONS)]


def read_cases(path: Path) -> list[Case]:
    """Every case of a case file; a malformed one is an error naming the file and the case."""
    blocks = path.read_text(encoding="utf-8").split("# newdoc id = ")[1:]
    cases = []
    for block in blocks:
        case_id, _, body = block.partition("\n")
        text = None
        expected: list[dict[str, Any]] | None = None
        absent: list[str] = []
        for line in body.splitlines():
            if line.startswith("# doc_text = "):
                text = json.loads(line.removeprefix("# doc_text = "))
            elif line.startswith("# expect = "):
                value = line.removeprefix("# expect = ")
                expected = expected or []
                if value != "none":
                    expected.append(json.loads(value))
            elif line.startswith("# absent = "):
                absent.extend(r.strip() for r in line.removeprefix("# absent = ").split(","))
        if text is None:
            raise ValueError(f"{path}: case {case_id}: no '# doc_text = ' line")
        [document] = read_conllu(body)
        parse = parse_from_conllu(text, document, doc_label=case_id)
        if expected is None and not absent:
            raise ValueError(f"{path}: case {case_id}: neither '# expect = ' nor '# absent = ' lines")
        pinned = tuple(expected) if expected is not None else None
        cases.append(Case(case_id.strip(), text, parse, pinned, tuple(absent), str(path.name)))
    return cases


def all_cases() -> list[Case]:
    return [case for path in sorted(CASES.glob("*.conllu")) for case in read_cases(path)]


def write_case(case_id: str, parse: Parse, expected: list[dict[str, Any]] | None, absent: tuple[str, ...] = ()) -> str:
    """The case-file block for a parse and the records it must give (or, with ``expected`` None, only
    the rules it must not give)."""
    lines = [f"# newdoc id = {case_id}", f"# doc_text = {json.dumps(parse.text, ensure_ascii=False)}"]
    if expected is not None:
        lines += [f"# expect = {json.dumps(e, ensure_ascii=False)}" for e in expected] or ["# expect = none"]
    if absent:
        lines.append(f"# absent = {', '.join(absent)}")
    for sent in parse.sentences:
        lines.append(f"# sent_id = {sent.index + 1}")
        for tok in parse.tokens[sent.first : sent.last]:
            head = 0 if tok.head is None else tok.head - sent.first + 1
            cells = [tok.form, tok.lemma or "_", tok.upos or "_", tok.xpos or "_", tok.feats or "_"]
            misc = "_" if tok.space_after else "SpaceAfter=No"
            lines.append("\t".join([str(tok.index - sent.first + 1), *cells, str(head), tok.deprel or "_", "_", misc]))
        lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    from quotes.parse.backends import build_backend

    case_id, text = argv[0], argv[1]
    parse = build_backend("spacy").parse(text, case_id)
    expected = [summary(r) for r in records_from_parse(parse, case_id, options=OPTIONS)]
    sys.stdout.write(write_case(case_id, parse, expected))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
