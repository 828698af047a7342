"""The season planner's rules, stated again in Python from docs/PLANNER.md, independently of
the Swift code: reads the same programme and act-pool files, lists every act's candidate
slots, checks a plan's hard rules, scores its soft wishes, and builds the exact CP-SAT model
(OR-Tools) that the benchmark compares `streamreach plan fill` / `plan replan` with.

A benchmark peer only; StreamReach does not depend on it."""
import datetime
import re

import yaml

WEIGHT_PREFERRED, WEIGHT_CONSECUTIVE, WEIGHT_CROWDED, WEIGHT_CLOSE = 3, 2, 1, 2
CLOSE_DAYS = 7
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
EPOCH = datetime.date(1970, 1, 1)


def day_number(text):
    return (datetime.date.fromisoformat(text) - EPOCH).days


def weekday(day):
    return (day + 3) % 7  # 1970-01-01 was a Thursday; 0 is Monday


def weekday_index(name):
    name = name.lower()
    return next(i for i, w in enumerate(WEEKDAYS) if w.startswith(name))


def minutes(text):
    total = 0
    for value, unit in re.findall(r"(\d+)([hm])", text.lower()):
        total += int(value) * (60 if unit == "h" else 1)
    return total


def clock(text):
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def dates(values):
    out = set()
    for text in as_list(values):
        if ".." in text:
            a, b = text.split("..")
            out.update(range(day_number(a.strip()), day_number(b.strip()) + 1))
        else:
            out.add(day_number(text.strip()))
    return out


def performer_key(name):
    return " ".join(name.lower().split())


class Programme:
    def __init__(self, path):
        with open(path) as f:
            doc = yaml.load(f, Loader=yaml.BaseLoader)  # every scalar as text, as StreamReach reads it
        series = doc["series"]
        self.first_day = day_number(series["first-day"])
        self.first_monday = self.first_day - weekday(self.first_day)
        self.weeks = int(series["weeks"])
        self.last_day = self.first_monday + self.weeks * 7 - 1
        slots = doc.get("slots", {})
        self.days = {weekday_index(d) for d in as_list(slots.get("days"))} if "days" in slots else set(range(7))
        self.extra = dates(slots.get("extra-dates"))
        off = slots.get("days-off") or []
        self.off = dates(list(off.keys()) if isinstance(off, dict) else off)
        self.starts = sorted(clock(t) for t in as_list(slots.get("start-times")))
        self.hours = None
        if "hours" in slots:
            a, b = slots["hours"].split("-")
            self.hours = (clock(a.strip()), 1440 if b.strip() == "24:00" else clock(b.strip()))
        self.default_duration = minutes(slots.get("default-duration", "60m"))
        changeover = doc.get("changeover", {})
        self.changeover_default = minutes(changeover.get("default", "0m"))
        self.changeover_by_kind = {k: minutes(v) for k, v in (changeover.get("by-kind") or {}).items()}
        self.stages = [s["id"] for s in doc["stages"]]
        self.channels = {c["id"]: c for c in doc.get("channels", [])}
        self.events = []
        for e in doc.get("events") or []:
            date, time = e["start"].split()
            self.events.append(dict(
                id=e["id"], kind=e["kind"], performers=[performer_key(p) for p in as_list(e.get("performers"))],
                start=day_number(date) * 1440 + clock(time),
                duration=minutes(e["duration"]) if "duration" in e else self.default_duration,
                stage=e.get("stage", self.stages[0] if len(self.stages) == 1 else None)))

    def allows(self, day):
        return day not in self.off and (weekday(day) in self.days or day in self.extra)

    def playing_days(self):
        return [d for d in range(self.first_day, self.last_day + 1) if self.allows(d)]

    def changeover(self, kind):
        return self.changeover_by_kind.get(kind, self.changeover_default)

    def carries(self, channel, day):
        c = self.channels[channel]
        return (("from" not in c) or day >= day_number(c["from"])) and (("until" not in c) or day <= day_number(c["until"]))

    def week(self, day):
        return (day - self.first_monday) // 7


