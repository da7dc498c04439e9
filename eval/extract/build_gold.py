# One-off writer of the evaluation articles and their gold coding (written before any tuning).
import json, os
A = {}
G = {}
def art(name, header, body, gold):
    A[name] = header.strip() + "\n\n" + body.strip() + "\n"
    G[name] = [dict(zip(["place", "place_id", "date", "time_precision", "event_type", "sub_event_type"], g)) for g in gold]
AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELL = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
SUI = ("Explosions/Remote violence", "Suicide bomb")
CLASH = ("Battles", "Armed clash")
VAC = ("Violence against civilians", "Attack")
def g(place, pid, date, tp, kind): return (place, pid, date, tp) + kind

art("01-wire-ariha.txt", "title: Strikes hit Idlib town\ndate: 2021-03-22\nsource: wire",
"""ARIHA, Syria (wire) - Russian jets struck the outskirts of Ariha on Sunday, killing three civilians including a child, rescue workers said.
The White Helmets civil defence group said its teams pulled two wounded people from the rubble of a house.""",
[g("Ariha", "curated:ariha", "2021-03-21", 1, AIR)])

art("02-monitor-villages.txt", "title: Daily bulletin\ndate: 2022-06-14\nsource: monitor",
"""Regime forces shelled the villages of Kansafra, al-Bara and Balyun in Jabal al-Zawiya on Tuesday morning.
No casualties were reported. Separately, a Russian drone struck a motorcycle near Darkush, wounding two men.""",
[g("Kansafra", "curated:kansafra", "2022-06-14", 1, SHELL), g("al-Bara", "curated:al-bara", "2022-06-14", 1, SHELL),
 g("Balyun", "curated:balyun", "2022-06-14", 1, SHELL), g("Darkush", "curated:darkush", "2022-06-14", 1, AIR)])

art("03-ngo-hospital.txt", "title: Statement on attack on health facility\ndate: 2021-11-09\nsource: NGO",
"""We condemn in the strongest terms the artillery attack that hit the surgical hospital in Atarib on 7 November 2021.
Two patients and a nurse were killed and nine staff members were injured. The hospital is now out of service.
Attacks on health care are prohibited under international humanitarian law.""",
[g("Atarib", "curated:atarib", "2021-11-07", 1, SHELL)])

art("04-turkish-side-ypg.txt", "title: Terrorists target border district\ndate: 2022-11-21\nsource: Turkish agency",
"""PKK/YPG terrorists fired rockets from Syria at the Turkish border district of Karkamış on Monday, killing a teacher and a child.
Turkish forces responded by hitting terrorist positions around Tell Rifaat, the defence ministry said.""",
[g("Karkamış", "curated:karkamis", "2022-11-21", 1, SHELL), g("Tell Rifaat", "curated:tell-rifaat", "2022-11-21", 1, SHELL)])

art("05-kurdish-side-drone.txt", "title: Turkish drone kills two in Qamishli countryside\ndate: 2023-01-18\nsource: Kurdish outlet",
"""A Turkish drone targeted a car in the countryside of Qamishli on Wednesday, killing two members of the Asayish internal security forces.
Local sources said the car was travelling on the road to al-Qahtaniyah when it was hit.""",
[g("Qamishli", "curated:qamishli", "2023-01-18", 1, AIR)])

art("06-undated-relative.txt", "title: Idlib residents flee after bombardment\ndate: unknown",
"""Warplanes pounded the town of Binnish on Thursday, residents said, forcing dozens of families to leave.
A market and a bakery were damaged.""",
[g("Binnish", "curated:binnish", None, None, AIR)])

art("07-no-incident-analysis.txt", "title: Analysis: the economy of the northwest\ndate: 2021-05-02",
"""The fuel trade across the northwest depends on a handful of crossings with Turkey. Prices in Idlib rose by a third this spring.
Analysts say the war has killed more than 350,000 people since 2011 and shattered the country's industry.
Traders in Sarmada expect the Bab al-Hawa crossing to stay open through the summer.""",
[])

art("08-wire-al-bab-car-bomb.txt", "title: Car bomb in al-Bab\ndate: 2022-03-05\nsource: wire",
"""A car bomb exploded in a crowded market in al-Bab on Saturday, killing at least eight people and wounding more than 20, a civil defence official said.
No group claimed responsibility for the blast in the town, which is held by Turkish-backed factions.""",
[g("al-Bab", "curated:al-bab", "2022-03-05", 1, IED)])

