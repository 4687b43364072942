import pytest

from gatekeeper.checks import known_rule_ids, tone
from gatekeeper.normalize import normalize_post, normalize_text
from gatekeeper.rules.policy import load_policy


@pytest.fixture(scope="module")
def policy():
    from conftest import POLICIES

    return load_policy(POLICIES, known_rule_ids())


# Rules of the learned hostility score; tests of the word lists leave them out (see test_hostility.py).
LEARNED = {"tone.hostility", "tone.hateful", "tone.hostile_to_group", "tone.hostile_possible_hate", "tone.hostile_reply",
           "tone.threat", "tone.sexist"}


def rules(policy, text, parent=None, account="acme-air"):
    payload = {"account": account, "text": text}
    if parent:
        payload["in_reply_to"] = {"author": "@customer", "text": parent}
    return [f.rule for f in tone.check(normalize_post(payload), policy) if f.rule not in LEARNED]


def test_labelled_set_meets_quality_bar():
    from bench.eval_tone import evaluate

    # The word-list rules on the project's labelled set; the learned score has its own held-out floors.
    result = evaluate(exclude=LEARNED)
    assert result["bad"] >= 100 and result["good"] >= 100
    assert result["recall"] >= 0.95, result
    assert result["fp_rate"] <= 0.02, result


@pytest.mark.parametrize("word", ["s h i t", "s.h.i.t", "f***", "f**k", "b***h", "$hit", "a$$hole", "sh1t", "fuuuuck",
                                  "shiiiit", "ｆｕｃｋ", "f\u200bu\u200bc\u200bk", "fυck", "b!tch", "F U C K"])
def test_evasions_are_caught(policy, word):
    assert rules(policy, f"this {word} delay again") == ["tone.profanity"]


@pytest.mark.parametrize("text", ["Cocktail hour!", "Greetings from Scunthorpe", "Your assessment is ready",
                                  "Ask our therapist", "A Dickens reading on board", "Class act, crew!",
                                  "Go Gamecocks!", "A glass of rum", "Try our Sex on the Beach cocktail"])
def test_no_scunthorpe_problem(policy, text):
    assert rules(policy, text) == []


@pytest.mark.parametrize("text", ["Please head to Gate A55.", "Now boarding at Gate F46, have a great trip!",
                                  "Hi Sarah, your new gate is A22.", "Our N16 shop opens on Monday", "The new Galaxy A55 is here"])
def test_one_letter_and_digits_is_a_code_not_a_disguised_word(policy, text):
    # Gates, seats, postcodes and models: read with digits as letters they spelled ass, fag, nig.
    assert rules(policy, text) == []
    assert rules(policy, "you are a f4g") == ["tone.hate"]  # letters on both sides of the digit: a disguise


@pytest.mark.parametrize("text", [
    "Congratulations to Dick Harry, our Employee of the Month!", "Happy birthday to Dick Van Dyke!",
    "Congratulations to Sarah Dykes on 10 years with Acme Air!", "Hi Gaylord, thanks for your message.",
    "Captain Kuntz welcomes you aboard", "Mr Fagg and Ms Cumming joined the board",
    "Today's barista spotlight: Dick from our Manchester store", "Huge thanks to Liam Gaylord and the crew!",
    "¡Hola Dick! Tu vuelo sale el 18 de marzo.", "Meet Gaylord, one of our pilots.",
])
def test_people_named_like_a_list_word_are_named_not_insulted(policy, text):
    # A capitalised word that is a given name or surname (1990 US Census lists) beside another name, after a title
    # or in a greeting is a person: Sarah Dykes was blocked as hate, Hi Gaylord as an insult.
    assert rules(policy, text) == []


@pytest.mark.parametrize("text, rule", [
    ("Big Dick Energy all weekend", "tone.profanity"),  # "Big" is a surname too, but mostly a word
    ("Hey Dyke, get lost", "tone.hate"),  # a slur is freed only beside a given name or after a title
    ("what a Dick you are", "tone.insult"),
    ("Don't be a Dick about it", "tone.profanity"),  # a given name, but after "a": a noun
])
def test_a_list_word_beside_words_that_are_not_names_still_counts(policy, text, rule):
    assert rule in rules(policy, text)


