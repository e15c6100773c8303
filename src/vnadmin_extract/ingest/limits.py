"""What one document may cost: bytes, characters, pages, OCR pages, archive size, pixels, time.

Archives hold every kind of broken or hostile file; none of them may stop a run of 50,000
documents or take the machine's memory. Each limit has a default that a real
administrative document never reaches (the largest corpus document is 2 MB and 60 pages)
and an option of ``vnadmin-extract run`` to raise it. What a limit does:

=================  =========================  ===============================================
limit              default                    over it
=================  =========================  ===============================================
``max_bytes``      100 MB                     ``E_TOO_LARGE`` from the file's size, unread
``max_chars``      10,000,000 characters      ``E_TOO_LARGE`` after decoding (about 4,000 pages)
``max_pages``      5,000 pages (PDF, TIFF)    the first pages are read, ``W_TRUNCATED``
``max_ocr_pages``  300 pages                  later pages without a text layer are not OCR'd,
                                              ``W_TRUNCATED``
``max_unzipped``   256 MB (DOCX members)      ``E_TOO_LARGE`` before anything is inflated
``max_members``    10,000 (DOCX members)      ``E_TOO_LARGE``
``max_pixels``     80 megapixels              a page is rendered smaller for OCR; an image
                                              file over it is ``E_TOO_LARGE`` unread
``max_content``    64 MB (PDF)                ``E_TOO_LARGE`` before PDFium parses a page:
                                              drawing instructions (content streams, forms,
                                              fonts: every compressed stream but images)
                                              inflate to more (``check_pdf_content``)
``timeout``        none (``run``: 60 s)       ``E_TIMEOUT``; a reader that sees the budget
                                              running out stops early with ``W_TRUNCATED``
=================  =========================  ===============================================

The limits in force are a context (``use(limits)``), so the readers deep in the call stack
see them without every signature passing them on; a worker process sets its run's limits
as the process default (``set_default``).

The time budget (``time_budget(seconds)``) has two parts. Readers that loop over pages ask
``time_left()`` and stop early, keeping what they read. And on POSIX, in the main thread,
an interval timer raises ``DocumentTimeout`` when the budget is spent, wherever the code
is: a regular expression that backtracks, a stage that is quadratic on some input, a
converter that hangs (``subprocess`` kills it on the way out). ``DocumentTimeout`` is a
``BaseException`` so that no ``except Exception`` on the way swallows it. The batch
runner keeps its own deadline as well and kills a worker stuck in C code, where a signal
handler cannot run.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import signal
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 100 * MB
    max_chars: int = 10_000_000
    max_pages: int = 5000
    max_ocr_pages: int = 300
    max_unzipped: int = 256 * MB
    max_members: int = 10_000
    max_pixels: int = 80_000_000
    max_content: int = 64 * MB
    timeout: float | None = None  # seconds per document; None: no budget

    def with_(self, **changes: object) -> Limits:
        """A copy with the given fields changed (``None`` values keep the current one)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


DEFAULT = Limits()
# Address space of a worker process (``run``, ``extract``): twice what the largest corpus
# document needs (a PDF with OCR: 650 MB of address space, 370 MB resident).
DEFAULT_MAX_MEMORY = 2 * 1024 * MB
DEFAULT_TIMEOUT = 60.0  # seconds per document in ``run`` and ``extract``
_process_default = DEFAULT
_current: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("vnadmin_limits", default=None)


def current() -> Limits:
    """The limits in force here: the innermost ``use()``, else the process default."""
    return _current.get() or _process_default


def set_default(limits: Limits) -> None:
    """The limits of every document this process handles (a batch worker's run settings)."""
    global _process_default
    _process_default = limits


@contextlib.contextmanager
def use(limits: Limits) -> Iterator[Limits]:
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


# --- the time budget ------------------------------------------------------------------------


class DocumentTimeout(BaseException):
    """The document used up its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no result after {seconds:g} s (the per-document time budget)")
        self.seconds = seconds


@dataclass
class _Budget:
    seconds: float
    deadline: float  # time.monotonic() value


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("vnadmin_budget", default=None)


def time_left() -> float | None:
    """Seconds left in the document's budget, or None when it has none."""
    b = _budget.get()
    return None if b is None else b.deadline - time.monotonic()


def running_low(share: float = 0.25) -> bool:
    """Less than ``share`` of the budget is left: a reader should stop and keep what it has,
    so that the extraction stages still have time."""
    b = _budget.get()
    return b is not None and b.deadline - time.monotonic() < share * b.seconds


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block within ``seconds`` (None or 0: no budget).

    Nested budgets keep the earlier deadline: a document inside a worker's budget cannot
    give itself more time. ``DocumentTimeout`` is raised in the block when the time is up
    (main thread on POSIX; elsewhere only the readers' ``time_left`` checks apply).
    """
    outer = _budget.get()
    if not seconds or seconds <= 0 or (outer is not None and outer.deadline <= time.monotonic() + seconds):
        yield
        return
    budget = _Budget(seconds, time.monotonic() + seconds)
    token = _budget.set(budget)
    alarm = _can_alarm()
    previous_handler = None
    previous_timer = (0.0, 0.0)
    if alarm:
        def on_alarm(signum: int, frame: object) -> None:
            raise DocumentTimeout(seconds)

        previous_handler = signal.signal(signal.SIGALRM, on_alarm)
        previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler or signal.SIG_DFL)
            if previous_timer[0] > 0:  # an outer timer: put back what is left of it
                spent = seconds - (budget.deadline - time.monotonic())
                signal.setitimer(signal.ITIMER_REAL, max(0.001, previous_timer[0] - spent))
        _budget.reset(token)


# --- PDF content streams ------------------------------------------------------------------

# "stream" after a dictionary's ">>", then the end of line the syntax requires.
_STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_CHUNK = 1 << 16


def pdf_content_size(data: bytes, limit: int) -> int:
    """Bytes the PDF's compressed non-image streams inflate to, counted up to just past
    ``limit`` (one chunk at a time: checking a bomb costs ``limit`` bytes of work, not its
    size). PDFium holds a page's drawing instructions in memory many times over (an
    82 KB stream of path commands inflating to 80 MB took a 900 MB process), and no
    signal can stop it inside: the size is checked before it parses anything. Images
    are left out: a scan's pages inflate to megabytes each and PDFium decodes them lazily.
    """
    total = 0
    for m in _STREAM_START.finditer(data):
        head = data[max(0, m.start() - 4096):m.start()]
        obj = head.rfind(b"obj")
        head = head[obj + 3:] if obj >= 0 else head
        if b"/Fl" not in head or b"/Image" in head:  # /FlateDecode (or its short name /Fl); not an image
            continue
        inflater = zlib.decompressobj()
        pos = m.end()
        try:
            while pos < len(data) and not inflater.eof:
                piece = data[pos:pos + _CHUNK]
                pos += len(piece)
                out = inflater.decompress(piece, _CHUNK)
                total += len(out)
                while inflater.unconsumed_tail and not inflater.eof and total <= limit:
                    out = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
                    total += len(out)
                if total > limit:
                    return total
        except zlib.error:  # damaged: PDFium decides what it makes of it
            continue
    return total


def check_pdf_content(data: bytes) -> None:
    """``E_TOO_LARGE`` when the PDF's drawing instructions inflate past ``max_content``."""
    from ..errors import E_TOO_LARGE, IngestError

    lim = current().max_content
    size = pdf_content_size(data, lim)
    if size > lim:
        raise IngestError(E_TOO_LARGE, f"the PDF's compressed drawing instructions inflate to more than "
                                       f"{lim // MB} MB (the max_content limit); not rendered")
