"""The shared offensive-word matcher (tone check and usernames): disguises it sees through, real words it leaves alone."""
import pytest

from gatekeeper import profanity


@pytest.fixture(scope="module")
def matcher():
    from conftest import POLICIES
    from gatekeeper.checks import known_rule_ids
    from gatekeeper.rules.policy import load_policy

    return profanity.matcher(load_policy(POLICIES, known_rule_ids()))


def words(matcher, text):
    from gatekeeper.normalize import normalize_text

    return [(h.kind, h.word) for h in matcher.scan(normalize_text(text).lower)]


@pytest.mark.parametrize("text, word", [("what the fvck", "fuck"), ("such a cvnt", "cunt"), ("niqqa please", "nigga"),
                                        ("phuck that", "fuck"), ("fuuuuuck", "fuck"), ("f - u - c - k", "fuck"),
                                        ("sh1t", "shit"), ("b***h", "bitch"), ("darkies everywhere", "darkies"),
                                        ("a nig from town", "nig"), ("you are a jiggaboo...!", "jiggaboo"),
                                        ("he called me a camel jockey", "camel jockey"), ("what a fucktard", "fucktard"),
                                        ("you \u202ekcuf\u202c", "fuck"), ("ꜰᴜᴄᴋ this", "fuck")])
def test_disguises_are_read(matcher, text, word):
    found = words(matcher, text)
    # The list word it stands for, or a list entry that already spells the disguise ("sh1t", "phuck").
    assert found and found[0][0] in ("strong", "slur"), found
    assert word in [w for _, w in found] or matcher.words.get(found[0][1]) in ("strong", "slur")


@pytest.mark.parametrize("text", ["Visit Scunthorpe and Penistone", "News from Niger", "a Dickensian cockatoo",
                                  "my therapist", "Shitterton village fete", "vote in the queue", "the Brownie King bakery",
                                  "a switch hitter", "world domination", "spicy food", "cocked hat", "a jigger of rum",
                                  "a scruffy mongrel pup", "spook the kids this Halloween", "our new cotton picker",
                                  "Negro Leagues Baseball Museum", "China men's team wins gold", "the camel and its jockey",
                                  # everyday senses of words on the built-in list
                                  "fresh powder on every slope", "Alaska pollock fillets", "a blue tit at the feeder",
                                  "compostable poop bags", "a shag carpet", "jerked chicken", "photo enlargement",
                                  "Puss in Boots", "the erection of the new terminal", "a fanny pack",
                                  "nappy changing rooms", "a teat for the bottle", "ear muffs", "gai lan"])
def test_real_words_and_places_pass(matcher, text):
    assert words(matcher, text) == []



def test_imported_list_is_recorded_with_source_and_licence():
    from conftest import POLICIES
    from gatekeeper.checks import known_rule_ids
    from gatekeeper.rules.policy import load_policy

    lexicon = load_policy(POLICIES, known_rule_ids()).lexicon("offensive")
    group = lexicon["imported_lists"][0]
    assert "dsojevic/profanity-list" in group["source"] and group["license"].startswith("MIT")
    assert len(group["terms"]) > 400
    assert profanity.imported_terms(lexicon)["slur"] >= {"nigger", "wetback", "towelhead"}
    surge = next(g for g in lexicon["imported_lists"] if "surge-ai/profanity" in g["source"])
    assert surge["license"].startswith("MIT") and set(surge["kinds"]) == {"racial", "disability"}
    assert profanity.imported_terms(lexicon)["slur"] >= {"jiggaboo", "porch monkey", "slanteye"}


def test_long_tokens_get_one_bounded_reading(matcher):
    assert matcher.lookup("f" + "u" * 5000 + "ck") == ("strong", "fuck")
    assert matcher.lookup("a" * 5000) is None


@pytest.mark.parametrize("text, word", [
    # separators other than spaces, dots and hyphens between the letters
    ("you absolute n·i·g·g·e·r", "nigger"), ("a f*a*g*g*o*t", "faggot"), ("saw some k,i,k,e", "kike"),
    ("what a s~p~i~c", "spic"), ("f|u|c|k off", "fuck"), ("a c•u•n•t", "cunt"),
    # a one-letter word or an emoji beside a spaced word is not part of it
    ("he is a c u n t", "cunt"), ("f u c k u", "fuck"), ("you c u n t 😡", "cunt"),
    # another character put in, or put for a letter
    ("a n.gger", "nigger"), ("you r_tard", "retard"), ("you f-ggot", "faggot"), ("a bi'tch", "bitch"),
    # a stretched word that has a double letter of its own, read as its most severe word
    ("niiiiigger", "nigger"), ("traaaaanny", "tranny"), ("reeeeetard", "retard"), ("faaaaggots", "faggots"),
    # plurals the list lacks
    ("full of trannys", "tranny"), ("a bunch of kykes", "kyke"), ("you wankers", "wanker"),
    # Greek look-alike letters and negative circled / squared capitals
    ("typical κικε", "kike"), ("a niggεr", "nigger"), ("🅝🅘🅖🅖🅔🅡", "nigger"), ("🅱🅸🆃🅲🅷", "bitch"),
])
def test_more_disguises_are_read(matcher, text, word):
    found = words(matcher, text)
    assert word in [w for _, w in found], found