@pytest.mark.parametrize("text", [
    "Votre vol AF123 a environ 45 minutes de retard. Merci de votre patience.",
    "Désolés pour le retard de vos bagages !",
    "Un café negro y un croissant por 3 euros.",
    "Je kunt vanaf vandaag online inchecken voor alle vluchten.",
])
def test_a_word_ordinary_in_the_posts_language_is_not_offensive(policy, text):
    assert rules(policy, text) == []


def test_the_same_word_in_an_english_post_still_counts(policy):
    assert rules(policy, "you are such a retard") == ["tone.hate"]
    assert rules(policy, "that retard is late again, what a delay") == ["tone.hate"]


def test_insults_aimed_at_people_are_blocked(policy):
    assert rules(policy, "@dave_b you're an idiot") == ["tone.insult"]
    assert rules(policy, "Honestly what a moron you are") == ["tone.insult"]
    # Mild words alone are not insults.
    assert rules(policy, "This weather is crap, but we're on it") == []


@pytest.mark.parametrize("text", ["Queer joy all weekend at the parade: find our float on Main St!",
                                  "We're funding LGBTQ+ and queer youth helplines this month."])
def test_a_word_people_name_themselves_by_is_no_profanity_in_a_brand_post(policy, text):
    assert "tone.profanity" not in rules(policy, text)


def test_the_same_word_thrown_at_someone_is_an_insult(policy):
    assert "tone.insult" in rules(policy, "@dave_b shut up you queer")


@pytest.mark.parametrize("text", ["Fresh powder on every slope this weekend!", "Wild Alaska pollock, now in store.",
                                  "Don't forget your poop bags on your walk!", "Don't forget your fanny pack for the festival.",
                                  "Photo enlargement: 20% off all week.", "The Homo sapiens gallery opens on Monday."])
def test_everyday_senses_of_listed_words_pass_in_a_brand_post(policy, text):
    assert rules(policy, text) == []


def test_a_homonym_thrown_at_someone_is_still_an_insult(policy):
    assert "tone.insult" in rules(policy, "@dave_b go away you homo")


def test_slurs_are_hate(policy):
    assert rules(policy, "what a n1gg3r") == ["tone.hate"]


@pytest.mark.parametrize("text", ["Pajeets have ruined the campus", "handed the town over to shitskins", "#Rapefugees strike again",
                                  "the muzzies are at it again", "@jo_news I hope you get raped, then you'll shut up"])
def test_anti_immigrant_slurs_and_wishing_rape_are_hate(policy, text):
    assert "tone.hate" in rules(policy, text)


def test_speaking_against_rape_is_not_wishing_it(policy):
    assert rules(policy, "No one deserves to be raped, whatever she was wearing") == []


def test_shouting(policy):
    assert rules(policy, "WE ARE SO EXCITED TO ANNOUNCE OUR NEW ROUTE TO LISBON!!!") == ["tone.shouting"]
    assert rules(policy, "Our FAQ covers TSA, FAA and ID rules at JFK and LAX.") == []
    assert rules(policy, "THANK YOU!") == []  # too short to be shouting
    assert rules(policy, "Big news from #ACMEAIR and @ACMEAIRSUPPORT today, see you soon") == []


@pytest.mark.parametrize("text", ["We're sorry if you feel that way.", "The passenger was re-accommodated.",
                                  "You should have checked in earlier.", "Per our policy you are responsible."])
def test_blame_phrases(policy, text):
    assert "tone.blame" in rules(policy, text)


@pytest.mark.parametrize("text", ["You're right, and we're sorry. You should have heard it from us first.",
                                  "You should have received an email with your new seat.",
                                  "You should have been told about the change before you travelled."])
def test_blame_exceptions_where_the_failure_is_ours(policy, text):
    assert "tone.blame" not in rules(policy, text)


def test_channel_switch_in_care_replies_but_dm_is_fine(policy):
    parent = "I have a rash from your deodorant"
    assert rules(policy, "Please call our consumer line at 1-800-555-0100.", parent) == ["tone.channel_switch"]
    assert rules(policy, "We're so sorry. Please DM us so we can help right away.", parent) == []
    # A promotion that gives a booking number is not a brush-off.
    assert rules(policy, "New routes to Lisbon! Call us to book.") == []
    # A reply that owns the problem may send the customer to the right place; refusing to help here may not.
    assert rules(policy, "So sorry, that should never happen. Please call reception and we'll move you right away.", parent) == []
    assert rules(policy, "Sorry, we can't help on here. Take it up with the store.", parent) == ["tone.channel_switch"] * 2


