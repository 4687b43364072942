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


# ---- Insider information (written for this project; none of it is training text) ----
LEAKS = [
    "Just between us: the spring schedule drops Denver entirely. Announcement is on the 3rd.",
    "Not public yet, but our Q2 revenue is up 18% on last year.",
    "Don't tell anyone, the new lounge in Lisbon opens in May.",
    "Off the record, we're about to lose the Pacific Wings codeshare.",
    "The memo from the COO says all cabin crew bonuses are cancelled this year.",
    "At today's all-hands the CEO said profits are down 30% and the results come out next week.",
    "Board meeting this morning: they voted to close the Glasgow base. It hasn't been announced.",
    "You didn't hear it from me, but fares go up 12% in January.",
    "Engineering found corrosion on three of our A320s and they're still flying.",
    "The safety audit flagged the de-icing process twice this winter, but management says keep quiet.",
    "Keep this quiet for now: we're buying a regional airline next quarter.",
    "Ahead of the announcement: our new CEO is Maria Lopez from Northwind.",
    "Heads up before it's public: the loyalty scheme is being scrapped in March.",
    "Leadership call today: a hiring freeze across all departments until next summer.",
    "Numbers came in this morning: 2.1 million passengers in October, a record. Official figures are out Friday.",
    "The audit committee found errors in last year's accounts. Nothing has been said publicly.",
    "Internal email from HR: the pension scheme closes to new members next year.",
    "Sneak peek, strictly confidential: the Boston route launches in June at $199.",
    "A little bird told me the Denver hub is being downsized.",
    "Lab tests found the cabin water tanks contaminated on two aircraft. We've been told not to post about it.",
    "Word from the top: the merger vote is next Tuesday.",
    "Preliminary results show bookings down 9%. We're not supposed to say yet.",
    "The staff meeting confirmed we're moving the call centre to Manila.",
    "Confidentially, the partnership with Globex ends in December.",
    "Not announced yet: free wifi on all flights from spring. Keep it under your hat!",
]
BRAND_NEWS = [
    "Our third-quarter results are out: revenue grew 8% and we welcomed 12 million passengers. Read more at acme-air.com/investors",
    "We're delighted to welcome Maria Lopez as our new chief executive.",
    "Acme Air has completed its acquisition of Pacific Wings. Welcome aboard!",
    "Our new Lisbon lounge is now open to all business class passengers.",
    "Join our investor webcast on Thursday at 2pm ET.",
    "Today our board approved a dividend of 5 cents per share, as set out in our annual report.",
    "Free wifi is now available on all our flights. Just connect to AcmeSky.",
    "We've passed our annual safety audit with top marks. Thank you to our engineers.",
    "Our annual report is available at acme-air.com/report",
    "New route: Boston to Lisbon from June, fares from $199.",
    "We're hiring 300 cabin crew in Denver. Apply at acme-air.com/careers",
    "Our customer satisfaction score reached 89% this year, our best ever.",
    "This week we welcomed our 100 millionth passenger!",
    "We're proud to support the Denver food bank with 20,000 meals this winter.",
    "Our app now lets you choose your meal before you fly.",
    "Our sustainability report shows a 12% cut in fuel use per passenger since 2019.",
    "We've opened a new maintenance base in Glasgow, creating 150 jobs.",
    "Thank you to everyone who came to our open day at the Denver hangar!",
    "Our winter schedule is live: 14 new destinations. Book at acme-air.com",
    "Meet the team behind our new cabin design: acme-air.com/stories/design",
    "Our loyalty programme turns 20 this year. Thank you for flying with us.",
    "Planned maintenance on our website tonight from 1am to 3am.",
    "All flights are operating normally after this morning's fog.",
    "We've signed a partnership with Globex Coffee to serve their coffee on board.",
    "Our CEO spoke at the Aviation Summit today about cutting emissions.",
]
SIGNED_AND_PLURAL = [
    "I'm so sorry your flight was cancelled, {n}. I've rebooked you on the 6pm. ^MK",
    "I understand, {n}. I've added a note to your booking and refunded the seat fee. ^JD",
    "Hi {n}, I've checked and your bag is on its way to your hotel. -Priya",
    "I'll ask the Denver team about it and get back to you today. ^AK",
    "Sorry about that! I've reset your password, please check your inbox. ^TC",
    "We're looking into the delay and will update you within the hour.",
    "We've updated our baggage policy: one free checked bag on all long-haul fares.",
    "Our crew can't wait to welcome you on board this summer.",
    "We're sorry for the disruption today. Every affected passenger will be contacted by email.",
    "We know waiting is frustrating. Our team is working to get everyone moving as quickly as possible.",
]
MORE_PERSONAL = [
    "First date tonight and I've changed my outfit four times",
    "can't believe my sister is getting married next week, I'm going to cry so much",
    "Our fantasy league final is tonight and my kicker is injured. Of course.",
    "Selling 2 tickets to the Broncos game Sunday, lower bowl, $80 each. DM me",
    "The 7:40 is cancelled again. Third time this week. I give up.",
    "My manager scheduled my review on my birthday. Love that for me.",
    "this coworker keeps eating my yoghurt from the office fridge and I'm about to lose it",
    "Moved into my first flat today! Pizza on the floor because we have no table yet",
    "Two years sober today. Thank you to everyone who stuck with me.",
    "That quarterback is washed, trade him already",
    "Road trip with the girls this weekend!! Vegas here we come",
    "Stuck in traffic for an hour and the radio is all adverts",
    "Just got dumped over text. Classy.",
    "Anyone know a good plumber? My kitchen is a swimming pool",
    "my boss cc'd the whole department on my mistake. great",
]


