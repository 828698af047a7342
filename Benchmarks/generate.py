#!/usr/bin/env python3
"""Writes the benchmark inputs: programmes of N events, and a snapshot history (CSV) of
S series × K hourly snapshots with growth, corrections (drops) and gaps. Deterministic."""
import argparse
import random

FIRST_MONDAY = 1584921600  # 2020-03-23T00:00:00Z


def programme(path, events, channel="tube", platform="peertube", weeks=30, stages=4, spread_hours=1, zone="UTC"):
    """One event per slot; with spread_hours=1 the events of a series fill the weeks.
    Europe/Berlin puts the summer-time change of 29 March 2020 into the first week."""
    with open(path, "w") as f:
        f.write(f"series: {{id: bench, title: Benchmark, time-zone: {zone}, first-day: 2020-03-23, weeks: {weeks}, target: 100000000}}\n")
        f.write("slots: {days: [mon, tue, wed, thu, fri, sat, sun], hours: \"00:00-24:00\"}\n")
        f.write("changeover: {default: 15m, by-kind: {live-painting: 45m}}\n")
        f.write("stages: [" + ", ".join(f"{{id: s{i}}}" for i in range(stages)) + "]\n")
        f.write(f"channels: [{{id: {channel}, platform: {platform}}}]\nevents:\n")
        kinds = ["concert", "reading", "cabaret", "live-painting", "talk"]
        for i in range(events):
            slot = i // stages
            day, hour = divmod(slot * spread_hours * 2, 24)
            day %= weeks * 7
            month_day = 23 + day
            # Dates past March roll over by hand, to keep the file free of library calls.
            months = [(3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30), (10, 31)]
            month, d = 3, month_day
            for m, length in months:
                if d <= length:
                    month = m
                    break
                d -= length
            f.write(f"  - {{id: e{i}, title: \"Event {i}\", kind: {kinds[i % 5]}, performers: [P{i % 97}], "
                    f"start: \"2020-{month:02d}-{d:02d} {hour:02d}:00\", duration: 90m, stage: s{i % stages}, "
                    f"streams: {{{channel}: v{i}}}}}\n")


def history(path, series, snapshots, seed=7, spacing_hours=1, spacing_minutes=None):
    rng = random.Random(seed)
    values = [0] * series
    step = spacing_minutes * 60 if spacing_minutes else spacing_hours * 3600
    with open(path, "w") as f:
        f.write("observed_at,event,channel,value\n")
        for k in range(snapshots):
            t = FIRST_MONDAY + k * step
            lines = []
            for i in range(series):
                r = rng.random()
                if r < 0.01:
                    continue  # a gap: this series was not read this hour
                if r < 0.012 and values[i] > 100:
                    values[i] -= rng.randint(1, 60)  # a platform correction
                else:
                    values[i] += rng.randint(0, 40)
                lines.append(f"{t},e{i},tube,{values[i]}\n")
            f.write("".join(lines))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["programme", "history"])
    parser.add_argument("path")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--series", type=int, default=2000)
    parser.add_argument("--snapshots", type=int, default=5000)
    args = parser.parse_args()
    if args.kind == "programme":
        programme(args.path, args.events)
    else:
        history(args.path, args.series, args.snapshots)
