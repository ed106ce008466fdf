"""Throughput: the project's pipeline against NLTK's standard one, cold and warm, with peak memory.

Usage (from the repo root):

    python benchmarks/throughput.py                          # real news, as it is (the default)
    python benchmarks/throughput.py --source sample --articles 20000   # 20,000 articles replicated from data/raw
    python benchmarks/throughput.py --source sample --articles 100000
    python benchmarks/throughput.py --source sample --jsonl path/to/articles.jsonl [--articles N]   # replicated to N
    python benchmarks/throughput.py --source sample --novel-words 0.05   # a vocabulary that grows with the corpus
    python benchmarks/throughput.py --source synthetic --articles 20000 [--calibration]   # see below

Corpora: ``real`` (the default) is the FA-KES development articles and the TR-News texts from ../shared, as they
are. For scale only: ``sample`` replicates articles (optionally with made-up words); ``synthetic`` generates
articles calibrated on the real text (benchmarks/synthetic.py): real sentence shapes and article layouts, a
vocabulary that grows along the Heaps curve fitted on the real text; ``--calibration`` prints the comparison.

Stages, each in its own process so peak RSS is its own:
  reference  NLTK's pipeline as nltk.word_tokenize runs it (Punkt sentences + NLTKWordTokenizer per sentence,
             here with the project's Punkt parameters since punkt data cannot be downloaded) and FreqDist counts
  project    load_articles(JSONL, cache=True) -> count_terms(cache=True), cold (all cores; the same counts
             as term_frequencies(tokens(...)))
  warm       the same again on the unchanged corpus: the content-addressed caches are reused
  table      load_articles -> tokens (all cores) -> term_frequencies: the full token table, cold; memory sampled
             for the process tree too
  stream     count_terms(path, cache=True): the file streamed in batches through the workers, never held whole;
             memory is sampled for the whole process tree (peak sum of PSS, and of RSS, over main + workers)
  stream_warm  the same again: the file's bytes are hashed and the cached counts read back
Memory: besides each stage's peak RSS (main process; its workers' own peaks if higher), the table and stream
stages report the memory above the import baseline (RSS and PSS right after importing pandas, pyarrow, NLTK and
the package) per MB of text (characters of title + body), for the main process (RSS) and for the process tree
(sum of PSS over main + workers).
Also checks token agreement: the project's tokens equal NLTK's on what share of sentences (quotes folded
to ASCII and `` / '' read as ", the project's documented normalisation).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpora import build_corpus, build_real_corpus, real_records


def _peak_mb() -> float:
    """Peak RSS of this process (VmHWM: since its exec; ru_maxrss keeps the RSS of the parent it was forked
    from, which is the whole benchmark's, corpus generation included) or of a worker, whichever is higher."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    status = Path("/proc/self/status")
    if status.exists():
        me = next(int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmHWM:"))
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(me, kids) / 1024


class TreeMemory:
    """Samples the memory of this process and its worker processes every ``every`` seconds.

    RSS counts the pages worker processes share with their parent (fork) once per process; PSS
    (proportional set size, from /proc/<pid>/smaps_rollup) splits each shared page among its
    sharers, so the sum of PSS over the process tree is the tree's real footprint.
    """

    def __init__(self, every: float = 0.05) -> None:
        import threading

        self.every, self.peak_pss, self.peak_rss_sum = every, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _tree(pid: int) -> list[int]:
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            for task in Path(f"/proc/{p}/task").glob("*"):
                try:
                    todo.extend(int(c) for c in (task / "children").read_text().split())
                except OSError:
                    pass
        return out

    @staticmethod
    def _kb(pid: int, field: str) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = self._tree(os.getpid())
            self.peak_pss = max(self.peak_pss, sum(self._kb(p, "Pss") for p in pids) / 1024)
            self.peak_rss_sum = max(self.peak_rss_sum, sum(self._kb(p, "Rss") for p in pids) / 1024)
            self._stop.wait(self.every)

    def __enter__(self) -> "TreeMemory":
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def _rss_now_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reference(corpus: Path) -> dict:
    """NLTK's pipeline: Punkt sentences, NLTKWordTokenizer per sentence, FreqDist of the lower-cased tokens."""
    from nltk import FreqDist
    from nltk.tokenize import NLTKWordTokenizer

    from analysis.text import sentence_splitter

    splitter, words = sentence_splitter(), NLTKWordTokenizer()
    fd = FreqDist()
    n_tok = 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for text in (rec["title"], rec["body"]):
                for para in text.split("\n\n"):
                    for sent in splitter.tokenize(para):
                        toks = words.tokenize(sent)
                        n_tok += len(toks)
                        fd.update(t.lower() for t in toks)
    return {"tokens": n_tok, "terms": len(fd)}


def _stream(corpus: Path) -> dict:
    from analysis.scale import count_terms

    with TreeMemory() as mem:
        tf = count_terms(corpus, cache=True)
    return {"terms": len(tf), "tree_pss_mb": round(mem.peak_pss, 1), "tree_rss_sum_mb": round(mem.peak_rss_sum, 1)}


def _project(corpus: Path) -> dict:
    from analysis import load_articles
    from analysis.scale import count_terms

    t0 = time.perf_counter()
    arts = load_articles(corpus, cache=True)
    t1 = time.perf_counter()
    tf = count_terms(arts, cache=True)
    return {"terms": len(tf), "articles": len(arts), "load_s": round(t1 - t0, 2)}


def _table(corpus: Path) -> dict:
    """The full token table; memory sampled over the process tree too (``tokens`` runs worker processes)."""
    from analysis import load_articles, term_frequencies, tokens

    with TreeMemory() as mem:
        t0 = time.perf_counter()
        arts = load_articles(corpus)
        t1 = time.perf_counter()
        toks = tokens(arts)
        t2 = time.perf_counter()
        tf = term_frequencies(toks)
    return {"terms": len(tf), "tokens": len(toks), "load_s": round(t1 - t0, 2), "tokens_s": round(t2 - t1, 2),
            "table_mb": round(float(toks.memory_usage(deep=True).sum()) / 1e6, 1),
            "tree_pss_mb": round(mem.peak_pss, 1), "tree_rss_sum_mb": round(mem.peak_rss_sum, 1)}


_STAGES = {"reference": _reference, "project": _project, "warm": _project, "table": _table, "stream": _stream,
           "stream_warm": _stream}


def stage(name: str, corpus: Path) -> dict:
    """One pipeline, timed after its imports (interpreter start-up is not the pipeline).

    Every stage first imports what any stage uses (pandas, pyarrow, NLTK, the analysis package), then records
    its memory: the main process's RSS and PSS right after the imports are the baseline the memory ratios
    subtract, so that they measure the text's cost rather than the interpreter's and the libraries'.
    """
    import importlib

    for module in ("pandas", "pyarrow", "nltk", "analysis", "analysis.scale", "analysis.text"):
        importlib.import_module(module)
    base = {"rss_after_imports_mb": round(_rss_now_mb(), 1),
            "pss_after_imports_mb": round(TreeMemory._kb(os.getpid(), "Pss") / 1024, 1)}
    t0 = time.perf_counter()
    out = _STAGES[name](corpus)
    out["seconds"] = round(time.perf_counter() - t0, 3)
    out["peak_rss_mb"] = round(_peak_mb(), 1)
    return {**out, **base}


def agreement(corpus: Path, limit: int = 3000) -> dict:
    """Share of sentences (of the first ``limit`` articles' bodies) whose project tokens are NLTK's: the same
    character spans as ``NLTKWordTokenizer.span_tokenize`` on the (folded) sentence. Spans, not strings:
    NLTK writes a quote mark as ``\`\``` or ``''`` whatever the text had."""
    from nltk.tokenize import NLTKWordTokenizer

    from analysis.text import fold, sentence_spans, word_spans

    words = NLTKWordTokenizer()
    same = total = 0
    with corpus.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            body = json.loads(line)["body"]
            for a, b in sentence_spans(body):
                sent = fold(body[a:b])
                total += 1
                same += list(words.span_tokenize(sent)) == word_spans(sent)
    return {"articles": min(i + 1, limit) if total else 0, "sentences": total,
            "identical_share": round(same / max(total, 1), 5)}


def _parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", choices=["real", "sample", "synthetic"], default="real",
                    help="real: FA-KES + TR-News from ../shared as they are (default); sample: replicate --jsonl or "
                         "data/raw to --articles; synthetic: --articles generated, calibrated on the real text")
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--jsonl", type=Path, default=None, help="real articles to replicate (title/body JSONL)")
    ap.add_argument("--novel-words", type=float, default=0.0,
                    help="share of words replaced by made-up Zipfian ones (a growing vocabulary), e.g. 0.05")
    ap.add_argument("--seed", type=int, default=7, help="seed of the sample and synthetic corpora")
    ap.add_argument("--calibration", action="store_true",
                    help="with --source synthetic: print how the synthetic corpus compares with the real text "
                         "(Heaps' law K and β, sentence lengths, article lengths, punctuation)")
    ap.add_argument("--stage", choices=["reference", "project", "table", "warm", "stream", "stream_warm"],
                    help=argparse.SUPPRESS)
    ap.add_argument("--stages", default="reference,project,warm,table,stream,stream_warm",
                    help="which stages to run, comma-separated (default: all; 'none' for the corpus alone)")
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.calibration and args.source != "synthetic":
        ap.error("--calibration compares the synthetic corpus with the real text: add --source synthetic")
    return args


def _build(args: argparse.Namespace, corpus: Path) -> tuple[float, float]:
    """Write the corpus the stages run on; print what it is. Returns its JSONL size and its text (title + body)
    in MB."""
    from analysis.paths import repo_root

    shared = repo_root().parent / "shared"
    if args.source == "real":
        size, chars = build_real_corpus(corpus, shared)
        args.articles = sum(1 for _ in corpus.open(encoding="utf-8"))
        what = "real news as it is (FA-KES dev + TR-News)"
    elif args.source == "synthetic":
        from synthetic import build_synthetic_corpus, calibration_report

        t0 = time.perf_counter()
        size, chars, model = build_synthetic_corpus(corpus, args.articles, shared, seed=args.seed)
        what = (f"synthetic, calibrated on the real text (Heaps K = {model['K']:.2f}, β = {model['beta']:.3f}), "
                f"seed {args.seed}, generated in {time.perf_counter() - t0:.1f} s")
    else:
        size, chars = build_corpus(corpus, args.articles, args.jsonl, seed=args.seed, novel=args.novel_words)
        what = f"replicated from {args.jsonl or 'data/raw'}; {args.novel_words:.0%} of words made up"
    print(f"corpus: {args.articles:,} articles, {what}: {size / 1e6:.2f} MB of JSONL, {chars / 1e6:.2f} M characters "
          f"of text")
    if args.calibration:
        print("\n".join(calibration_report(model, corpus, real_records(shared))))
    return size / 1e6, chars / 1e6


def _run_stages(args: argparse.Namespace, corpus: Path, work: Path, mb: float) -> dict:
    """Each stage in its own process (so its peak RSS is its own); one line each."""
    env = {**os.environ, "ANALYSIS_DERIVED_DIR": str(work / "derived")}
    results = {}
    for name in [s for s in args.stages.split(",") if s and s != "none"]:
        r = subprocess.run([sys.executable, __file__, "--stage", name, "--corpus", str(corpus)], env=env,
                           capture_output=True, text=True, check=True)
        results[name] = res = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"{name:9s} {res['seconds']:7.2f} s  {mb / res['seconds']:6.2f} MB/s  "
              f"{args.articles / res['seconds']:8.0f} articles/s  peak RSS {res['peak_rss_mb']:7.1f} MB  {res}")
    return results