def load_acts(programme, paths):
    acts = []
    for path in paths:
        with open(path) as f:
            doc = yaml.load(f, Loader=yaml.BaseLoader)
        for a in doc["acts"]:
            available = a.get("available") or {}
            channels = a.get("channels") or {}
            pin = None
            if "pin" in a:
                date, time = a["pin"].split()
                pin = day_number(date) * 1440 + clock(time)
            acts.append(dict(
                id=a.get("id") or a["title"], kind=a["kind"],
                performers=sorted({performer_key(p) for p in as_list(a.get("performers"))}),
                duration=minutes(a["duration"]) if "duration" in a else programme.default_duration,
                setup=minutes(a.get("setup", "0m")), teardown=minutes(a.get("teardown", "0m")),
                weekdays={weekday_index(d) for d in as_list(available["weekdays"])} if "weekdays" in available else None,
                dates=dates(available.get("dates")), excepted=dates(available.get("except")),
                prefer=dates(a.get("prefer")), stages=as_list(a.get("stages")) or list(programme.stages),
                require=as_list(channels.get("require")), avoid=as_list(channels.get("avoid")), pin=pin))
    return acts


def available(act, day):
    if day in act["excepted"]:
        return False
    if act["weekdays"] is None and not act["dates"]:
        return True
    return (act["weekdays"] is not None and weekday(day) in act["weekdays"]) or day in act["dates"]


def candidates(programme, act, fixed=()):
    """(stage index, start minute) pairs the act may take, clear of the fixed items."""
    days = [d for d in programme.playing_days() if available(act, d)]
    for channel in act["require"]:
        days = [d for d in days if programme.carries(channel, d)]
    for channel in act["avoid"]:
        if programme.channels[channel].get("type") == "broadcast":
            days = [d for d in days if not programme.carries(channel, d)]
    starts = programme.starts or list(range(programme.hours[0] if programme.hours else 0,
                                            programme.hours[1] if programme.hours else 1440, 30))
    if programme.hours:
        starts = [s for s in starts if s >= programme.hours[0] and s + act["duration"] <= programme.hours[1]]
    stages = [programme.stages.index(s) for s in act["stages"]]
    if act["pin"] is not None:
        day, start = divmod(act["pin"], 1440)
        out = [(stages[0], act["pin"])] if day in days and start in starts else []
    else:
        out = [(stage, d * 1440 + s) for d in days for s in starts for stage in stages]
    return [c for c in out if not any(clash(programme, act, c, f, f["at"]) for f in fixed)]


def clash(programme, a, p, b, q):
    """The hard rules between two placed items: stage time (larger changeover of the two
    kinds, plus the first one's teardown and the second one's setup) and performers."""
    if p[0] == q[0]:
        (first, fp), (second, sp) = sorted([(a, p), (b, q)], key=lambda x: x[1][1])
        gap = max(programme.changeover(first["kind"]), programme.changeover(second["kind"])) + first["teardown"] + second["setup"]
        if sp[1] < fp[1] + first["duration"] + gap:
            return True
    if set(a["performers"]) & set(b["performers"]):
        if p[1] < q[1] + b["duration"] and q[1] < p[1] + a["duration"]:
            return True
    return False