def test_american_airlines_case(policy):
    parent = "Congrats to @americanair and @usairways on creating the largest, shittiest airline in the world."
    # VADER alone calls the parent neutral; profanity and sarcasm cues make it upset.
    from gatekeeper.checks.tone import _vader

    assert abs(_vader().polarity_scores(parent)["compound"]) < 0.3
    assert rules(policy, "Thanks for your support! We're excited for the new American!", parent) == ["tone.mismatched_reply"]
    assert rules(policy, "Thanks for your support! We're excited for the new American!",
                 "Congrats on the merger, can't wait to fly the new American!") == []


def test_praise_wrapped_around_a_complaint_is_sarcasm(policy):
    # VADER reads the words of praise and calls these happy; a complaint inside them makes them sarcastic.
    reply = "Thanks for the love! Have a great day!"
    for parent in ("Thanks for the 3 hour delay, great service as always",
                   "Love waiting 2 hours on hold for nothing"):
        assert rules(policy, reply, parent) == ["tone.mismatched_reply"], parent
    assert rules(policy, reply, "Great service as always, thank you so much!") == []


def test_a_possessive_is_not_a_sarcasm_cue(policy):
    # A warm post with "'s" in it is not sarcastic: the reply laughing along with it is not laughing at anyone.
    for parent in ("Just realised I've been using the gym's treadmill backwards.", "can i get a cake with the ref's face on it"):
        upset, why = tone._parent_is_upset(normalize_text(parent), policy)
        assert not upset, why
        assert rules(policy, "😂 hey, extra challenge", parent) == []


def test_laughing_at_an_upset_customer(policy):
    parent = "You lost my bag and nobody answers the phone"
    assert "tone.laughing_at_customer" in rules(policy, "😂 we'll look into it", parent)
    assert rules(policy, "😂 He's a legend! Happy birthday!", "Your pilot sang happy birthday to me 😂") == []
    # Laughing at ourselves while owning the problem is not laughing at the customer.
    assert rules(policy, "Fair call 😅 that rule's out of date, you can cancel in the app now. Sorry for the hassle!",
                 parent) == []
    assert "tone.laughing_at_customer" in rules(policy, "lol good luck with that 😂", parent)


def test_a_warm_reply_in_the_brands_own_words_is_not_a_canned_one(policy):
    # Cheerful, but it fixes the problem: the canned-reply rule wants canned, celebratory wording.
    parent = "Our room heater has been broken all night and it's freezing."
    assert rules(policy, "Wonderful! A new heater is coming up right now and breakfast is on us.", parent) == []
    assert rules(policy, "A brand new heater is on its way up to your room right now, and breakfast is on us. Great news!",
                 parent) == []
    assert rules(policy, "Thanks for your support! Enjoy your stay!", parent) == ["tone.mismatched_reply"]


def test_a_customer_laughing_along_is_not_upset(policy):
    # VADER reads "killed me" as upset; the customer's own laughter says they are joking.
    assert rules(policy, "They're undefeated 😂 Glad you survived!", "Your spicy wings nearly killed me 😂") == []
    # Laughing at a complaint is still laughing at the customer.
    assert "tone.laughing_at_customer" in rules(policy, "😂 we'll look into it", "lol you lost my bag AGAIN")


@pytest.mark.parametrize("reply", ["ok.", "@jo_b and??", "k", "Sure, Jan.", "🙄🙄", "whatever 🙄", "Cool story.", "noted"])
def test_a_brush_off_to_an_upset_customer_is_held(policy, reply):
    parent = "I've been on hold for 45 minutes and my flight leaves in an hour. Furious."
    assert "tone.dismissive_reply" in rules(policy, reply, parent)


@pytest.mark.parametrize("parent", [
    # Complaints with no angry word in them: a service that fails, money taken, an order that never came, staff.
    "Still can't log in to the app, third day in a row",
    "The website won't load my invoice",
    "You charged me twice for the same order",
    "Tracking says marked as delivered but there's nothing at my door",
    "Your agent hung up on me halfway through",
])
def test_a_complaint_without_angry_words_is_read_as_upset(policy, parent):
    assert tone._parent_is_upset(normalize_text(parent), policy)[0]
    assert "tone.dismissive_reply" in rules(policy, "ok.", parent)
    assert "tone.laughing_at_customer" in rules(policy, "😂😂", parent)


