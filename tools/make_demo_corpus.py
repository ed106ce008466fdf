"""Generate a synthetic JSONL corpus of security-news articles, for trying the notebooks at scale.

    python tools/make_demo_corpus.py --articles 300 --out data/derived/demo/demo_news.jsonl
    make figures CORPUS=data/derived/demo/demo_news.jsonl

The articles are written from templates by this script (no third-party text, so no licence question):
military and government speakers, direct quotes and reported speech, towns and provinces of Iraq, Syria
and Lebanon, dates over one year. Same seed, same file. It is test material, not news: never cite it.
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = [  # (town, province or region, country, demonym)
    ("al-Qaim", "Anbar province", "Iraq", "Iraqi"), ("Ramadi", "Anbar province", "Iraq", "Iraqi"),
    ("Fallujah", "Anbar province", "Iraq", "Iraqi"), ("Mosul", "Nineveh province", "Iraq", "Iraqi"),
    ("Tikrit", "Salahuddin province", "Iraq", "Iraqi"), ("Kirkuk", "Kirkuk province", "Iraq", "Iraqi"),
    ("Deir Ezzor", "Deir Ezzor province", "Syria", "Syrian"), ("Raqqa", "Raqqa province", "Syria", "Syrian"),
    ("Palmyra", "Homs province", "Syria", "Syrian"), ("Aleppo", "Aleppo province", "Syria", "Syrian"),
    ("Baalbek", "the Bekaa valley", "Lebanon", "Lebanese"), ("Hermel", "the Bekaa valley", "Lebanon", "Lebanese"),
    ("Tripoli", "North Lebanon", "Lebanon", "Lebanese"), ("Arsal", "the Bekaa valley", "Lebanon", "Lebanese"),
]
MILITARY = ["Major General {name}, the commander of the {n}th Division", "the {dem} army", "a military spokesman",
            "Brigadier General {name}", "the Joint Operations Command", "military commanders", "another officer",
            "the Army Command", "the US-led coalition", "a senior officer"]
GOVERNMENT = ["{dem} Prime Minister {name}", "the {dem} Interior Ministry", "Defence Minister {name}",
              "the governor of {province}", "a government spokesman", "President {name}", "the Foreign Ministry"]
OTHER = ["residents", "a local doctor", "the Syrian Observatory for Human Rights", "witnesses", "an activist"]
NAMES = ["Ahmed Saleh", "Yahya Rasool", "Ali Hassan", "Karim Nouri", "Sami Haddad", "Omar Khalil", "Nabil Aoun",
         "Hussein Jabbar", "Tarek Mansour", "Walid Sabbagh"]
EVENTS = ["forces entered {town} after a week of fighting", "troops cleared the last neighbourhoods of {town}",
          "an air strike hit a depot on the edge of {town}", "militants attacked a checkpoint near {town}",
          "the army closed the road between {town} and the border", "aid convoys reached {town} for the first time",
          "a car bomb exploded in the market of {town}", "security forces arrested a cell planning attacks in {town}"]
QUOTES = ["We will not allow terrorists to return to {town}", "The situation in {town} is under control",
          "Our forces are advancing street by street", "ISIS members must choose between death and surrender",
          "The government will rebuild {town} and compensate the families",
          "We call on residents to stay away from the front lines", "There is no truth to these reports",
          "The militants are fleeing towards the desert", "Civilians in {town} need food, water and medicine"]
REPORTED = ["the militants had lost most of their positions around {town}",
            "at least {k} fighters were killed in the clashes", "the border crossing would remain closed",
            "reports of a withdrawal from {province} were false", "the operation would continue until {town} was secure",
            "{k} families had fled towards {other_town}"]
VERBS = ["said", "told AFP", "said in a statement", "stressed", "warned", "told reporters"]


def article(rng: random.Random, i: int, start: date) -> dict:
    town, province, country, dem = rng.choice(PLACES)
    other_town = rng.choice([p[0] for p in PLACES if p[2] == country and p[0] != town])
    fill = dict(town=town, province=province, country=country, dem=dem, other_town=other_town,
                k=rng.randint(3, 60), n=rng.randint(1, 19), name=rng.choice(NAMES))

    def speaker(group: list[str]) -> str:
        return rng.choice(group).format(**{**fill, "name": rng.choice(NAMES)})

    event = rng.choice(EVENTS).format(**fill)
    paras = [f"{dem} {event} on {rng.choice(['Monday', 'Tuesday', 'Friday', 'Sunday'])}, "
             f"{speaker(MILITARY)} said."]
    for _ in range(rng.randint(2, 5)):
        group = rng.choices([MILITARY, GOVERNMENT, OTHER], weights=[5, 3, 2])[0]
        sp = speaker(group)
        if rng.random() < 0.5:
            q = rng.choice(QUOTES).format(**fill)
            paras.append(f"“{q},” {sp} {rng.choice(VERBS)}.")
        else:
            r = rng.choice(REPORTED).format(**fill)
            sp = sp[0].upper() + sp[1:]
            paras.append(f"{sp} {rng.choice(['said', 'stressed', 'denied that', 'announced that'])} {r}.")
    paras.append(f"{town} lies in {province}, {rng.randint(20, 200)} km from the border with "
                 f"{rng.choice([c for c in ('Iraq', 'Syria', 'Lebanon', 'Jordan', 'Turkey') if c != country])}.")
    title = f"{dem} {event}"
    return {"id": f"demo-{i:05d}", "title": title, "body": "\n\n".join(paras),
            "date": (start + timedelta(days=rng.randint(0, 364))).isoformat(), "source": "synthetic demo corpus",
            "url": f"https://example.org/demo/{i:05d}"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--out", type=Path, default=Path("data/derived/demo/demo_news.jsonl"))
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for i in range(args.articles):
            fh.write(json.dumps(article(rng, i, date(2017, 1, 1)), ensure_ascii=False) + "\n")
    print(f"wrote {args.articles} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
