"""What a cheaper stanza parse costs in accuracy: int8 quantization, batch sizes, selective parsing, each alone
and together, one torch thread; JSON on stdout.

    python benchmarks/parse_cost.py                          # every configuration (long: ~80k words each)
    python benchmarks/parse_cost.py --configs full int8 --sets corpus suite

Each configuration runs in a fresh process (``--worker NAME``) with ``QUOTES_THREADS=1``, and parses, with the
bundled GloVe model unless ``STANZA_RESOURCES_DIR`` says otherwise:

* *corpus*: ``corpus/articles`` (one ``parse_many`` call); attribution F1 by ``quotes.evaluation.evaluate`` on
  the development documents (those not in ``corpus/heldout.txt``) and, as an aggregate only, the held-out ones;
* *suite*: every document of ``tests/constructions``: attribution F1, and speaker names: of the gold quotes
  with a name whose content was found, the share whose record names the same speaker
  (``scoring.normalize_name``), and name F1 (content matched and the name right, over gold / predicted);
* *ud*: UD English GUM dev and EWT dev (``../shared/ud``) from raw text, UAS / LAS as
  ``benchmarks/comparison.py`` measures them on GUM test (not for selective parses, whose skipped
  sentences are stand-in trees).

Cost is CPU time (``resource.getrusage``: user + system of the process) of the parse calls, so other work
on the machine moves it much less than wall time; *words per CPU second* counts whitespace-separated
words of the texts parsed. Wall time and the 1-minute load average are recorded beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import GOLD, HELDOUT, ROOT, corpus  # noqa: E402

SUITE = ROOT / "tests" / "constructions"
UD = ROOT.parent / "shared" / "ud"
UD_SETS = {"gum_dev": UD / "en_gum-ud-dev.conllu", "ewt_dev": UD / "en_ewt-ud-dev.conllu"}

# name -> backend options (stanza, bundled model). "int8" quantizes tokenize, pos and depparse.
CONFIGS: dict[str, dict[str, Any]] = {
    "full": {"quantize": False, "selective": False},
    "int8 tokenize": {"quantize": "tokenize", "selective": False},
    "int8 pos": {"quantize": "pos", "selective": False},
    "int8 depparse": {"quantize": "depparse", "selective": False},
    "int8": {"quantize": True, "selective": False},
    "batch 1000": {"quantize": False, "batch_size": 1000, "selective": False},
    "batch 20000": {"quantize": False, "batch_size": 20000, "selective": False},
    "selective": {"quantize": False, "selective": True},
    "int8 + selective": {"quantize": True, "selective": True},
}
SETS = ("corpus", "suite", "ud", "gum_speakers")
GUM_ALL = [UD / f"en_gum-ud-{split}.conllu" for split in ("train", "dev", "test")]


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(fn: Any) -> tuple[Any, dict[str, float]]:
    load = os.getloadavg()[0]
    c0, w0 = cpu_s(), time.perf_counter()
    out = fn()
    return out, {
        "cpu_s": round(cpu_s() - c0, 3),
        "wall_s": round(time.perf_counter() - w0, 3),
        "load": [round(load, 2), round(os.getloadavg()[0], 2)],
    }


class _Stored:
    """Hands back the parses made (and timed) already, so evaluate() scores exactly those."""

    def __init__(self, inner: Any, parses: dict[str, Any]) -> None:
        self.name, self.provides, self.model = inner.name, inner.provides, getattr(inner, "model", "?")
        self.versions = getattr(inner, "versions", {})
        self._parses = parses

    def parse(self, text: str, doc_id: str | None = None) -> Any:
        return self._parses[Path(str(doc_id)).stem]

    def parse_many(self, texts: Any) -> Any:
        for doc_id, text in texts:
            yield self.parse(text, doc_id)


def names(gold: list[Any], predicted: list[Any]) -> dict[str, Any]:
    """Speaker names on matched quotes: accuracy where the gold has a name, and name P/R/F1."""
    from quotes.evaluation.scoring import match, normalize_name

    pairs = match(gold, predicted)
    named = [(g, p) for g, p in pairs if g.speaker_name]
    right = sum(normalize_name(g.speaker_name) == normalize_name(p.speaker_name) for g, p in named)
    gold_named = sum(1 for g in gold if g.speaker_name)
    predicted_named = sum(1 for p in predicted if p.speaker_name)
    precision = right / predicted_named if predicted_named else 0.0
    recall = right / gold_named if gold_named else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold_named": gold_named,
        "matched_named": len(named),
        "right": right,
        "accuracy": round(right / len(named), 4) if named else None,
        "f1": round(f1, 4),
    }


def gum_speakers(backend: Any, lexicon: Any, resolver: Any) -> dict[str, Any] | str:
    """Speaker names against GUM's gold coreference (as ``quotes.evaluation.speakers`` measures them on gold
    trees), here on this backend's parse of each document's text: the development documents only
    (``quotes/data/gum_speaker_dev.txt``). A record's speaker counts when its span lies inside a
    gold mention (by character offsets); it is right when its name names that mention's entity."""
    from quotes.evaluation.scoring import normalize_name
    from quotes.evaluation.speakers import FIRST_SECOND_PERSON, dev_documents, has_entities, names_entity
    from quotes.evaluation.speakers import gold_mentions as mentions_of
    from quotes.parse.backends.conllu import parse_from_conllu
    from quotes.parse.backends.conllu_reader import read_conllu
    from quotes.pipeline import records_from_parse

    if not all(path.exists() for path in GUM_ALL):
        return "skipped: no GUM in ../shared/ud"
    dev = dev_documents()
    docs = [d for path in GUM_ALL for d in read_conllu(path) if d.id in dev and has_entities(d)]
    texts = [(d.id, d.text()) for d in docs]
    parses, cost = timed(lambda: list(backend.parse_many(texts)))
    counts = {"speakers": 0, "right": 0, "resolved": 0, "resolved_right": 0}
    for (doc_id, text), doc, parse in zip(texts, docs, parses, strict=True):
        gold = parse_from_conllu(text, doc)
        spans = [(gold.tokens[a].start, gold.tokens[b].end, entity) for a, b, entity in mentions_of(doc)]
        by_entity: dict[str, list[str]] = {}
        for start, end, entity in spans:
            by_entity.setdefault(entity, []).append(text[start:end])
        for record in records_from_parse(parse, doc_id, lexicon, resolver):
            if record.speaker is None or record.speaker.text.lower() in FIRST_SECOND_PERSON:
                continue
            inside = [m for m in spans if m[0] <= record.speaker.start and record.speaker.end <= m[1]]
            if not inside:
                continue
            entity = min(inside, key=lambda m: m[1] - m[0])[2]
            right = names_entity(record.speaker_name, by_entity[entity])
            counts["speakers"] += 1
            counts["right"] += right
            if normalize_name(record.speaker_name) != normalize_name(record.speaker.text):
                counts["resolved"] += 1
                counts["resolved_right"] += right
    words = sum(len(t.split()) for _, t in texts)
    return {
        **cost,
        "docs": len(docs),
        "words": words,
        "words_per_cpu_s": round(words / cost["cpu_s"], 1),
        **counts,
        "accuracy": round(counts["right"] / counts["speakers"], 4) if counts["speakers"] else None,
        "resolved_accuracy": round(counts["resolved_right"] / counts["resolved"], 4) if counts["resolved"] else None,
    }


