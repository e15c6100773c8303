"""Imported by the fork server before it forks any worker: the pipeline's rules are loaded once.

Pattern files, compiled regular expressions and lazy imports cost about half a second on a
worker's first document. Loaded here, in the fork server, every worker starts with them
(copy-on-write), so a worker replaced after a timeout or a crash is ready at once. A
failure here must not stop the fork server: the workers then load the rules themselves.
"""

from __future__ import annotations

_SAMPLE = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 12/QĐ-UBND
Quảng Ngãi, ngày 15 tháng 3 năm 2024
QUYẾT ĐỊNH
Về việc tặng Bằng khen
Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;
I. KẾT QUẢ
1. Tặng Bằng khen cho 02 tập thể và 03 cá nhân; kỷ niệm 94 năm Ngày thành lập Đảng (03/02/1930-03/02/2024).
"""

try:
    from ..pipeline import process_text

    process_text(_SAMPLE)
except Exception:  # pragma: no cover - the workers load what they need themselves
    pass
