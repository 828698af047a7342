#!/usr/bin/env python3
"""Reads an .ics file with two independent parsers (icalendar, and vobject with validation)
and checks every event against an expectation file written by the Swift test:
[{"uid":…, "summary":…, "start":"2020-03-24T17:00", "end":…, "zone":"Europe/Berlin"}, …]
in local wall time; Python's zoneinfo turns those into instants, independently of ours.
Exit 0 if both parsers agree with it; otherwise prints what differs and exits 1."""
import datetime
import json
import sys

import zoneinfo

import icalendar
import vobject

ics_path, expected_path = sys.argv[1], sys.argv[2]
with open(ics_path, "rb") as f:
    raw = f.read()
def instant(local, zone):
    wall = datetime.datetime.fromisoformat(local).replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return wall.astimezone(datetime.timezone.utc).isoformat()


with open(expected_path, encoding="utf-8") as f:
    expected = {e["uid"]: dict(e, start=instant(e["start"], e["zone"]), end=instant(e["end"], e["zone"])) for e in json.load(f)}
problems = []


def utc(value):
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        problems.append(f"not a zoned date-time: {value!r}")
        return None
    return value.astimezone(datetime.timezone.utc).isoformat()


def check(parser, events):
    seen = set()
    for uid, summary, start, end in events:
        seen.add(uid)
        want = expected.get(uid)
        if want is None:
            problems.append(f"{parser}: unexpected UID {uid}")
            continue
        for name, got, wanted in (("summary", summary, want["summary"]), ("start", utc(start), want["start"]), ("end", utc(end), want["end"])):
            if got != wanted:
                problems.append(f"{parser}: {uid} {name} is {got!r}, expected {wanted!r}")
    for uid in set(expected) - seen:
        problems.append(f"{parser}: missing event {uid}")


calendar = icalendar.Calendar.from_ical(raw)
check("icalendar", [(str(e["UID"]), str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in calendar.walk("VEVENT")])

parsed = vobject.readOne(raw.decode("utf-8"), validate=True)
parsed.validate()
check("vobject", [(e.uid.value, e.summary.value, e.dtstart.value, e.dtend.value) for e in parsed.vevent_list])

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
