"""Trials as tabtune runs: status, score, curve and parameters, read from the storage."""
import math

from optuna.trial import TrialState

PARAMS = "tabtune:params"
SURPLUS = "tabtune:surplus"
STOP = "tabtune:stop"
STATUS = {
    TrialState.COMPLETE: "completed",
    TrialState.PRUNED: "stopped",
    TrialState.FAIL: "failed",
    TrialState.RUNNING: "running",
    TrialState.WAITING: "queued",
}


def counted(trial):
    """False for trials a worker claimed beyond maxTotalRuns and gave back (never runs)."""
    return not trial.system_attrs.get(SURPLUS, False)


def runs_of(trials):
    """The experiment's runs among the study's trials, in trial order: every trial except the
    surplus ones and those failed by a dead worker and run again (their retry is the run). As in
    the tab, a failed run counts towards maxTotalRuns."""
    retried = {n for t in trials for n in t.system_attrs.get("retry_history", [])}
    return [t for t in trials if counted(t) and not (t.state == TrialState.FAIL and t.number in retried)]


def ended(trial):
    """Completed, stopped or failed."""
    return trial.state in (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)


def limit_reached(own, config):
    """Why no further run may start, worded as the tab words it, or None. `own`: runs_of(...)."""
    failed = sum(1 for t in own if t.state == TrialState.FAIL)
    if config.get("maxFailedRuns") is not None and failed >= config["maxFailedRuns"]:
        return "maxFailedRuns (%d) reached" % config["maxFailedRuns"]
    if sum(1 for t in own if ended(t)) >= config["maxTotalRuns"]:
        return "maxTotalRuns (%d) reached" % config["maxTotalRuns"]
    return None


def curve(trial):
    """The primary metric per interval (index 0 = interval 1), NaN where missing."""
    values = trial.intermediate_values
    if not values:
        return []
    return [values.get(k, math.nan) for k in range(1, max(values) + 1)]


def stored_intervals(trial):
    """How many intervals 1..k of `trial` the study holds whole: the reported value and the metrics
    (the `interval:k` user attr, written by a thread of its own a moment after the report, so a
    worker killed between the two leaves a value without metrics)."""
    k = 0
    while (k + 1) in trial.intermediate_values and ("interval:%d" % (k + 1)) in trial.user_attrs:
        k += 1
    return k


def score(values, goal):
    """The best finite value of a curve (the run's score), or None."""
    finite = [v for v in values if isinstance(v, (int, float)) and math.isfinite(v)]
    if not finite:
        return None
    return max(finite) if goal == "maximize" else min(finite)


def json_values(values):
    """A curve as JSON (NaN as null)."""
    return [v if isinstance(v, (int, float)) and math.isfinite(v) else None for v in values]


def params_of(trial):
    """The run's parameters as tabtune sampled them (or as the Optuna sampler chose them)."""
    return trial.system_attrs.get(PARAMS) or dict(trial.params)
