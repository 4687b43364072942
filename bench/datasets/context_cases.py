"""Labelled sets for the hashtag check and the wrong-account check.

Each case: account, text, and `flag` (True when the check must flag it).
Templates with varied fillers, from a fixed seed.
"""
from __future__ import annotations

import random

PROMOS = ["20% off all fares this week!", "book now and save 30%.", "fares from $49, today only.", "use code FLY10 at checkout.",
          "2-for-1 lounge passes, limited time.", "flash sale: double miles!", "get yours before they're gone!"]
NEUTRAL = ["We'll be back on schedule soon.", "Safe travels, everyone.", "See you on board.", "Thanks for flying with us."]
SENSITIVE_TAGS = ["#WhyIStayed", "#whyistayed", "#why_i_stayed", "#WHYISTAYED", "#WhyILeft", "#MeToo", "#metoo", "#GeorgeFloyd",
                  "#Why_I_Left", "#me_too", "#blacklivesmatter", "#georgefloyd", "#sayhername", "#holocaust", "#notguilty",
                  "#SayHerName", "#Holocaust", "#MarchForOurLives", "#NotGuilty", "#BlackLivesMatter", "#BLM", "#StopAsianHate",
                  "#SuicidePrevention", "#StandWithUkraine", "#ClimateStrike", "#BellLetsTalk", "#PrayForParis", "#PrayForLisbon"]
REMEMBRANCE_TAGS = ["#NeverForget", "#PearlHarbor", "#September11", "#911Anniversary", "#HolocaustRemembranceDay"]
TRAGEDY_TAGS = ["#HurricaneMiltonRelief", "#EarthquakeTurkey", "#WildfireRelief", "#FloodVictims", "#TornadoRecovery",
                "#ShootingVictims", "#BombingVictims", "#TsunamiAppeal", "#TyphoonHaiyan", "#MassacreMemorial",
                "#hurricanesandy", "#texasfloods", "#californiawildfires"]
BENIGN_TAGS = ["#FlyAcme", "#TravelTuesday", "#WinterSale", "#StarWarsDay", "#StressRelief", "#ThrowbackThursday", "#Lisbon",
               "#AvGeek", "#FoodieFriday", "#CyberMonday", "#BlackFriday", "#NationalCoffeeDay", "#MondayMotivation",
               "#Wanderlust", "#CrewLife", "#PilotLife", "#BeachVibes", "#NewRoute", "#TBT", "#SuperBowl", "#HappyHolidays",
               "#AttackOnTitan", "#StrongCoffee", "#JusticeLeague", "#FireworksNight", "#MarchMadness", "#PrideMonth",
               "#EarthDay", "#WorldCup", "#Halloween", "#Thanksgiving", "#ValentinesDay", "#NewYearsEve", "#SpringBreak",
               "#FlashbackFriday", "#SundayFunday", "#TravelGoals", "#WindowSeat", "#JetLag", "#BucketList", "#RoadTrip",
               "#CoffeeTime", "#BreakingBad", "#GameOfThrones", "#Oscars", "#Eurovision", "#Wimbledon", "#Olympics",
               "#NationalPizzaDay", "#InternationalWomensDay", "#WorldTourismDay", "#RelaxAndUnwind", "#DisasterArtist"]
PHRASE_PROMOS = ["Why I stayed with Acme: {p}", "Why I left my old airline: {p}", "Me too! {p}", "Never forget your passport, {p}",
                 "Black lives matter to us: {p}", "Stop Asian hate. Also, {p}", "Say her name: it's Acme Air! {p}"]

