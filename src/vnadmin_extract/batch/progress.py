"""Progress of a run: a tqdm bar on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class Progress:
    """``update(errors)`` once per finished document; ``close()`` at the end."""

    def __init__(self, total: int, *, tty: bool | None = None, stream: TextIO | None = None,
                 interval: float = 10.0, label: str = "vnadmin-extract run") -> None:
        self.total, self.stream, self.interval, self.label = total, stream or sys.stderr, interval, label
        self.tty = self.stream.isatty() if tty is None else tty
        self.done = self.errors = 0
        self.t0 = self._last = time.monotonic()
        self._bar: Any = None
        if self.tty and total:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: workers may be forked later
            self._bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True,
                             desc="documents", smoothing=0.1)
            self._bar.set_postfix(errors=0)

    def update(self, error: bool) -> None:
        self.done += 1
        self.errors += error
        if self._bar is not None:
            if error:
                self._bar.set_postfix(errors=self.errors, refresh=False)
            self._bar.update(1)
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.t0, 1e-9)
        rate = self.done / elapsed
        eta = _clock((self.total - self.done) / rate) if rate else "?"
        pct = 100.0 * self.done / self.total if self.total else 100.0
        return (f"{self.label}: {self.done}/{self.total} documents ({pct:.1f}%), "
                f"{rate:.1f} docs/s, {self.errors} errors, ETA {eta}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self.total:
            self.stream.write(self.line() + "\n")
            self.stream.flush()