def worker(name: str, sets: list[str], ud_limit: int | None = None) -> dict[str, Any]:
    from quotes.data.lexicon import load as load_lexicon
    from quotes.parse.store import load_backend
    from quotes.pipeline import Extractor, records_from_parse
    from quotes.speakers.resolver import RuleResolver

    options = dict(CONFIGS[name])
    backend, load = timed(lambda: load_backend("stanza", **options))
    backend.parse("The mayor said it was fine.", "warm-up")
    inner = getattr(backend, "inner", backend)
    result: dict[str, Any] = {
        "config": name,
        "options": options,
        "load": load,
        "model": getattr(inner, "model", "?"),
        "identity": getattr(inner, "identity", "?"),
        "torch_threads": __import__("torch").get_num_threads(),
    }
    lexicon = load_lexicon()
    resolver = RuleResolver(lexicon)
    if "corpus" in sets:
        from quotes.evaluation.evaluate import evaluate

        docs = corpus()
        parses, cost = timed(lambda: dict(zip((d for d, _ in docs), backend.parse_many(docs), strict=True)))
        words = sum(len(t.split()) for _, t in docs)
        extractor = Extractor(_Stored(backend, {Path(k).stem: v for k, v in parses.items()}))
        ids = {Path(d).stem for d, _ in docs}
        dev, _, _ = evaluate(GOLD, extractor, ids - HELDOUT)
        held, _, _ = evaluate(GOLD, extractor, ids & HELDOUT)
        result["corpus"] = {
            **cost,
            "docs": len(docs),
            "words": words,
            "words_per_cpu_s": round(words / cost["cpu_s"], 1),
            "dev_docs": len(ids - HELDOUT),
            "dev_attribution_f1": round(dev.attribution.f1, 4),
            "dev_quote_f1": round(dev.quotes.f1, 4),
            "heldout_attribution_f1": round(held.attribution.f1, 4),
        }
    if "suite" in sets:
        from quotes.evaluation.construction_suite import load_suite
        from quotes.evaluation.constructions import score_suite
        from quotes.evaluation.scoring import items_from_records

        docs = load_suite(SUITE)
        parses, cost = timed(lambda: list(backend.parse_many((d.doc_id, d.text) for d in docs)))
        records = {
            d.doc_id: records_from_parse(p, d.doc_id, lexicon, resolver) for d, p in zip(docs, parses, strict=True)
        }
        overall = score_suite(docs, records)[-1]
        gold = [g for d in docs for g in d.gold]
        predicted = [i for d in docs for i in items_from_records(records[d.doc_id], d.doc_id)]
        words = sum(len(d.text.split()) for d in docs)
        result["suite"] = {
            **cost,
            "docs": len(docs),
            "words": words,
            "words_per_cpu_s": round(words / cost["cpu_s"], 1),
            "attribution_f1": round(overall.scores.attribution.f1, 4),
            "score": round(overall.score, 4),
            "names": names(gold, predicted),
        }
    if "gum_speakers" in sets:
        result["gum_speakers"] = gum_speakers(backend, lexicon, resolver)
    if "ud" in sets and not options.get("selective"):
        from comparison import attachment

        from quotes.parse.backends.conllu import parse_from_conllu
        from quotes.parse.backends.conllu_reader import read_conllu

        for key, path in UD_SETS.items():
            if not path.exists():
                result[key] = f"skipped: no {path}"
                continue
            gold_docs = read_conllu(path)[:ud_limit] if ud_limit else read_conllu(path)
            texts = [(doc.id or f"doc{k}", doc.text()) for k, doc in enumerate(gold_docs)]
            parses, cost = timed(lambda texts=texts: list(backend.parse_many(texts)))
            total = aligned = uas = las = 0
            for (_, text), doc, pred in zip(texts, gold_docs, parses, strict=True):
                t, a, u, la = attachment(pred, parse_from_conllu(text, doc))
                total, aligned, uas, las = total + t, aligned + a, uas + u, las + la
            words = sum(len(t.split()) for _, t in texts)
            result[key] = {
                **cost,
                "docs": len(texts),
                "gold_words": total,
                "words": words,
                "words_per_cpu_s": round(words / cost["cpu_s"], 1),
                "uas": round(uas / total, 4),
                "las": round(las / total, 4),
            }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=list(CONFIGS))
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    parser.add_argument(
        "--parallel", type=int, default=1, help="configurations at once (CPU seconds stay comparable, wall does not)"
    )
    parser.add_argument("--ud-limit", type=int, help="only the first N documents of each UD dev set")
    parser.add_argument(
        "--render", nargs="+", metavar="JSON", help="write the section of these runs' JSON into --results and stop"
    )
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="the report --render updates")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.render:
        from archive_scale import write_section

        runs = [json.loads(Path(path).read_text(encoding="utf-8")) for path in args.render]
        write_section(render(runs), args.results, HEADING)
        print(f"updated {args.results}")
        return 0
    if args.worker:
        print(json.dumps(worker(args.worker, args.sets, args.ud_limit)))
        return 0
    started = time.time()
    env = dict(os.environ, QUOTES_THREADS="1", OMP_NUM_THREADS="1")
    procs = {}
    pending = list(args.configs)
    results_by_name: dict[str, dict[str, Any]] = {}
    while pending or procs:
        while pending and len(procs) < args.parallel:
            name = pending.pop(0)
            cmd = [sys.executable, __file__, "--worker", name, "--sets", *args.sets]
            cmd += ["--ud-limit", str(args.ud_limit)] if args.ud_limit else []
            procs[name] = subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
            )
        time.sleep(1.0)
        for name, proc in list(procs.items()):
            if proc.poll() is None:
                continue
            out, err = proc.communicate()
            del procs[name]
            if proc.returncode != 0:
                results_by_name[name] = {"config": name, "failed": (err.strip().splitlines() or ["no output"])[-1]}
            else:
                results_by_name[name] = json.loads(out.strip().splitlines()[-1])
            print(json.dumps(results_by_name[name]), file=sys.stderr, flush=True)
    results = [results_by_name[name] for name in args.configs]
    print(
        json.dumps(
            {
                "benchmark": "parse_cost",
                "started_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime(started)),
                "seconds": round(time.time() - started, 1),
                "threads": 1,
                "parallel": args.parallel,
                "ud_limit": args.ud_limit,
                "cpu_count": os.cpu_count(),
                "results": results,
            },
            indent=1,
        )
    )
    return 0