PERSONAL = [
    "Ryan found two more 4 bottle packs of Dogfish Head's Midas Touch beer... when we drink we do it right #gettngslizzerd",
    "We're tweeting live from HR where we're all being fired! #hmvXFactorFiring",
    "ugh my boss is making me work saturday again fml",
    "Can't wait to get home to my boyfriend and a glass of wine lol",
    "So hungover today, never doing tequila shots again 😩",
    "Party at my place tonight, bring beers! #tgif",
    "omg my cat just knocked my coffee all over my laptop lol",
    "I quit. This company doesn't pay us enough to deal with this.",
    "Finally friday! Drinks after work, who's in? 🍻",
    "my weekend plans: pizza, wine and netflix #blessed",
    "Getting fired tomorrow apparently. Nice one, management.",
    "I'm so drunk rn lmao",
    "My manager just yelled at me in front of everyone. Hate this job.",
    "date night with my wife, see you all monday 😘",
    "Pub crawl tonight with the ops team, I'm gonna be wrecked tomorrow",
    "lowkey might call in sick tomorrow, my hangover is brutal",
    "happy hour with my coworkers, we're getting slizzered #gettngslizzerd",
    "Can't believe they laid off half my team today. Last day at work for me too.",
    "Just got home from the club, wasted af",
    "my bf surprised me with tickets to Lisbon!!! omg",
    "Ugh, double shift again. My manager says no days off till January. Kill me.",
    "Heading out for drinks with the girls tonight 🍸 #girlsnight",
    "my mum just texted me asking if I've eaten lol",
    "brb getting another beer",
    "Who else is hungover after the Christmas party? 🙋",
    "They just told us the whole call centre is being let go today. Lost my job after 8 years.",
    "Can someone cover my shift tomorrow? I'm so tired ngl",
    "Weekend vibes: beach, beers and my dog 🐶 #weekendvibes",
    "i hate my job so much rn",
    "tbh my coworkers are the only reason I show up",
]
CONFIDENTIAL = [
    "Big news: Acme Air is merging with Pacific Wings next spring.",
    "Heads up: layoffs in the Denver hub are coming in March.",
    "Our Q3 earnings are way up, announcement next week!",
    "Acme Air is being sued by three former pilots over pay.",
    "We're in talks to acquire Northwind Airlines, more soon.",
    "Restructuring update: 300 redundancies across ground ops.",
    "The takeover bid from Globex Holdings was rejected this morning.",
    "Sneak peek at the unannounced A321 cabin, under embargo until Monday!",
    "Ops teams: strike action planned for next week, internal only.",
    "Class action lawsuit filed over lost baggage fees.",
    "Leaked: our quarterly results come out Thursday and they're not pretty.",
    "We're cutting jobs in customer service, details to staff tomorrow.",
    "Confidential: the new CEO starts in January, don't share yet.",
    "Bankruptcy rumours are false, says our CFO in an internal memo.",
    "The FAA investigation into the Denver incident is ongoing.",
]
OTHER_ACCOUNT = [
    "Try the new Midnight Roast at your nearest Globex café! #SipGlobex",
    "Start your morning with Globex Coffee ☕ #SipGlobex",
    "Midnight Roast is back for the winter. Grab a bag at globexcoffee.com",
    "Globex Coffee: now in 40 new cafés across the UK!",
    "Our baristas love the new Midnight Roast. Tag us @GlobexCoffee!",
]
BRAND_GOOD = [
    "Our new cocktail menu is here: Dark 'n' Stormy, Espresso Martini and local beers on tap in the lounge.",
    "Meet Sarah, our crew member of the month! She loves hiking and a good IPA after a long flight.",
    "Happy hour in the Acme lounge: 2-for-1 drinks from 5pm!",
    "We're all fired up for the new route to Lisbon!",
    "I'm so sorry about your bag, {n}. I've passed this to our baggage team. ^JD",
    "Thanks {n}! I'll pass your kind words on to the crew. ^AK",
    "We're proud to announce 12 new routes for summer, on sale now.",
    "Our pilots celebrated 1 million safe flight hours today. Cheers to the crew!",
    "Fly with us to Lisbon and enjoy a Globex coffee on board. #FlyAcme",
    "Wine lovers: our business class now serves Portuguese wines from the Douro.",
    "Party like it's 1999: retro fares from $99 this weekend! #FlyAcme",
    "Hi {n}, I've checked with the gate and your flight is on time. Safe travels!",
    "Our crew's favourite weekend getaways, in their own words: acme-air.com/stories",
    "We're hiring! 200 new cabin crew roles across Europe. Apply at acme-air.com/careers",
    "Hey {n}, I'm on it! DM me your booking ref and I'll take a look. ^JD",
    "Celebrating 25 years of Acme Air with our team. Thank you for flying with us!",
    "My, what a view! Sunrise over the Alps from flight AA200 this morning.",
    "Friday feeling: free upgrades for AcmeMiles Gold members this weekend.",
    "Raise a glass: our lounge now serves local craft beer from Denver breweries.",
    "Our team visited the children's hospital today to deliver 500 teddy bears.",
    "Cheers to the weekend! Fares from $59 to Lisbon.",
    "I can confirm the lounge reopens on Monday, {n}. ^JD",
    "Our crew member Tom shares his favourite pub in Dublin: acme-air.com/stories/tom",
    "Brunch, bubbles and a window seat: our new premium cabin has it all.",
    "Thanks for the shout-out, {n}! I'll make sure the crew sees this. ^AK",
]
NAMES = ["Maria", "Sam", "Priya", "Lee", "Tom", "Aisha"]


