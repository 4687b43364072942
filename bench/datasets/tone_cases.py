"""A labelled set of brand replies for the tone check: half must be flagged, half must pass.

Each case: text, optional in_reply_to text, and `bad` (True when it must be flagged).
Built from templates with varied fillers and disguises, from a fixed seed.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

NAMES = ["Maria", "Sam", "Priya", "Lee", "Tom", "Aisha", "Diego", "Hannah", "Kenji", "Grace"]
COMPLAINTS = [
    "Congrats on creating the largest, shittiest airline in the world.",
    "You lost my bag AGAIN. Three days and nobody answers the phone.",
    "Flight delayed 5 hours, no food vouchers, no updates. Never flying Acme again.",
    "Your app crashed mid check-in and now I've missed my flight. Thanks for nothing.",
    "Great job Acme, another cancelled flight. Love being stranded in Denver 🙄",
    "The crew on AA203 were incredibly rude to my elderly mother.",
    "My son got food poisoning from your in-flight meal. Disgusting.",
    "Been on hold for 2 hours. This is a joke.",
    "Wow, bumped from an overbooked flight for the third time this year. Well done.",
    "Your seats are broken and the toilet was flooded. Worst flight ever 😡",
    "I have a rash from the blanket you gave me on the flight.",
    "Still waiting on my refund from March. Ridiculous.",
]
HAPPY_PARENTS = [
    "Just landed in Lisbon, best flight ever! The crew were amazing ❤️",
    "Shoutout to the Acme crew who sang happy birthday to me at 30,000 ft 😂",
    "Loving the new lounge in Terminal 3, the espresso is great!",
    "First time flying Acme and I'm impressed. Smooth ride!",
    "My daughter got her wings pin today, she's over the moon 🥰",
]

PROFANE = ["shit", "sh1t", "$hit", "s h i t", "fuck", "f***", "f**k", "fuuuuck", "ｆｕｃｋ", "f\u200buck", "bullshit", "b*llsh*t",
           "f.u.c.k", "a$$hole", "asshole", "b***h", "bitch", "b!tch", "shitty", "sh*tty", "crappy", "wtf", "fucking", "f***ing"]
INSULT_TEMPLATES = [
    "@{h} you're an idiot, read the sign.",
    "Honestly @{h}, what a moron. It says gate 12 on your ticket.",
    "Shut up {n}, nobody cares.",
    "{n}, you are pathetic. Learn to pack a bag.",
    "Listen {w}, we don't need your business.",
    "Get lost, you {w}.",
    "@{h} stop whining you {w}",
    "Go to hell @{h}.",
]
PROFANITY_TEMPLATES = [
    "This {w} weather is delaying everything, sorry folks.",
    "Well that was a {w} week for our ops team.",
    "Holy {w}, the Denver lounge is finally open!",
    "What the {w} is going on with the baggage belts today?",
    "Our new menu is the {w}! Come try it.",
    "No {w}, we're adding 12 new routes.",
]
SHOUT_TEMPLATES = [
    "WE ARE SO SORRY BUT THERE IS NOTHING MORE WE CAN DO FOR YOU TODAY",
    "PLEASE READ OUR BAGGAGE POLICY BEFORE YOU COMPLAIN TO US AGAIN",
    "HUGE NEWS!!! OUR SUMMER SALE STARTS RIGHT NOW, DON'T MISS OUT!!!",
    "STOP ASKING ABOUT REFUNDS, THEY TAKE FOURTEEN BUSINESS DAYS TO PROCESS",
    "CHECK YOUR EMAIL {n}, WE ALREADY SENT THE VOUCHER YESTERDAY",
]
BLAME_TEMPLATES = [
    "We're sorry you feel that way, {n}, but the fare rules were clear.",
    "Sorry if you were offended by our crew's request.",
    "The passenger refused to leave and had to be re-accommodated.",
    "You should have arrived at the gate 30 minutes before departure, {n}.",
    "As stated in our terms, carry-on size limits apply to all passengers.",
    "Per our policy you are responsible for connecting flights booked separately.",
    "Unfortunately that's on you for not checking the baggage allowance.",
    "We regret that you feel the service was lacking.",
    "It is your responsibility to have valid travel documents, {n}.",
    "You must have missed the boarding announcement; it was made twice.",
]
CHANNEL_TEMPLATES = [
    "Please call our customer care line at 1-800-555-0100.",
    "For that you'll need to call customer service.",
    "Please email us at help@acme-air.com with the details.",
    "We can't help here, please visit our website and fill out the form.",
    "You'll need to contact customer service about that, {n}.",
    "Please submit a ticket via acme-air.com/support.",
    "Give us a call on 1-800-555-0100 and our agents will take a look.",
]
CHEERFUL_CANNED = [
    "Thanks for your support! We love you too ❤️",
    "Thanks for flying with us, {n}! Have a great day!",
    "Woohoo! So glad you chose Acme 🎉",
    "Thanks for the shoutout! See you on board soon ✈️",
    "Congrats to you too! Stay tuned for more big news 🙌",
    "We appreciate you, {n}! Enjoy your trip!",
]
LAUGHING = ["😂😂 we'll look into it", "lol that's rough, {n}", "Haha, happens to the best of us 🤣", "😆 classic Monday!", "lmao we'll pass it on"]
TONE_DEAF = [
    "Never forget 9/11. Book now and save 20% on flights to New York!",
    "Hurricane season is here: 30% off all flights to Florida! Use code STORM30.",
    "In memory of the victims, enjoy double miles this weekend only!",
    "Celebrate Juneteenth with our flash sale: fares from $49!",
    "Earthquake got you shaken? Treat yourself with 25% off a getaway!",
    "Honoring Martin Luther King Jr. with 15% off all fares, book now!",
    "Pearl Harbor Day deals: save up to 40% on Hawaii flights!",
    "Black Lives Matter. Shop our new merch collection, 20% off today only.",
]

PASS_TEMPLATES = [
    "Thanks {n}, so glad you enjoyed the flight! See you next time.",
    "Happy birthday {n}! Our crew loved singing for you 🎂",
    "Haha, we love a window-seat selfie, {n}! Great shot.",
    "We're so sorry about the delay, {n}. That's not the experience we want for you. DM us your booking ref and we'll make it right.",
    "That's awful, {n}, and we're sorry. Please send us a DM so we can trace your bag right away.",
    "We hear you, {n}. A 5-hour delay is frustrating. We've added a meal voucher to your booking.",
    "Our new cocktail menu is here: try the Dark 'n' Stormy, the Screwdriver or a Sex on the Beach 🍹",
    "Happy hour in the lounge: cocktails, craft beer and a cheeky glass of rum from 5pm.",
    "Good luck to the Gamecocks tonight from all of us at Acme Air! 🏈",
    "Congrats to Scunthorpe United on promotion! Fly to the away games with 10% off.",
    "Our crew took the skills assessment with a therapist from the Dickens Institute. Proud of them!",
    "Our FAQ at acme-air.com/faq covers TSA and ID rules for JFK and LAX.",
    "NASA, NOAA and the FAA all agree: the eclipse is on Monday. Window seats recommended!",
    "Today we remember those we lost on 9/11. #NeverForget",
    "Our thoughts are with everyone affected by the hurricane. Free rebooking for flights to Florida this week.",
    "Winter sale: fares from $59 one way, 20% off until Dec 12! Book now.",
    "Meet Captain {n}, who just flew her 10,000th hour with us. Congratulations!",
    "Go team! Acme Air is proud to fly the Titans to the championship.",
    "Thanks for the love, {n}! The espresso machine is our pride and joy ☕",
    "Bag delays are frustrating, {n}; we're sorry. Please DM us your file reference and we'll chase it.",
    "Hey {n}, great question! Carry-on limit is 22 x 14 x 9 in. Safe travels!",
    "We're on it, {n}. Our ops team is swapping the aircraft now; new departure 6:40pm.",
    "LOL {n}, that pilot announcement was a classic. We'll pass on your compliments 😂",
    "New route alert: Lisbon from $299! Classic pastries included 🥐",
    "Our Cockpit Tours are back this summer: book at acme-air.com/tours.",
    "A big thank you to our Essex and Middlesex crews for the charity bake-off!",
    "Shout out to {n} for spotting the rainbow over the runway 🌈",
    "We apologise for the inconvenience on AA203 today, {n}. Here's what we're doing: free rebooking and a meal voucher.",
    "Yes {n}, pets under 20 lbs can fly in the cabin. DM us for the details!",
    "Sorry for the wait, {n}. Your refund was issued today; it can take 5-7 days to appear.",
]
HAPPY_REPLIES = [
    "Thank you {n}! We'll pass this on to the crew ❤️",
    "Woohoo! Welcome to Lisbon, {n} 🎉",
    "😂 Our crew has great voices. Happy birthday!",
    "So glad you're enjoying it, {n}! Cheers ☕",
    "Congratulations to your daughter! Future pilot 👩‍✈️",
]
EMPATHETIC_REPLIES = [
    "We're so sorry, {n}. That's not ok. Please DM us your booking ref and we'll make it right.",
    "We hear you and we apologise, {n}. Send us a DM with your file reference and we'll chase your bag now.",
    "That's not the experience we want for you, {n}. We've escalated this to the crew manager; please DM us.",
    "We're sorry about the wait, {n}. Please DM us your details and we'll look into the refund today.",
]


def cases(seed: int = 2027) -> list[dict]:
    r = random.Random(seed)
    handle = lambda: r.choice(["jo_travels", "kfortune", "dave_b", "mia22", "flyguy"])  # noqa: E731
    fill = lambda t: t.format(n=r.choice(NAMES), h=handle(), w=r.choice(["idiot", "moron", "loser", "dumbass", "clown", "jackass", "b*tch", "d1ckhead"]))  # noqa: E731
    bad, good = [], []
    for t in INSULT_TEMPLATES:
        for _ in range(2):
            bad.append({"text": fill(t), "bad": True, "kind": "insult"})
    for t in PROFANITY_TEMPLATES:
        for _ in range(4):
            bad.append({"text": t.replace("{w}", r.choice(PROFANE)), "bad": True, "kind": "profanity"})
    for t in SHOUT_TEMPLATES:
        bad.append({"text": fill(t), "bad": True, "kind": "shouting"})
    for t in BLAME_TEMPLATES:
        bad.append({"text": fill(t), "bad": True, "kind": "blame"})
    for t in CHANNEL_TEMPLATES:
        for _ in range(2):
            bad.append({"text": fill(t), "bad": True, "kind": "channel_switch", "in_reply_to": r.choice(COMPLAINTS)})
    for t in CHEERFUL_CANNED:
        for _ in range(3):
            bad.append({"text": fill(t), "bad": True, "kind": "mismatched_reply", "in_reply_to": r.choice(COMPLAINTS)})
    for t in LAUGHING:
        for _ in range(2):
            bad.append({"text": fill(t), "bad": True, "kind": "laughing", "in_reply_to": r.choice(COMPLAINTS)})
    for t in TONE_DEAF:
        bad.append({"text": t, "bad": True, "kind": "tone_deaf"})
    for t in PASS_TEMPLATES:
        for _ in range(2):
            good.append({"text": fill(t), "bad": False, "kind": "pass"})
    for t in HAPPY_REPLIES:
        for _ in range(4):
            good.append({"text": fill(t), "bad": False, "kind": "happy_reply", "in_reply_to": r.choice(HAPPY_PARENTS)})
    for t in EMPATHETIC_REPLIES:
        for _ in range(5):
            good.append({"text": fill(t), "bad": False, "kind": "empathetic_reply", "in_reply_to": r.choice(COMPLAINTS)})
    return bad + good


# Held out from the hostility model: written for evaluation only, never in train/hostility_data/.
# Replies to customers, each with the post it answers.
HOSTILE_REPLIES = [
    ("My flight was cancelled and nobody told me.", "We did tell you. You just don't check your email, apparently."),
    ("Where is my suitcase?? Day 4 now.", "Probably still wherever you left it. Patience."),
    ("Your app charged me twice.", "Funny how this only ever happens to you."),
    ("Why was I moved to a middle seat?", "Because you booked the cheapest fare. What did you expect, first class?"),
    ("Still no refund after 6 weeks.", "Keep posting like this and the refund will take six more."),
    ("The hotel room was filthy.", "Maybe it was clean before you checked in."),
    ("I was on hold for an hour.", "An hour of your precious time, how tragic."),
    ("Your driver threw my parcel over the fence.", "At least it arrived. Some people are never grateful."),
    ("This is the third time my order was wrong.", "Have you tried ordering more clearly?"),
    ("The gate agent was rude to me.", "Our agent says you were the rude one. We believe her."),
    ("Can someone explain this fee?", "It was explained at checkout. In big letters. For people like you."),
    ("I want to speak to a manager.", "The manager has seen your tweets and would rather not."),
    ("My bag arrived broken.", "Bags break when you stuff them like that."),
    ("Why is my bill so high?", "Maybe use less data. Just a thought."),
    ("You lost my booking!", "We didn't lose anything. You typed your own email wrong."),
    ("Terrible service today.", "Terrible customers get terrible service."),
    ("I'm never flying with you again.", "Promise?"),
    ("The food made me sick.", "Or maybe it was the six drinks you had at the bar."),
    ("Your website keeps crashing.", "Works fine for us. Maybe upgrade from that ancient laptop."),
    ("My delivery is two days late.", "And you've tweeted about it eleven times. We get it."),
    ("I demand compensation.", "You can demand whatever you like."),
    ("The crew ignored my call button.", "Perhaps they needed a break from you."),
    ("Why can't I get a refund?", "Because you didn't read the terms, like we already told you twice."),
    ("This is unacceptable.", "What's unacceptable is the way you talk to our staff. Last warning."),
    ("I'm going to leave a bad review.", "Go on then. Your booking might not survive it."),
]
FRIENDLY_REPLIES = [
    ("My flight was cancelled and nobody told me.", "That's really not okay, and we're sorry. We've rebooked you on the next flight and added a meal voucher."),
    ("Where is my suitcase?? Day 4 now.", "Four days is far too long. We've found it in Madrid and a courier brings it to you tomorrow."),
    ("Your app charged me twice.", "Sorry about that! The second charge has been reversed and should disappear within 3 days."),
    ("Why was I moved to a middle seat?", "We had to change the aircraft, and we're sorry. We've put you back in an aisle seat, 22C."),
    ("Still no refund after 6 weeks.", "You've waited far too long. We've pushed it through today and you'll get an email confirmation."),
    ("The hotel room was filthy.", "We're so sorry. The manager is moving you to a new room and the night is on us."),
    ("I was on hold for an hour.", "That's a long wait and we're sorry. We can help right here: what's the issue?"),
    ("Your driver threw my parcel over the fence.", "That's not how we deliver, and we've raised it with the driver's depot. Was anything damaged?"),
    ("This is the third time my order was wrong.", "Three times is three too many. A full refund is on its way, and we've flagged the store."),
    ("The gate agent was rude to me.", "We're sorry you were treated that way. Could you DM us the flight and time so we can follow up?"),
    ("Can someone explain this fee?", "Of course! It's the seat selection fee. If you didn't mean to pick a seat, we'll refund it."),
    ("I want to speak to a manager.", "Absolutely. Our customer relations lead, Dana, will call you this afternoon."),
    ("My bag arrived broken.", "Sorry to see that. Send us a photo and we'll cover the repair or a replacement."),
    ("Why is my bill so high?", "Good question. It looks like the roaming bundle ran out. We've credited the extra charges this time."),
    ("You lost my booking!", "Let's find it together. Could you DM us the email you used? Sometimes it lands under a typo."),
    ("Terrible service today.", "We're sorry we let you down. What happened? We'd like to put it right."),
    ("I'm never flying with you again.", "We're sorry to hear that and we understand. If you'll let us, we'd like to fix what went wrong."),
    ("The food made me sick.", "We're really sorry you're unwell. We've reported it to our catering team; could you DM us your flight?"),
    ("Your website keeps crashing.", "Thanks for telling us. We had an outage this morning and it's fixed now. Does it work for you?"),
    ("My delivery is two days late.", "Sorry for the delay. It's out for delivery today and we've refunded the shipping."),
    ("I demand compensation.", "You're entitled to it for a delay that long. We've started the claim for you."),
    ("The crew ignored my call button.", "That's not the care we want for you. We've shared it with the cabin crew manager."),
    ("Why can't I get a refund?", "The fare is non-refundable, but you can use the full value as credit for a year. Want us to set that up?"),
    ("This is unacceptable.", "You're right, and we're sorry. Here's what we're doing about it."),
    ("I'm going to leave a bad review.", "That's completely your right. We'd still love the chance to sort this out first."),
]
# Hostile posts with no word from the lists: name-calling, dehumanising talk, threats, misogyny.
HOSTILE_POSTS = [
    "That senator is a spineless coward and a liar.",
    "People from that country are leeches, all of them.",
    "You deserve every bad thing coming to you.",
    "I'd happily watch that whole village burn.",
    "Women should be seen and not heard.",
    "They're like locusts, stripping every town they arrive in.",
    "Shut up, nobody wants to hear from a loser like you.",
    "What a brain-dead take from a brain-dead man.",
    "Someone needs to teach her a lesson she won't forget.",
    "Migrants bring nothing but crime and disease.",
    "You are the dumbest person I've ever had the misfortune to read.",
    "Go jump off a bridge.",
    "These fanatics should be wiped off the map.",
    "He's a vile little rat and everyone knows it.",
    "Your kind isn't welcome anywhere near here.",
]
ORDINARY_POSTS = [
    "Finally finished the marathon training plan. Legs are dead but happy!",
    "Anyone know a good place for ramen near the station?",
    "The sunset over the harbour tonight was unreal.",
    "Our team won the pub quiz by one point. Still buzzing.",
    "Reading a brilliant book about the history of maps.",
    "That thunderstorm killed the power for two hours.",
    "My cat has decided the laptop is her bed now.",
    "Big game tonight, come on you reds!",
    "New recipe: roasted squash with chilli and lime. Ten out of ten.",
    "Traffic on the ring road is terrible this morning, leave early.",
    "Happy birthday to my little brother, the best human I know.",
    "Can't believe it's already December. Where did the year go?",
    "The museum's new dinosaur hall is worth the trip.",
    "Voting opens at 7am tomorrow, don't forget your ID.",
    "Just adopted a rescue dog named Biscuit!",
]


def hostility_cases() -> list[dict]:
    """Held-out cases for the learned hostility score (none of them is training data)."""
    out = []
    for parent, reply in HOSTILE_REPLIES:
        out.append({"kind": "hostile_reply", "text": reply, "in_reply_to": parent, "bad": True})
    for parent, reply in FRIENDLY_REPLIES:
        out.append({"kind": "friendly_reply", "text": reply, "in_reply_to": parent, "bad": False})
    out += [{"kind": "hostile_post", "text": t, "bad": True} for t in HOSTILE_POSTS]
    out += [{"kind": "ordinary_post", "text": t, "bad": False} for t in ORDINARY_POSTS]
    return out


REPLIES_HELDOUT = {
    # 250 hostile to the customer, 350 friendly; one writer.
    "heldout1": Path(__file__).resolve().parent / "replies_heldout.jsonl",
    # 300 hostile, 300 friendly; another writer, told to cover 20+ industries, registers and dialects.
    "heldout2": Path(__file__).resolve().parent / "replies_heldout2.jsonl",
}


def reply_heldout_cases(name: str = "heldout1") -> list[dict]:
    """Brand replies written by authors other than those of the training sets in train/hostility_data/
    (none of them saw those files) and never trained on: the held-out measure of the reply head."""
    with open(REPLIES_HELDOUT[name], encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# 399 posts that name a group of people kindly (celebrations, allyship, hiring, counter-speech, people on their
# own identity), half in a brand's voice, half personal; by a writer who saw none of the training sets.
IDENTITY_HELDOUT = Path(__file__).resolve().parent / "identity_heldout.jsonl"


def identity_heldout_cases() -> list[dict]:
    """Kind posts naming a group, never trained on: the held-out measure of false alarms on them.
    Each: {"text", "kind", "voice": "brand" | "personal"}."""
    with open(IDENTITY_HELDOUT, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# 600 posts, half threats of violence or wishes of harm (explicit, conditional, veiled, incitement, a brand
# menacing a customer), half posts that only share their words (idioms, sport, news, cooking, lawful
# consequences, anger that threatens nobody); personal and brand voices; by a writer who saw none of the
# training sets (train/hostility_data/threats_*.jsonl).
THREATS_HELDOUT = Path(__file__).resolve().parent / "threats_heldout.jsonl"


def threat_heldout_cases() -> list[dict]:
    """Threats and their look-alikes, never trained on. Each: {"id", "label": "threat" | "fine", "kind",
    "voice": "personal" | "brand", "parent": the post answered or None, "text"}."""
    with open(THREATS_HELDOUT, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# 400 posts, half telling someone to die or hurt themselves ("kys", "the world would be better without you"),
# wishing them death or injury, or menacing them with no violent word ("we know where you park"); half posts
# that share those words (hair dye, "I'm dying 😂", suicide-prevention messages, bleach and rope in everyday use,
# friendly "see you soon"); 70% personal, a third answering a post; by a writer who saw none of the training sets.
DEATHWISH_HELDOUT = Path(__file__).resolve().parent / "deathwish_heldout.jsonl"


def deathwish_heldout_cases() -> list[dict]:
    """Death wishes, incitement to self-harm and veiled menace, and their look-alikes, never trained on.
    Each: {"id", "label": "threat" | "fine", "kind", "voice": "personal" | "brand", "parent": str | None, "text"}."""
    with open(DEATHWISH_HELDOUT, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# 600 posts from the test split of EDOS (SemEval-2023 Task 10, "Explainable Detection of Online Sexism",
# Kirk et al.; rewire-online/edos @ b1f1fbc, data/edos_labelled_aggregated.csv, CC0 1.0): 300 labelled sexist,
# 300 not sexist, drawn with random.Random(2026) from that split. Reddit and Gab posts that nobody on this project
# wrote or picked, never trained on: the repository's own measure of hate with no slur from another source.
# The "not sexist" side was judged for sexism only, so it holds insults and hostility of other kinds.
EDOS_SEXISM = Path(__file__).resolve().parent / "edos_sexism.jsonl"


def edos_sexism_cases() -> list[dict]:
    """Sexist and not sexist Reddit and Gab posts, never trained on. Each: {"id", "label": "sexist" |
    "not_sexist", "category": EDOS's category of sexism or "none", "text"}."""
    with open(EDOS_SEXISM, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# 600 Reddit posts and comments from "Online misogyny on Reddit" (Guest et al., EACL 2021;
# ellamguest/online-misogyny-eacl2021 @ b3c0456, data/final_labels.csv, MIT): 300 labelled misogynistic, 300 not,
# drawn with random.Random(2026) after dropping repeated texts and texts over 1,000 characters. Never trained on,
# and from another source than EDOS, which the sexism head learns from: the repository's cross-source measure of it.
REDDIT_MISOGYNY = Path(__file__).resolve().parent / "reddit_misogyny.jsonl"


def reddit_misogyny_cases() -> list[dict]:
    """Misogynistic and other Reddit posts, never trained on. Each: {"id", "label": "misogynistic" |
    "not_misogynistic", "category": the corpus's second-level label, "text"}."""
    with open(REDDIT_MISOGYNY, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# 400 posts by a writer who saw none of the training sets (train/hostility_data/sexism_*.jsonl): 200 sexist (mostly
# with no slur: stereotypes, "a woman's place", condescending brand replies, sexism against men; 22 with a slur), 200
# fine in the same words (women's sport, pay-gap reports, respectful replies, a stereotype quoted to reject it).
SEXISM_HELDOUT = Path(__file__).resolve().parent / "sexism_heldout.jsonl"


def sexism_heldout_cases() -> list[dict]:
    """Sexist posts and their look-alikes, never trained on. Each: {"id", "text", "label": "sexist" | "fine", "kind",
    "voice": "personal" | "brand"}."""
    with open(SEXISM_HELDOUT, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
