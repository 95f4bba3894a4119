"""A study as tabtune's experiment export file (via `tabtune pack`): the experiment file it was
created from, every run with every interval's metrics, the best run's model from the workers'
shared --out folder; an unfinished study exports as interrupted, its runs in flight with their
latest checkpoints, so `tabtune run --resume FILE` continues it."""
import json
import os
import re
import subprocess

import optuna
from optuna.trial import TrialState

import runs
import study_check
from tabtune_cli import TabtuneError, tabtune_command


def _ms(moment):
    return int(moment.timestamp() * 1000) if moment else None


def _metrics(trial, primary, in_flight):
    """{name: [value per interval]} from the per-interval user attrs (the primary metric from
    the reported values where an attr is missing). A run in flight keeps only the intervals the
    study holds whole (value and metrics): it continues after the last of them, from its
    checkpoint, and a dead worker may have reported a value whose metrics never arrived."""
    curve = runs.curve(trial)
    if in_flight:
        count = runs.stored_intervals(trial)
        curve = curve[:count]
    else:
        count = max([len(curve)] + [int(k.split(":")[1]) for k in trial.user_attrs if k.startswith("interval:")])
    series = {}
    for k in range(1, count + 1):
        logged = trial.user_attrs.get("interval:%d" % k, {})
        for name, value in logged.items():
            series.setdefault(name, [None] * (k - 1)).append(value)
        for values in series.values():
            if len(values) < k:
                values.append(None)
    reported = runs.json_values(curve)
    values = series.setdefault(primary, [None] * count)
    for k, value in enumerate(reported):
        if values[k] is None:
            values[k] = value
    return series


def _status(trial, finished_study):
    if trial.state == TrialState.COMPLETE:
        return "completed", None
    if trial.state == TrialState.PRUNED:
        stop = trial.system_attrs.get(runs.STOP)
        return "stopped", (stop or {}).get("reason", "stopped by the Optuna pruner")
    if trial.state == TrialState.FAIL:
        return "failed", trial.user_attrs.get("tabtune:reason") or "its worker stopped sending heartbeats (lost) and it was not run again (--max-retry)"
    return ("canceled" if finished_study else "interrupted"), "interrupted: in flight when the study was exported"


def export_study(storage, name, out, runs_dir):
    """Writes the export file; returns (path, tabtune pack's summary line)."""
    study = optuna.load_study(study_name=name, storage=storage)
    config = study.user_attrs.get(study_check.EXPERIMENT)
    if config is None:
        raise TabtuneError("study %r was not made by tabtune workers (it has no %s attribute)" % (name, study_check.EXPERIMENT))
    # The runs as the tab counts them: a run of a dead worker that was run again is its retry.
    trials = runs.runs_of(study.get_trials(deepcopy=False))
    finished = sum(1 for t in trials if runs.ended(t))
    in_flight = any(t.state in (TrialState.RUNNING, TrialState.WAITING) for t in trials)
    reason = None if in_flight else runs.limit_reached(trials, config)
    status = "interrupted" if reason is None else ("failed" if reason.startswith("maxFailedRuns") else "completed")
    request = {
        "id": re.sub(r"[^A-Za-z0-9_-]+", "-", name),
        "config": config,
        "status": status,
        "reason": reason or "interrupted: exported from Optuna study %r with %d of %d runs finished" % (name, finished, config["maxTotalRuns"]),
        "runs": [_run(t, config, reason is not None, runs_dir) for t in sorted(trials, key=lambda t: t.number)],
    }
    done = subprocess.run(tabtune_command() + ["pack", "--out", out], input=json.dumps(request), capture_output=True, text=True)
    if done.returncode != 0:
        raise TabtuneError(done.stderr.strip() or "tabtune pack failed (exit %d)" % done.returncode)
    for line in done.stderr.strip().splitlines():
        print(line)
    return out, done.stdout.strip()


def _run(trial, config, complete, runs_dir):
    status, reason = _status(trial, complete)
    run = {
        "params": runs.params_of(trial),
        "status": status,
        "metrics": _metrics(trial, config["primaryMetricName"], trial.state in (TrialState.RUNNING, TrialState.WAITING)),
        "checkpointDir": os.path.abspath(os.path.join(runs_dir, "run-%d" % trial.number)),
    }
    for key, value in (("reason", reason), ("backend", (trial.user_attrs.get("tabtune:result") or {}).get("backend")), ("ranOn", trial.user_attrs.get("tabtune:worker")),
                       ("startedAt", _ms(trial.datetime_start)), ("endedAt", _ms(trial.datetime_complete))):
        if value is not None:
            run[key] = value
    return run
