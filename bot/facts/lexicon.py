"""Word lists the rule-based extractors share: honorifics, titles, organisation cues, stop words."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from bot.text.wordlist import word_set

# Courtesy titles that always precede a person's name ("Mr. Kim", "Dr Smith").
HONORIFICS = word_set(
    "mr mrs ms miss mx messrs mmes dr prof cllr ing professor sir dame lord lady rev reverend fr father sister "
    "sheikh sheik imam rabbi ayatollah pope cardinal bishop archbishop pastor "
    "gen general lt lieutenant col colonel maj major capt captain adm admiral sgt sergeant cpl corporal "
    "pvt private cmdr commander brig brigadier marshal commodore"
)
PLURAL_HONORIFICS = word_set("messrs mmes drs")
# Courtesy titles that always open a new name, even inside a run of capitalised words.
COURTESY_TITLES = word_set("mr mrs ms miss mx messrs mmes dr sir dame")
# Capitalised words that never stand inside a name: where one follows a name, a caption or a line has ended.
NAME_BREAKERS = word_set(
    "the a an this that these those he she it they we you his her their our my its him them me "
    "who whom whose which what when where why how whether if unless because since while although though "
    "with without from into onto about after before during despite but or nor also however meanwhile "
    "then there here not yes is are was were been being has have had does did would should could must "
    "shall said says told according"
)

# Capitalised words that head a title directly before a name ("Prime Minister Kishida").
TITLE_HEADS = word_set(
    "president vice-president premier chancellor minister secretary senator sen rep representative "
    "congressman congresswoman governor gov mayor ambassador envoy spokesman spokeswoman spokesperson "
    "chairman chairwoman chair director judge justice king queen prince princess emperor empress "
    "leader coach manager captain deputy commissioner prosecutor attorney-general treasurer speaker "
    "chief president-elect sheikh emir crown general gen admiral lt col colonel maj major capt "
    "sergeant sgt inspector superintendent detective officer councillor councilman councilwoman "
    "lawmaker mp pastor bishop archbishop cardinal pope rabbi imam ayatollah dr mr mrs ms prof professor "
    "sheriff magistrate coroner constable administrator ceo cfo coo cto trooper corporal cpl pvt patrolman "
    "patrolwoman marshal firefighter attorney"
)
# Words that may join a multi-word title before its head ("Foreign Minister", "Vice President").
TITLE_MODIFIERS = word_set(
    "prime vice deputy foreign defense defence finance interior economy trade health justice "
    "education energy state home first former acting chief senior general attorney supreme high "
    "national security army navy air labor labour transport agriculture culture environment "
    "secretary-general director-general interim opposition party majority minority house senate "
    "crown grand lord lieutenant lt major maj rear brigadier brig commanding executive managing assistant "
    "district"
)

# Lower-case nouns that end a role description ("Russia's defense minister").
ROLE_HEADS = word_set(
    "president minister secretary adviser advisor leader spokesman spokeswoman spokesperson chief "
    "director chairman chairwoman chair head governor mayor ambassador envoy official commander "
    "general analyst professor economist executive ceo founder editor correspondent lawyer attorney "
    "judge senator representative lawmaker king queen prince premier chancellor coach captain "
    "manager striker midfielder defender goalkeeper player champion author researcher scientist expert "
    "diplomat negotiator "
    "strategist aide officer prosecutor investigator activist candidate nominee chairperson "
    "treasurer commissioner inspector deputy successor predecessor owner partner worker master "
    "engineer teacher doctor nurse officer organizer organiser planner curator librarian principal "
    "member fellow lecturer historian winger forward welder farmer driver student resident shopkeeper "
    "sociologist glaciologist economist journalist activist scientist physicist biologist ecologist"
)

# More lower-case nouns that describe a person next to a name ("orchestra leader Billy May", "his wife, Ann
# Lee,"): occupations, ranks in sport and public life, and family ties. Not title words: at the start of a
# sentence these are as often a common noun as a title ("Star Trek", "Model railways").
PERSON_NOUNS = word_set(
    "actress actor singer songwriter rapper musician guitarist drummer artist comedian presenter "
    "broadcaster model star designer photographer instructor trainer coach psychiatrist psychologist "
    "surgeon physician dentist pharmacist paediatrician pediatrician consultant solicitor barrister "
    "magistrate sheriff detective constable pilot soldier sailor marine firefighter paramedic cleaner carer "
    "chef waiter waitress mechanic builder plumber electrician technician administrator co-founder cofounder "
    "boss landlord landlady tenant neighbour neighbor friend girlfriend boyfriend fiancee fiancée fiance fiancé "
    "husband wife son daughter mother father mum mom dad brother sister grandmother grandfather grandson "
    "granddaughter uncle aunt nephew niece cousin widow widower stepfather stepmother stepson stepdaughter "
    "opponent teammate team-mate victim scholar producer personality writer novelist poet playwright "
    "filmmaker screenwriter composer conductor dancer athlete jockey boxer cyclist golfer sprinter "
    "swimmer referee umpire full-back fullback centre-back keeper youngster veteran visitor tourist pupil "
    "headteacher headmaster headmistress dean rector vicar priest monk nun campaigner protester lobbyist "
    "accountant banker trader investor entrepreneur businessman businesswoman tycoon billionaire "
    "millionaire heir heiress blogger influencer commentator pundit critic columnist anchor newsreader "
    "supervisor superintendent ranger guard warden zookeeper keeper vet veterinarian spokesman "
    "administrator president-elect legend icon mogul magnate figure astronaut cosmonaut insider rookie "
    "quarterback linebacker cornerback receiver rusher lineman tailback pitcher shortstop outfielder "
    "wicketkeeper diver gymnast skier snowboarder skater rower surfer cricketer footballer runner climber "
    "mountaineer hairdresser contestant finalist graduate undergraduate bodybuilder weightlifter wrestler "
    "vlogger youtuber streamer"
)
ROLE_NOUNS = ROLE_HEADS | PERSON_NOUNS
# Nouns that say a name is a person's but state no role an editor would list: "Schoolboy Frankie Franz".
PERSON_DESCRIPTORS = word_set(
    "schoolboy schoolgirl schoolchild teenager teen pensioner toddler grandad grandma granny grandpa "
    "housewife homeowner retiree survivor passenger motorist jogger"
)

# Nouns that end an organisation's name ("Defense Ministry", "Chosun Ilbo").
ORG_HEADS = word_set(
    "ministry agency service office council party bank inc inc. corp corp. corporation co co. company "
    "ltd ltd. llc plc ag sa nv gmbh group university college institute school academy association "
    "federation union committee commission court army navy force forces guard police fc club "
    "department authority board bureau fund foundation trust organisation organization assembly "
    "parliament congress senate cabinet administration front movement alliance network newsroom "
    "newspaper times post journal herald tribune gazette telegraph press television tv radio "
    "broadcasting airlines airways motors holdings industries systems technologies petroleum "
    "securities exchange reserve brigade battalion regiment corps command tribunal secretariat "
    "cartel ilbo shimbun daily news bancorp airline hospital clinic museum church machines networks "
    "pharmaceuticals resources brands foods labs laboratories robotics dynamics semiconductors "
    "materials therapeutics entertainment studios ventures partners solutions services centre center "
    "institution institutions united city rovers wanderers athletic albion rangers hotspur sc ac "
    "cloud energy capital media logistics mining software maritime shipping telecom telecoms insurance "
    "payments analytics aerospace automotive biotech chemicals steel retail terminals league bros bros. "
    "records reporter examiner magazine publishing pictures forum coalition international courts chamber "
    "partnership online brotherhood endowment infirmary patrol"
)
# Organisation heads that are usually followed by "of ..." ("Bank of England").
ORG_OF_HEADS = word_set(
    "bank university ministry department institute college school academy office court council "
    "commission committee federation association union league church board bureau army authority "
    "agency organization organisation society service fund foundation chamber alliance coalition "
    "confederation corporation network tribunal endowment industry"
)
# Subject nouns that close a compound organisation name ("... of Strategic and International Studies",
# "Ministry of Economy and Finance"); with ORG_HEADS they let "and" stay inside the name.
FIELD_NOUNS = word_set(
    "studies affairs sciences science relations research development technology technologies "
    "finance economy economics trade industry commerce welfare security health education culture "
    "arts humanities planning statistics environment fisheries agriculture forestry justice "
    "communications transport infrastructure energy resources sport sports tourism housing labour labor "
    "leadership teaching learning innovation skills exchange"
)
# Organisation heads that may take "for" ("Institute for Fiscal Studies", "Federal Office for ...").
ORG_FOR_HEADS = word_set(
    "institute centre center office council commission committee agency foundation fund department ministry "
    "college school university academy trust society association alliance coalition campaign forum network "
    "partnership"
)
# Place heads that join "of" phrases into one place ("Gulf of Mexico", "Republic of Korea").
PLACE_OF_HEADS = word_set("gulf bay sea strait straits isle island islands republic cape city kingdom state lake")

# Short upper-case words that are not organisations ("ICBM", "GDP").
NON_ORG_ACRONYMS = word_set(
    "icbm icbms slbm gdp gnp cpi ceo cfo coo cto tv aids hiv dna rna mp mps pm am est gmt utc id pc "
    "ipo vat ok ufo suv ai covid sars atm phd mba faq pdf url pr usb gps lng lpg bbq diy vip rsvp teu "
    "ebitda ebit eps roe capex opex yoy qoq "
    "ii iii iv vi vii viii ix xi xii dc a.m. p.m. ad bc ce bce mph kph kmh ps nb mw gw kw kg km cm mm "
    "emp mrna ppe ev evs cbd wmd wmds ied ieds rpg rpgs sam sams uav uavs"
)

# Organisations commonly named in news without any suffix to recognise them by.
KNOWN_ORGS = {
    name.lower(): name
    for name in (
        "Reuters",
        "AP",
        "AFP",
        "TASS",
        "ITAR-TASS",
        "Yonhap",
        "Kyodo",
        "Xinhua",
        "Bloomberg",
        "Interfax",
        "RIA Novosti",
        "KCNA",
        "IRNA",
        "Anadolu",
        "ANSA",
        "EFE",
        "DPA",
        "PTI",
        "BBC",
        "CNN",
        "CBS",
        "NBC",
        "NPR",
        "Al Jazeera",
        "Associated Press",
        "Agence France-Presse",
        "UN",
        "U.N.",
        "NATO",
        "EU",
        "E.U.",
        "IMF",
        "WTO",
        "OPEC",
        "ASEAN",
        "FBI",
        "CIA",
        "NSA",
        "KGB",
        "FSB",
        "Pentagon",
        "Kremlin",
        "White House",
        "Congress",
        "Senate",
        "Parliament",
        "Hamas",
        "Hezbollah",
        "Taliban",
        "Red Cross",
        "Greenpeace",
        "Amnesty International",
        "Interpol",
        "Europol",
        "IAEA",
        "UNICEF",
        "UNESCO",
        "OSCE",
        "Nasdaq",
        "NYSE",
        "Gazprom",
        "Rosneft",
        "Huawei",
        "Google",
        "Microsoft",
        "Boeing",
        "Airbus",
        "Toyota",
        "Samsung",
        "Facebook",
        "Twitter",
        "Fed",
        "Politburo",
        "Knesset",
        "Duma",
        "Bundestag",
        "Bundesbank",
        "Vatican",
        "Sinn Fein",
        "Likud",
        "PLO",
        "ANC",
        "Commonwealth",
        "Nikkei",
        "World Bank",
        "Wall Street Journal",
        "Treasury",
        "Arab League",
        "Bundesbank",
        "Supreme Court",
        "Cabinet",
        "United Nations",
        "European Union",
        "Goldman Sachs",
        "JPMorgan",
        "JPMorgan Chase",
        "JP Morgan",
        "J P Morgan",
        "J.P. Morgan",
        "WH Smith",
        "W H Smith",
        "J Sainsbury",
        "Morgan Stanley",
        "Citigroup",
        "Barclays",
        "HSBC",
        "Deutsche Bank",
        "UBS",
        "BlackRock",
        "Apple",
        "Amazon",
        "Alphabet",
        "Meta",
        "Nvidia",
        "Intel",
        "Tesla",
        "OpenAI",
        "Netflix",
        "Disney",
        "Walmart",
        "ExxonMobil",
        "Chevron",
        "Shell",
        "BP",
        "Aramco",
        "Volkswagen",
        "Siemens",
        "Sony",
        "Alibaba",
        "Tencent",
        "TikTok",
        "SpaceX",
        "NASA",
        "Pfizer",
        "Moderna",
        "AstraZeneca",
        "Visa",
        "Mastercard",
        "FIFA",
        "UEFA",
        "IOC",
        # Bodies named by their initials in news without ever being spelled out.
        "NYPD",
        "LAPD",
        "FDA",
        "SEC",
        "FTC",
        "FCC",
        "DOJ",
        "DHS",
        "IRS",
        "TSA",
        "FAA",
        "NTSB",
        "CDC",
        "NIH",
        "NOAA",
        "ATF",
        "DEA",
        "GOP",
        "DNC",
        "RNC",
        "ACLU",
        "NAACP",
        "NRA",
        "NBA",
        "NFL",
        "NHL",
        "MLB",
        "NCAA",
        "MLS",
        "WTA",
        "ATP",
        "PGA",
        "ECB",
        "ICC",
        "ICJ",
        "WHO",
        "UNHCR",
        "OECD",
        "NHS",
        "SNP",
        "DUP",
        "UKIP",
        "MI5",
        "MI6",
        "GCHQ",
        "CPS",
        "HMRC",
        "DVLA",
        "RSPCA",
        "NSPCC",
        "Ofsted",
        "Ofcom",
        "ITV",
        "ABC",
        "MSNBC",
        "HBO",
        "PBS",
        "ESPN",
        "TMZ",
        "IBM",
        "BMW",
        "AT&T",
        "KPMG",
        "PwC",
        "ISIS",
        "ISIL",
        "al-Qaeda",
        "al-Shabab",
        "Boko Haram",
        "Hezbollah",
        "PKK",
        "IRA",
        "Scotland Yard",
        "Whitehall",
        "Bundesliga",
        "La Liga",
        "Serie A",
        "Ligue 1",
        # Parties, movements and outlets that news names without a head noun to recognise them by.
        "Labour",
        "Tories",
        "Lib Dems",
        "Liberal Democrats",
        "Islamic State",
        "Daily Mail",
        "Daily Mail Online",
        "MailOnline",
        "Mail Online",
        "Mail on Sunday",
        "Sportsmail",
        "USA Today",
    )
}

def is_known_org(name: str) -> bool:
    """Tell whether a name is a well-known organisation; initials must be written in capitals ("WHO", not "Who")."""
    canonical = KNOWN_ORGS.get(name.lower())
    return canonical is not None and (name == canonical or not canonical.isupper())


# Words after a name that show a body at work: "the NYPD officers", "FBI agents", "the SNP's statement".
BODY_FOLLOWERS = word_set(
    "reported reports announced confirmed denied officials officers agents staff employees members spokesman "
    "spokeswoman spokesperson statement investigation probe inquiry headquarters website board chief chiefs "
    "boss bosses chairman chair leader leadership report data figures ruling rules union unions"
)
# Last words of newspapers' names, by which a story calls the paper again ("the Post", "the Times"); after a
# weekday they name the paper's weekend edition ("the Sunday Times", "the Sunday Mirror").
MASTHEAD_WORDS = word_set("post times herald tribune telegraph gazette journal mail news mirror express observer")
# News agencies and outlets named as sources ("told Reuters").
NEWS_OUTLETS = word_set(
    "reuters ap afp tass itar-tass yonhap kyodo xinhua bloomberg interfax kcna irna anadolu ansa efe "
    "dpa pti bbc cnn cbs nbc npr"
)

# Words ending a capitalised name that make it a venue, building, street or landmark: never a person.
VENUE_HEADS = word_set(
    "park hall street st road rd avenue ave lane boulevard square place stadium arena field ground grounds "
    "castle palace house manor tower towers bridge harbour harbor pier quay dock docks wharf station terminal "
    "airport gardens garden grove lake river mountain hill hills valley beach bay island islands forest wood "
    "woods heath common green cathedral abbey chapel church temple mosque synagogue museum gallery theatre "
    "theater cinema zoo mall market centre center plaza heights estate court courts way drive crescent terrace"
)
# Words ending a capitalised name that make it an event, work or law rather than an entity.
MISC_HEADS = word_set(
    "cup open championship championships games olympics olympiad tour series prix trophy award "
    "awards prize war day act treaty accord accords agreement plan summit festival show index "
    "classic masters marathon derby bowl medal revolution doctrine convention protocol finals"
)

# Nationality words and other adjectives of place (never a person, place or organisation).
DEMONYMS_EXTRA = word_set(
    "french dutch swiss greek thai iraqi israeli pakistani saudi kuwaiti afghan german american "
    "korean british english irish scottish welsh spanish danish swedish finnish polish turkish "
    "chinese japanese vietnamese lebanese portuguese taiwanese sudanese somali yemeni omani qatari "
    "emirati bahraini iranian syrian jordanian egyptian libyan tunisian moroccan algerian european "
    "african asian arab arabic latin western eastern soviet islamic muslim christian jewish catholic "
    "protestant sunni shia shiite kurdish palestinian bosnian serb serbian croat croatian czech "
    "slovak hungarian romanian bulgarian ukrainian russian belarusian chechen uzbek kazakh filipino "
    "indonesian malaysian singaporean australian canadian mexican brazilian argentine argentinian "
    "chilean peruvian colombian venezuelan cuban haitian nigerian kenyan ethiopian congolese "
    "zimbabwean norwegian icelandic estonian latvian lithuanian georgian armenian azeri nepali "
    "bangladeshi sri lankan burmese cambodian mongolian tibetan uighur uyghur democrat democrats democratic "
    "republican republicans conservative conservatives communist communists socialist socialists "
    "liberal liberals marxist nazi nazis"
)

# Grammatical words: determiners, pronouns, prepositions, conjunctions, auxiliaries, adverbs.
GRAMMAR_WORDS = word_set(
    "a an the this that these those there here it its it's he she they we i you his her their our my "
    "your him them us me who whom whose which what when where why how whether if unless because "
    "since while although though as at by for from in into of off on onto out over under up upon "
    "with within without about above across after against along among around before behind below "
    "beneath beside besides between beyond but despite down during except inside near outside per "
    "through throughout till to toward towards until via and or nor so yet not no yes also only just "
    "even still already again then thus therefore however meanwhile moreover furthermore instead "
    "otherwise nevertheless nonetheless indeed perhaps maybe all any both each either every few many "
    "more most much neither none other others several some such one two three four five six seven "
    "eight nine ten is are was were be been being am has have had do does did will would shall should "
    "can could may might must said says say told tells according asked added earlier later "
    "last next once now today tonight yesterday tomorrow like unlike following including amid "
    "whereas let please thank thanks well oh ok okay sure overall another"
)
# Capitalised words that start sentences or headlines without naming anything.
FUNCTION_WORDS = GRAMMAR_WORDS | word_set(
    "year years month week day days officials analysts experts police authorities residents critics "
    "witnesses supporters sources reports report statement mr mrs ms dr total scorers attendance "
    "result results standings note notes half-time halftime"
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS)

# Verbs that introduce what someone said.
SPEECH_VERBS = word_set(
    "said says say told tells tell added adds stated states declared declares announced announces "
    "wrote writes warned warns noted notes insisted insists argued argues explained explains asked "
    "asks replied replies recalled recalls acknowledged acknowledges admitted admits claimed claims "
    "stressed stresses urged urges suggested suggests continued continues conceded concedes "
    "predicted predicts tweeted posted responded responds commented comments called calls described"
)

# Surnames that open East Asian names ("Kim Jong Un", "Xi Jinping").
EAST_ASIAN_SURNAMES = word_set(
    "kim lee park choi jung chung kang cho yoon yun jang lim moon roh xi li wang zhang liu chen yang "
    "huang zhao wu zhou hu jiang deng mao wen guo ma sun"
)

# Particles inside names ("Mohammed bin Salman", "Ursula von der Leyen").
# Suffixes after a surname that are no part of the name: "Carlos Sainz Jr", "John Smith III".
NAME_SUFFIXES = word_set("jr sr ii iii iv")
NAME_PARTICLES = word_set("bin ibn al el de da do del della der den di du van von la le dos das ter")


def load_word_list(filename: str, package: str = "bot.facts") -> frozenset[str]:
    """Return the lines of a bundled word list, comments and blank lines left out.

    Not cached: each list is kept once, by the loader that trims it (a second copy of a big set of
    strings would be one more thing for every full garbage collection to walk).
    """
    text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# Words that are surnames somewhere but mostly something else when capitalised in news.
_NOT_NAMES = FUNCTION_WORDS | word_set("north south east west northern southern eastern western central duke")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Return the lower-case given names list, loaded once."""
    return load_word_list("given_names.txt") - _NOT_NAMES


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Return the lower-case surnames list, loaded once."""
    return load_word_list("surnames.txt") - _NOT_NAMES


@lru_cache(maxsize=1)
def world_given_names() -> frozenset[str]:
    """Return given names used outside the US that `given_names` lacks ("thibaut", "umberto"), loaded once.

    Kept apart from `given_names`: a name from this list is weaker evidence (more of them are also
    surnames or rare words), so only the person rules that ask for it use it.
    """
    return load_word_list("world_given_names.txt", "bot.facts.data") - _NOT_NAMES - given_names()
