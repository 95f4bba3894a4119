"""One trial as one `tabtune train` process: each interval is reported to Optuna (the primary
metric with trial.report, every metric as a user attr) and, unless it is the run's last, the
pruner is asked; a stop decision writes "stop" to the process, which ends at the next batch."""
import json
import math
import os
import queue
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


class AttrWriter:
    """Writes user attrs from a thread of its own, so the storage round trips of each interval's
    metrics overlap training instead of delaying the run; `close()` waits for the last write."""

    def __init__(self, trial):
        self._trial = trial
        self._queue = queue.Queue()
        self._error = None
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()

    def _write(self):
        while True:
            item = self._queue.get()
            if item is None:
                return
            try:
                self._trial.set_user_attr(*item)
            except Exception as error:  # kept and raised by close(), in the worker's thread
                self._error = error

    def put(self, key, value):
        self._queue.put((key, value))

    def close(self):
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error


def _collect(stream, into):
    into.append(stream.read())


def run_trial(study, trial, params, experiment_file, inspected, out_dir, run_number, timing, attrs=None):
    """Trains `trial`; returns (state name, score, final line). `timing` accumulates the train
    process's lifetime ("process") and the coordination done while it trained ("overlapped");
    `attrs` are user attrs to write while it trains."""
    config = inspected["config"]
    primary, goal = config["primaryMetricName"], config["primaryMetricGoal"]
    run_dir = os.path.join(out_dir, "run-%d" % trial.number)
    argv = tabtune_command() + ["train", experiment_file, "--params", json.dumps(params), "--out", run_dir, "--run", str(run_number)]
    values = []
    stopped_at = None
    final = None
    overlapped = 0.0
    writer = AttrWriter(trial)
    for key, value in (attrs or {}).items():
        writer.put(key, value)
    with Heartbeat(study._storage, trial._trial_id):
        spawned = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        exited = []
        errors = []
        waiter = threading.Thread(target=lambda: (process.wait(), exited.append(time.perf_counter())), daemon=True)
        reader = threading.Thread(target=_collect, args=(process.stderr, errors), daemon=True)
        waiter.start()
        reader.start()
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
            writer.put("interval:%d" % message["interval"], message["metrics"])
            if not message.get("last") and trial.should_prune():
                stopped_at = message["interval"]
                process.stdin.write("stop\n")
                process.stdin.flush()
            overlapped += time.perf_counter() - t0
        waiter.join()
        reader.join()
        writer.close()
    timing["overlapped"] += overlapped
    timing["process"] += exited[0] - spawned
    if final is None or final["status"] == "failed":
        reason = (final or {}).get("reason") or "".join(errors).strip()[-2000:] or "tabtune train exited with code %d" % process.returncode
        trial.set_user_attr("tabtune:reason", reason)
        return "fail", None, final
    trial.set_user_attr("tabtune:result", {k: final.get(k) for k in ("backend", "fitSeconds", "samplesPerSecond")})
    return ("pruned" if stopped_at is not None else "complete"), runs.score(values, goal), final