HEADING = "## Cheaper stanza parses"


def _invocation(run: dict[str, Any]) -> str:
    """How a run was made, from its JSON: its sets, its UD limit and when."""
    found = {"ud" if k in ("gum_dev", "ewt_dev") else k for r in run["results"] for k in r}
    sets = " ".join(k for k in SETS if k in found)
    limit = f" --ud-limit {run['ud_limit']}" if run.get("ud_limit") else ""
    return f"`--sets {sets}{limit}` on {run['started_utc']} UTC"


def render(runs: list[dict[str, Any]]) -> str:
    """The RESULTS.md section for one or more runs' JSON (their results merged by configuration, in order)."""
    merged: dict[str, dict[str, Any]] = {}
    for run in runs:
        for result in run["results"]:
            merged.setdefault(result["config"], {}).update(result)
    order = list(CONFIGS)
    merged = dict(sorted(merged.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
    full = merged.get("full", {})

    def f1(value: Any) -> str:
        return f"{value:.4f}" if isinstance(value, float) else "-"

    def rate(res: dict[str, Any], key: str) -> str:
        part = res.get(key)
        if not isinstance(part, dict):
            return "-"
        base = full.get(key, {}).get("words_per_cpu_s") if isinstance(full.get(key), dict) else None
        ratio = f" ({part['words_per_cpu_s'] / base:.2f}x)" if base else ""
        return f"{part['words_per_cpu_s']:,.0f}{ratio}"

    def get(res: dict[str, Any], key: str, field: str) -> Any:
        part = res.get(key)
        return part.get(field) if isinstance(part, dict) else None

    lines = [
        HEADING,
        "",
        "Written by `python benchmarks/parse_cost.py` ("
        + "; ".join(_invocation(run) for run in runs)
        + "). One torch thread; each configuration in a process of its own, several at once "
        "(`--parallel`): the machine was shared with other work all along (load averages in the JSON), so only "
        "CPU seconds are compared, never wall time.",
        "",
        "| configuration | corpus words / CPU s | dev attribution F1 | held-out attribution F1 | suite words / CPU s "
        "| suite attribution F1 | suite names right | GUM speakers right (dev) | LAS GUM dev | LAS EWT dev |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, res in merged.items():
        if "failed" in res:
            lines.append(f"| {name} | failed: {res['failed'][:80]} |" + " |" * 9)
            continue
        names = get(res, "suite", "names") or {}
        gum = res.get("gum_speakers") if isinstance(res.get("gum_speakers"), dict) else {}
        lines.append(
            f"| {name} | {rate(res, 'corpus')} | {f1(get(res, 'corpus', 'dev_attribution_f1'))} | "
            f"{f1(get(res, 'corpus', 'heldout_attribution_f1'))} | {rate(res, 'suite')} | "
            f"{f1(get(res, 'suite', 'attribution_f1'))} | "
            + (f"{names['right']} of {names['matched_named']}" if names else "-")
            + " | "
            + (f"{gum['right']} of {gum['speakers']}" if gum else "-")
            + f" | {f1(get(res, 'gum_dev', 'las'))} | {f1(get(res, 'ewt_dev', 'las'))} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
