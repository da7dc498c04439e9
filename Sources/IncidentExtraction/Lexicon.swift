/// The words incidentmap reads events, actors, targets and counts from, in ACLED's terms.
enum Lexicon {
    /// ACLED sub-event types this extractor codes, in ACLED's precedence when several apply:
    /// a suicide bombing stays one even with shelling around it, and remote violence that is
    /// part of ground fighting is coded as the battle.
    enum SubEvent: Int, Comparable, CaseIterable {
        case suicideBomb = 0, armedClash, airStrike, shelling, remoteExplosive, attack, abduction

        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

        var eventType: String {
            switch self {
            case .suicideBomb, .airStrike, .shelling, .remoteExplosive: "Explosions/Remote violence"
            case .armedClash: "Battles"
            case .attack, .abduction: "Violence against civilians"
            }
        }

        var name: String {
            switch self {
            case .suicideBomb: "Suicide bomb"
            case .armedClash: "Armed clash"
            case .airStrike: "Air/drone strike"
            case .shelling: "Shelling/artillery/missile attack"
            case .remoteExplosive: "Remote explosive/landmine/IED"
            case .attack: "Attack"
            case .abduction: "Abduction/forced disappearance"
            }
        }
    }

    /// The first words of `eventPhrases`: a pair of words is looked up only when its first
    /// word can open a phrase.
    static let eventPhraseFirstWords: Set<String> = Set(eventPhrases.keys.map { String($0.split(separator: " ")[0]) })

    /// Two-word cues, checked before single words.
    static let eventPhrases: [String: SubEvent] = [
        "air strike": .airStrike, "air strikes": .airStrike, "air raid": .airStrike, "air raids": .airStrike,
        "barrel bomb": .airStrike, "barrel bombs": .airStrike, "suicide bomber": .suicideBomb,
        "suicide bombing": .suicideBomb, "suicide attack": .suicideBomb, "car bomb": .remoteExplosive,
        "roadside bomb": .remoteExplosive, "explosive device": .remoteExplosive, "motorcycle bomb": .remoteExplosive,
        "exchanged fire": .armedClash, "shot dead": .attack, "opened fire": .attack, "vehicle-borne": .remoteExplosive,
        "rocket fire": .shelling, "artillery fire": .shelling, "heavy fighting": .armedClash,
    ]
    static let eventWords: [String: SubEvent] = [
        "airstrike": .airStrike, "airstrikes": .airStrike, "air-strike": .airStrike, "air-strikes": .airStrike,
        "jets": .airStrike, "jet": .airStrike, "warplane": .airStrike, "warplanes": .airStrike, "aerial": .airStrike,
        "helicopter": .airStrike, "helicopters": .airStrike, "drone": .airStrike, "drones": .airStrike,
        "airstruck": .airStrike, "bombers": .airStrike, "aircraft": .airStrike, "uav": .airStrike,
        "missile": .shelling, "missiles": .shelling, "rocket": .shelling, "rockets": .shelling,
        "artillery": .shelling, "mortar": .shelling, "mortars": .shelling, "shelling": .shelling,
        "shelled": .shelling, "shells": .shelling, "ballistic": .shelling, "howitzer": .shelling,
        "ied": .remoteExplosive, "ieds": .remoteExplosive, "landmine": .remoteExplosive, "landmines": .remoteExplosive,
        "mine": .remoteExplosive, "booby-trapped": .remoteExplosive, "explosion": .remoteExplosive,
        "blast": .remoteExplosive, "exploded": .remoteExplosive, "detonated": .remoteExplosive,
        "clashes": .armedClash, "clashed": .armedClash, "fighting": .armedClash, "battles": .armedClash,
        "firefight": .armedClash, "infiltration": .armedClash, "repelled": .armedClash, "clash": .armedClash,
        "gunmen": .attack, "assassinated": .attack, "executed": .attack, "stabbed": .attack,
        "abducted": .abduction, "kidnapped": .abduction,
    ]

