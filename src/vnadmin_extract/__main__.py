"""``python -m vnadmin_extract``."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
