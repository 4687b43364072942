"""Words that make a run of words a street: reference data, not policy.

US: USPS Publication 28, Appendix C1 (street suffixes): every primary suffix
name with the common abbreviations the Postal Service recognises, and
Appendix C2 (secondary unit designators). Europe: the street words of the main
languages, written without accents (posts are matched after normalisation,
which strips them). policies/lexicons/pii.yaml can add words to each list.
"""
from __future__ import annotations

# Publication 28, C1: primary suffix name -> recognised spellings and abbreviations.
USPS_SUFFIXES: dict[str, list[str]] = {
    "alley": ["allee", "aly", "ally"], "anex": ["anx", "annex", "annx"], "arcade": ["arc"],
    "avenue": ["av", "ave", "aven", "avenu", "avn", "avnue"], "bayou": ["bayoo", "byu"], "beach": ["bch"],
    "bend": ["bnd"], "bluff": ["blf", "bluf"], "bluffs": ["blfs"], "bottom": ["bot", "btm", "bottm"],
    "boulevard": ["blvd", "boul", "boulv"], "branch": ["brnch"], "bridge": ["brdge", "brg"], "brook": ["brk"],
    "brooks": ["brks"], "burg": [], "burgs": [], "bypass": ["bypa", "bypas", "byps", "byp"], "camp": ["cmp"],
    "canyon": ["canyn", "cnyn", "cyn"], "cape": ["cpe"], "causeway": ["causwa", "cswy"],
    "center": ["cen", "cent", "centr", "centre", "cnter", "cntr", "ctr"], "centers": ["ctrs"],
    "circle": ["cir", "circ", "circl", "crcl", "crcle"], "circles": ["cirs"], "cliff": ["clf"], "cliffs": ["clfs"],
    "club": ["clb"], "common": ["cmn"], "commons": ["cmns"], "corner": ["cor"], "corners": ["cors"],
    "course": ["crse"], "court": ["ct"], "courts": ["cts"], "cove": ["cv"], "coves": ["cvs"], "creek": ["crk"],
    "crescent": ["cres", "crsent", "crsnt"], "crest": ["crst"], "crossing": ["crssng", "xing"],
    "crossroad": ["xrd"], "crossroads": ["xrds"], "curve": ["curv"], "dale": [], "dam": [],
    "divide": ["div", "dvd", "dv"], "drive": ["driv", "drv", "dr"], "drives": ["drs"], "estate": ["est"],
    "estates": ["ests"], "expressway": ["exp", "expr", "express", "expw", "expy"],
    "extension": ["ext", "extn", "extnsn"], "extensions": ["exts"], "fall": [], "falls": ["fls"],
    "ferry": ["frry", "fry"], "field": ["fld"], "fields": ["flds"], "flat": ["flt"], "flats": ["flts"],
    "ford": ["frd"], "fords": ["frds"], "forest": ["forests", "frst"], "forge": ["forg", "frg"], "forges": ["frgs"],
    "fork": ["frk"], "forks": ["frks"], "fort": ["frt", "ft"], "freeway": ["freewy", "frway", "frwy", "fwy"],
    "garden": ["gardn", "grden", "grdn", "gdn"], "gardens": ["grdns", "gdns"],
    "gateway": ["gatewy", "gatway", "gtway", "gtwy"], "glen": ["gln"], "glens": ["glns"], "green": ["grn"],
    "greens": ["grns"], "grove": ["grov", "grv"], "groves": ["grvs"], "harbor": ["harb", "harbr", "hbr", "hrbor"],
    "harbors": ["hbrs"], "haven": ["hvn"], "heights": ["hts"], "highway": ["highwy", "hiway", "hiwy", "hway", "hwy"],
    "hill": [], "hills": ["hls"], "hollow": ["hllw", "hollows", "holw", "holws"], "inlet": ["inlt"],
    "island": ["islnd"], "islands": ["islnds", "iss"], "isle": ["isles"],
    "junction": ["jction", "jctn", "junctn", "juncton", "jct"], "junctions": ["jctns", "jcts"], "key": [],
    "keys": ["kys"], "knoll": ["knol", "knl"], "knolls": ["knls"], "lake": ["lk"], "lakes": ["lks"], "land": [],
    "landing": ["lndng", "lndg"], "lane": ["ln"], "light": ["lgt"], "lights": ["lgts"], "loaf": [],
    "lock": ["lck"], "locks": ["lcks"], "lodge": ["ldge", "lodg", "ldg"], "loop": ["loops"], "mall": [],
    "manor": ["mnr"], "manors": ["mnrs"], "meadow": ["mdw"], "meadows": ["medows", "mdws"], "mews": [],
    "mill": [], "mills": [], "mission": ["missn", "mssn", "msn"], "motorway": ["mtwy"], "mount": ["mnt", "mt"],
    "mountain": ["mntain", "mntn", "mountin", "mtin", "mtn"], "mountains": ["mntns", "mtns"], "neck": ["nck"],
    "orchard": ["orchrd", "orch"], "oval": ["ovl"], "overpass": ["opas"], "park": ["prk"], "parks": [],
    "parkway": ["parkwy", "pkway", "pky", "pkwy"], "parkways": ["pkwys"], "pass": [], "passage": ["psge"],
    "path": ["paths"], "pike": ["pikes"], "pine": ["pne"], "pines": ["pnes"], "place": ["pl"], "plain": ["pln"],
    "plains": ["plns"], "plaza": ["plza", "plz"], "point": ["pt"], "points": ["pts"], "port": ["prt"],
    "ports": ["prts"], "prairie": ["prr"], "radial": ["rad", "radiel", "radl"], "ramp": [],
    "ranch": ["ranches", "rnch", "rnchs"], "rapid": ["rpd"], "rapids": ["rpds"], "rest": ["rst"],
    "ridge": ["rdge", "rdg"], "ridges": ["rdgs"], "river": ["rvr", "rivr", "riv"], "road": ["rd"],
    "roads": ["rds"], "route": ["rte"], "row": [], "rue": [], "run": [], "shoal": ["shl"], "shoals": ["shls"],
    "shore": ["shoar", "shr"], "shores": ["shoars", "shrs"], "skyway": ["skwy"], "spring": ["spng", "sprng", "spg"],
    "springs": ["spngs", "sprngs", "spgs"], "spur": ["spurs"], "square": ["sqr", "sqre", "squ", "sq"],
    "squares": ["sqrs", "sqs"], "station": ["statn", "stn", "sta"],
    "stravenue": ["strav", "straven", "stravn", "strvn", "strvnue", "stra"], "stream": ["streme", "strm"],
    "street": ["strt", "str", "st"], "streets": ["sts"], "summit": ["sumit", "sumitt", "smt"],
    "terrace": ["terr", "ter"], "throughway": ["trwy"], "trace": ["traces", "trce"],
    "track": ["tracks", "trak", "trk", "trks"], "trafficway": ["trfy"], "trail": ["trails", "trl", "trls"],
    "trailer": ["trlr", "trlrs"], "tunnel": ["tunel", "tunl", "tunls", "tunnels", "tunnl"],
    "turnpike": ["trnpk", "turnpk", "tpke"], "underpass": ["upas"], "union": [], "unions": [],
    "valley": ["vally", "vlly", "vly"], "valleys": ["vlys"], "viaduct": ["vdct", "viadct"], "view": ["vw"],
    "views": ["vws"], "village": ["villag", "villg", "villiage", "vill", "vlg"], "villages": ["vlgs"],
    "ville": [], "vista": ["vist", "vst", "vsta", "vis"], "walk": [], "walks": [], "wall": [],
    "way": [], "ways": [], "well": [], "wells": ["wls"],
}
# Abbreviations left out above because they are everyday words or too short to tell
# ("is" for island, "un" for union, "via" for viaduct, "br", "pr", "ky", "wy", "dl", "dm", "bg"...).