    /// Words saying that something happened, as opposed to aims, threats and general statements.
    static let triggers: Set<String> = [
        "struck", "hit", "hits", "targeted", "targets", "target", "targeting", "killed", "kills", "kill", "killing",
        "wounded", "wounding", "injured", "injuring", "shelled", "bombed", "bombarded", "pounded", "pounds", "raided",
        "launched", "fired", "exploded", "detonated", "clashed", "destroyed", "damaged", "ablaze", "landed", "attacked",
        "carried", "conducted", "died", "dead", "downed", "shot", "abducted", "kidnapped", "executed", "strikes",
        "strike", "shelling", "raids", "explosion", "blast", "clashes", "fell", "assassinated", "stabbed", "set",
        "airstrike", "airstrikes", "hitting", "struck", "burned", "levelled", "leveled", "razed", "fighting",
    ]
    /// Phrases of aims, threats, conditions and opinions: such a sentence is not an incident
    /// unless it also carries a date or a toll.
    static let hedges = ["aim to", "aims to", "aimed at", "seek to", "seeks to", "are continuing", "continue to",
                         "would ", "could ", "might ", " will ", "threaten", "warned", "fear", "if ", "intended"]
    /// Phrases of background: war-wide tolls, history, past campaigns, territory control.
    static let background = ["has killed more than", "have killed more than", "has killed over", "has killed some",
                             "war has", "since 2011", "since the start", "since the beginning", "back in control",
                             "in control of", "controls more than", "has largely subsided", "last year's",
                             "campaign last year", "years ago", "anniversary", "since the war began", "took control",
                             "have been displaced", "has displaced", "displaced more than", "ceasefire deal",
                             "were killed in the war", "over the years", "in recent years", "during the war"]

    /// Actor cues, longest first; each maps to an ACLED-style actor name.
    static let actors: [(String, String)] = [
        ("turkish-backed national army", sna), ("syrian national army", sna), ("turkish-backed", sna),
        ("turkey-backed", sna), ("ankara-backed", sna), ("national army", sna), ("sna", sna),
        ("hayat tahrir al-sham", hts), ("tahrir al-sham", hts), ("hts", hts),
        ("syrian democratic forces", sdf), ("sdf", sdf), ("qsd", sdf),
        ("ypg", ypg), ("pkk", ypg), ("people's protection units", ypg), ("kurdish fighters", ypg),
        ("kurdish militia", ypg), ("kurdish forces", ypg), ("terrorists", ypg),
        ("islamic state", isis), ("isis", isis), ("isil", isis), ("daesh", isis),
        ("us-led coalition", coalition), ("u.s.-led coalition", coalition), ("international coalition", coalition),
        ("american", coalition),
        ("russian", russia), ("russia's", russia), ("russia", russia), ("moscow", russia),
        ("syrian government", syria), ("government forces", syria), ("pro-government", syria), ("regime", syria),
        ("syrian army", syria), ("syrian troops", syria), ("assad", syria), ("syrian forces", syria),
        ("damascus", syria),
        ("turkish army", turkey), ("turkish forces", turkey), ("turkish military", turkey), ("turkish", turkey),
        ("turkey's", turkey), ("turkey", turkey),
        ("unidentified", unidentified), ("unknown", unidentified),
        ("rebels", rebels), ("rebel fighters", rebels), ("opposition fighters", rebels),
        ("opposition factions", rebels),
    ]
    static let russia = "Military Forces of Russia (2000-)"
    static let syria = "Military Forces of Syria (2000-)"
    static let turkey = "Military Forces of Turkey (2016-)"
    static let sna = "Syrian National Army"
    static let hts = "Hayat Tahrir al Sham"
    static let sdf = "QSD: Syrian Democratic Forces"
    static let ypg = "YPG: People's Protection Units"
    static let isis = "Islamic State (Syria)"
    static let coalition = "International Coalition against Islamic State"
    static let unidentified = "Unidentified Armed Group (Syria)"
    static let rebels = "Opposition Rebels (Syria)"
    /// What "unknown" or "unidentified" must qualify to name an actor.
    static let unidentifiedNouns: Set<String> = ["gunmen", "aircraft", "warplanes", "warplane", "drone", "drones",
                                                 "attackers", "assailants", "armed", "jets", "helicopter", "group",
                                                 "militants"]
    /// Actor cue words that are about a place, not an actor, when these words follow.
    static let notActorAfter = ["border", "side", "province", "territory", "lira", "soil", "-syrian", "-held", " held",
                                "defence", "defense", "officials", "ministry", "stronghold", "media", "sources", "city"]