art("09-sohr-clashes.txt", "title: Clashes on Afrin frontline\ndate: 2022-08-10\nsource: monitor",
"""Fierce clashes broke out between SDF fighters and Turkish-backed factions on the frontline near Tell Rifaat on 9 August, leaving four fighters dead.
The fighting followed an infiltration attempt by the factions, the monitor said.""",
[g("Tell Rifaat", "curated:tell-rifaat", "2022-08-09", 1, CLASH)])

art("10-markdown-summary.md", "title: Weekly summary\ndate: 2021-07-04\nsource: humanitarian update",
"""# Weekly summary

**Idlib:** Regime artillery shelled Kafr Nabl and the outskirts of Maarat al-Numan on 1 July. One civilian was killed in Kafr Nabl.

**Aleppo:** An improvised explosive device detonated on a road near Azaz on 2 July, injuring three people.""",
[g("Kafr Nabl", "curated:kafr-nabl", "2021-07-01", 1, SHELL), g("Maarat al-Numan", "curated:maarat-al-numan", "2021-07-01", 1, SHELL),
 g("Azaz", "curated:azaz", "2021-07-02", 1, IED)])

art("11-html-page.html", "",
"""<!DOCTYPE html><html><head><title>Airstrike hits camp near Atmeh</title><meta property="article:published_time" content="2021-10-12T09:00:00Z"><script>var x = "near Sarmada";</script></head>
<body><nav><a href="/">Home</a> | <a href="/syria">Syria</a></nav><header>World news</header>
<article><h1>Airstrike hits camp near Atmeh</h1><p>An airstrike hit a camp for displaced people near Atmeh on Monday, killing a woman and injuring four children, camp officials said.</p>
<p>The camp lies a few kilometres from the Turkish border.</p></article><footer>&copy; News site</footer></body></html>""",
[g("Atmeh", "curated:atmeh", "2021-10-11", 1, AIR)])

art("12-wire-jisr.txt", "title: Missile attack in Jisr al-Shughur\ndate: 2020-02-25\nsource: wire",
"""Government forces fired surface-to-surface missiles at Jisr al-Shughur on Tuesday, killing five civilians, according to the Syrian Civil Defence.
The city has been hit repeatedly since the start of the government offensive in December.""",
[g("Jisr al-Shughur", "curated:jisr-al-shughur", "2020-02-25", 1, SHELL)])

art("13-suicide-azaz.txt", "title: Suicide attack at checkpoint\ndate: 2019-01-03\nsource: wire",
"""A suicide bomber blew himself up at a checkpoint at the entrance of Azaz on Thursday, killing three guards, according to local officials.
Islamic State claimed responsibility for the attack through its news agency.""",
[g("Azaz", "curated:azaz", "2019-01-03", 1, SUI)])

art("14-isis-ied-hasakah.txt", "title: Blast kills SDF members\ndate: 2023-04-12\nsource: monitor",
"""A landmine left by Islamic State exploded under an SDF vehicle near al-Shaddadi on April 10, killing two fighters.""",
[g("al-Shaddadi", "curated:shaddadi", "2023-04-10", 1, IED)])

art("15-coalition-raid.txt", "title: Coalition strike\ndate: 2022-12-02\nsource: wire",
"""A US-led coalition drone strike killed a senior Islamic State commander in the village of Suluk, the coalition said on Friday.
The strike was carried out overnight on Thursday, according to a statement.""",
[g("Suluk", "curated:suluk", "2022-12-01", 1, AIR)])

art("16-kurdish-shelling-ain-issa.txt", "title: Occupation shells Ain Issa\ndate: 2021-12-28\nsource: Kurdish outlet",
"""The Turkish occupation army and its mercenaries shelled the villages around Ain Issa with heavy artillery on Monday.
Houses in Ain Issa itself were damaged and a civilian was injured, according to local sources.""",
[g("Ain Issa", "curated:ain-issa", "2021-12-27", 1, SHELL)])

art("17-tell-tamer-region.txt", "title: Drone strike near Tell Tamer\ndate: 2022-09-07\nsource: Kurdish outlet",
"""A Turkish drone struck a vehicle between Tell Tamer and al-Hasakah on Tuesday night, killing the driver.""",
[g("Tell Tamer", "curated:tell-tamer", "2022-09-06", 1, AIR)])

art("18-hts-clashes-idlib.txt", "title: HTS and army clash\ndate: 2023-06-20\nsource: monitor",
"""Hayat Tahrir al-Sham fighters clashed with government troops on the Kafranbel axis and near Saraqib on Monday, the monitor said. Three soldiers were killed.""",
[g("Kafr Nabl", "curated:kafr-nabl", "2023-06-19", 1, CLASH), g("Saraqib", "curated:saraqib", "2023-06-19", 1, CLASH)])

