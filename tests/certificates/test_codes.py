from certificates.codes import ALPHABET, code_display, code_generate, code_normalise


def test_codes_avoid_characters_that_look_alike():
    for char in "0O1I":
        assert char not in ALPHABET
    assert len(ALPHABET) == 32


def test_a_generated_code_is_twelve_characters_and_passes_its_own_check():
    codes = {code_generate() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 12
        assert code_normalise(code) == code


def test_a_code_can_be_typed_in_lower_case_with_spaces_or_hyphens():
    code = code_generate()
    assert code_normalise(code_display(code).lower()) == code
    assert code_normalise(" ".join([code[:4], code[4:8], code[8:]])) == code
    assert code_display(code).count("-") == 2


def test_every_single_mistyped_character_is_caught_by_the_check():
    code = code_generate()
    for position in range(len(code)):
        for char in ALPHABET:
            if char == code[position]:
                continue
            typo = code[:position] + char + code[position + 1 :]
            assert code_normalise(typo) is None, typo


def test_two_swapped_neighbours_are_caught_by_the_check():
    caught = total = 0
    for _ in range(50):
        code = code_generate()
        for i in range(len(code) - 1):
            if code[i] == code[i + 1]:
                continue
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            total += 1
            caught += code_normalise(swapped) is None
    # Luhn mod N misses only the swap of the two values that fold onto each other.
    assert caught / total > 0.95


def test_malformed_codes_are_refused():
    for raw in ["", "ABC", "0" * 12, "ABCD-EFGH-JKL!", "x" * 100, "ABCDEFGHJKLMN"]:
        assert code_normalise(raw) is None