@pytest.mark.parametrize("parent", [
    "Can't log in? Nope, logged straight in with the new face ID, so smooth. Thank you!",
    "Got my money back within a day, thanks so much",
    "What time does the Leeds store open on Sunday?",
])
def test_thanks_and_questions_are_not_complaints(policy, parent):
    assert not tone._parent_is_upset(normalize_text(parent), policy)[0]


@pytest.mark.parametrize("reply, parent", [
    ("ok, we've rebooked you on the 9am and emailed the new boarding pass", "I've been on hold for 45 minutes. Furious."),
    ("Ok! Enjoy the trip", "Just landed, smoothest flight ever!"),  # not upset
    ("ok.", None),  # nothing to answer: the learned reply score judges it alone
    ("Noted, and we're sorry. Passing this to the crew manager today.", "Your crew was rude to my mum."),
])
def test_a_short_word_in_a_real_answer_is_not_a_brush_off(policy, reply, parent):
    assert "tone.dismissive_reply" not in rules(policy, reply, parent)


def test_tone_deaf_marketing(policy):
    assert rules(policy, "Remember 9/11: book now and save 20% on flights to New York!") == ["tone.tone_deaf_promo"]
    assert rules(policy, "Today we remember those we lost on 9/11. #NeverForget") == []
    assert rules(policy, "Winter sale: 20% off all flights!") == []


def test_personal_accounts_keep_their_voice_but_not_slurs(policy):
    assert rules(policy, "WHAT A GAME TONIGHT, ABSOLUTELY UNBELIEVABLE SCENES!!!", account="jdoe") == []
    assert rules(policy, "this traffic is shit", account="jdoe") == []
    assert rules(policy, "@dave you idiot", account="jdoe") == ["tone.insult"]


def test_finding_spans_point_at_original_text(policy):
    text = "Well that was a ｆｕｃｋｉｎｇ week"
    finding = tone.check(normalize_post({"account": "acme-air", "text": text}), policy)[0]
    assert text[finding.start:finding.end] == "ｆｕｃｋｉｎｇ"


@pytest.mark.parametrize("text", [
    "Queer and thriving, thank you very much", "I'm a queer woman, thank you for having me on the panel",
    "Homo sapiens evolved in Africa, did you know?", "Sorry I was so stupid yesterday, thank you all for being patient",
    "What a stupid mistake on my part. See you all tomorrow!",
])
def test_a_you_that_thanks_greets_or_sits_in_another_sentence_aims_nothing(policy, text):
    assert "tone.insult" not in rules(policy, text, account="jdoe")


@pytest.mark.parametrize("text", ["you stupid idiot", "shut up, you idiot", "I love you, you stupid moron",
                                  "Stupid idiot. @danny_k", "thanks for nothing you useless clown"])
def test_a_you_in_the_same_sentence_or_a_handle_still_aims(policy, text):
    assert "tone.insult" in rules(policy, text, account="jdoe")


@pytest.mark.parametrize("text", ["that referee is a useless prick", "Piers Morgan is a wanker", "Tom is such a wanker lol",
                                  "my boss is an arsehole and everyone knows it", "he's a total moron", "what a clown",
                                  "Sarah is such a c.u.n.t lol", "Danny is a c u n t"])
def test_calling_someone_a_name_without_you_is_name_calling_on_any_account(policy, text):
    assert "tone.name_calling" in rules(policy, text, account="jdoe")
    assert "tone.name_calling" in rules(policy, text)


@pytest.mark.parametrize("text", ["what a fucking day", "I was such an idiot yesterday", "she is a queer artist from Leeds",
                                  "This movie is stupid", "It's a shitshow at the airport", "I'm an idiot sometimes",
                                  "I'm such a sore loser, Jonny beat me again", "Grandpa was a clown for 30 years",
                                  "Nina is a dummy for the window display", "What a load of bollocks",
                                  "it was a shitshow", "What a clusterfuck of a game"])
