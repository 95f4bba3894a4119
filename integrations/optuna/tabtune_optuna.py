#!/usr/bin/python3
"""tabtune on Optuna's distributed storage: the same experiment on many machines.

  python3 tabtune_optuna.py worker EXPERIMENT_FILE --storage URL --study NAME [--out DIR]
  python3 tabtune_optuna.py export --storage URL --study NAME --out FILE [--runs-dir DIR]

Each machine runs one worker (or several); they share the study in PostgreSQL (or MySQL, or a
journal file on a shared disk) and together run the experiment's maxTotalRuns runs, each as one
`tabtune train` process. By default tabtune's sampler and policy decide (via `tabtune suggest`
and `tabtune decide --serve`), exactly as the tab would; Optuna's own can be chosen instead.
Runs with Optuna 3.1+ (Debian's python3-optuna; psycopg2 for PostgreSQL).
"""
import argparse
import json
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import optuna  # noqa: E402

from storage import StorageError, open_storage  # noqa: E402
from study_check import StudyMismatch  # noqa: E402
from tabtune_cli import TabtuneError, inspect  # noqa: E402


def worker_parser(sub):
    p = sub.add_parser("worker", help="run trials of the study until maxTotalRuns have finished")
    p.add_argument("experiment", metavar="EXPERIMENT_FILE")
    p.add_argument("--storage", required=True, help="postgresql://user:pass@host:port/db, or journal:PATH")
    p.add_argument("--study", required=True, help="the study's name (one per experiment)")
    p.add_argument("--out", default="tabtune-distributed", help="folder of the runs' checkpoints and export files (share it between machines to export the best model)")
    p.add_argument("--sampler", default="tabtune", choices=["tabtune", "tpe", "random", "cmaes", "qmc"])
    p.add_argument("--pruner", default="tabtune", choices=["tabtune", "median", "hyperband", "successive-halving", "none"])
    p.add_argument("--heartbeat", type=int, default=10, help="seconds between heartbeats (RDB storage); a worker silent for 3 of them is dead and its run is retried")
    p.add_argument("--max-retry", type=int, default=3, help="times a run of a dead worker is run again")
    p.add_argument("--cohort-wait", type=float, default=600.0, help="longest wait for earlier runs to reach an interval before tabtune's policy decides")
    p.add_argument("--runs", type=int, default=None, help="stop this worker after N runs")
    p.add_argument("--timing", default=None, help="write this worker's coordination and training seconds as JSON to this file")


def export_parser(sub):
    p = sub.add_parser("export", help="write the study as tabtune's experiment export file")
    p.add_argument("--storage", required=True)
    p.add_argument("--study", required=True)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--runs-dir", default="tabtune-distributed", help="the workers' --out folder (the best run's model comes from there)")


def worker(args):
    inspected = inspect(args.experiment)
    storage = open_storage(args.storage, heartbeat=args.heartbeat, max_retry=args.max_retry)
    os.makedirs(args.out, exist_ok=True)
    # runWall: claim to tell, per run; process: the tabtune train process's lifetime; overlapped:
    # storage and decisions while it trained. runWall - process is what coordination adds.
    timing = {"runWall": 0.0, "process": 0.0, "overlapped": 0.0}
    started = time.perf_counter()
    from worker import run_worker

    study = run_worker(storage, args, inspected, timing)
    timing["wall"] = time.perf_counter() - started
    if args.timing:
        with open(args.timing, "w") as f:
            json.dump(timing, f)
    import runs

    finished = sum(1 for t in runs.runs_of(study.get_trials(deepcopy=False)) if runs.ended(t))
    why = "" if timing["ended"] is None else " (%s)" % timing["ended"]
    print("study %s: %d of %d runs finished%s; this worker ran %d" % (args.study, finished, inspected["config"]["maxTotalRuns"], why, timing["runs"]))
    return 1 if (timing["ended"] or "").startswith("maxFailedRuns") else 0


def export(args):
    from export import export_study

    storage = open_storage(args.storage)
    path, summary = export_study(storage, args.study, args.out, args.runs_dir)
    print(summary)
    return 0


def main(argv):
    parser = argparse.ArgumentParser(prog="tabtune_optuna.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    worker_parser(sub)
    export_parser(sub)
    args = parser.parse_args(argv)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    # JournalStorage and fail_stale_trials are "experimental" in 3.1, system_attrs "deprecated"
    # (still there in 3.x): the warnings say nothing to a user of this script.
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"(worker|tabtune_.*|runs|train_run|export)")
    # Heartbeats are recorded by this worker's own thread (train_run.Heartbeat), not by optimize().
    warnings.filterwarnings("ignore", message="Heartbeat of storage is supposed to be used with Study.optimize")
    try:
        return worker(args) if args.command == "worker" else export(args)
    except (StorageError, StudyMismatch, TabtuneError) as error:
        sys.stderr.write("tabtune_optuna %s: %s\n" % (args.command, error))
        return 2
    except Exception as error:
        from worker import WorkerError

        if isinstance(error, WorkerError):
            sys.stderr.write("tabtune_optuna %s: %s\n" % (args.command, error))
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