def _summary(results: dict, mb: float) -> None:
    ref = results.get("reference", {}).get("seconds")
    for name, label in (("project", "load_articles + count_terms"),
                        ("table", "load_articles + tokens + term_frequencies"),
                        ("stream", "count_terms streaming the file")):
        if ref and name in results:
            print(f"speed-up, cold {label} vs NLTK reference: {ref / results[name]['seconds']:.1f}x")
    if "project" in results and "warm" in results:
        print(f"warm (caches reused) vs cold: {results['project']['seconds'] / results['warm']['seconds']:.1f}x faster")
    if "stream" in results and "stream_warm" in results:
        print(f"warm streaming count_terms(path, cache=True) vs cold: "
              f"{results['stream']['seconds'] / results['stream_warm']['seconds']:.1f}x faster")
    if "stream" in results:
        st = results["stream"]
        print(f"streaming count_terms, memory / corpus size: main process peak RSS {st['peak_rss_mb'] / mb:.2f}x, "
              f"process tree peak PSS {st['tree_pss_mb'] / mb:.2f}x (sum of RSS {st['tree_rss_sum_mb'] / mb:.2f}x)")
    if "table" in results:
        print(f"token table path, peak RSS / JSONL size: {results['table']['peak_rss_mb'] / mb:.1f}x")


