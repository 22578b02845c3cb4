"""Wire copy written by the project for the incident tests (invented reports in the style of
news agencies; the events echo the kind of strike the issue describes, the wording is ours).

Each entry: (key, outlet, published, title, text).
"""

from __future__ import annotations

WIRE: list[tuple[str, str, str, str, str]] = [
    (
        "strike-sahelwire",
        "Sahel Wire",
        "2024-08-26",
        "Drone strikes kill 21 in northern Mali town, rebels say",
        "At least 21 civilians, among them 11 children, were killed by drone strikes on Sunday "
        "on Tinzaouaten in northern Mali, a coalition of Tuareg rebels said.\n\n"
        "The strikes hit a pharmacy and a crowd gathered near the market, a spokesman for the "
        "CSP-DPA rebel alliance said in a statement.\n\n"
        "The army did not respond to a request for comment.",
    ),
    (
        "strike-desertpost",
        "Desert Post",
        "2024-08-27",
        "Mali: 21 dead in drone strike on Tin Zaouatene",
        "On 25 August 2024, drone strikes on the town of Tin Zaouatene near the Algerian border "
        "killed 21 civilians, including 11 children, according to the CSP-DPA rebel alliance.\n\n"
        "The rebels blamed the Malian army for the strikes, which hit a pharmacy.",
    ),
    (
        "strike-radioazawad",
        "Radio Azawad",
        "2024-08-26",
        "Deadly drone attack on Tinzaouatene",
        "Drone strikes on Sunday killed 21 people in Tinzaouatene, the CSP-DPA said, "
        "adding that a pharmacy was destroyed.",
    ),
    (
        "strike-army",
        "Bamako Daily",
        "2024-08-27",
        "Army says drones hit terrorist targets in Tinzaouaten",
        "The Malian army said on Monday that its drones struck terrorist targets in Tinzaouaten "
        "on Sunday, killing 6 fighters.\n\n"
        "The army denied that any civilians had been killed in the air strikes.",
    ),
    (
        "strike-revised",
        "Sahel Wire",
        "2024-08-29",
        "Toll from Mali drone strikes rises to 25, rebels say",
        "The death toll from drone strikes on Tinzaouaten on Sunday has risen to 25, "
        "the CSP-DPA rebel alliance said on Thursday.\n\n"
        "Four of the wounded died in hospital, the rebels said.",
    ),
    (
        "earlier-strike",
        "Desert Post",
        "2024-08-12",
        "Drone strike kills three in Tinzaouaten",
        "A drone strike on Saturday killed three people in Tinzaouaten, residents said.",
    ),
    (
        "later-strike",
        "Radio Azawad",
        "2024-09-17",
        "Drones strike Tinzaouaten again",
        "Drones struck Tinzaouaten again on Monday, killing two herders, residents said.",
    ),
    (
        "mopti-attack",
        "Sahel Wire",
        "2024-08-26",
        "Gunmen kill seven villagers in central Mali",
        "Gunmen killed seven villagers in Ogossagou in Mali's Mopti region on Sunday, "
        "local officials said.",
    ),
    (
        "mopti-ied",
        "Desert Post",
        "2024-08-26",
        "Roadside bomb kills four soldiers in central Mali",
        "A roadside bomb killed four soldiers near Boni in the Mopti region on Sunday, "
        "a military source said.",
    ),
    (
        "strike-weekly",
        "Niger River Times",
        "2024-08-28",
        "Week of drone strikes in northern Mali",
        "Drone strikes this week killed 21 people in Tinzaouaten, according to the rebels.",
    ),
    (
        "background-mention",
        "Radio Azawad",
        "2024-09-20",
        "Rebels vow to protect Kidal towns",
        "The rebel alliance said it would protect towns in the Kidal region.\n\n"
        "Last month, drone strikes on Tinzaouaten killed 21 civilians, according to the rebels.",
    ),
    (
        "background-orphan",
        "Desert Post",
        "2024-09-21",
        "Rebels recall earlier losses",
        "The rebels recalled that an air strike on Anefis killed nine people in December 2023.",
    ),
]