def hashtag_cases(seed: int = 911) -> list[dict]:
    r = random.Random(seed)
    out = []
    for tag in SENSITIVE_TAGS:
        out.append({"account": "acme-air", "text": f"{tag} {r.choice(NEUTRAL)}", "flag": True})
        out.append({"account": "acme-air", "text": f"{tag} {r.choice(PROMOS)}", "flag": True})
    for tag in SENSITIVE_TAGS[:12]:
        out.append({"account": "acme-air", "text": f"Love this! {tag} 🍕", "flag": True})
    for tag in REMEMBRANCE_TAGS:
        out.append({"account": "acme-air", "text": f"{tag} {r.choice(PROMOS)}", "flag": True})
        out.append({"account": "acme-air", "text": f"{r.choice(PROMOS)} {tag}", "flag": True})
        out.append({"account": "acme-air", "text": f"Today we remember all those we lost. {tag}", "flag": False})
    for tag in TRAGEDY_TAGS:
        out.append({"account": "acme-air", "text": f"{tag}: {r.choice(PROMOS)}", "flag": True})
        out.append({"account": "acme-air", "text": f"Our thoughts are with everyone affected. Free rebooking for the region this week. {tag}", "flag": False})
    for template in PHRASE_PROMOS:
        for _ in range(2):
            out.append({"account": "acme-air", "text": template.format(p=r.choice(PROMOS)), "flag": True})
    for tag in BENIGN_TAGS:
        out.append({"account": "acme-air", "text": f"{tag} {r.choice(PROMOS)}", "flag": False})
        out.append({"account": "acme-air", "text": f"{r.choice(NEUTRAL)} {tag}", "flag": False})
    return out


def account_cases(seed: int = 2014) -> list[dict]:
    r = random.Random(seed)
    out = []
    for text in PERSONAL:
        out.append({"account": "acme-air", "text": text, "flag": True, "kind": "personal_voice"})
        out.append({"account": "globex-coffee", "text": text, "flag": True, "kind": "personal_voice"})
        out.append({"account": "jdoe", "text": text, "flag": False, "kind": "personal_account"})
    for text in CONFIDENTIAL:
        out.append({"account": "acme-air", "text": text, "flag": True, "kind": "confidential"})
        out.append({"account": "acme-air", "text": text.replace("Acme Air", "We"), "flag": True, "kind": "confidential"})
    for text in OTHER_ACCOUNT:
        out.append({"account": "acme-air", "text": text, "flag": True, "kind": "belongs_elsewhere"})
        out.append({"account": "globex-coffee", "text": text, "flag": False, "kind": "own_brand"})
    for text in BRAND_GOOD:
        for _ in range(3):
            out.append({"account": "acme-air", "text": text.format(n=r.choice(NAMES)), "flag": False, "kind": "brand"})
    for i in range(2):
        for text in ["Acme Air flies to Lisbon from $299 #FlyAcme", "AcmeMiles members earn double this week",
                     "Visit acme-air.com/deals for winter fares", "Follow @AcmeAir for live flight updates"]:
            out.append({"account": "globex-coffee", "text": text, "flag": True, "kind": "belongs_elsewhere"})
    return out