# Common words used as street types outside Publication 28 (UK, Ireland, Australia, India).
OTHER_ENGLISH = ["close", "wynd", "croft", "parade", "esplanade", "quay", "rise", "grange", "chase", "drove",
                 "yard", "embankment", "broadway", "marg", "nagar", "lanes", "brace", "circuit", "glade", "promenade",
                 "ronde", "boardwalk", "retreat", "wharf", "outlook", "vale", "serviceway", "cul-de-sac"]

# Publication 28, C2: secondary unit designators (they are followed by a number).
# Only the designators that rarely mean anything else ("Room 101" and "Floor 3" do).
UNIT_DESIGNATORS = ["apt", "apartment", "suite", "ste", "unit", "flat", "trlr", "penthouse", "apto", "wohnung",
                    "whg", "appartement", "app", "piso", "interno", "scala", "lgh"]

# Street words that stand before the name ("rue de la Paix", "Via Roma", "ul. Podlesna").
# The number may come before ("12 rue de la Paix") or after ("Via Roma 5").
PREFIX_WORDS = [
    # French
    "rue", "avenue", "boulevard", "bd", "bld", "chemin", "impasse", "quai", "allee", "cours", "passage", "square",
    "faubourg", "route", "voie", "sentier", "residence", "lieu dit", "lieu-dit", "rond point", "place",
    # Italian
    "via", "viale", "v.le", "piazza", "piazzale", "p.za", "corso", "vicolo", "largo", "strada", "contrada",
    "lungomare", "borgo", "salita", "localita", "frazione", "rotonda", "incrocio", "stretto", "traversa",
    # Spanish / Catalan
    "calle", "c/", "cl", "avenida", "avda", "avd", "av", "paseo", "pso", "plaza", "pza", "camino", "cmno",
    "carretera", "ctra", "ronda", "travesia", "glorieta", "callejon", "pasaje", "rambla", "carrer", "placa",
    "urbanizacion", "urb", "colonia", "col", "paso", "acceso", "canada", "pasadizo", "senda", "ruta", "cuesta",
    # Portuguese
    "rua", "r", "travessa", "tv", "praca", "pc", "estrada", "estr", "alameda", "al", "beco", "rodovia", "viela",
    "ladeira", "vila", "zona", "quinta", "setor", "recanto", "quadra", "trecho", "vereda", "chacara", "conjunto",
    "condominio", "residencial", "jardim", "lago", "cerrada", "privada", "andador", "circuito", "retorno", "loteamento", "nucleo", "passarela", "patio", "fazenda", "sitio", "trevo", "drumul",
    "intrarea", "splaiul",
    # Polish / Czech / Slovak / Baltic / Balkan / Romanian / Turkish / Greek (transliterated)
    "ul", "ulica", "aleja", "aleje", "al", "pl", "plac", "os", "osiedle", "ulice", "namesti", "nam", "trida",
    "nabrezi", "iela", "gatve", "g", "prospektas", "pr", "prospekt", "cesta", "trg", "strada", "str", "calea",
    "bulevardul", "bdul", "aleea", "piata", "soseaua", "sos", "sokak", "sk", "cadde", "caddesi", "cad",
    "odos", "leoforos", "leof", "plateia", "ag",
    # German / Dutch / Nordic as separate words before a name ("Am Markt", "Alter Markt")
    "am", "an der", "auf der", "im", "zum", "zur",
]
# Prefix words that are also ordinary words (or one letter): counted only before a capitalised
# name, and only with another sign of an address (a context word, a unit, a postcode).
WEAK_PREFIX_WORDS = {"via", "place", "route", "lago", "jardim", "retorno", "circuito", "ruta", "canada", "patio", "conjunto", "residencial", "senda", "cuesta", "square", "passage", "cours", "r", "al", "pl", "av", "bd", "tv", "pc",
                     "os", "g", "pr", "str", "sk", "col", "cl", "paso", "zona", "vila", "quinta", "ag", "am",
                     "im", "zum", "zur", "an der", "auf der", "largo", "borgo", "int", "nam"}