def insider_cases() -> list[dict]:
    out = [{"account": "acme-air", "text": t, "flag": True, "kind": "insider"} for t in LEAKS]
    out += [{"account": "acme-air", "text": t, "flag": False, "kind": "brand_news"} for t in BRAND_NEWS]
    return out


def voice_cases(seed: int = 7) -> list[dict]:
    r = random.Random(seed)
    out = [{"account": "acme-air", "text": t, "flag": True, "kind": "personal_voice"} for t in MORE_PERSONAL]
    out += [{"account": "acme-air", "text": t.format(n=r.choice(NAMES)), "flag": False, "kind": "signed_or_plural"} for t in SIGNED_AND_PLURAL]
    return out


# ---- Hashtag intent: a sensitive or tragedy tag with a promotion, and respectful posts on such days ----
INTENT_TAGS = ["#WorldAIDSDay", "#RemembranceDay", "#HurricaneHelene", "#Uvalde", "#Grenfell", "#MentalHealthAwarenessWeek",
               "#WorldRefugeeDay", "#TransDayOfVisibility", "#Srebrenica", "#AnzacDay", "#JeSuisParis", "#MauiStrong",
               "#TurkeyEarthquake", "#Juneteenth", "#WorldSuicidePreventionDay", "#Hiroshima", "#OrangeShirtDay",
               "#BreastCancerAwarenessMonth", "#PrayForMorocco", "#Katrina20", "#FloridaFloodVictims", "#RIPKobe",
               "#JusticeForNahel", "#StopAsianHate", "#NeverForget911", "#TyphoonRagasaRelief", "#Sandy10Years",
               "#LisbonShootingVictims", "#EarthquakeAppeal", "#VigilForVictims"]
SALES = ["Get 20% off all fares today only!", "Book now: flights from $59.", "Use code FLY25 for a discount on your next trip.",
         "Flash sale ends at midnight!", "Shop our new travel range, free shipping this week.", "2-for-1 lounge passes, limited time.",
         "Double miles on every booking until Sunday!", "Treat yourself to an upgrade for just $39.",
         "Our new burger is here, order now!", "Grab yours before they're gone 🛍"]
PUNS = ["{tag} never forget to pack your sunscreen 😎", "Feeling blue? {tag} Our blueberry muffins are back lol",
        "{tag} we'll never forget our first taste of the new latte 😋", "{tag}? More like #PizzaDay 🍕"]
RESPECTFUL = [
    "Today we remember those who lost their lives. {tag}",
    "Our thoughts are with everyone affected. We're donating to the relief effort and waiving change fees for the region. {tag}",
    "We stand with our community. Our Denver team is volunteering at the shelter this weekend. {tag}",
    "{tag}: we're pausing all our marketing today as a mark of respect.",
    "On {tag}, we honour the victims and their families.",
    "{tag} If you or someone you know is struggling, please reach out. You are not alone.",
    "We're proud to support the families affected through our partnership with the Red Cross. {tag}",
    "A minute's silence was observed across all our stations at 11am. {tag}",
    "Taking a moment to reflect and learn today. {tag}",
    "Free rebooking for anyone travelling to or from the affected area. Stay safe. {tag}",
]


def intent_cases(seed: int = 1945) -> list[dict]:
    r = random.Random(seed)
    out = []
    for tag in INTENT_TAGS:
        out.append({"account": "acme-air", "text": f"{tag} {r.choice(SALES)}", "flag": True, "kind": "promotion"})
        out.append({"account": "acme-air", "text": f"{r.choice(SALES)} {tag}", "flag": True, "kind": "promotion"})
        out.append({"account": "acme-air", "text": r.choice(PUNS).format(tag=tag), "flag": True, "kind": "pun"})
        for template in r.sample(RESPECTFUL, 3):
            out.append({"account": "acme-air", "text": template.format(tag=tag), "flag": False, "kind": "respectful"})
    return out
