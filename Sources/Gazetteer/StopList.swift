/// Folded words that are also place names somewhere in the tables but, in running text,
/// almost always mean something else: months, weekdays, people, organisations, English
/// words. A name in this list never resolves on its name alone.
enum StopList {
    static let words: Set<String> = [
        // months and weekdays
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        // people and organisations in the news of the region
        "assad", "asad", "bashar", "hafez", "erdogan", "putin", "trump", "biden", "obama", "reuters", "hamas",
        "hezbollah", "hizbullah", "isis", "isil", "daesh", "nusra", "sdf", "ypg", "pkk", "hts", "sna", "fsa",
        "afp", "ap", "bbc", "cnn", "sana", "anha", "ohchr", "un", "nato", "ali", "hassan", "hussein", "husayn",
        "mohammed", "muhammad", "ahmad", "ahmed", "omar", "umar", "abdullah", "khalid", "mahmoud", "mustafa",
        "ibrahim", "youssef", "yusuf", "salim", "karim", "jamal", "rami", "nour", "said", "saeed",
        // English words and titles
        "major", "general", "colonel", "captain", "president", "minister", "army", "state", "islamic", "free",
        "syrian", "turkish", "kurdish", "russian", "iranian", "american", "iraqi", "the", "and", "for", "news",
        "city", "town", "village", "province", "governorate", "district", "border", "crossing", "north",
        "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new", "old", "camp",
        "market", "hospital", "school", "mosque", "airport", "bridge", "road", "highway", "dam", "river",
        "mount", "valley", "plain", "police", "forces", "regime", "government", "opposition", "rebels",
        "coalition", "observatory", "human", "rights", "monday", "local", "sources", "today", "strike",
        "strikes", "drone", "attack", "shelling", "killed", "civilians", "children", "women", "men",
        "people", "council", "front", "brigade", "division", "battalion", "union", "party", "national",
        "democratic", "unity", "liberation", "commander", "leader", "spokesman", "agency", "ministry",
        "defense", "defence", "interior", "foreign", "office", "media", "press", "report", "reports",
        "statement", "photo", "video", "update", "breaking", "live", "via", "source", "read", "more",
        "mar", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul", "ekim", "kasim", "aralik", "ocak",
        "subat",
        // Arabic words of reports (folded: no article, ة as ه, ى as ي): Arabic script has no
        // capitals to tell a name from a word.
        "مدينه", "بلده", "قريه", "حربيه", "حربي", "طائرات", "طائره", "ريف", "محافظه", "منطقه", "شمال", "جنوب",
        "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "جيش", "قوات", "مخيم", "سوق", "مستشفي", "مدرسه", "جامع",
        "مسجد", "طريق", "نهر", "سد", "حي", "قصف", "غاره", "غارات", "يوم", "امس", "اليوم", "معبر", "حدود", "سوري",
        "سوريه", "تركي", "تركيا", "روسي", "مقاتلين", "مدنيين", "اطفال", "نساء", "رجال", "مسيره", "صاروخ", "صواريخ",
    ]

    /// Words that are a place's name on their own but, inside running text, usually part of
    /// something else: "al-Sham" in "Hayat Tahrir al-Sham" is not Damascus.
    static let mentionOnly: Set<String> = ["sham", "turkey", "syria", "iraq", "lebanon", "jordan", "israel", "iran",
                                           "russia", "kurdistan", "levant", "euphrates", "tigris"]
}
