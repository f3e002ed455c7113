"""Vietnamese conventions of official documents: numbering, dates, symbols, money.

Every rule here comes from Nghị định 30/2020/NĐ-CP, Phụ lục I (cited as ND30 below) or from
the Vietnamese language itself (letter order, number words). Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# ND30 Phụ lục I: points are lettered in Vietnamese alphabetical order; the Vietnamese
# alphabet has no f, j, w, z, and đ follows d.
POINT_LETTERS = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
    "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
]

# ND30 Phụ lục III: "KH" is the abbreviation of Kế hoạch in a document symbol.
PLAN_TYPE_CODE = "KH"

# ND30 Phụ lục I: the content of a document ends with "./.".
END_MARK = "./."

# Width of the blanks left in a draft for the number, day and month (ND30: a draft keeps them).
BLANK = "\u00a0" * 6

# The title of every Party document, top right (Hướng dẫn 36-HD/VPTW, 1.1), in place of the Quốc hiệu.
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


BULLET_MARKS = "-–—+•*▪➢◦✓"
"""Marks a bullet is typed with (dashes, plus, and the symbol-font marks Word shows)."""

ROMAN_LABEL = r"[IVXLC]{1,11}"
"""A section's Roman label as a pattern: I to CCCXCIX, every label a plan may have (models.MAX_SECTIONS)."""


def roman(n: int) -> str:
    """Upper-case Roman numeral for 1..3999, as used for plan sections (I, II, III…)."""
    if not 1 <= n <= 3999:
        raise ValueError(f"roman numeral out of range: {n}")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(label: str, highest: int = 3999) -> int | None:
    """The number a Roman numeral in its usual upper-case form stands for (`roman` of it gives it
    back), at most `highest`; None for anything else ("IIII", "IC", "x"). Computed, not looked
    up in a table of every numeral, which each process would build at start-up."""
    if not label or len(label) > 15 or any(c not in _ROMAN_DIGITS for c in label):
        return None
    total = 0
    for here, after in zip(label, label[1:] + " ", strict=True):
        value = _ROMAN_DIGITS[here]
        total += -value if after != " " and _ROMAN_DIGITS[after] > value else value
    return total if 1 <= total <= highest and roman(total) == label else None


def point_letter(index: int) -> str:
    """Letter of the index-th point (0-based): a, b, c, d, đ, e, g… then aa, bb… past y."""
    cycle, pos = divmod(index, len(POINT_LETTERS))
    return POINT_LETTERS[pos] * (cycle + 1)


def two_digits_if_small(n: int) -> str:
    """ND30: numbers below 10 take a leading zero (document numbers, days)."""
    return f"{n:02d}" if n < 10 else str(n)


def month_text(month: int) -> str:
    """ND30: the months 1 and 2 take a leading zero (to avoid reading 1 as 10, 11, 12)."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_words(day: dt.date) -> str:
    """`ngày 05 tháng 02 năm 2026` — the long date of the date line (ND30 Phụ lục I)."""
    return f"ngày {two_digits_if_small(day.day)} tháng {month_text(day.month)} năm {day.year}"


def date_numeric(day: dt.date) -> str:
    """`05/02/2026`, `18/7/2025` — the short date used in running text, same zero rule."""
    return f"{two_digits_if_small(day.day)}/{month_text(day.month)}/{day.year}"


def date_line(place: str, day: dt.date | None, year: int) -> str:
    """Place and date line; a draft without a date keeps the official blanks."""
    if day is None:
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {year}"
    return f"{place}, {date_words(day)}"


def symbol(code: str, unit: str | None = None, type_code: str = PLAN_TYPE_CODE) -> str:
    """`KH-UBND`, `KH-SYT-NV`: the part of the symbol after the number (ND30 Phụ lục I)."""
    return "-".join(part for part in (type_code, code, unit) if part)


def document_number(number: int | str | None) -> str:
    """A document's number as printed: `05` for 5 (the decree's leading zero), digits written as text
    as they are (`0204`), the draft's blank for none."""
    if number is None:
        return BLANK
    return number if isinstance(number, str) and number.startswith("0") else two_digits_if_small(int(number))


