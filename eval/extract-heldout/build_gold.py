# Held-out evaluation articles, written after the rules were tuned on eval/extract and scored
# once without further tuning; gold written before the first run.
import json, os
A, G = {}, {}
def art(name, header, body, gold):
    A[name] = header.strip() + "\n\n" + body.strip() + "\n"
    G[name] = [dict(zip(["place", "place_id", "date", "time_precision", "event_type", "sub_event_type"], g)) for g in gold]
AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELL = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
CLASH = ("Battles", "Armed clash")
VAC = ("Violence against civilians", "Attack")
def g(place, pid, date, tp, kind): return (place, pid, date, tp) + kind

art("h01.txt", "title: Overnight raids\ndate: 2021-06-11\nsource: wire",
"""Syrian and Russian warplanes launched a series of raids on Thursday on the town of Kafr Takharim and the nearby village of Armanaz, activists said.
Rescuers recovered the bodies of four people from a collapsed building in Kafr Takharim.""",
[g("Kafr Takharim", "curated:kafr-takharim", "2021-06-10", 1, AIR), g("Armanaz", "curated:armanaz", "2021-06-10", 1, AIR)])
art("h02.txt", "title: Blast at Azaz market\ndate: 2020-10-07\nsource: monitor",
"""A booby-trapped motorcycle went off near the main market of Azaz on Tuesday evening, wounding eleven people, among them three children.""",
[g("Azaz", "curated:azaz", "2020-10-06", 1, IED)])
art("h03.txt", "title: Drone attack on Amuda\ndate: 2022-11-25\nsource: Kurdish outlet",
"""Turkish drones hit a power station on the edge of Amuda on 23 November, cutting electricity to tens of thousands of residents.""",
[g("Amuda", "curated:amuda", "2022-11-23", 1, AIR)])
art("h04.txt", "title: Shelling on Turkish town\ndate: 2019-10-11\nsource: Turkish agency",
"""Mortar shells fired from Qamishli by YPG terrorists struck homes in Nusaybin on Thursday, killing a baby and a teenager.""",
[g("Nusaybin", "curated:nusaybin", "2019-10-10", 1, SHELL)])
art("h05.txt", "title: Statement\ndate: unknown\nsource: NGO",
"""Our partner's clinic in Darat Izza was hit by artillery fire last Sunday. The clinic had served 3,000 patients a month.""",
[g("Darat Izza", "curated:daret-azza", None, None, SHELL)])
art("h06.txt", "title: Economy\ndate: 2022-01-20",
"""Fuel prices in Azaz and al-Bab doubled this winter after refineries reduced output. Traders blame the currency.""",
[])
art("h07.txt", "title: Fighting near Marea\ndate: 2020-05-04\nsource: monitor",
"""Heavy fighting erupted between SDF units and Turkish-backed factions on the outskirts of Marea on Sunday, with casualties reported on both sides.""",
[g("Marea", "curated:marea", "2020-05-03", 1, CLASH)])
art("h08.txt", "title: Raids on Idlib city\ndate: 2019-12-02\nsource: wire",
"""Airstrikes struck a popular market in Maarat al-Numan on 2 December 2019, killing at least ten civilians, according to the civil defence.
A day earlier, shelling hit the village of Kafr Nabl, killing two.""",
[g("Maarat al-Numan", "curated:maarat-al-numan", "2019-12-02", 1, AIR), g("Kafr Nabl", "curated:kafr-nabl", "2019-12-01", 1, SHELL)])
art("h09.txt", "title: Gunmen kill official\ndate: 2021-04-28\nsource: monitor",
"""Gunmen on a motorcycle killed a local council member in Jarablus on Tuesday and fled, the monitor said.""",
[g("Jarablus", "curated:jarablus", "2021-04-27", 1, VAC)])
art("h10.txt", "title: Missile on Tell Abyad\ndate: 2021-02-16\nsource: wire",
"""A rocket hit a residential area in Tell Abyad on Monday night, wounding four civilians, the Turkish defence ministry said, blaming the YPG.""",
[g("Tell Abyad", "curated:tell-abyad", "2021-02-15", 1, SHELL)])
art("h11.txt", "title: Weekly note\ndate: 2022-04-08\nsource: humanitarian update",
"""This week, shelling was reported near Atarib and in the countryside of Darat Izza. No casualties were recorded.""",
[g("Atarib", "curated:atarib", "2022-04-08", 2, SHELL), g("Darat Izza", "curated:daret-azza", "2022-04-08", 2, SHELL)])
art("h12.txt", "title: Anniversary\ndate: 2022-03-15",
"""Eleven years after the uprising began, Idlib hosts nearly three million people, many of them displaced from Aleppo and Hama.""",
[])
for name, text in A.items():
    open(os.path.join("articles", name), "w").write(text)
json.dump(G, open("gold.json", "w"), indent=1, ensure_ascii=False)
print(len(A), sum(len(v) for v in G.values()))
