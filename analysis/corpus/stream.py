"""Reading a corpus in batches without holding its text (used by :mod:`analysis.scale`).

JSONL files (valid UTF-8) are cut into batches of lines, every other file is one task for its reader.
Two passes: the first counts each site's furniture candidates (:func:`task_stats`), the second turns
each task into finished records with the learned templates (:func:`task_records`), exactly as
:func:`~analysis.load_articles` cleans them; the caller drops duplicate ids across tasks.
"""
from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .furniture import Edges, Templates, edges
from .load import EMPTY_AFTER_FURNITURE, finish
from .readers import not_regular, read, readable, rel
from .tabular import jsonl_lines
from .report import Collector
from .cleaning import looks_binary, utf16_kind

__all__ = ["stream_check", "numbered_lines", "source_tasks", "task_stats", "task_records", "reread"]


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


def task_stats(task: tuple) -> list[Edges]:
    """First pass (runs in workers): the furniture candidates of one task's articles."""
    return [e for e in map(edges, _raw_records(task)[0]) if e is not None]


def task_records(task: tuple, templates: dict[str, Templates]) -> tuple[list[dict], list[dict]]:
    """Second pass (runs in workers): the finished records and the skips of one task."""
    recs, skipped = _raw_records(task)
    out = []
    for rec in recs:
        src, line = rec["source"], rec["line"]
        done = finish(rec, templates)
        if done is None:
            skipped.append({"source": src, "line": line, "reason": EMPTY_AFTER_FURNITURE})
        else:
            out.append(done)
    return out, skipped


def reread(path: Path, rel_: str, streamed: bool, lines: set[int], templates: dict[str, Templates]) -> list[dict]:
    """The finished records of some lines of a file again (to take back the counts of a duplicate article)."""
    if streamed:
        items = [(no, line) for no, line in numbered_lines(path) if no in lines]
        return task_records(("jsonl", str(path), rel_, items), templates)[0]
    recs, _ = task_records(("file", str(path), rel_, None), templates)
    return [r for r in recs if r["line"] in lines]
