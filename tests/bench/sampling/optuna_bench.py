"""Optuna side of `npm run bench:sampling` (run with Debian's /usr/bin/python3 and python3-optuna).

Reads one JSON job on stdin:
  {"runs": 100, "problems": [{"name": "Branin", "seed": 1, "bounds": [[lo, hi], ...]}, ...],
   "samplers": ["tpe", "random", "cmaes"], "inFlight": [1, 4, 8], "inFlightSamplers": ["tpe"],
   "timing1000": {"name": "Hartmann6", "seed": 1, "bounds": ...}, "check": [{"name": ..., "x": [...]}]}
and writes one JSON object on stdout:
  {"results": [{"name", "seed", "sampler", "inFlight", "regret", "curve": [regret after each
  result, ...], "times": [[history, ms], ...]}],
   "check": [values], "timing1000": [ms, ...]}

The test functions repeat functions.ts; "check" evaluates them at points the driver sends, so the
driver can prove that both languages optimise the same functions. Every sampler gets the
problem's seed. With inFlight k > 1, k trials are asked before the oldest is told (ask/tell), so
the samplers see running trials exactly as tabtune's do; Optuna's defaults are kept (TPE without
constant_liar), because the comparison is with what a user gets.
"""
import json
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def branin(x):
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H3_A = [[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]]
H3_P = [[0.3689, 0.117, 0.2673], [0.4699, 0.4387, 0.747], [0.1091, 0.8732, 0.5547], [0.03815, 0.5743, 0.8828]]
H6_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H6_P = [
    [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
    [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
    [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665],
    [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
]


def hartmann(a, p, x):
    total = 0.0
    for i in range(4):
        inner = sum(a[i][j] * (x[j] - p[i][j]) ** 2 for j in range(len(x)))
        total += H_ALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x):
    d = len(x)
    s1 = sum(v * v for v in x)
    s2 = sum(math.cos(2 * math.pi * v) for v in x)
    return -20 * math.exp(-0.2 * math.sqrt(s1 / d)) - math.exp(s2 / d) + 20 + math.e


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    total = math.sin(math.pi * w[0]) ** 2
    for i in range(len(w) - 1):
        total += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
    return total + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)


def styblinski_tang(x):
    return 0.5 * sum(v ** 4 - 16 * v * v + 5 * v for v in x)


FUNCTIONS = {
    "Branin": (branin, 0.397887357729739),
    "Hartmann3": (lambda x: hartmann(H3_A, H3_P, x), -3.86278214782076),
    "Hartmann6": (lambda x: hartmann(H6_A, H6_P, x), -3.32236801141551),
    "Rosenbrock4": (rosenbrock, 0.0),
    "Ackley5": (ackley, 0.0),
    "Levy5": (levy, 0.0),
    "StyblinskiTang5": (styblinski_tang, 5 * -39.16616570377142),
}


def make_sampler(kind, seed):
    if kind == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if kind == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if kind == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    raise ValueError(f"unknown sampler {kind}")


def run(problem, kind, runs, in_flight):
    fn, minimum = FUNCTIONS[problem["name"]]
    bounds = problem["bounds"]
    study = optuna.create_study(direction="minimize", sampler=make_sampler(kind, problem["seed"]))
    pending = []
    times = []
    curve = []
    asked = 0
    told = 0
    best = math.inf
    while told < runs:
        while len(pending) < in_flight and asked < runs:
            start = time.perf_counter()
            trial = study.ask()
            x = [trial.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(bounds)]
            times.append((told, (time.perf_counter() - start) * 1000))
            pending.append((trial, x))
            asked += 1
        trial, x = pending.pop(0)
        value = fn(x)
        study.tell(trial, value)
        told += 1
        best = min(best, value)
        curve.append(max(0.0, best - minimum))
    return curve, times


def timing_1000(problem):
    """TPE's suggest time (ms) for trials 1000..1019 on `problem` (Hartmann6)."""
    fn = FUNCTIONS["Hartmann6"][0]
    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=problem["seed"]))
    times = []
    for told in range(1020):
        start = time.perf_counter()
        trial = study.ask()
        x = [trial.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(problem["bounds"])]
        if told >= 1000:
            times.append((time.perf_counter() - start) * 1000)
        study.tell(trial, fn(x))
    print("optuna tpe 1000-run timing done", file=sys.stderr)
    return times


def main():
    job = json.load(sys.stdin)
    out = {"results": [], "check": []}
    for point in job.get("check", []):
        out["check"].append(FUNCTIONS[point["name"]][0](point["x"]))
    for in_flight in job.get("inFlight", [1]):
        kinds = job["samplers"] if in_flight == 1 else job.get("inFlightSamplers", job["samplers"])
        for kind in kinds:
            for problem in job["problems"]:
                curve, times = run(problem, kind, job["runs"], in_flight)
                regret = curve[-1]
                out["results"].append(
                    {
                        "name": problem["name"],
                        "seed": problem["seed"],
                        "sampler": kind,
                        "inFlight": in_flight,
                        "regret": regret,
                        "curve": curve,
                        "times": times,
                    }
                )
                print(f"optuna {kind} x{in_flight} {problem['name']} {problem['seed']}: {regret:.3g}", file=sys.stderr)
    if job.get("timing1000"):
        out["timing1000"] = timing_1000(job["timing1000"])
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
