import pytest

from gatekeeper.checks import known_rule_ids, usernames
from gatekeeper.normalize import normalize_post
from gatekeeper.rules.policy import load_policy


@pytest.fixture(scope="module")
def policy():
    from conftest import POLICIES

    return load_policy(POLICIES, known_rule_ids())


def rules(policy, text, automated=True, reply_author=None):
    payload = {"account": "acme-air", "text": text, "automated": automated}
    if reply_author:
        payload["in_reply_to"] = {"author": reply_author, "text": "hi"}
    return [(f.rule, f.action) for f in usernames.check(normalize_post(payload), policy)]


def test_labelled_set_quality():
    """The set drawn from real names, places and the imported list (bench/datasets/handle_cases.py).

    The issue's bar is 98% at <= 2% false alarms; on six fresh seeds the reader stands at 98.6% with
    0.4% false alarms (single seeds 98-99%), so the test guards a floor and fails on a regression.
    """
    from bench.eval_handles import evaluate

    result = evaluate(seed=11)
    assert result["offensive"] >= 500 and result["benign"] >= 500 and result["traps"] >= 150
    assert result["recall"] >= 0.97, result
    assert result["fp_rate"] <= 0.02, result


@pytest.mark.parametrize("handle", ["@IHateN1ggers", "@ihatebitches", "@Fuuuck_The_Police", "@xXwh0reXx", "@b1tch_please",
                                    "@a55hole_king", "@KillAllMuslims", "@Nig_Ger", "@ＳＨＩＴＨＥＡＤ", "@sh\u200bithead", "@FVCK_U"])
def test_disguised_offensive_handles_in_automated_posts_are_blocked(policy, handle):
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == [("usernames.offensive", "block")]


@pytest.mark.parametrize("handle", ["@ScunthorpeUtd", "@CocktailHourNYC", "@AssassinsCreed", "@TherapistFinder", "@Cumberbatch_fan",
                                    "@MiddlesexCCC", "@Penistone_FC", "@Dickens_Society", "@maria_travels", "@Gamer2024",
                                    "@NigerDeltaNews", "@DickensianTours", "@cockatoo_rescue", "@therapist_jo", "@ShittertonWI",
                                    "@visit_clitheroe", "@BitcheTourisme", "@kenji2", "@Saltwater_Deposition", "@vote_queue"])
def test_scunthorpe_handles_pass(policy, handle):
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == []


def test_display_name_tokens_in_automated_posts(policy):
    assert rules(policy, "Welcome aboard, IHateBitches99! Enjoy 500 bonus miles.") == [("usernames.offensive", "block")]
    assert rules(policy, "Welcome aboard, CocktailHourNYC! Enjoy 500 bonus miles.") == []
    # People's posts only have their handles checked.
    assert rules(policy, "Welcome aboard, IHateBitches99!", automated=False) == []


def test_human_posts_get_a_milder_action(policy):
    assert rules(policy, "Thanks @ihatebitches", automated=False) == [("usernames.offensive_human", "warn")]


def test_reply_author_of_automated_post(policy):
    assert rules(policy, "Thank you for following!", reply_author="@FuckTheCops") == [("usernames.offensive", "block")]


def test_automated_review_by_policy(policy_dir, client, keys):
    # acme-air holds automated posts that mention people.
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "Thanks @maria_travels for flying!", "automated": True}, headers=keys.poster)
    assert r.status_code == 202 and r.get_json()["findings"][0]["rule"] == "automated.mentions_review_required"
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "Our winter schedule is live.", "automated": True}, headers=keys.poster)
    assert r.status_code == 201
    path = policy_dir / "accounts" / "acme-air.yaml"
    path.write_text(path.read_text().replace("automated: mentions", "automated: all"))
    from conftest import bump_mtime

    bump_mtime(path)
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "Our winter schedule is live.", "automated": True}, headers=keys.poster)
    assert r.status_code == 202 and r.get_json()["findings"][0]["rule"] == "automated.review_required"