def test_a_word_before_a_noun_or_about_the_writer_is_no_name_calling(policy, text):
    assert "tone.name_calling" not in rules(policy, text, account="jdoe")


@pytest.mark.parametrize("text", [
    "@omar_h Damn. Sorry you lost your save. Make sure cloud save is turned on",
    "@anna_l Damn, that's annoying! I've refunded the second charge.",
    "@nina_r A flight from hell is exactly how it sounds, and we're sorry.",
    "@jp_travels That sucks, sorry! The delivery fee was wrong; I've refunded it.",
    "@priya_m We screwed up here, sorry. We found a fault in your area and it's fixed.",
    "@anna_l Sorry the app has been useless today. A fix is rolling out now.",
    "Sorry your trip was crap, we've refunded the fare.",
])
def test_a_support_reply_that_describes_the_problem_in_plain_words_insults_nobody(policy, text):
    # A reply's leading handle addresses the customer; it does not make every word of the reply an insult to them.
    found = rules(policy, text, parent="my flight was a nightmare")
    assert "tone.insult" not in found and "tone.profanity" not in found


@pytest.mark.parametrize("text", ["@user idiot", "@user useless", "@user you're useless", "@user fuck off",
                                  "what the hell is wrong with you", "Stupid idiot. @danny_k", "@sarah_m is such a c.u.n.t lol",
                                  "He is a prick. @RonandFez"])
def test_a_word_thrown_at_the_one_addressed_is_still_aimed(policy, text):
    found = rules(policy, text)
    assert "tone.insult" in found or "tone.profanity" in found


@pytest.mark.parametrize("text", [
    "@omar Definitely not user error - it's a known bug in 1.4, fixed next week.",
    "@omar It isn't user error! That's a bug in 3.2.0.",
    "To use eSIM you must have an unlocked phone.",
    "You should've received a password reset link - it can take a few minutes.",
    "You need to read the top row of numbers on the meter and send them in the app.",
])
def test_negated_blame_requirements_and_instructions_are_no_blame(policy, text):
    assert "tone.blame" not in rules(policy, text)


@pytest.mark.parametrize("text", ["@omar This is user error, sorry.", "You must have entered the wrong password.",
                                  "You should've read the terms before booking."])
def test_blame_still_counts(policy, text):
    assert "tone.blame" in rules(policy, text)


def test_a_dial_on_a_boiler_is_no_channel_switch(policy):
    assert "tone.channel_switch" not in rules(policy, "Sorry about that! Turn the dial on the boiler to 2 and hold reset.",
                                              parent="my heating is broken again")
    assert "tone.channel_switch" in rules(policy, "Please dial our helpline, we can't do refunds here.",
                                          parent="my heating is broken again")


@pytest.mark.parametrize("reply", ["We hate to hear your order never arrived. I've refunded it in full. Have a great day!",
                                   "That's on us. A new card is on its way, enjoy!",
                                   "Ha, we deserved that 😅 Your refund went out this morning."])
def test_owning_the_problem_in_other_words_is_not_a_canned_reply(policy, reply):
    found = rules(policy, reply, parent="Worst service ever, my order never arrived. Useless.")
    assert "tone.mismatched_reply" not in found and "tone.laughing_at_customer" not in found


def test_a_hell_of_a_day_is_an_idiom(policy):
    assert "tone.profanity" not in rules(policy, "@anna_l Hell of a day - sorry you missed your connection. You're on "
                                                 "the first flight out tomorrow.")
    assert "tone.profanity" in rules(policy, "what the hell is wrong with you")


@pytest.mark.parametrize("parent", ["dark mode finally!!! I could cry", "I would die for your pumpkin loaf",
                                    "your crew found my kid's teddy and mailed it back with a postcard 😭 thank you"])
def test_a_happy_customer_is_not_read_as_upset(policy, parent):
    assert "tone.mismatched_reply" not in rules(policy, "Yay! So glad you love it, enjoy! 🎉", parent=parent)


@pytest.mark.parametrize("parent", ["Thanks for the update, but my bag is still missing",
                                    "thanks for nothing, three hours on hold", "Love how you cancelled my flight"])
def test_thanks_taken_back_is_still_upset(policy, parent):
    assert "tone.mismatched_reply" in rules(policy, "Yay! So glad you love it, enjoy! 🎉", parent=parent)
