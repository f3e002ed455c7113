"""The parts of a Party document (Hướng dẫn 36-HD/VPTW) as a reader sees them, for the recogniser.

A Party committee's plan has its own header ("ĐẢNG CỘNG SẢN VIỆT NAM", a star under the issuing
body, `Số 12-KH/ĐU` without a colon), five hyphens under its summary, signing forms with a slash
(T/M, K/T, T/L), recipients ending in commas, and often an attachment (đề cương, phụ lục) that
repeats the header on a new page. A signed PDF may carry e-signature stamps (the body's name and
`18-09-2025 10:55:35 +07:00`), which are not part of the layout. `plangen.word.recognise` asks
these questions; nothing here names one document's wording.
"""

from __future__ import annotations

import re
import unicodedata

from plangen import vietnamese as vn

PARTY_BODY = re.compile(r"^(?:ĐẢNG BỘ|ĐẢNG (?:ỦY|UỶ)|CHI BỘ|ĐẢNG ĐOÀN|BAN CÁN SỰ ĐẢNG)\b"
                        r"|\b(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|KHỐI) (?:ỦY|UỶ)\b")
"""A Party body's line: ĐẢNG BỘ …, ĐẢNG UỶ …, CHI BỘ …, TỈNH UỶ …, a board of a committee (BAN TỔ
CHỨC TỈNH UỶ, VĂN PHÒNG THÀNH UỶ)."""
_SUPERIOR = re.compile(r"^(?:ĐẢNG BỘ|(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) (?:ỦY|UỶ))\b")
NUMBER = re.compile(r"^SỐ\s*:?\s*(?P<num>\d{0,5})[\s\u00a0._…]*-\s*(?P<type>[A-ZĐ][A-ZĐa-zđ]{0,5})\s*/\s*"
                    r"(?P<code>[A-ZĐ][A-ZĐ0-9]{0,15})\s*$")
"""`Số 12-KH/ĐU`, a draft's `Số   -KH/ĐU`, or one typed the state's way with a colon `Số: 12-KH/ĐU`."""
STAMP_TIME = re.compile(r"^\d{2}[-/.]\d{2}[-/.]\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{2}:?\d{2})?$")
"""The time of an e-signature stamp: `18-09-2025 10:55:35 +07:00`."""
_MARK = re.compile(r"^[-–—_]{3,}$")
_AUTHORITY = re.compile(r"^(?:T/M|K/T|T/L|T/UQ)\s+\S")


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).upper().split())


def is_title(text: str) -> bool:
    """"ĐẢNG CỘNG SẢN VIỆT NAM" (36-HD/VPTW, 1.1), in any case or spacing."""
    return fold(text[:60]) == vn.PARTY_TITLE


def wrapped_title(first: str, second: str) -> bool:
    """The title wrapped over two lines in a narrow column ("ĐẢNG CỘNG SẢN VIỆT" ↵ "NAM", as a PDF
    or a text copy gives it): the two make it, the first alone does not."""
    head = fold(first[:60])
    return bool(head) and head != vn.PARTY_TITLE and fold(f"{first} {second}"[:80]) == vn.PARTY_TITLE


def is_star(text: str) -> bool:
    """The star under the issuing body (a Markdown copy may escape it: `\\*`)."""
    return text.strip().replace("\\", "") in ("*", "* * *", "***")


def is_body(text: str) -> bool:
    """A Party body's line: ĐẢNG BỘ …, ĐẢNG UỶ …, CHI BỘ …, TỈNH UỶ …"""
    return bool(PARTY_BODY.search(fold(text[:80])))


def is_superior(text: str) -> bool:
    """A line that names a superior Party body (ĐẢNG BỘ TỈNH …, TỈNH UỶ …), over the issuing one."""
    return bool(_SUPERIOR.match(fold(text[:80])))


def number(text: str) -> re.Match | None:
    return NUMBER.match(fold(text[:80]))


def is_mark(text: str) -> bool:
    """The hyphens under a summary (`-----`), or a typed rule."""
    return bool(_MARK.match(text.strip()))


def is_stamp_time(text: str) -> bool:
    return bool(STAMP_TIME.match(text.strip()))


def is_authority(text: str) -> bool:
    """"T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN", "T/L BAN THƯỜNG VỤ" (no dot: the Party's forms)."""
    return bool(_AUTHORITY.match(text.strip()[:80]))


def attachment_start(texts: list[str], start: int) -> int | None:
    """Where an attachment that repeats the Party header begins, after `start` (the ending): its
    first body line, found back from the star or the title; an e-signature stamp above it (the
    body's name over a stamp time) stays with the signature."""
    for j in range(start, len(texts)):
        if not (is_star(texts[j]) or is_title(texts[j])):
            continue
        first = j
        while first - 1 >= start and is_body(texts[first - 1]):
            first -= 1
        if first < j or is_title(texts[j]):
            return first
    return None


_USUAL_CODES = (("ĐẢNG ỦY", "ĐU"), ("ĐẢNG UỶ", "ĐU"), ("TỈNH ỦY", "TU"), ("TỈNH UỶ", "TU"), ("THÀNH ỦY", "TU"),
                ("THÀNH UỶ", "TU"), ("HUYỆN ỦY", "HU"), ("HUYỆN UỶ", "HU"), ("CHI BỘ", "CB"))


def usual_code(name: str) -> str | None:
    """The symbol a body of this kind signs with in practice (36-HD/VPTW's table was not seen)."""
    folded = fold(name)
    return next((code for start, code in _USUAL_CODES if folded.startswith(start)), None)


_RECORD = re.compile(r"^\W*Số hiệu\W*:?\W*(\d{1,5})\s*-\s*KH\s*/\s*([A-ZĐ][A-ZĐ0-9]{0,15})\b", re.IGNORECASE)


def record_number(text: str, code: str) -> int | None:
    """The number a portal's record gives the document ("Số hiệu: 12-KH/ĐU | Ngày ban hành: …"),
    when its symbol is the document's own."""
    m = _RECORD.match(text.strip()[:200])
    return int(m.group(1)) if m and m.group(2).upper() == code else None


_COMMON = {"ỦY", "UỶ", "XÃ", "PHƯỜNG", "TỈNH", "THÀNH", "PHỐ", "BỘ", "THÔN", "ẤP", "BẢN", "TỔ", "KHU", "ĐẶC",
           "KHỐI", "HUYỆN", "QUẬN", "VỤ", "HÀNH", "TRỰC"}
"""Words written lower-case inside a body's name in running text (Đảng uỷ xã Công Hải)."""


def running_name(name: str, collective: str | None = None) -> str:
    """`Ban Thường vụ Đảng uỷ xã Công Hải` from `ĐẢNG UỶ XÃ CÔNG HẢI` signed `T/M BAN THƯỜNG VỤ`: a
    Party body's name as a sentence writes it (the appendix line's "của …")."""

    def sentence(text: str) -> str:
        words = fold(text).split()
        return " ".join([words[0].capitalize()] + [w.lower() if w in _COMMON else w.capitalize()
                                                   for w in words[1:]]) if words else ""

    own = sentence(name)
    if collective and not fold(name).startswith(fold(collective)):
        return f"{sentence(collective)} {own}"
    return own