    /// Targets, longest first.
    static let targets = [
        "cement factory", "gas facility", "gas station", "oil refineries", "oil refinery", "oil facilities",
        "oil facility", "fuel depot", "power station", "water station", "civil defence centre", "civil defense center",
        "medical centre", "medical center", "health centre", "health center", "displacement camp", "camp for displaced",
        "poultry farm", "military base", "military post", "ammunition depot", "refineries", "refinery", "hospital",
        "clinic", "marketplace", "market", "school", "camp", "bakery", "mosque", "checkpoint", "convoy", "factory",
        "bridge", "homes", "residential", "farm", "olive grove", "headquarters", "base", "church", "prison",
    ]

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90,
        // ACLED codes vague tolls as "10 for 'tens,' 12 for 'dozens,' 100 for 'hundreds'" (ACLED, "Fatalities",
        // Uses and limitations of ACLED data, 27 February 2023, updated 7 May 2024).
        "tens": 10, "dozens": 12, "dozen": 12, "hundreds": 100,
    ]
    /// Vague counts without a rule we could verify in ACLED's documents: left uncoded, noted.
    static let vagueCounts: Set<String> = ["several", "many", "scores", "numerous", "some"]
    static let killedWords: Set<String> = ["killed", "dead", "died", "deaths", "fatalities", "killing", "kills",
                                           "lifeless", "perished", "bodies"]
    static let injuredWords: Set<String> = ["injured", "wounded", "hurt", "injuries", "injuring", "wounding", "wounds"]
    /// Every word a count can hang on ("toll" for "the toll rose to 9"): a sentence that
    /// holds none of them, even inside another word, has no toll to read.
    static let casualtyCues: [String] = Array(killedWords) + Array(injuredWords) + ["toll"]
    static let personWords: Set<String> = ["civilian", "child", "man", "woman", "boy", "girl", "person", "fighter",
                                           "soldier", "member", "worker", "farmer", "shepherd", "journalist", "driver"]

    /// Capitalized words that are never place names here, though some village somewhere has the name.
    static let notPlaces: Set<String> = [
        "the", "a", "an", "on", "in", "at", "he", "she", "it", "they", "we", "oil", "gas", "fighting", "suspected",
        "earlier", "later", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "russian",
        "russia", "turkish", "turkey", "syrian", "syria", "kurdish", "islamic", "state", "national", "army",
        "reuters", "afp", "white", "helmets", "civil", "defence", "defense", "observatory", "news", "agency",
        "medical", "doctors", "local", "residents", "witnesses", "sources", "according", "backed", "president",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "major", "general", "colonel", "ministry", "un", "ocha", "unicef", "sohr", "anha",
        "anadolu", "sana", "hawar", "ahmed", "mohammed", "ali", "hassan", "hussein", "omar", "youssef", "khaled",
        "abu", "abdullah", "mustafa", "ibrahim", "mahmoud", "idris", "ankara", "moscow", "damascus", "washington",
        "iran", "iraq", "lebanon", "jordan", "europe", "kurds", "arab", "arabs", "border", "crossing", "nato",
        "al-sham", "sham", "western", "eastern", "northern", "southern", "north", "south", "east", "west",
        "central", "another",
        "government", "regime", "opposition", "rebels", "forces", "security", "council", "military", "local",
        "no", "one", "two", "three", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these",
        "after", "before", "during", "while", "when", "there", "here", "separately", "meanwhile", "also",
    ]
}