def shares(programme, items):
    weeks = len({programme.week(d) for d in programme.playing_days()}) or 1
    count = {}
    for item in items:
        count[item["kind"]] = count.get(item["kind"], 0) + 1
    return {k: -(-n // weeks) for k, n in count.items()}


def score(programme, items, placement):
    """Soft-wish cost of `placement` (item index -> (stage, start)), by wish."""
    share = shares(programme, items)
    placed = {i: p for i, p in placement.items() if p is not None}
    day = {i: p[1] // 1440 for i, p in placed.items()}
    cost = dict(preferred=0, consecutive=0, crowded=0, close=0)
    kind_days, kind_weeks = set(), {}
    for i, d in day.items():
        item = items[i]
        if item["prefer"] and d not in item["prefer"]:
            cost["preferred"] += WEIGHT_PREFERRED
        kind_days.add((item["kind"], d))
        key = (item["kind"], programme.week(d))
        kind_weeks[key] = kind_weeks.get(key, 0) + 1
    cost["consecutive"] = WEIGHT_CONSECUTIVE * sum(1 for (k, d) in kind_days if (k, d + 1) in kind_days)
    cost["crowded"] = WEIGHT_CROWDED * sum(max(0, n - share[k]) for (k, _), n in kind_weeks.items())
    indices = sorted(day)
    by_performer = {}
    for i in indices:
        for name in items[i]["performers"]:
            by_performer.setdefault(name, []).append(i)
    pairs = {(x, y) for group in by_performer.values() for x in group for y in group if x < y}
    cost["close"] = WEIGHT_CLOSE * sum(1 for x, y in pairs if abs(day[x] - day[y]) < CLOSE_DAYS)
    cost["total"] = sum(cost.values())
    return cost


def violations(programme, items, placement, fixed=()):
    """Every hard rule a plan breaks: an independent check of StreamReach's answers."""
    problems = []
    placed = [(i, p) for i, p in placement.items() if p is not None]
    for i, p in placed:
        if p not in candidates(programme, items[i], fixed):
            problems.append(f"{items[i]['id']} at {p} is not a slot its rules allow")
    by_time = sorted(placed, key=lambda x: x[1][1])
    for x in range(len(by_time)):
        for y in range(x + 1, len(by_time)):
            (i, p), (j, q) = by_time[x], by_time[y]
            if q[1] - p[1] > 2 * 1440:
                break
            if clash(programme, items[i], p, items[j], q):
                problems.append(f"{items[i]['id']} and {items[j]['id']} clash")
    return problems


class Tracker:
    """Remembers when CP-SAT found each better plan: (seconds, acts placed, wish cost, moves)."""

    def __init__(self):
        self.found = []


def solve(programme, items, movable, added, fixed, seconds, workers=2, tracker=None):
    """The exact model. `movable`: indices of events already placed that may move (each must
    stay placed; leaving its place counts as a move); `added`: indices of acts to place.
    Fill: no movable, every act added; objective lexicographic (most acts placed, then least
    cost). Re-plan: most added acts placed, then fewest moves, then least cost.
    Returns (status, placement, cost dict, moves, seconds)."""
    import time
    from ortools.sat.python import cp_model
    model = cp_model.CpModel()
    x = {}
    cands = {}
    for i in movable + added:
        cands[i] = candidates(programme, items[i], fixed)
        if i in movable and items[i]["at"] not in cands[i]:
            cands[i].append(items[i]["at"])
        for c in cands[i]:
            x[i, c] = model.NewBoolVar("")
    placed = {i: sum(x[i, c] for c in cands[i]) for i in movable + added}
    for i in movable:
        model.Add(placed[i] == 1)
    for i in added:
        model.Add(placed[i] <= 1)
    by_slot = {}
    for (i, c), var in x.items():
        by_slot.setdefault(c, []).append((i, var))
    for lst in by_slot.values():
        model.AddAtMostOne(v for _, v in lst)
    # Stage time between two slots of one stage, grouped by what decides a clash: the earlier
    # item's length + teardown and changeover, the later one's setup and changeover. At most
    # one item per slot makes each group constraint exact.
    reach = max((items[i]["duration"] + items[i]["teardown"] + items[i]["setup"] for i in movable + added), default=0) \
        + max([programme.changeover_default] + list(programme.changeover_by_kind.values())) + 60
    per_stage = {}
    for (stage, start) in by_slot:
        per_stage.setdefault(stage, []).append(start)
    for stage, starts in per_stage.items():
        starts.sort()
        for a_index, s1 in enumerate(starts):
            for s2 in starts[a_index + 1:]:
                if s2 - s1 > reach:
                    break
                heads, tails = {}, {}
                for i, var in by_slot[(stage, s1)]:
                    it = items[i]
                    heads.setdefault((it["duration"] + it["teardown"], programme.changeover(it["kind"])), []).append(var)
                for j, var in by_slot[(stage, s2)]:
                    it = items[j]
                    tails.setdefault((it["setup"], programme.changeover(it["kind"])), []).append(var)
                for (length, co1), v1 in heads.items():
                    for (setup, co2), v2 in tails.items():
                        if s2 < s1 + length + max(co1, co2) + setup:
                            model.Add(sum(v1) + sum(v2) <= 1)
    mates = {}
    everyone = movable + added
    for i in everyone:
        for j in everyone:
            if i < j and set(items[i]["performers"]) & set(items[j]["performers"]):
                mates.setdefault(i, []).append(j)
    for i, js in mates.items():
        for j in js:
            starts_i, starts_j = {}, {}
            for c in cands[i]:
                starts_i.setdefault(c[1], []).append(x[i, c])
            for c in cands[j]:
                starts_j.setdefault(c[1], []).append(x[j, c])
            for s, vi in starts_i.items():
                for t, vj in starts_j.items():
                    if s < t + items[j]["duration"] and t < s + items[i]["duration"]:
                        model.Add(sum(vi) + sum(vj) <= 1)
    # Soft wishes, as `score` counts them.
    terms = []
    for i in everyone:
        if items[i]["prefer"]:
            terms.append(WEIGHT_PREFERRED * (placed[i] - sum(x[i, c] for c in cands[i] if c[1] // 1440 in items[i]["prefer"])))
    fixed_days = {}
    for f in fixed:
        d = f["at"][1] // 1440
        if programme.first_day <= d <= programme.last_day:
            fixed_days.setdefault((f["kind"], d), 0)
            fixed_days[(f["kind"], d)] += 1
    kind_day = {}
    for (i, c), var in x.items():
        kind_day.setdefault((items[i]["kind"], c[1] // 1440), []).append(var)
    presence = {}
    for key in set(kind_day) | set(fixed_days):
        if key in fixed_days:
            presence[key] = 1
        else:
            # Exact both ways, so an intermediate solution's objective is its true cost.
            p = model.NewBoolVar("")
            model.Add(sum(kind_day[key]) <= len(kind_day[key]) * p)
            model.Add(sum(kind_day[key]) >= p)
            presence[key] = p
    for (k, d), p in presence.items():
        q = presence.get((k, d + 1))
        if q is not None:
            if isinstance(p, int) and isinstance(q, int):
                terms.append(WEIGHT_CONSECUTIVE)
            else:
                z = model.NewBoolVar("")
                model.Add(z >= p + q - 1)
                for one in (p, q):
                    if not isinstance(one, int):
                        model.Add(z <= one)
                terms.append(WEIGHT_CONSECUTIVE * z)
    share = shares(programme, [items[i] for i in everyone] + [f for f in fixed if programme.first_day <= f["at"][1] // 1440 <= programme.last_day])
    kind_week = {}
    for (i, c), var in x.items():
        kind_week.setdefault((items[i]["kind"], programme.week(c[1] // 1440)), []).append(var)
    fixed_weeks = {}
    for (k, d), n in fixed_days.items():
        fixed_weeks[(k, programme.week(d))] = fixed_weeks.get((k, programme.week(d)), 0) + n
    for key in set(kind_week) | set(fixed_weeks):
        count = sum(kind_week.get(key, [])) + fixed_weeks.get(key, 0)
        excess = model.NewIntVar(0, len(kind_week.get(key, [])) + fixed_weeks.get(key, 0), "")
        over = model.NewIntVar(-share[key[0]], len(kind_week.get(key, [])) + fixed_weeks.get(key, 0), "")
        model.Add(over == count - share[key[0]])
        model.AddMaxEquality(excess, [0, over])
        terms.append(WEIGHT_CROWDED * excess)
    for i, js in mates.items():
        for j in js:
            close = model.NewBoolVar("")
            days_i, days_j = {}, {}
            for c in cands[i]:
                days_i.setdefault(c[1] // 1440, []).append(x[i, c])
            for c in cands[j]:
                days_j.setdefault(c[1] // 1440, []).append(x[j, c])
            both = []
            for d, vi in days_i.items():
                near = [v for e, vj in days_j.items() if abs(e - d) < CLOSE_DAYS for v in vj]
                if near:
                    model.Add(sum(vi) + sum(near) <= 1 + close)
                    # t: i plays on d and j within a week of it; close is the OR of these.
                    t = model.NewBoolVar("")
                    model.Add(t <= sum(vi))
                    model.Add(t <= sum(near))
                    both.append(t)
            model.Add(close <= sum(both))
            terms.append(WEIGHT_CLOSE * close)
    cost = sum(terms)
    moves = sum(1 - x[i, items[i]["at"]] for i in movable) if movable else 0
    big = 1 + WEIGHT_PREFERRED * len(everyone) + WEIGHT_CONSECUTIVE * len(presence) + WEIGHT_CROWDED * len(everyone) \
        + WEIGHT_CLOSE * sum(len(js) for js in mates.values()) + WEIGHT_CONSECUTIVE * len(fixed_days)
    bigger = big * (len(movable) + 1)
    model.Maximize(bigger * sum(placed[i] for i in added) - big * moves - cost)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    tracker = tracker or Tracker()
    started = time.time()

    class Callback(cp_model.CpSolverSolutionCallback):
        def __init__(self):
            super().__init__()

        def on_solution_callback(self):
            tracker.found.append((time.time() - started, sum(int(self.Value(placed[i])) for i in added),
                                  int(self.Value(cost)), int(self.Value(moves)) if movable else 0))

    status = solver.Solve(model, Callback())
    elapsed = time.time() - started
    placement = {i: next((c for c in cands[i] if solver.Value(x[i, c])), None) for i in movable + added} \
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else {}
    return solver.StatusName(status), placement, elapsed, tracker
