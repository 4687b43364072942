"""The real incidents from the product brief, end to end through POST /v1/check."""
import pytest

from conftest import bump_mtime

INCIDENTS = [
    ("chef posts a customer's phone", {"text": "Since you hated it so much, call me: 212-555-0199"}, "block", "pii.phone"),
    ("DM typed into the public box", {"text": "Hi Sam, your booking ref is K7Q2XP and your seat is 14C"}, "block", "pii.booking_reference"),
    ("credentials pasted", {"text": "new lounge wifi password: Acm3!Lounge2026"}, "block", "pii.credential"),
    ("internal link", {"text": "Ops status: https://grafana.corp.acme-air.com/d/ops"}, "block", "pii.internal_link"),
    ("Red Cross #gettngslizzerd", {"text": "Ryan found two more 4 bottle packs of Dogfish Head's Midas Touch beer.... when we drink we do it right #gettngslizzerd"},
     "warn", "account.personal_voice"),
    ("HMV live-tweeted firing", {"text": "We're tweeting live from HR where we're all being fired! #hmvXFactorFiring"}, "review", "account.confidential_topic"),
    ("agency posts client B's content", {"text": "Start your morning with Midnight Roast from Globex Coffee #SipGlobex"}, "review", "account.belongs_elsewhere"),
    ("DiGiorno #WhyIStayed", {"text": "#WhyIStayed You had pizza."}, "block", "hashtags.sensitive"),
    # A product push ("tasty treats") on a verdict tag: blocked as a promotion.
    ("Entenmann's #NotGuilty", {"text": "Who's #NotGuilty about eating all the tasty treats they want?!"}, "block", "hashtags.sensitive_with_promotion"),
    ("Patriots auto-tweet", {"text": "Thanks @IH8N1GG3RS for helping us become the first NFL team to 1 million followers!", "automated": True},
     "block", "usernames.offensive"),
    ("chef's profane reply", {"text": "Go f*** yourself, you don't know s**t about food"}, "block", "tone.insult"),
    ("shouting", {"text": "WE DO NOT ISSUE REFUNDS FOR MISSED FLIGHTS, READ THE TERMS"}, "warn", "tone.shouting"),
    ("United re-accommodate", {"text": "I apologize for having to re-accommodate these customers."}, "warn", "tone.blame"),
    ("Old Spice phone brush-off", {"text": "Please call our consumer relations team at 1-800-555-0100.",
                                   "in_reply_to": {"author": "@customer", "text": "Your deodorant gave me a rash, it hurts"}}, "warn", "tone.channel_switch"),
    ("American Airlines canned reply", {"text": "Thank you for your support! We're excited about the new American!",
                                        "in_reply_to": {"author": "@customer", "text": "Congrats to @americanair and @usairways on creating the largest, shittiest airline in the world."}},
     "review", "tone.mismatched_reply"),
    ("laughing at a lost bag", {"text": "😂 we'll look into it!", "in_reply_to": {"author": "@customer", "text": "You lost my bag and I'm stuck in Denver"}},
     "review", "tone.laughing_at_customer"),
    ("tragedy promo", {"text": "Never forget 9/11. Book now and save 20% on flights to New York!"}, "review", "tone.tone_deaf_promo"),
    ("lookalike link", {"text": "Claim your refund at acme-air-refunds.com"}, "block", "links.lookalike"),
]


@pytest.mark.parametrize("name, body, verdict, rule", INCIDENTS, ids=[i[0] for i in INCIDENTS])
def test_incident_is_stopped(client, keys, name, body, verdict, rule):
    r = client.post("/v1/check", json={"account": "acme-air", **body}, headers=keys.admin)
    decision = r.get_json()
    assert r.status_code == 200
    assert rule in [f["rule"] for f in decision["findings"]], decision["findings"]
    assert decision["verdict"] == verdict, decision["findings"]


def test_equifax_lookalike(policy_dir, client, keys):
    path = policy_dir / "accounts" / "acme-air.yaml"
    path.write_text(path.read_text().replace("  - acmeair.com\n", "  - acmeair.com\n  - equifaxsecurity2017.com\n"))
    bump_mtime(path)
    r = client.post("/v1/check", json={"account": "acme-air", "text": "Find out if you're affected: https://www.securityequifax2017.com"}, headers=keys.admin)
    assert r.get_json()["verdict"] == "block"
    [link] = [f for f in r.get_json()["findings"] if f["check"] == "links"]
    assert link["details"]["kind"] == "token_reorder"