@pytest.mark.parametrize("handle", ["@fvck_the_world", "@niqqa_please", "@FaqqotHunter", "@phuck_u", "@n_i_g_g_e_r",
                                    "@b_i_t_c_h_e_s", "@cvnt_king", "@biiitch_", "@niggggers", "@azzhole_88", "@jakkass"])
def test_swapped_doubled_and_separated_letters(policy, handle):
    assert rules(policy, f"Thanks {handle} for following!") == [("usernames.offensive", "block")]


def test_place_names_protect_only_what_they_cover():
    from gatekeeper import profanity
    from gatekeeper.checks.usernames import HandleReader
    from gatekeeper.rules.policy import load_policy
    from gatekeeper.checks import known_rule_ids
    from conftest import POLICIES

    reader = HandleReader(profanity.matcher(load_policy(POLICIES, known_rule_ids())))
    assert reader.read("@ScunthorpeUtd") is None
    assert reader.read("@ScunthorpeCunts") == "cunts"  # the place covers its own letters, not a word next to it
    assert reader.read("@fuckboy99") == "fuck"  # fuck + boy is a compound, not an accident


@pytest.mark.parametrize("handle", [
    "@a55h013s",         # a digit run between letters reads as letters, even three long
    "@sh1tho1e99",       # "1" read as i in one place and l in another
    "@Gang_Bang_Crew",   # a list word made of whole everyday words
    "@DoggyStyleDaily",
    "@Zippahead_Club",   # "a" typed for "er"
    "@b_1_t_c_h_please", # a look-alike between separators
    "@MariaS_p_i_c",     # spelt out after a name: "aspic" across the cut is no cover
])
def test_harder_disguises_are_read(policy, handle):
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == [("usernames.offensive", "block")]


@pytest.mark.parametrize("handle", ["@Cissiee_Bakes", "@kikelia_art", "@PeacocksTV", "@Babcock59", "@HitchcocksFilms",
                                    "@Visit_J.A.P.A.N", "@N.I.G.E.R_news", "@A.S.S.E.T_mgmt"])
def test_first_names_and_plurals_of_real_words_pass(policy, handle):
    # First names (gatekeeper/data/first_names.txt) cover a list word inside them; "Peacocks" is peacock + s.
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == []


def test_a_first_name_that_is_a_list_word_is_not_protected(policy):
    reader = usernames.reader(policy)
    assert "pansy" in reader.names and "pansy" in reader.words
    assert reader.read("@pansy_boy_99") == "pansy"
    assert reader.read("@kikelia_art") is None


@pytest.mark.parametrize("handle", ["@hoare_sarah", "@JohnHoare", "@tom_fagg", "@anna_kock", "@cumming_jake", "@Sarah_Dykes",
                                    "@DickSmith", "@dick_van_dyke_fan"])
def test_a_person_named_like_a_list_word_passes(policy, handle):
    # A surname or given name (1990 US Census lists) beside a given name, or a given name beside a surname, is a
    # person: winners of a giveaway named Hoare, Fagg or Dykes were blocked.
    assert rules(policy, f"Congrats {handle} on winning our summer giveaway!") == []


@pytest.mark.parametrize("handle, word", [
    ("@big_dick", "dick"),  # "big" is a surname, but mostly a word
    ("@john_fag", "fag"),  # not a name
    ("@tom_fagg_slut", "slut"),  # the name is read as a name, the rest still counts
    ("@DickHead_Dan", "dick"),  # two names that together make a list word ("dickhead") are no names
    ("@BeaStiALiTY", "beastiality"),  # random case cuts a word into pieces that are names by chance
    ("@uroPhiLia_lover", "urophilia"),
])
def test_names_excuse_only_themselves(policy, handle, word):
    assert usernames.reader(policy).read(handle) == word