# Street words that follow the name ("Bem rakpart 79", "Frankfurter Allee 73", "Hoge Wei 32").
SUFFIX_WORDS = [
    "strasse", "straße", "str", "weg", "gasse", "platz", "allee", "damm", "ufer", "chaussee", "steig",
    "pfad", "markt", "graben", "kai", "zeile", "landstrasse",
    "straat", "laan", "plein", "gracht", "kade", "dijk", "singel", "steeg", "dreef", "steenweg", "lei", "wei",
    "plaats", "baan",
    "gata", "gatan", "gade", "vej", "vei", "veien", "vagen", "alle", "plads", "plass",
    "torg", "torget", "straede", "stig", "stien", "backe", "vegur", "braut", "straeti", "stigur",
    "katu", "tie", "kuja", "polku", "raitti", "vayla", "kaari", "rinne", "aukio",
    "utca", "u", "ut", "utja", "ter", "korut", "krt", "rakpart", "rkp", "setany", "fasor",
    "tanav", "tn", "maantee", "mnt", "puiestee", "pst",
    "iela", "gatve", "prospektas", "ulica", "cesta", "trg", "namesti", "trida",
    "sokak", "sokagi", "caddesi", "cad", "bulvari", "mahallesi", "mah", "odos",
]
# Suffix words of one or two letters count only written as abbreviations, with a dot ("Veres Palne u. 91").
# ("Gate 22" and "Ring 3" are left out on purpose: an airline writes them every day.)
# Endings of one-word street names ("Hauptstrasse", "Kaarikatu", "Corellistraat", "Simavikveien").
# A word counts when at least three letters stand before the ending.
COMPOUND_ENDINGS = [
    "strasse", "straße", "str", "weg", "gasse", "platz", "allee", "damm", "ufer", "chaussee", "steig", "pfad",
    "markt", "graben", "zeile", "ring",
    "straat", "laan", "plein", "gracht", "kade", "dijk", "singel", "steeg", "dreef", "steenweg", "baan", "plaats",
    "gata", "gatan", "gade", "gaten", "vej", "vei", "veien", "vagen", "vag", "alle", "plads", "plass", "torget",
    "straede", "stigen", "backen", "vegur", "braut", "straeti", "stigur", "gatan",
    "katu", "tie", "kuja", "polku", "raitti", "vayla", "kaari", "rinne", "aukio", "bulevardi",
    "utca", "korut",
    "tanav", "maantee", "puiestee", "iela", "gatve",
    "sokak", "sokagi", "caddesi", "bulvari",
]

# Abbreviations among the street words: they count only written with their dot ("Veres Palne u. 91").
NEED_DOT = {"u", "str", "krt", "rkp", "tn", "mnt", "pst", "cad", "mah", "g", "pr", "r", "al", "pl", "av", "bd", "tv",
            "pc", "os", "sk", "col", "cl", "nam", "ul", "ag"}
