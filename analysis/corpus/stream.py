"""Reading a corpus in batches without holding its text (used by :mod:`analysis.scale`).

JSONL files (valid UTF-8) are cut into batches of lines, every other file is one task for its reader.
Two passes, each file read once: the first parses and cleans each task's records, counts their sites'
furniture candidates and spools the records to a JSON Lines file (:func:`spool_task`); the second reads
the spool and finishes the records with the learned templates (:func:`spooled_records`), exactly as
:func:`~analysis.load_articles` cleans them; the caller drops duplicate ids across tasks.
"""
from __future__ import annotations

import codecs
import hashlib
import json
from collections import Counter
from pathlib import Path

import pandas as pd

from ..engine.pool import paused_gc
from ..engine.words import prime
from .furniture import Edges, Templates, edges
from .load import EMPTY_AFTER_FURNITURE, finish
from .readers import not_regular, read, readable, rel
from .tabular import jsonl_lines
from .report import Collector
from .cleaning import looks_binary, utf16_kind

__all__ = ["stream_check", "numbered_lines", "source_tasks", "spool_task", "spooled_records"]


def stream_check(path: Path) -> tuple[str, bool, int]:
    """Read a file once in blocks: its content hash, whether it can be streamed, its number of lines.

    Streamable: a regular file, not empty, not binary or UTF-16, valid UTF-8 (with or without a BOM)
    without NUL bytes. Anything else goes through the whole-file reader, which reports or repairs it
    as :func:`~analysis.load_articles` does. A named pipe is never opened.
    """
    why = not_regular(path)
    if why is not None:
        return hashlib.sha1(why.encode()).hexdigest(), False, 1
    h = hashlib.sha1()
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    ok, content, first, n_lines = True, False, True, 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 22):
            h.update(block)
            n_lines += block.count(b"\n")
            if first and (looks_binary(block) or utf16_kind(block) is not None):
                ok = False
            first = False
            content = content or bool(block.strip())
            if ok and b"\x00" in block:
                ok = False
            if ok:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    ok = False
    if ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            ok = False
    return h.hexdigest(), ok and content, n_lines + 1


def numbered_lines(path: Path):
    """``(line number, line)`` of the non-blank lines of a streamable JSONL file, read lazily.

    Universal newlines split on ``\\n``, ``\\r\\n`` and ``\\r``, as the whole-file reader's line count does.
    """
    with path.open(encoding="utf-8-sig", newline=None) as fh:
        for no, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if line.strip():
                yield no, line


def source_tasks(files: list[Path], root: Path, col: Collector, batch_lines: int, streamable: dict[Path, bool]):
    """Tasks: ``("jsonl", path, rel, [(line_no, line), ...])`` batches of a streamable JSONL file, or
    ``("file", path, rel, None)`` for a whole file."""
    for path in files:
        rel_ = rel(path, root)
        if readable(path, rel_, col) is None:
            continue
        if not streamable.get(path):
            yield ("file", str(path), rel_, None)
            continue
        batch: list[tuple[int, str]] = []
        for item in numbered_lines(path):
            batch.append(item)
            if len(batch) >= batch_lines:
                yield ("jsonl", str(path), rel_, batch)
                batch = []
        if batch:
            yield ("jsonl", str(path), rel_, batch)


def _raw_records(task: tuple) -> tuple[list[dict], list[dict]]:
    kind, path, rel_, items = task
    if kind == "jsonl":
        return jsonl_lines(rel_, items)
    col = Collector()
    return read(Path(path), rel_, col, parallel=False), col.skipped


def _plain(rec: dict) -> dict:
    """A record as JSON can hold it (the date as ISO text, the repairs as a dict)."""
    date = rec["date"]
    return {**rec, "date": None if date is None or pd.isna(date) else date.isoformat(), "_repairs": dict(rec["_repairs"])}


def _restored(data: dict) -> dict:
    """A spooled record as the readers made it."""
    data["date"] = None if data["date"] is None else pd.Timestamp(data["date"])
    data["paragraphs"] = [tuple(p) for p in data["paragraphs"]]
    data["_events"] = [tuple(e) for e in data["_events"]]
    data["_repairs"] = Counter(data["_repairs"])
    return data


@paused_gc()
def spool_task(args: tuple[tuple, str]) -> list[Edges]:
    """First pass (runs in workers): read and clean one task's records, write them and the task's skips to
    the spool file ``args[1]`` (JSON Lines, the skips first), and return the records' furniture candidates."""
    task, spool = args
    recs, skipped = _raw_records(task)
    found = [rec.pop("_edges") if "_edges" in rec else edges(rec) for rec in recs]   # the JSONL reader's own
    with open(spool, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(skipped, ensure_ascii=False) + "\n")
        for rec in recs:
            fh.write(json.dumps(_plain(rec), ensure_ascii=False) + "\n")
    return [e for e in found if e is not None]


@paused_gc()
def spooled_records(spool: str, templates: dict[str, Templates], lines: set[int] | None = None
                    ) -> tuple[list[dict], list[dict]]:
    """Second pass (runs in workers): the finished records and the skips of one spooled task (only the
    records of ``lines`` when given, to take back the counts of duplicates)."""
    with open(spool, encoding="utf-8") as fh:
        skipped = json.loads(fh.readline())
        recs = [_restored(json.loads(line)) for line in fh]
    prime(text for rec in recs if "_words" not in rec for _, text in rec["paragraphs"])
    out = []
    for rec in recs:
        if lines is not None and rec["line"] not in lines:
            continue
        done = finish(rec, templates)
        if done is None:
            skipped.append({"source": rec["source"], "line": rec["line"], "reason": EMPTY_AFTER_FURNITURE})
        else:
            out.append(done)
    return out, skipped
