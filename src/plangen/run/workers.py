"""Jobs run by worker processes, results given back in the order of the jobs.

A batch must survive any one worker: a worker killed in the middle of a job (by the
out-of-memory killer, a signal, a crash of a library) breaks Python's process pool, and every
unfinished job with it. Here the pool is started again and the unfinished jobs go on; the jobs
that were running when it broke (each worker notes the job it runs in shared memory) are run
again one at a time, so that the one that kills its worker is found: it is tried once more, then
reported through `lost(job)`, and every other job is built.

Ctrl-C (or the build server ending a command whose caller is gone) reaches the workers too: each
finishes cleaning up the job it runs (temporary files, its LibreOffice) and exits, instead of
taking the next. SIGTERM (what `timeout`, CI cancellation and systemd send, to the main process
only) is taken as Ctrl-C: the main process passes it on to its workers as SIGINT, and waits for
them to clean up and leave.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

IDLE = -1
TRIES = 2  # a job whose worker dies is run once more, alone, before it is reported lost

_slot = IDLE  # in a worker: its place in the shared table of running jobs
_running: Any = None  # in a worker: that table (multiprocessing.Array of job numbers)
_interrupted = False


def _init(counter: Any, running: Any, initializer: Callable[..., None], initargs: tuple) -> None:
    global _slot, _running
    with counter.get_lock():
        _slot = counter.value
        counter.value += 1
    _running = running
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    initializer(*initargs)


def _interrupt(_signum: int, _frame: object) -> None:
    """Once: a second signal must not break the cleaning up that the first one started."""
    global _interrupted
    if _interrupted:
        return
    _interrupted = True
    raise KeyboardInterrupt


def _leave() -> None:
    """End this worker now, after what its process keeps is cleaned up (its LibreOffice and
    private folders: `multiprocessing.util.Finalize` callbacks, which `os._exit` would skip)."""
    from multiprocessing import util

    try:
        util._run_finalizers(0)
    finally:
        os._exit(130)


def _call(fn: Callable[[Any], Any], number: int, job: Any) -> Any:
    if _interrupted:
        _leave()
    _running[_slot] = number
    try:
        result = fn(job)
    except KeyboardInterrupt:  # the job has cleaned up on its way out: leave, take nothing more
        _leave()
    _running[_slot] = IDLE
    return result


class _Pool:
    """One ProcessPoolExecutor and its table of running jobs."""

    def __init__(self, workers: int, initializer: Callable[..., None], initargs: tuple):
        context = multiprocessing.get_context()
        self.running = context.Array("i", [IDLE] * workers, lock=False)
        counter = context.Value("i", 0)
        self.executor = ProcessPoolExecutor(workers, initializer=_init,
                                            initargs=(counter, self.running, initializer, initargs))

    def submit(self, fn: Callable[[Any], Any], number: int, job: Any) -> Future:
        return self.executor.submit(_call, fn, number, job)

    def in_flight(self) -> set[int]:
        return {n for n in self.running if n != IDLE}

    def interrupt(self) -> None:
        """Ctrl-C for every worker (a second one, after the terminal's, is ignored by them)."""
        for pid in list(getattr(self.executor, "_processes", None) or {}):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGINT)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def run_ordered(fn: Callable[[Any], Any], jobs: Sequence[Any], workers: int,
                initializer: Callable[..., None], initargs: tuple,
                lost: Callable[[Any], Any]) -> Iterator[Any]:
    """`fn(job)` for every job in `workers` processes (each set up by `initializer(*initargs)`),
    yielded in job order. A job whose worker dies twice yields `lost(job)` instead."""
    results: dict[int, Any] = {}
    tries = [0] * len(jobs)
    waiting = deque(range(len(jobs)))  # not yet given to a pool, in order
    suspects: list[int] = []  # running when a pool broke: run again alone
    window = workers * 4  # jobs given to the pool ahead of the one awaited (memory stays flat)
    done = 0
    while done < len(jobs):
        if suspects:
            _run_alone(fn, jobs, suspects, tries, results, initializer, initargs, lost)
            while done < len(jobs) and done in results:
                yield results.pop(done)
                done += 1
            continue
        pool = _Pool(workers, initializer, initargs)
        futures: dict[int, Future] = {}
        try:
            while done < len(jobs):
                while waiting and len(futures) < window:
                    futures[waiting[0]] = pool.submit(fn, waiting[0], jobs[waiting[0]])  # may find it broken
                    waiting.popleft()
                if done in results:
                    yield results.pop(done)
                    done += 1
                    continue
                result = futures.pop(done).result()
                yield result
                done += 1
        except BrokenProcessPool:
            suspects = sorted(pool.in_flight())
            if not suspects and not futures:
                raise  # no job was running: the workers cannot start at all
            for number, future in futures.items():
                if future.done() and future.exception() is None:
                    results[number] = future.result()
            unfinished = sorted(n for n in [done, *futures] if n not in results and n not in suspects)
            waiting = deque(sorted(set(unfinished) | set(waiting)))
            for number in suspects:
                tries[number] += 1
        except BaseException:  # Ctrl-C, SIGTERM, the caller gone: the workers stop too, and clean up
            pool.interrupt()
            raise
        finally:
            pool.close()


def _run_alone(fn: Callable[[Any], Any], jobs: Sequence[Any], suspects: list[int], tries: list[int],
               results: dict[int, Any], initializer: Callable[..., None], initargs: tuple,
               lost: Callable[[Any], Any]) -> None:
    """Each suspect in a pool of one worker: the job that kills it again is lost, the others built."""
    while suspects:
        number = suspects.pop(0)
        if tries[number] >= TRIES:
            results[number] = lost(jobs[number])
            continue
        pool = _Pool(1, initializer, initargs)
        try:
            results[number] = pool.submit(fn, number, jobs[number]).result()
        except BrokenProcessPool:
            tries[number] += 1
            suspects.insert(0, number)
        except BaseException:
            pool.interrupt()
            raise
        finally:
            pool.close()