art("19-no-incident-diplomacy.txt", "title: Talks on the northwest\ndate: 2021-09-30",
"""Turkish and Russian officials met in Sochi to discuss the situation in Idlib. Ankara said it wanted the ceasefire to hold.
Moscow has accused armed groups in the area of violating the truce, while Turkey said its observation posts would remain in place.""",
[])

art("20-barrel-bombs-old-style.txt", "title: Barrel bombs on western Aleppo\ndate: 2020-01-15\nsource: monitor",
"""Regime helicopters dropped barrel bombs on Kafr Battikh and on the outskirts of Anadan on Wednesday.
A child was killed in Kafr Battikh.""",
[g("Kafr Battikh", "curated:kafr-battikh", "2020-01-15", 1, AIR), g("Anadan", "curated:anadan", "2020-01-15", 1, AIR)])

art("21-date-absolute-us.txt", "title: Rocket attack\ndate: 2021-05-20\nsource: wire",
"""Rockets fired by Syrian government forces landed in Afrin on May 18, 2021, killing two civilians, according to a local council.""",
[g("Afrin", "curated:afrin", "2021-05-18", 1, SHELL)])

art("22-iso-date-bulletin.txt", "title: Incident log\ndate: 2022-02-10\nsource: monitor",
"""2022-02-08: Russian airstrikes on the outskirts of Maarrat Misrin; a poultry farm was destroyed.
2022-02-09: Artillery shelling on Taftanaz, no casualties.""",
[g("Maarrat Misrin", "curated:maarrat-misrin", "2022-02-08", 1, AIR), g("Taftanaz", "curated:taftanaz", "2022-02-09", 1, SHELL)])

art("23-turkish-gov-statement.txt", "title: Ministry statement\ndate: 2019-10-13\nsource: Turkish ministry",
"""The ministry said that mortar shells fired from Syria hit Akçakale on Saturday, wounding six civilians.
The attack came from positions held by terrorists in Tell Abyad.""",
[g("Akçakale", "curated:akcakale", "2019-10-12", 1, SHELL)])

art("24-background-only.txt", "title: Ten years of war\ndate: 2021-03-15",
"""Ten years ago, protests began in Daraa. Since then the war has killed more than 388,000 people.
Aleppo was bombed for years before the government took control of the city in 2016. Millions have been displaced since 2011.""",
[])

art("25-multiple-sunday.txt", "title: Wave of strikes\ndate: 2021-08-16\nsource: wire",
"""Russian warplanes carried out at least 12 airstrikes on the Jabal al-Zawiya area on Sunday, hitting the villages of Iblin and Kafr Uwaid.
In a separate incident, a child was killed when regime shelling hit a house in Kansafra.""",
[g("Iblin", "curated:iblin", "2021-08-15", 1, AIR), g("Kafr Uwaid", "curated:kafr-uwaid", "2021-08-15", 1, AIR),
 g("Kansafra", "curated:kansafra", "2021-08-15", 1, SHELL)])

art("26-jarablus-refineries.txt", "title: Missiles hit fuel market\ndate: 2021-03-08\nsource: wire",
"""Ballistic missiles fired from government areas struck makeshift oil refineries near Tarhin, close to al-Bab, on Friday night, setting dozens of fuel tankers on fire.
Another missile landed near Jarablus, the local council said. There were no reports of deaths.""",
[g("al-Bab", "curated:al-bab", "2021-03-05", 1, SHELL), g("Jarablus", "curated:jarablus", "2021-03-05", 1, SHELL)])

art("27-undated-absolute.txt", "title: Report excerpt\ndate: unknown",
"""On 4 March 2020 an airstrike hit a school in Maarrat Misrin, killing a teacher.""",
[g("Maarrat Misrin", "curated:maarrat-misrin", "2020-03-04", 1, AIR)])

art("28-last-week.txt", "title: Investigation\ndate: 2022-10-20\nsource: NGO",
"""Our researchers documented a drone attack on a water station near Darat Izza last week that cut supplies to 40,000 people.""",
[g("Darat Izza", "curated:daret-azza", "2022-10-13", 2, AIR)])

art("29-earlier-this-month.txt", "title: Monthly overview\ndate: 2022-05-25\nsource: monitor",
"""Earlier this month, artillery shells hit a displacement camp near Kafr Takharim, wounding seven people.""",
[g("Kafr Takharim", "curated:kafr-takharim", "2022-05-01", 3, SHELL)])

