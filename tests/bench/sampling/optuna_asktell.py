"""Optuna side of the realistic suite of `npm run bench:sampling` (Debian's python3-optuna 3.1).

Ask/tell over stdin/stdout, one JSON object per line, so that the objective is evaluated only by
the driver (TypeScript), for Optuna exactly as for tabtune:
  driver -> here: {"study": {"sampler": "tpe"|"cmaes"|"random", "seed": 1, "runs": 100,
                   "space": [{"name": ..., "expression": {...tabtune expression...}}, ...]}}
  here -> driver: {"params": {...}, "ms": suggest milliseconds}     (one per run)
  driver -> here: {"value": v}                                      (its observed value)
  here -> driver: {"done": true}                                    (after `runs` runs)
  driver -> here: {"exit": true}
Runs are sequential (one in flight). Optuna's defaults are kept: the comparison is with what a user
gets. tabtune expressions map to Optuna distributions: loguniform bounds are natural-log exponents.
"""
import json
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def make_sampler(kind, seed):
    if kind == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if kind == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if kind == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    raise ValueError(f"unknown sampler {kind}")


def is_int(v):
    return float(v).is_integer()


def suggest(trial, name, e):
    t = e["type"]
    if t == "uniform":
        return trial.suggest_float(name, e["low"], e["high"])
    if t == "loguniform":
        return trial.suggest_float(name, math.exp(e["low"]), math.exp(e["high"]), log=True)
    if t == "quniform":
        if is_int(e["q"]) and is_int(e["low"]) and is_int(e["high"]):
            return trial.suggest_int(name, int(e["low"]), int(e["high"]), step=int(e["q"]))
        return trial.suggest_float(name, e["low"], e["high"], step=e["q"])
    if t == "qloguniform" and e["q"] == 1:
        return trial.suggest_int(name, round(math.exp(e["low"])), round(math.exp(e["high"])), log=True)
    if t == "choice":
        return trial.suggest_categorical(name, e["values"])
    raise ValueError(f"no Optuna mapping for {t}")


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def run(study_job):
    study = optuna.create_study(direction="minimize", sampler=make_sampler(study_job["sampler"], study_job["seed"]))
    for _ in range(study_job["runs"]):
        start = time.perf_counter()
        trial = study.ask()
        params = {p["name"]: suggest(trial, p["name"], p["expression"]) for p in study_job["space"]}
        send({"params": params, "ms": (time.perf_counter() - start) * 1000})
        reply = json.loads(sys.stdin.readline())
        study.tell(trial, reply["value"])
    send({"done": True})


def main():
    for line in sys.stdin:
        message = json.loads(line)
        if message.get("exit"):
            return
        run(message["study"])


if __name__ == "__main__":
    main()