def _memory(results: dict, text_mb: float) -> None:
    """Memory above the import baseline per MB of text (characters of title + body): the ratios issue 18 sets."""
    for name, label in (("table", "token table path (load_articles + tokens + term_frequencies)"),
                        ("stream", "streaming count_terms(path)")):
        if name not in results:
            continue
        r = results[name]
        main_x = (r["peak_rss_mb"] - r["rss_after_imports_mb"]) / text_mb
        tree_x = (r["tree_pss_mb"] - r["pss_after_imports_mb"]) / text_mb
        print(f"memory, {label}, per MB of text ({text_mb:.2f} M characters of title + body):\n"
              f"  main process: (peak RSS {r['peak_rss_mb']:.1f} MB - RSS after imports {r['rss_after_imports_mb']:.1f}"
              f" MB) / text = {main_x:.1f}x\n"
              f"  process tree (main + workers): (peak sum of PSS {r['tree_pss_mb']:.1f} MB - main PSS after imports "
              f"{r['pss_after_imports_mb']:.1f} MB) / text = {tree_x:.1f}x")


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if args.stage:
        print(json.dumps(stage(args.stage, args.corpus)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="throughput-"))
    try:
        corpus = work / "corpus.jsonl"
        mb, text_mb = _build(args, corpus)
        results = _run_stages(args, corpus, work, mb)
        _summary(results, mb)
        _memory(results, text_mb)
        print("token agreement with NLTK:", agreement(corpus))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