art("30-yesterday.txt", "title: Explosion in Jindires\ndate: 2023-03-21\nsource: wire",
"""An explosive device planted in a motorcycle went off in Jindires yesterday, killing one person and injuring five others.""",
[g("Jindires", "curated:jindires", "2023-03-20", 1, IED)])

art("31-manbij-sdf-sna.txt", "title: Frontline flare-up\ndate: 2022-11-24\nsource: Kurdish outlet",
"""The Manbij Military Council said its fighters repelled an attack by Turkish-backed factions on the village of Arima west of Manbij on Wednesday, killing five attackers.""",
[g("Manbij", "curated:manbij", "2022-11-23", 1, CLASH)])

art("32-kobani-drone.txt", "title: Drone strike in Kobani\ndate: 2022-11-22\nsource: Kurdish outlet",
"""A Turkish drone hit a building in Kobani on Tuesday, killing three members of a family, the local administration said.""",
[g("Kobani", "curated:kobani", "2022-11-22", 1, AIR)])

art("33-reyhanli-rocket.txt", "title: Rocket lands in Reyhanli\ndate: 2018-01-22\nsource: Turkish agency",
"""A rocket fired from Syria landed in Reyhanlı in Hatay province on Sunday, killing one person and injuring 32, the governor's office said.""",
[g("Reyhanlı", "curated:reyhanli", "2018-01-21", 1, SHELL)])

art("34-gunmen-killed.txt", "title: Killing in Afrin\ndate: 2021-06-15\nsource: monitor",
"""Unknown gunmen shot dead a civilian in the village of Basuta on Monday, the monitor said.""",
[g("Basuta", "curated:basuta", "2021-06-14", 1, VAC)])

art("35-suspected-attribution.txt", "title: Unclaimed strikes\ndate: 2023-02-28\nsource: wire",
"""Suspected Russian airstrikes hit the outskirts of Salqin on Monday, causing material damage, residents said. No one was hurt.""",
[g("Salqin", "curated:salqin", "2023-02-27", 1, AIR)])

art("36-region-only.txt", "title: Strikes across Idlib\ndate: 2021-09-08\nsource: wire",
"""Russian jets bombed several areas in Idlib province on Tuesday, according to opposition officials, who gave no casualty figures.""",
[g("Idlib", "admin1:SY-ID", "2021-09-07", 1, AIR)])

art("37-quote-no-place.txt", "title: Spokesman warns\ndate: 2021-09-09\nsource: wire",
"""\"The bombing will continue as long as the world stays silent,\" a rebel spokesman said. \"They want to empty the region of its people.\"
He said rebels would respond to any advance by government troops.""",
[])

art("38-two-events-two-days.txt", "title: Two days of shelling\ndate: 2020-06-10\nsource: monitor",
"""Government forces shelled Sarmin on June 8. On June 9, rockets hit the outskirts of Binnish, killing a farmer.""",
[g("Sarmin", "curated:sarmin", "2020-06-08", 1, SHELL), g("Binnish", "curated:binnish", "2020-06-09", 1, SHELL)])

art("39-ras-al-ayn.txt", "title: Mortar fire in Ras al-Ayn\ndate: 2020-04-02\nsource: wire",
"""Mortar rounds fired by the SDF hit a market in Ras al-Ayn on Wednesday, killing four people, according to the Turkish defence ministry.""",
[g("Ras al-Ayn", "curated:ras-al-ayn", "2020-04-01", 1, SHELL)])

art("40-sarmada-gas.txt", "title: Fuel station strike\ndate: 2021-03-22\nsource: wire",
"""Airstrikes by suspected Russian jets struck a gas station near Sarmada and the nearby town of Qah on Sunday, burning dozens of trucks.""",
[g("Sarmada", "curated:sarmada", "2021-03-21", 1, AIR), g("Qah", "curated:qah", "2021-03-21", 1, AIR)])

art("41-no-incident-aid.txt", "title: Aid convoy crosses\ndate: 2022-07-12",
"""A UN convoy of 14 trucks carrying food crossed into Idlib through Bab al-Hawa on Tuesday. Aid workers in Atmeh said the supplies would last a month.""",
[])

art("42-tabqa-isis.txt", "title: Attack on checkpoint\ndate: 2023-08-15\nsource: Kurdish outlet",
"""Islamic State cells attacked an SDF checkpoint in al-Tabqah on Sunday, and the clashes lasted about an hour. Two fighters were wounded.""",
[g("al-Tabqah", "curated:tabqa", "2023-08-13", 1, CLASH)])

for name, text in A.items():
    open(os.path.join("articles", name), "w").write(text)
json.dump(G, open("gold.json", "w"), indent=1, ensure_ascii=False)
print(len(A), sum(len(v) for v in G.values()))
