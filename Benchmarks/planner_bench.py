"""The season planner (issue 15) against OR-Tools CP-SAT on the same instances.

Instances are written as a programme and an act pool (YAML) into .build-bench/planner/:
small generated series (CP-SAT proves its answer optimal), the 2020 Fruchthalle series with
its 30 acts, and a year of a four-stage series with 800 acts. StreamReach runs as a whole
process (`plan fill --dry-run --format json`, timed with hyperfine); CP-SAT solves the exact
model of Benchmarks/planner_model.py, which reads the same files. Every StreamReach answer is
checked against the model's hard rules and re-scored by it, so both sides count the same."""
import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import planner_model as pm  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ["concert", "reading", "cabaret", "live-painting", "talk", "dj-set"]
WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def iso(day):
    return (pm.EPOCH + __import__("datetime").timedelta(days=day)).isoformat()


def act_yaml(a):
    lines = [f"  - id: {a['id']}", f"    title: \"{a['title']}\"", f"    kind: {a['kind']}"]
    if a.get("performers"):
        lines.append("    performers: [" + ", ".join(f"\"{p}\"" for p in a["performers"]) + "]")
    for key in ("duration", "setup", "teardown"):
        if a.get(key):
            lines.append(f"    {key}: {a[key]}m")
    available = []
    if a.get("weekdays") is not None:
        available.append("weekdays: [" + ", ".join(WEEKDAY_NAMES[d] for d in sorted(a["weekdays"])) + "]")
    if a.get("dates"):
        available.append("dates: [" + ", ".join(a["dates"]) + "]")
    if a.get("except"):
        available.append("except: [" + ", ".join(iso(d) for d in sorted(a["except"])) + "]")
    if available:
        lines.append("    available: {" + ", ".join(available) + "}")
    if a.get("prefer"):
        lines.append("    prefer: [" + ", ".join(iso(d) for d in sorted(a["prefer"])) + "]")
    if a.get("stages"):
        lines.append("    stages: [" + ", ".join(a["stages"]) + "]")
    if a.get("require"):
        lines.append("    channels: {require: [" + ", ".join(a["require"]) + "]}")
    if a.get("pin"):
        lines.append(f"    pin: {a['pin']}")
    return "\n".join(lines)


def write(folder, name, programme_text, acts):
    os.makedirs(folder, exist_ok=True)
    programme = os.path.join(folder, f"{name}.yaml")
    pool = os.path.join(folder, f"{name}.acts.yaml")
    with open(programme, "w") as f:
        f.write(programme_text)
    with open(pool, "w") as f:
        f.write("acts:\n" + "\n".join(act_yaml(a) for a in acts) + "\n")
    return programme, pool


def header(first_day, weeks, days, starts, stages, changeover, channels="", extra=""):
    stage_lines = "\n".join(f"  - id: {s}" for s in stages)
    by_kind = "".join(f"\n    {k}: {v}m" for k, v in changeover.items())
    return (f"series:\n  title: Generated\n  time-zone: Europe/Berlin\n  first-day: {first_day}\n  weeks: {weeks}\n"
            f"slots:\n  days: [{', '.join(days)}]\n  start-times: [{', '.join(chr(34) + s + chr(34) for s in starts)}]\n"
            f"  default-duration: 1h\n{extra}changeover:\n  default: 15m\n  by-kind:{by_kind or ' {}'}\n"
            f"kinds: [dj-set]\nstages:\n{stage_lines}\n{channels}events: []\n")


