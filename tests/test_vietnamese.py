import datetime as dt

import pytest

from plangen import vietnamese as vn


def test_roman_numerals():
    assert [vn.roman(n) for n in (1, 4, 5, 9, 14, 40, 90, 1999)] == [
        "I", "IV", "V", "IX", "XIV", "XL", "XC", "MCMXCIX"]
    with pytest.raises(ValueError):
        vn.roman(0)


def test_point_letters_follow_vietnamese_order():
    letters = [vn.point_letter(i) for i in range(8)]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    assert "f" not in [vn.point_letter(i) for i in range(23)]
    assert vn.point_letter(23) == "aa"


@pytest.mark.parametrize(("day", "words", "numeric"), [
    (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026", "05/02/2026"),
    (dt.date(2025, 6, 29), "ngày 29 tháng 6 năm 2025", "29/6/2025"),
    (dt.date(2026, 1, 15), "ngày 15 tháng 01 năm 2026", "15/01/2026"),
    (dt.date(2025, 10, 5), "ngày 05 tháng 10 năm 2025", "05/10/2025"),
])
def test_dates_follow_the_leading_zero_rule(day, words, numeric):
    assert vn.date_words(day) == words
    assert vn.date_numeric(day) == numeric


def test_number_line_and_draft_blanks():
    assert vn.number_line(5, "UBND") == "Số: 05/KH-UBND"
    assert vn.number_line(92, "UBND") == "Số: 92/KH-UBND"
    assert vn.number_line(15, "SYT", "NV") == "Số: 15/KH-SYT-NV"
    draft = vn.number_line(None, "UBND")
    assert draft.startswith("Số: ") and draft.endswith("/KH-UBND") and draft[4:-8].strip() == ""
    line = vn.date_line("Hà Nội", None, 2026)
    assert line.startswith("Hà Nội, ngày") and line.endswith("năm 2026") and "tháng" in line
    assert vn.date_line("Hà Nội", dt.date(2026, 2, 5), 2026) == "Hà Nội, ngày 05 tháng 02 năm 2026"


def test_parse_date_accepts_common_forms_and_refuses_impossible_dates():
    assert vn.parse_date("24/6/2025") == dt.date(2025, 6, 24)
    assert vn.parse_date("2025-06-24") == dt.date(2025, 6, 24)
    assert vn.parse_date("24-06-2025") == dt.date(2025, 6, 24)
    for bad in ("31/02/2025", "2025-13-01", "tomorrow", "1/1/25"):
        with pytest.raises(ValueError):
            vn.parse_date(bad)


def test_money_is_grouped_with_dots_and_written_in_words():
    assert vn.money(1_250_000_000) == "1.250.000.000"
    assert vn.money(0) == "0"
    assert vn.money_words(1_250_000_000) == "Một tỷ hai trăm năm mươi triệu đồng"
    assert vn.number_words(21) == "hai mươi mốt"
    assert vn.number_words(105) == "một trăm linh năm"
    assert vn.number_words(15) == "mười lăm"
    assert vn.number_words(1_005) == "một nghìn không trăm linh năm"
    assert vn.number_words(24) == "hai mươi tư"


def test_upper_keeps_vietnamese_letters():
    assert vn.upper("ủy ban nhân dân tỉnh đắk lắk") == "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"


def test_roman_value_reads_back_every_numeral_and_nothing_else():
    from plangen import vietnamese as vn

    assert all(vn.roman_value(vn.roman(n)) == n for n in range(1, 4000))
    for wrong in ("", "IIII", "IC", "VX", "iv", "I V", "MMMM", "X1"):
        assert vn.roman_value(wrong) is None, wrong
    assert vn.roman_value("CD", 399) is None and vn.roman_value("CCCXCIX", 399) == 399


def test_the_tone_of_an_open_oa_oe_uy_moves_both_ways_and_nowhere_else():
    assert vn.tones_on_second_vowel("Đảng ủy xã Thủy An, Khánh Hòa") == "Đảng uỷ xã Thuỷ An, Khánh Hoà"
    assert vn.tones_on_first_vowel("ĐẢNG UỶ PHƯỜNG THUỶ XUÂN, KHÁNH HOÀ") == "ĐẢNG ỦY PHƯỜNG THỦY XUÂN, KHÁNH HÒA"
    # a closed syllable (hoàng, thuyền) and "qu" (quý, quả) keep their tone where it is
    for kept in ("Hoàng Thủy", "quý", "Quảng", "thuyền", "khoảng"):
        assert vn.tones_on_first_vowel(vn.tones_on_second_vowel(kept)) == kept
    assert vn.tones_on_second_vowel("quý Hoàng") == "quý Hoàng"


def test_a_commune_is_found_whichever_vowel_carries_its_tone():
    from plangen.registry.communes import find_commune

    assert find_commune("phường Thuỷ Xuân", "hue").name == "Thủy Xuân"
    assert find_commune("xã Tân Hoà", "vinh-long").name == "Tân Hòa"
