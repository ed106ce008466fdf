"""A step run in a forked child process, so that the memory it churns through is freed with the child.

Loading a large corpus makes millions of short-lived objects; the memory they free stays pinned in the
process between objects that live on (Python's and C's allocators cannot hand it back), so a notebook kernel
that loaded 40 MB of text keeps about 90 MB it no longer uses. Run in a child, the step's peak and its residue
go when the child exits; only its result comes back, as bytes (Arrow IPC, JSON: data, never code). Progress
bars the step draws are relayed to the parent, which draws them (a forked child cannot draw in a notebook).
"""
from __future__ import annotations

import os
import traceback
from typing import Any, Callable, Sequence

__all__ = ["fork_available", "run_forked", "progress_bar", "ChildProcessLost"]

#: Seconds between the parent's checks that the child is still alive while it waits for a message.
POLL_SECONDS = 0.2

_RELAY: Any = None          # in a child: the connection its progress bars report to


class ChildProcessLost(RuntimeError):
    """The child ended without a result (killed, e.g. by the system when memory ran out)."""


def fork_available() -> bool:
    """Whether this process can fork a child for a step (POSIX fork, and not itself a daemonic worker)."""
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods() and not mp.current_process().daemon


class _RelayBar:
    """A progress bar in a child: its updates go to the parent, which draws the bar."""

    def __init__(self, total: int | None, desc: str, unit: str) -> None:
        self.key = id(self)
        _RELAY.send(("bar", self.key, total, desc, unit))

    def update(self, n: int = 1) -> None:
        _RELAY.send(("update", self.key, n))

    def close(self) -> None:
        _RELAY.send(("close", self.key))


def progress_bar(total: int | None, desc: str, unit: str):
    """A tqdm bar (notebook or terminal), or in a forked child its relay to the parent's bar."""
    if _RELAY is not None:
        return _RelayBar(total, desc, unit)
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit)


def run_forked(fn: Callable[..., Sequence[bytes]], *args: Any,
               expected: tuple[type[BaseException], ...] = ()) -> list[bytes]:
    """``fn(*args)`` run in a forked child; returns the byte strings it returned.

    An exception in the child is raised here (the child's traceback added as a note, except for the
    ``expected`` kinds, whose message says what is wrong); a child that dies without a result raises
    :class:`ChildProcessLost`. The child is stopped if the parent is interrupted.
    """
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, fn, args), name="analysis-step")
    child.start()
    send.close()
    bars: dict[int, Any] = {}
    try:
        return _receive(recv, child, bars, expected)
    finally:
        for bar in bars.values():
            bar.close()
        if child.is_alive():
            child.terminate()
        child.join()
        recv.close()


def _receive(recv, child, bars: dict, expected: tuple) -> list[bytes]:
    """The parent's loop: draw relayed bars until the child's result or error arrives."""
    while True:
        if not recv.poll(POLL_SECONDS):
            if child.is_alive() or recv.poll(0):
                continue
            raise _lost(child)
        try:
            kind, *rest = recv.recv()
        except EOFError:
            raise _lost(child) from None
        if kind == "result":
            return [recv.recv_bytes() for _ in range(rest[0])]
        if kind == "error":
            exc, text = rest
            if not isinstance(exc, expected):
                exc.add_note(f"(raised in the child process that ran the step)\n{text}")
            raise exc
        if kind == "bar":
            bars[rest[0]] = progress_bar(*rest[1:])
        elif kind == "update" and rest[0] in bars:
            bars[rest[0]].update(rest[1])
        elif kind == "close" and rest[0] in bars:
            bars.pop(rest[0]).close()


def _lost(child) -> ChildProcessLost:
    child.join(timeout=1)
    code = child.exitcode
    how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
    return ChildProcessLost(f"the child process running the step {how} before sending its result "
                            "(if it was killed, memory may have run out)")


def _sendable(exc: BaseException) -> BaseException:
    """``exc`` if it survives the trip to the parent (pickled by the pipe, as a process pool's results are),
    else a RuntimeError with its kind and message."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:                  # noqa: BLE001 - any failure to copy: send its text instead
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _child(conn, fn: Callable[..., Sequence[bytes]], args: tuple) -> None:
    """The child: run the step, send its result or its error, leave without running the parent's exit code."""
    global _RELAY
    _RELAY = conn
    try:
        parts = list(fn(*args))
        conn.send(("result", len(parts)))
        for part in parts:
            conn.send_bytes(part)
    except BaseException as exc:       # noqa: BLE001 - every failure goes to the parent, which raises it
        text = "".join(traceback.format_exception(exc))
        conn.send(("error", _sendable(exc), text))
    finally:
        conn.close()
        os._exit(0)
