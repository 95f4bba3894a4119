"""Where a dead worker's run goes on: its latest checkpoint, in the shared --out folder, of an
interval the study stored (`tabtune train` keeps the latest in run-N/last/ and the one before in
run-N/previous/, so a worker killed between writing interval k's checkpoint and storing interval
k still leaves the checkpoint of k-1).

An interval counts as stored once both its value and its metrics are in the study
(`runs.stored_intervals`): a retry continuing after an interval whose metrics were lost would have
a hole in its metrics."""
import json
import os

from runs import stored_intervals


def _interval(folder):
    try:
        with open(os.path.join(folder, "checkpoint.json")) as f:
            return int(json.load(f)["interval"])
    except (OSError, ValueError, KeyError, TypeError):  # absent or half written: not a checkpoint
        return None


def resume_point(out_dir, failed):
    """(checkpoint folder, its interval) to continue FrozenTrial `failed` from, or None."""
    stored = stored_intervals(failed)
    best = None
    for name in ("last", "previous"):
        folder = os.path.join(out_dir, "run-%d" % failed.number, name)
        interval = _interval(folder)
        if interval is not None and interval <= stored and (best is None or interval > best[1]):
            best = (os.path.abspath(folder), interval)
    return best


def carry_over(trial, failed, interval):
    """Copies the failed run's intervals 1..interval into its retry (primary metric and every
    metric's attr), so the retry's curve in the study is the whole run; returns those values."""
    values = []
    for k in range(1, interval + 1):  # all stored whole (resume_point chose interval so)
        value = failed.intermediate_values[k]
        trial.report(value, k)
        values.append(value)
        trial.set_user_attr("interval:%d" % k, failed.user_attrs["interval:%d" % k])
    return values
