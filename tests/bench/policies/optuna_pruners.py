"""Drive Optuna 3.1 pruners over fixed learning curves (tabtune's `npm run bench:policies`).

Reads a JSON file {"experiments": [{"key": ..., "curves": [[err per epoch], ...]}, ...]} and prints
{"results": {pruner: {key: {"epochsRun": n, "best": x}}}} on stdout. Trials run one after the other
in file order, report the validation error (minimize) at steps 1..52, and are asked should_prune()
after every step but the last, exactly as tabtune's replay with concurrency 1 asks its policies.
"""
import json
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)

PRUNERS = {
    "optuna MedianPruner(5 startup, 5 warm-up)": lambda: optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=5),
    # The reference figures' "ASHA, r=3", with the settings of tabtune's ASHA row (minimum resource 1;
    # Optuna's 'auto' also comes to 1 for 52 epochs, but only once a trial has completed).
    "optuna SuccessiveHalvingPruner(min_resource 1, reduction_factor 3)": lambda: optuna.pruners.SuccessiveHalvingPruner(
        min_resource=1, reduction_factor=3
    ),
    "optuna HyperbandPruner(min_resource 1, max_resource 52, reduction_factor 3)": lambda: optuna.pruners.HyperbandPruner(
        min_resource=1, max_resource=52, reduction_factor=3
    ),
}


def run_study(pruner, curves):
    study = optuna.create_study(direction="minimize", pruner=pruner, sampler=optuna.samplers.RandomSampler(seed=0))
    epochs_run = 0
    best = float("inf")
    for curve in curves:
        trial = study.ask()
        pruned = False
        for step, value in enumerate(curve, start=1):
            trial.report(value, step)
            epochs_run += 1
            best = min(best, value)
            if step < len(curve) and trial.should_prune():
                pruned = True
                break
        if pruned:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        else:
            study.tell(trial, curve[-1])
    return {"epochsRun": epochs_run, "best": best}


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    names = sys.argv[2:] or list(PRUNERS)
    results = {}
    for name in names:
        results[name] = {exp["key"]: run_study(PRUNERS[name](), exp["curves"]) for exp in data["experiments"]}
    json.dump({"optuna": optuna.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
