"""A worker: joins (or creates) the study and runs trials with `tabtune train` until the
experiment's maxTotalRuns runs have finished (completed or stopped) across all workers."""
import os
import socket
import sys
import time

import optuna
from optuna.trial import TrialState

import runs
import space as spaces
import study_check
import tabtune_pruner
import tabtune_sampler
from resume_point import carry_over, resume_point
from spare import Spares
from tabtune_cli import Server

RESUMED = "tabtune:resumed"
WORKER_NAME = "%s:%d" % (socket.gethostname(), os.getpid())
SAMPLERS = {
    "tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "cmaes": lambda seed: optuna.samplers.CmaEsSampler(seed=seed),
    "qmc": lambda seed: optuna.samplers.QMCSampler(seed=seed),
}
PRUNERS = {
    "median": lambda: optuna.pruners.MedianPruner(),
    "hyperband": lambda: optuna.pruners.HyperbandPruner(),
    "successive-halving": lambda: optuna.pruners.SuccessiveHalvingPruner(),
    "none": lambda: optuna.pruners.NopPruner(),
}


class WorkerError(Exception):
    """Bad input to the worker (a refused sampler, a study of another experiment)."""


def choose_sampler(name, inspected, server):
    if name == "tabtune":
        return tabtune_sampler.TabtuneSampler(inspected, server)
    missing = spaces.inexact(inspected["space"])
    if missing:
        listed = ", ".join("%s (%s)" % m for m in missing)
        raise WorkerError("the Optuna %s sampler cannot sample %s exactly (Optuna has no distribution with the same law); use --sampler tabtune, or change the space" % (name, listed))
    return SAMPLERS[name](inspected["config"]["sampling"]["seed"])


def choose_pruner(name, inspected, server, wait):
    if name == "tabtune":
        return tabtune_pruner.TabtunePruner(inspected, server, wait_seconds=wait)
    return PRUNERS[name]()


def join_study(storage, name, inspected, sampler, pruner):
    """Loads the study when it exists (checking it is this experiment) or creates it."""
    try:
        study = optuna.load_study(study_name=name, storage=storage, sampler=sampler, pruner=pruner)
    except KeyError:
        study = optuna.create_study(study_name=name, storage=storage, sampler=sampler, pruner=pruner, direction=inspected["config"]["primaryMetricGoal"], load_if_exists=True)
    if study_check.check(study, inspected):
        study_check.record(study, inspected)
    return study


def claim(study, config):
    """(trial to run, None), or (None, why the experiment ended). Trials are numbered as they
    are created; a trial whose rank among the runs is maxTotalRuns or beyond is given back
    (another worker claimed the last run first) and the worker waits for the runs in flight."""
    limit = config["maxTotalRuns"]
    while True:
        optuna.storages.fail_stale_trials(study)
        own = runs.runs_of(study.get_trials(deepcopy=False))
        reason = runs.limit_reached(own, config)
        if reason:
            return None, reason
        waiting = any(t.state == TrialState.WAITING for t in own)
        if not waiting and len(own) >= limit:
            time.sleep(0.2)
            continue
        trial = study.ask()
        rank = sorted(t.number for t in runs.runs_of(study.get_trials(deepcopy=False))).index(trial.number)
        if rank < limit:
            return trial, None
        study._storage.set_trial_system_attr(trial._trial_id, runs.SURPLUS, True)
        study.tell(trial, state=TrialState.FAIL)


def _resume(study, trial, original, out_dir):
    """(checkpoint folder, the carried-over values) of a retried run, or (None, [])."""
    if original is None:
        return None, []
    failed = next((t for t in study.get_trials(deepcopy=False) if t.number == original), None)
    point = failed and resume_point(out_dir, failed)
    if not point:
        return None, []
    folder, interval = point
    study._storage.set_trial_system_attr(trial._trial_id, RESUMED, {"from": original, "interval": interval, "checkpoint": folder})
    return folder, carry_over(trial, failed, interval)


def run_one(study, trial, args, inspected, timing, spares):
    """Trains the claimed trial in the process `spares` started ahead (starting the next one as
    soon as this one's final line is read) and tells Optuna how it ended; returns (state, score)."""
    from train_run import run_trial

    sampled = trial.system_attrs.get(runs.PARAMS)
    params = spaces.suggest_all(trial, inspected["space"], sampled or {})
    if sampled is None:
        study._storage.set_trial_system_attr(trial._trial_id, runs.PARAMS, params)
    # A retried run trains with the seed of the run it retries, from its last stored checkpoint.
    original = trial.system_attrs.get("failed_trial")
    number = original if original is not None else trial.number
    resume, before = _resume(study, trial, original, args.out)
    done = lambda final: spares.prepare(final.get("backend"))  # noqa: E731
    state, score, _ = run_trial(study, trial, params, spares.take(), inspected, args.out, number, timing, {"tabtune:worker": WORKER_NAME}, done, resume, before)
    if state == "complete" and score is None:
        trial.set_user_attr("tabtune:reason", "the run logged no finite %s" % inspected["config"]["primaryMetricName"])
        state = "fail"
    if state == "lost":
        return state, score
    if state == "complete":
        study.tell(trial, score)
    else:
        study.tell(trial, state=TrialState.PRUNED if state == "pruned" else TrialState.FAIL)
    return state, score


def run_worker(storage, args, inspected, timing, log=sys.stderr):
    """Runs trials until the study has maxTotalRuns ended runs, or maxFailedRuns failed ones (or
    this worker ran --runs); timing["ended"] says which limit ended it (None: --runs)."""
    suggest, decide = Server("suggest"), Server("decide")
    spares = Spares(os.path.abspath(args.experiment), inspected["config"])
    try:
        sampler = choose_sampler(args.sampler, inspected, suggest)
        pruner = choose_pruner(args.pruner, inspected, decide, args.cohort_wait)
        study = join_study(storage, args.study, inspected, sampler, pruner)
        ran = 0
        timing["ended"] = None
        # runWall: from starting the first train process to telling the last result (the final
        # claim, which finds the study done, is left out).
        started = time.perf_counter()
        while args.runs is None or ran < args.runs:
            spares.prepare()
            trial, timing["ended"] = claim(study, inspected["config"])
            if trial is None:
                break
            state, score = run_one(study, trial, args, inspected, timing, spares)
            timing["runWall"] = time.perf_counter() - started
            ran += 1
            log.write("run %d %s%s\n" % (trial.number, {"complete": "completed", "pruned": "stopped", "fail": "failed", "lost": "lost (failed as stale by another worker; its retry runs it)"}[state], "" if score is None else " score %.4g" % score))
        timing["suggest"] = suggest.seconds
        timing["decide"] = decide.seconds
        timing["decideCalls"] = decide.calls
        timing["waited"] = getattr(pruner, "waited", 0.0)
        timing["runs"] = ran
        return study
    finally:
        spares.close()
        suggest.close()
        decide.close()
