"""Input formats: sniff a file, pick its reader, return ``RawText``.

Readers live one per module in this package and expose ``READER``. They are found by
name in ``READER_MODULES`` (tried in order, the plain-text reader last as the fallback),
so adding a format is adding a module; a module whose optional dependency is missing is
skipped and its files fall through to the next reader.
"""

from __future__ import annotations

import errno
import functools
import importlib
import os
import stat
from pathlib import Path

from ..errors import E_EMPTY, E_NOT_FOUND, E_TOO_LARGE, E_UNREADABLE, E_UNSUPPORTED, IngestError
from .base import RawText, Reader
from .limits import Limits, current

__all__ = ["DEFAULT_MAX_BYTES", "Limits", "RawText", "Reader", "open_regular", "read_bytes", "read_path",
           "readers"]

# Order matters: magic-byte sniffers first, the text reader last.
READER_MODULES = ("pdf", "spreadsheet", "docx", "office", "image", "html", "text")

DEFAULT_MAX_BYTES = Limits().max_bytes
_CHUNK = 1024 * 1024


@functools.cache
def readers() -> tuple[Reader, ...]:
    found: list[Reader] = []
    for name in READER_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ImportError:
            continue
        found.append(module.READER)
    return tuple(found)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (reading it could block forever)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device (reading it could go on forever)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: str | Path) -> tuple[int, int]:
    """Open a regular file for reading: ``(fd, size)``, or ``IngestError`` with a stable code.

    Opened without blocking and checked on the descriptor, so a named pipe, a device
    (``/dev/zero`` behind a link) or a folder is refused without waiting or reading, also
    when it replaced the file after the folder was listed.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise IngestError(E_NOT_FOUND, f"{path} is a symbolic link to a missing file") from exc
        raise IngestError(E_NOT_FOUND, f"no such file: {path}") from exc
    except PermissionError as exc:
        raise IngestError(E_UNREADABLE, f"cannot read {path}: permission denied") from exc
    except IsADirectoryError as exc:
        raise IngestError(E_UNSUPPORTED, f"{path} is a folder, not a document") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(E_UNREADABLE, f"cannot read {path}: a loop of symbolic links") from exc
        raise IngestError(E_UNREADABLE, f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise IngestError(E_UNREADABLE, f"cannot read {path}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise IngestError(E_UNSUPPORTED, f"{path} is {_kind(st.st_mode)}, not a document")
    return fd, st.st_size


def too_large(size: int, max_bytes: int) -> IngestError:
    return IngestError(E_TOO_LARGE, f"{size} bytes is over the limit of {max_bytes} "
                                    "(raise --max-bytes to read it)")


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (default: the limits in force).

    The size is checked before reading, and reading stops one byte past the limit, so a
    file that grows while it is read (a log, a pipe behind a link) cannot take the memory.
    """
    limit = current().max_bytes if max_bytes is None else max_bytes
    fd, size = open_regular(path)
    try:
        if size > limit:
            raise too_large(size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise too_large(total, limit)
        return b"".join(chunks)
    except BlockingIOError as exc:  # pragma: no cover - regular files do not block
        raise IngestError(E_UNREADABLE, f"cannot read {path}: it would block") from exc
    except OSError as exc:
        raise IngestError(E_UNREADABLE, f"cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def read_path(path: Path, data: bytes) -> RawText:
    """Pick the reader for ``path`` and decode ``data`` with it."""
    if not data:
        raise IngestError(E_EMPTY, "the file is empty (0 bytes)")
    head = data[:4096]
    for reader in readers():
        if reader.sniff(path, head):
            return reader.read(path, data)
    raise IngestError(E_UNSUPPORTED, f"no reader for {path.suffix or 'this file'}")