def number_line(number: int | str | None, code: str, unit: str | None = None) -> str:
    """`Số: 05/KH-UBND`, or `Số:      /KH-UBND` for a draft."""
    return f"Số: {document_number(number)}/{symbol(code, unit)}"


def document_reference(number: int | str | None, code: str, unit: str | None,
                       day: dt.date | None, year: int) -> str:
    """`Kế hoạch số 05/KH-UBND ngày 05 tháng 02 năm 2026`, with blanks for a draft."""
    num = document_number(number)
    when = date_words(day) if day else f"ngày{BLANK}tháng{BLANK}năm {year}"
    return f"số {num}/{symbol(code, unit)} {when}"


# --- money -------------------------------------------------------------------------------

def money(amount: int) -> str:
    """`1.250.000.000` — Vietnamese grouping with dots, via babel's vi locale data."""
    from babel.numbers import format_decimal  # imported here: babel's data load is slow

    return format_decimal(amount, locale="vi_VN", group_separator=True)


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_SCALES = ["", "nghìn", "triệu", "tỷ"]


def _three_digits(n: int, full: bool) -> list[str]:
    """Words for 0..999; `full` when a higher group precedes (then 5 → "không trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return words


def number_words(n: int) -> str:
    """Vietnamese words for a whole number: 1250000000 → "một tỷ hai trăm năm mươi triệu"."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return "không"
    billions, below = divmod(n, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += [*number_words(billions).split(), "tỷ"]
    groups = [(below // 10**6) % 1000, (below // 1000) % 1000, below % 1000]
    for i, group in enumerate(groups):
        if group == 0:
            continue
        full = bool(words)
        words += _three_digits(group, full)
        scale = _SCALES[2 - i]
        if scale:
            words.append(scale)
    return " ".join(words)


def money_words(amount: int) -> str:
    """`Một tỷ hai trăm năm mươi triệu đồng` — the amount in words, as written under a total."""
    text = number_words(amount) + " đồng"
    return text[0].upper() + text[1:]


# --- text helpers ------------------------------------------------------------------------

def upper(text: str) -> str:
    """Upper case that keeps Vietnamese letters composed (NFC)."""
    return unicodedata.normalize("NFC", text.upper())


_DATE_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> dt.date:
    """Read `24/6/2025`, `24/06/2025`, `24-06-2025` or `2025-06-24`; ValueError otherwise."""
    if m := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DATE_DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError("not a date")
    return dt.date(year, month, day)


def fold(text: str) -> str:
    """Compare names without accents, case or extra spaces: "Sở Y tế" ~ "so y te"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


# Where the tone of an open "oa", "oe", "uy" stands: on the first vowel (Hòa, Thủy: the spelling of
# the official lists since 2018) or on the second (Hoà, Thuỷ: the older one, the Party guide's own).
_SECOND_VOWEL_TONES = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_FIRST_VOWEL_TONES = {old: new for new, old in _SECOND_VOWEL_TONES.items()}


def _tones_moved(text: str, table: dict[str, str]) -> str:
    pattern = "(?<![qQ])(" + "|".join(list(table) + [k.upper() for k in table]) + r")(?!\w)"

    def swap(m: re.Match) -> str:
        pair = m.group(1)
        moved = table[pair.lower()]
        return moved.upper() if pair.isupper() else (moved[0].upper() + moved[1:] if pair[0].isupper() else moved)

    return re.sub(pattern, swap, unicodedata.normalize("NFC", text))


def tones_on_second_vowel(text: str) -> str:
    """`Đảng ủy xã Thủy An, Khánh Hòa` → `Đảng uỷ xã Thuỷ An, Khánh Hoà` (the older spelling)."""
    return _tones_moved(text, _SECOND_VOWEL_TONES)


def tones_on_first_vowel(text: str) -> str:
    """`Thuỷ Xuân, Khánh Hoà` → `Thủy Xuân, Khánh Hòa`: one spelling to compare names in."""
    return _tones_moved(text, _FIRST_VOWEL_TONES)


def variable_name(text: str) -> str:
    """A column name as a plan variable: "Tên xã" → `ten_xa`, "Hạn báo cáo" → `han_bao_cao`."""
    return fold(text).replace(" ", "_")
