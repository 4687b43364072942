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


def test_labelled_set_meets_quality_bar():
    from bench.eval_handles import evaluate

    result = evaluate()
    assert result["offensive"] >= 150 and result["benign"] >= 150 and result["traps"] >= 50
    assert result["recall"] >= 0.98, result
    assert result["fp_rate"] <= 0.02, result


@pytest.mark.parametrize("handle", ["@IHateN1ggers", "@ihatebitches", "@Fuuuck_The_Police", "@xXwh0reXx", "@b1tch_please",
                                    "@a55hole_king", "@KillAllMuslims", "@Nig_Ger", "@ＳＨＩＴＨＥＡＤ", "@sh\u200bithead", "@FVCK_U"])
def test_disguised_offensive_handles_in_automated_posts_are_blocked(policy, handle):
    assert rules(policy, f"Thanks {handle} for being our 1 millionth follower!") == [("usernames.offensive", "block")]


@pytest.mark.parametrize("handle", ["@ScunthorpeUtd", "@CocktailHourNYC", "@AssassinsCreed", "@TherapistFinder", "@Cumberbatch_fan",
                                    "@MiddlesexCCC", "@Penistone_FC", "@Dickens_Society", "@maria_travels", "@Gamer2024"])
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
