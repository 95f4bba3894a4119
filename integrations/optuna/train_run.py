"""One trial as one `tabtune train` process: each interval is reported to Optuna (the primary
metric with trial.report, every metric as a user attr) and, unless it is the run's last, the
pruner is asked; a stop decision writes "stop" to the process, which ends at the next batch."""
import json
import math
import os
import subprocess
import threading
import time

import runs
from tabtune_cli import tabtune_command


class Heartbeat:
    """Records the trial's heartbeat every interval seconds while the run trains (RDB storage)."""

    def __init__(self, storage, trial_id):
        self._storage = storage
        self._trial_id = trial_id
        self._stop = threading.Event()
        interval = storage.get_heartbeat_interval() if hasattr(storage, "get_heartbeat_interval") else None
        self._thread = threading.Thread(target=self._beat, args=(interval,), daemon=True) if interval else None

    def _beat(self, interval):
        while True:
            self._storage.record_heartbeat(self._trial_id)
            if self._stop.wait(interval):
                return

    def __enter__(self):
        if self._thread:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread:
            self._thread.join()


def _finite(v):
    return v if isinstance(v, (int, float)) and math.isfinite(v) else None


def run_trial(study, trial, params, experiment_file, inspected, out_dir, run_number, timing):
    """Trains `trial`; returns (state name, score, final line). `timing` accumulates seconds spent
    on storage and decisions (the coordination overhead) and in training."""
    config = inspected["config"]
    primary, goal = config["primaryMetricName"], config["primaryMetricGoal"]
    run_dir = os.path.join(out_dir, "run-%d" % trial.number)
    argv = tabtune_command() + ["train", experiment_file, "--params", json.dumps(params), "--out", run_dir, "--run", str(run_number)]
    values = []
    stopped_at = None
    final = None
    started = time.perf_counter()
    coordination = 0.0
    with Heartbeat(study._storage, trial._trial_id):
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        for line in process.stdout:
            message = json.loads(line)
            if message.get("done"):
                final = message
                continue
            if stopped_at is not None:
                continue
            t0 = time.perf_counter()
            value = message["metrics"].get(primary)
            values.append(value if value is not None else math.nan)
            trial.report(value if value is not None else math.nan, message["interval"])
            trial.set_user_attr("interval:%d" % message["interval"], message["metrics"])
            if not message.get("last") and trial.should_prune():
                stopped_at = message["interval"]
                process.stdin.write("stop\n")
                process.stdin.flush()
            coordination += time.perf_counter() - t0
        stderr = process.stderr.read()
        process.wait()
    timing["coordination"] += coordination
    timing["training"] += time.perf_counter() - started - coordination
    if final is None or final["status"] == "failed":
        reason = (final or {}).get("reason") or stderr.strip()[-2000:] or "tabtune train exited with code %d" % process.returncode
        trial.set_user_attr("tabtune:reason", reason)
        return "fail", None, final
    for key in ("backend", "fitSeconds", "samplesPerSecond"):
        trial.set_user_attr("tabtune:" + key, final.get(key))
    return ("pruned" if stopped_at is not None else "complete"), runs.score(values, goal), final
