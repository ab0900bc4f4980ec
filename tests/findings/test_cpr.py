from findings.cpr import cpr_like_count


def test_it_finds_cpr_numbers_with_and_without_the_dash():
    assert cpr_like_count("Borgeren (010190-1234) klagede") == 1
    assert cpr_like_count("cpr 0101901234.") == 1


def test_it_ignores_numbers_that_are_not_a_date_or_are_part_of_a_longer_number():
    assert cpr_like_count("Sag 2024-123456 og journalnr. 321399-1234") == 0  # 32-13 is no date
    assert cpr_like_count("telefon 12345678901") == 0
    assert cpr_like_count("FOB 2023-12") == 0
