import pytest

from gatekeeper.normalize import normalize_text


def test_zero_width_and_homoglyphs_fold_and_keep_spans():
    original = "g\u200buar\u200dantееd returns"  # zero-width chars and Cyrillic e
    text = normalize_text(original)
    assert text.norm == "guaranteed returns"
    start, end = text.span(0, len("guaranteed"))
    assert original[start:end] == "g\u200buar\u200dantееd"


def test_fullwidth_accents_and_whitespace():
    text = normalize_text("ＲＩＳＫ   fréé\n\n\tnow ")
    assert text.norm == "RISK free now"
    assert text.lower == "risk free now"


def test_tokens_have_original_spans():
    original = "Hi @Jane_D! See аcme-air.com/deals #FlyAcme or https://t.co/x1."
    text = normalize_text(original)
    kinds = {(t.kind, original[t.start:t.end]) for t in text.tokens}
    assert ("mention", "@Jane_D") in kinds
    assert ("hashtag", "#FlyAcme") in kinds
    assert ("url", "аcme-air.com/deals") in kinds  # original keeps the Cyrillic a for the link check
    assert ("url", "https://t.co/x1") in kinds


def test_abbreviations_are_not_links():
    text = normalize_text("e.g. version 1.2 and i.e. things")
    assert not text.of_kind("url")


def test_emails_are_their_own_tokens():
    text = normalize_text("write to help@acme-air.com today")
    assert [t.value for t in text.of_kind("email")] == ["help@acme-air.com"]
    assert not text.of_kind("url")


def test_leetspeak_reading_keeps_spans():
    text = normalize_text("Gu4r4nt33d r3turns, AA123 at gate B22, 20% off, mail jo@x.com")
    assert text.unleet.startswith("guaranteed returns")
    assert len(text.unleet) == len(text.lower)
    assert "b22" in text.unleet and "20% off" in text.unleet and "jo@x.com" in text.unleet


INVISIBLES = "\u200b\u200c\u200d\u2060\u00ad\ufeff"


@pytest.mark.parametrize("original, norm", [
    # Between whole words a zero-width character is a space, or the words glue into one token nothing reads.
    ("i\u200bwill\u200bslit\u200byour\u200bthroat", "i will slit your throat"),
    ("shut\u2060up\u200cyou\u00adstupid\ufeffidiot.", "shut up you stupid idiot."),
    ("f\u200bu\u200bc\u200bk\u200by\u200bo\u200bu", "fuck you"),
    # Inside a word it hides, it still vanishes.
    ("f\u200buck off", "fuck off"), ("ki\u200bke", "kike"), ("inter\u00adnational", "international"),
    ("zq\u200bxj\u200bv", "zqxjv"),
    # Handles, tags, links and addresses are never two words.
    ("@jane\u200bdoe hi", "@janedoe hi"), ("#kill\u200ball", "#killall"), ("https://evil\u200bsite.com", "https://evilsite.com"),
    ("bad\u200bguy@x.com", "badguy@x.com"),
    # Joiners inside emoji and other scripts are not word breaks.
    ("👨\u200d👩\u200d👧 family", "👨👩👧 family"), ("می\u200cخواهم", "میخواهم"),
])
def test_zero_width_between_words_is_a_space_and_inside_one_vanishes(original, norm):
    text = normalize_text(original)
    assert text.norm == norm
    for token in text.tokens:
        typed = original[token.start:token.end]
        assert "".join(c for c in typed if c not in INVISIBLES).lower() == token.value.lower()


@pytest.mark.parametrize("original, norm, word", [
    ("You are a \u202etoidi\u202c, read the rules.", "You are a idiot, read the rules.", "toidi"),
    ("Thanks, you \u202ekcuf", "Thanks, you fuck", "kcuf"),              # no terminator: to the end
    ("x \u202eolleh\nworld", "x hello world", "olleh"),                  # an override ends with its line
])
def test_right_to_left_override_reads_as_shown(original, norm, word):
    # The override shows its run reversed: checks read what a reader sees, and a finding points at where it is written.
    text = normalize_text(original)
    assert text.norm == norm
    token = next(t for t in text.tokens if t.value in ("idiot", "fuck", "hello"))
    assert original[token.start:token.end] == word
    assert all(0 <= t.start <= t.end <= len(original) for t in text.tokens)


def test_small_capitals_read_as_letters():
    assert normalize_text("You are an ɪᴅɪᴏᴛ").norm.lower() == "you are an idiot"
    assert normalize_text("ꜰᴜᴄᴋ ʏᴏᴜ").norm.lower() == "fuck you"