def hidden_plan_instance(rng, name, folder, weeks, days, starts, stages, acts_count, durations, setups, first_day="2021-01-05",
                         channels="", windows=None, ensembles=0, tight=False):
    """A series and a pool with a complete placement hidden in it: each act is generated at a
    slot of that placement (clear of the others) and made available there among other days."""
    text = header(first_day, weeks, days, starts, stages, {"live-painting": 45, "dj-set": 30, "concert": 30}, channels)
    path = os.path.join(folder, f"{name}.yaml")
    os.makedirs(folder, exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    prog = pm.Programme(path)
    slots = [(s, d * 1440 + t) for d in prog.playing_days() for t in prog.starts for s in range(len(stages))]
    rng.shuffle(slots)
    placed, acts = [], []
    ensemble_names = [f"Ensemble {i}" for i in range(ensembles)]
    for slot in slots:
        if len(acts) == acts_count:
            break
        kind = rng.choice(KINDS)
        act = dict(id=f"act-{len(acts) + 1}", title=f"Act {len(acts) + 1}", kind=kind,
                   duration=rng.choice(durations), setup=rng.choice(setups), teardown=rng.choice([0, 0, 15]),
                   performers=[f"Performer {len(acts) + 1}"], prefer=set(), excepted=set())
        if ensemble_names and rng.random() < 0.15:
            act["performers"].append(rng.choice(ensemble_names))
        model_act = dict(kind=kind, duration=act["duration"], setup=act["setup"], teardown=act["teardown"],
                         performers=[pm.performer_key(p) for p in act["performers"]])
        if any(pm.clash(prog, model_act, slot, other, at) for other, at in placed):
            continue
        placed.append((model_act, slot))
        day = slot[1] // 1440
        playing = sorted({pm.weekday(d) for d in prog.playing_days()})
        if rng.random() < 0.7:
            act["weekdays"] = {pm.weekday(day)} | set(rng.sample(playing, rng.randint(0, 2)))
        else:
            act["dates"] = [f"{iso(day - rng.randint(0, 20))}..{iso(day + rng.randint(0, 20))}"]
        others = [d for d in prog.playing_days() if d != day]
        act["except"] = set(rng.sample(others, min(len(others), rng.randint(0, 3))))
        if rng.random() < 0.35:
            act["prefer"] = {day if rng.random() < (0.9 if tight else 0.5) else rng.choice(prog.playing_days())}
        if len(stages) > 1 and rng.random() < 0.5:
            act["stages"] = sorted({stages[slot[0]]} | set(rng.sample(stages, 1)))
        if windows:
            for channel, (lo, hi) in windows.items():
                if lo <= day <= hi and rng.random() < 0.2:
                    act["require"] = [channel]
        acts.append(act)
    rng.shuffle(acts)
    return write(folder, name, text, acts)


def fruchthalle_instance(rng, folder):
    """The 2020 series' rules and channels with its 30 events turned into acts."""
    with open(os.path.join(ROOT, "Schedules", "fruchthalle-2020.yaml")) as f:
        text = f.read()
    head = text[:text.index("\nevents:")] + "\nevents: []\n"
    prog = pm.Programme(os.path.join(ROOT, "Schedules", "fruchthalle-2020.yaml"))
    playing = sorted({pm.weekday(d) for d in prog.playing_days()})
    acts, seen = [], {}
    for event in prog.events:
        day = event["start"] // 1440
        base = event["id"][11:]
        seen[base] = seen.get(base, 0) + 1
        ident = base if seen[base] == 1 else f"{base}-{seen[base]}"
        act = dict(id=ident, title=ident, kind=event["kind"], performers=list(event["performers"]),
                   duration=event["duration"] if event["duration"] != 60 else 0, prefer=set(), excepted=set())
        act["weekdays"] = {pm.weekday(day)} | set(rng.sample(playing, rng.randint(0, 2)))
        if rng.random() < 0.4:
            act["prefer"] = {day if rng.random() < 0.6 else rng.choice(prog.playing_days())}
        acts.append(act)
    return write(folder, "fruchthalle-2020", head, acts)


def streamreach(binary, args):
    out = subprocess.run([binary] + args, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"streamreach {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return json.loads(out.stdout)


def items_and_plan(programme_path, pool_paths, plan):
    prog = pm.Programme(programme_path)
    acts = pm.load_acts(prog, pool_paths)
    index = {a["id"]: i for i, a in enumerate(acts)}
    placement = {i: None for i in range(len(acts))}
    for p in plan["placed"]:
        date, clock = p["start"].split()
        placement[index[p["act"]]] = (prog.stages.index(p["stage"]), pm.day_number(date) * 1440 + pm.clock(clock))
    return prog, acts, placement


def time_to_quality(tracker, placed, cost, moves=0):
    for seconds, n, c, m in tracker.found:
        if n >= placed and (m, c) <= (moves, cost):
            return seconds
    return None


def bench_fill(binary, name, programme, pool, seconds, hyperfine, record, runs):
    plan = streamreach(binary, ["plan", "fill", programme, "--acts", pool, "--dry-run", "--format", "json"])
    prog, acts, placement = items_and_plan(programme, [pool], plan)
    problems = pm.violations(prog, acts, placement)
    rescored = pm.score(prog, acts, placement)["total"]
    ours_placed, ours_cost = len(plan["placed"]), plan["cost"]["total"]
    [ours_time] = hyperfine([f"{binary} plan fill {programme} --acts {pool} --dry-run --format json > /dev/null; true"], runs,
                            name=f"planner-{name}")
    status, peer_placement, elapsed, tracker = pm.solve(prog, acts, [], list(range(len(acts))), [], seconds)
    peer_placed = sum(1 for p in peer_placement.values() if p is not None)
    peer_cost = pm.score(prog, acts, peer_placement)["total"] if peer_placement else None
    reached = time_to_quality(tracker, ours_placed, ours_cost)
    record("planner", f"{name}: hard rules of StreamReach's plan, checked by the model", f"{len(problems)} broken",
           "0", not problems)
    record("planner", f"{name}: wish cost as StreamReach / the model count it", f"{ours_cost} / {rescored}", "equal",
           ours_cost == rescored)
    proven = status == "OPTIMAL"
    record("planner", f"{name}: acts placed, StreamReach / CP-SAT ({status.lower()})", f"{ours_placed} / {peer_placed} of {len(acts)}",
           ">= CP-SAT", ours_placed >= peer_placed)
    record("planner", f"{name}: wish cost, StreamReach / CP-SAT", f"{ours_cost} / {peer_cost}",
           "= CP-SAT" if proven else "<= CP-SAT", ours_placed > peer_placed or (peer_cost is not None and ours_cost <= peer_cost))
    record("planner", f"{name}: time, StreamReach (whole process) / CP-SAT ({'proved' if proven else 'stopped'})",
           f"{ours_time * 1000:.0f} ms / {elapsed:.1f} s", "", None)
    peer_time = reached if reached is not None else elapsed
    prefix = "" if reached is not None else ">"
    record("planner", f"{name}: CP-SAT time to StreamReach's quality / StreamReach's time",
           f"{prefix}{peer_time / ours_time:.0f}x", ">= 20x" if len(acts) >= 500 else "", (peer_time / ours_time >= 20) if len(acts) >= 500 else None)
    return ours_time


def bench_replan(binary, name, programme, pool, folder, seconds, record, rng, pin=False):
    """Fills the series, then cancels one event and adds a late act that can only come on a
    day another act holds (with `pin`, into its very slot): some events must move. CP-SAT
    finds the fewest moves."""
    filled = os.path.join(folder, f"{name}.filled.yaml")
    streamreach(binary, ["plan", "fill", programme, "--acts", pool, "--output", filled, "--format", "json"])
    prog = pm.Programme(filled)
    acts = pm.load_acts(prog, [pool])
    by_id = {a["id"]: a for a in acts}
    events = sorted(prog.events, key=lambda e: e["start"])
    cancel = events[len(events) // 2]
    taken = [e for e in events if e["id"] != cancel["id"] and e["start"] // 1440 != cancel["start"] // 1440]
    blocked = rng.choice(taken[len(taken) // 3:])
    late = os.path.join(folder, f"{name}.late.yaml")
    with open(late, "w") as f:
        f.write("acts:\n" + act_yaml(dict(id="late-act", title="Late act", kind=blocked["kind"], performers=["Late performer"],
                                          duration=by_id[blocked["id"]]["duration"] if by_id[blocked["id"]]["duration"] != 60 else 0,
                                          dates=[iso(blocked["start"] // 1440)],
                                          stages=[blocked["stage"]] if pin else None,
                                          pin=f"{iso(blocked['start'] // 1440)} {blocked['start'] % 1440 // 60:02d}:{blocked['start'] % 60:02d}"
                                          if pin else None)) + "\n")
    first = iso(events[0]["start"] // 1440)
    plan = streamreach(binary, ["plan", "replan", filled, "--acts", pool, "--acts", late, "--cancel", cancel["id"],
                                "--add", "late-act", "--from", first, "--dry-run", "--format", "json"])
    started = time.time()
    subprocess.run([binary, "plan", "replan", filled, "--acts", pool, "--acts", late, "--cancel", cancel["id"], "--add", "late-act",
                    "--from", first, "--dry-run", "--format", "json"], capture_output=True)
    ours_time = time.time() - started
    # The model's view: every remaining event is movable (the pool describes each, none pinned).
    items, movable, fixed = [], [], []
    pool_acts = pm.load_acts(prog, [pool, late])
    by_id = {a["id"]: a for a in pool_acts}
    for e in events:
        if e["id"] == cancel["id"]:
            continue
        item = dict(by_id[e["id"]])
        item["at"] = (prog.stages.index(e["stage"]), e["start"])
        items.append(item)
        movable.append(len(items) - 1)
    items.append(dict(by_id["late-act"]))
    added = [len(items) - 1]
    status, placement, elapsed, tracker = pm.solve(prog, items, movable, added, fixed, seconds)
    peer_moves = sum(1 for i in movable if placement.get(i) != items[i]["at"]) if placement else None
    peer_placed = sum(1 for i in added if placement.get(i) is not None) if placement else 0
    ours_moves, ours_placed = len(plan["moved"]), len(plan["placed"])
    what = "a late act pinned into another's slot" if pin else "a late act that can only come on another's day"
    record("planner", f"{name} re-plan (cancel 1, add {what}): added placed, StreamReach / CP-SAT ({status.lower()})",
           f"{ours_placed} / {peer_placed}", ">= CP-SAT", ours_placed >= peer_placed)
    record("planner", f"{name} re-plan: events moved, StreamReach / CP-SAT's minimum", f"{ours_moves} / {peer_moves}",
           "<= CP-SAT", peer_moves is not None and (ours_placed > peer_placed or ours_moves <= peer_moves))
    record("planner", f"{name} re-plan: time, StreamReach (whole process) / CP-SAT",
           f"{ours_time * 1000:.0f} ms / {elapsed:.1f} s", "", None)


def run(binary, work, record, hyperfine, size):
    folder = os.path.join(work, "planner")
    rng = random.Random(15)
    runs = 5
    small_seconds, big_seconds = 120, 60
    smalls = []
    for n in range(4 if size == "full" else 2):
        smalls.append((f"small-{n + 1}", hidden_plan_instance(
            rng, f"small-{n + 1}", folder, weeks=2, days=["tue", "wed", "thu", "fri", "sat"], starts=["17:00", "19:30"],
            stages=["main", "side"], acts_count=14 + 2 * n, durations=[60, 90], setups=[0, 15], ensembles=2, tight=True)))
    for name, (programme, pool) in smalls:
        bench_fill(binary, name, programme, pool, small_seconds, hyperfine, record, runs)
    programme, pool = fruchthalle_instance(rng, folder)
    ours = bench_fill(binary, "fruchthalle-2020 (30 acts, 8 weeks)", programme, pool, big_seconds, hyperfine, record, runs)
    record("planner", "fruchthalle-2020 fill, whole process", f"{ours * 1000:.0f} ms", "< 100 ms", ours < 0.1)
    bench_replan(binary, "fruchthalle-2020", programme, pool, folder, big_seconds, record, rng)
    if size == "full":
        channels = ("channels:\n  - id: ok-a\n    type: broadcast\n    from: 2021-01-05\n    until: 2021-06-30\n"
                    "  - id: ok-b\n    type: broadcast\n    from: 2021-07-01\n")
        prog_days = (pm.day_number("2021-01-05"), pm.day_number("2021-06-30"))
        programme, pool = hidden_plan_instance(
            rng, "year-800", folder, weeks=52, days=["wed", "thu", "fri", "sat", "sun"], starts=["17:00", "20:00"],
            stages=["hall", "foyer", "court", "garden"], acts_count=800, durations=[60, 90, 120], setups=[0, 15, 30],
            channels=channels, windows={"ok-a": prog_days}, ensembles=40)
        ours = bench_fill(binary, "year-800 (4 stages, 52 weeks)", programme, pool, big_seconds, hyperfine, record, 3)
        record("planner", "year-800 fill, whole process", f"{ours:.2f} s", "< 3 s", ours < 3)
        bench_replan(binary, "year-800", programme, pool, folder, big_seconds, record, rng, pin=True)