@pytest.mark.parametrize("text", [
    "we'll see, he'll be there, it's fine, don't worry", "the co-op opened a well-known store at 10:30 a.m.",
    "tickets $5.99, 1,000 seats", "Grades: A, B, C", "A, S, K the front desk", "a chink of light through the curtains",
    "Spick and span after the deep clean", "Honky-tonk night at the Crown", "Coon Rapids, Minnesota",
    "japes and classes", "cool glasses", "passes and bosses", "Go Redskins!",
    # ordinary words a reading of stretched letters, a plural or a vowel left out would make list words of
    "Betfair assess United's hopes", "Clerical error snatches the seat", "This is SPCs winning Best Kids Snack",
    "What are you lot up to? ;P x x x",
])
def test_ordinary_text_with_those_shapes_passes(matcher, text):
    assert [w for w in words(matcher, text) if w[0] in ("slur", "strong")] == []


@pytest.mark.parametrize("text, innocent", [
    ("Road trip: Clitheroe, then Penistone, then Scunthorpe", ["clitheroe", "penistone", "scunthorpe"]),
    ("The Niger Delta in spring", ["niger"]), ("The kids were sniggering at the back", ["sniggering"]),
    ("Fire retardant coating", ["retardant"]), ("Emily Dickinson's poems", ["dickinson's"]),
    ("Coon Rapids, Minnesota", ["coon rapids"]),
    # lower case, a name is not a name; a listed word or a disguise is never innocent; common words are left alone
    ("you niger", []), ("batshit crazy", []), ("what a nigger", []), ("tonight in class", []),
])
def test_innocent_spans_are_the_words_the_lists_free(matcher, text, innocent):
    from gatekeeper.normalize import normalize_text

    t = normalize_text(text)
    assert [t.lower[a:b] for a, b in matcher.innocent_spans(t.lower, t.norm)] == innocent


@pytest.mark.parametrize("text, word", [
    ("you @$$hole", "asshole"),  # "@" read as a letter, not a handle
    ("#14words", "14words"), ("sieg heil 14/88", "14/88"),  # hate codes with digits
])
def test_handles_and_coded_words_are_read(matcher, text, word):
    assert word in [w for _, w in words(matcher, text)], words(matcher, text)


@pytest.mark.parametrize("text", ["I am so happy", "we go ok", "do it on time", "as is", "faggots and peas at the pub",
                                  "thanks @danny_k", "Mr Ergin and Ms Downing", "14 days, 88 rooms"])
def test_words_side_by_side_and_real_handles_stay_apart(matcher, text):
    assert [w for w in words(matcher, text) if w[0] in ("slur", "strong", "hate")] == []



@pytest.mark.parametrize("text", [
    # short words side by side, in English and other languages, are not a word cut in two
    "Big call: the FA got it wrong", "Non le so queste regole", "Vi bor i en by", "Yes po of course",
    "Press the pi key", "a new ch ink cartridge", "Our PR on sustainability", "O ar se tornou pesado",
    # words of other languages one vowel away from a slur
    "Bener banget!", "Nowy baner", "Tutti tranne me", "Finocchi gratinati", "Go Nucks go!",
    # possessives, contractions and initials
    "Nick's Pizza", "Pike's Peak", "Jaap's bakery", "His chin's healing", "J.P. Morgan", "the N.B.A. finals",
    "P.S. see you soon", "straight A's", "Mind your P's and Q's", "who're you bringing?", "Happy N.Y.",
    # commas with spaces separate a list: a chord, degrees
    "Play the chord F, A, G", "Kim Park, M.A., M.S.",
    "minor injury niggles", "FKK Strand", "Sussex's finest",
])
def test_ordinary_text_read_as_list_words_by_a_probe_passes(matcher, text):
    assert [w for w in words(matcher, text) if w[0] in ("slur", "strong", "hate")] == []


@pytest.mark.parametrize("token", ["ü'ö", "é.è", "日本'語", "ß-ä", "—'—", "..'..", "ю_я", "🔥'🔥"])
def test_a_token_of_other_scripts_and_marks_is_read_without_error(matcher, token):
    # A word with a mark inside it and no ASCII letter crashed the reading of hidden letters (a crashed check holds
    # the post).
    assert matcher.lookup(token) is None
