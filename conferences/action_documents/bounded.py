"""Reading a file in a child process that may spend only so much time and memory.

The readers in ``uploads`` count what a file holds as they go, but a hostile file can make a library spend
its time or memory where no count reaches (pypdf rebuilds a font's character map for every name it is given
under, before a single operator is drawn). The child is forked, so nothing is loaded again; it is killed
past ``seconds``, and its address space may grow by ``memory`` bytes at most: either way the upload is refused
as unreadable, and the worker that served it is untouched.
"""

import multiprocessing
import resource
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


class BoundExceeded(Exception):
    """The reading did not finish within its time or memory."""


def within_bounds(function: Callable[..., Result], *args, seconds: float, memory: int) -> Result:
    """``function(*args)`` run in a forked child; what it raises is raised here (any error it hits that cannot
    cross back, and running out of time or memory, as BoundExceeded)."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(sending, function, args, memory), daemon=True)
    child.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise BoundExceeded
        try:
            finished, value = receiving.recv()
        except EOFError:  # killed by its memory limit before it could answer
            raise BoundExceeded from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()
    if finished:
        return value
    raise value if isinstance(value, Exception) else BoundExceeded


def _run(sending, function, args, memory: int) -> None:
    try:
        with open("/proc/self/statm") as statm:  # the address space as forked, in pages
            size = int(statm.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))
    except OSError:  # no /proc (not Linux): bounded in time only
        pass
    try:
        answer = (True, function(*args))
    except MemoryError:
        answer = (False, None)
    except Exception as error:
        answer = (False, error)
    try:
        sending.send(answer)
    except Exception:  # an answer that cannot be sent back: refused like the rest
        sending.send((False, None))