def test_terms_named_with_digits_are_found_but_leet_of_mild_words_is_not(policy):
    reader = usernames.reader(policy)
    assert reader.read("@2g1c_fan") == "2g1c"
    assert reader.read("@The11thHour") is None  # "he11" reads as hell, a mild word, and "11th" is a number


@pytest.mark.parametrize("handle", ["@xXsissyXx", "@spix_hunter", "@FingeringQueen69", "@viagra_club", "@JiggerBoi_88"])
def test_rare_words_freed_in_posts_still_count_in_handles(policy, handle):
    # not_offensive frees them in prose ("a jigger of rum"); a maintained list has them as slurs or sexual terms,
    # and a username has no sentence around it.
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == [("usernames.offensive", "block")]


def test_common_freed_words_stay_free_in_handles_and_allowed_frees_any(policy_dir):
    from gatekeeper import profanity
    from gatekeeper.checks.usernames import HandleReader

    base = load_policy(policy_dir, known_rule_ids())
    reader = HandleReader(profanity.matcher(base))
    assert reader.read("@NudeBeachGuide") is None  # "nude" is an everyday word (Zipf 4.0)
    assert reader.read("@MongrelMedia") == "mongrel"
    path = policy_dir / "lexicons" / "offensive.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("allowed: [", "allowed: [mongrel, ", 1), encoding="utf-8")
    freed = HandleReader(profanity.matcher(load_policy(policy_dir, known_rule_ids())))
    assert freed.read("@MongrelMedia") is None
    assert freed.read("@xXsissyXx") == "sissy"


@pytest.mark.parametrize("handle", ["@LungPoonCourt43", "@san_gregorio_de_nigua_news", "@bad_konig_gardens",
                                    "@kostelec_nad_orlici_yoga", "@NieuwNickerieToday"])
def test_a_place_written_in_parts_covers_its_letters(policy, handle):
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == []


def test_a_place_found_across_random_case_or_next_to_a_word_covers_nothing(policy):
    reader = usernames.reader(policy)
    assert reader.read("@kimmiSaNTorUMqueen") == "santorum"  # "sa|n|tor" is no place, though "santor" is one
    assert reader.read("@snoWBAllING_halette") == "snowballing"  # starts before the place "alling"
    assert reader.read("@LungPoonLover") == "poon"  # no place without "Court"


def test_a_slur_written_with_digits_is_not_excused_by_a_place(policy):
    reader = usernames.reader(policy)
    assert reader.read("@cassandra_N1G3R_tv") == "n1g3r"  # the list's own form; nobody writes Niger with digits
    assert reader.read("@NigerDeltaNews") is None
    assert reader.read("@The11thHour") is None


@pytest.mark.parametrize("handle", ["@Sugars35", "@Cumming58", "@LungPoonCourt43", "@Snickers11"])
def test_a_number_after_a_whole_word_is_not_read_as_letters(policy, handle):
    # "Sugars35" is not "sugarsse" (arse), "Snickers11" not "snickersil" (niccers).
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == []


@pytest.mark.parametrize("handle", ["@Fuck3r", "@bigclaus7r0phil3", "@xXwh0r3", "@a55h0l3"])
def test_trailing_look_alikes_of_a_disguised_word_are_still_read(policy, handle):
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == [("usernames.offensive", "block")]


@pytest.mark.parametrize("handle", ["@anna_l", "@diana_l", "@walter_d", "@peter_d", "@p_ronald", "@ricky_z", "@eva_q",
                                    "@charles_o"])
def test_a_given_name_and_an_initial_are_not_run_together(policy, handle):
    # "anna_l" read as one run is "annal", which holds "anal": a name and an initial is how people make handles.
    assert usernames.reader(policy).read(handle) is None


@pytest.mark.parametrize("handle, word", [("@n_igger", "nigger"), ("@f_ag", "fag"), ("@x_slut", "slut")])
def test_a_word_cut_by_an_underscore_is_still_read(policy, handle, word):
    assert usernames.reader(policy).read(handle) == word
