"""Python side of `npm run bench -- experiment`: Optuna 3.1 TPE + MedianPruner + PyTorch (CPU).

Reads one JSON file written by the driver (tabtune's own split of the dataset, so both sides train
and validate on the same rows) and a JSON job on argv:
  {"runs", "epochs", "seed", "threads", "warmup", "space": [{"name", "expression"}, ...]}
The space is tabtune's parsed expressions, mapped to Optuna distributions by the sampling bench's
`suggest` (one mapping for both benches). One process, trials one after another (n_jobs=1),
`threads` torch threads.

The model is tabtune's `mlp` family in PyTorch: `number_of_hidden_layers` dense layers of `units`
ReLU units with Glorot-uniform kernels and zero biases, each followed by dropout at rate
1 - keep_probability, a softmax head (CrossEntropyLoss), Adam at `learning_rate`, `batch_size`,
shuffled every epoch. Each epoch reports validation accuracy to the pruner (step = epoch, 1-based,
as tabtune's interval); a trial's value is its best epoch, as a tabtune run's score.

Prints one JSON line: {"studySeconds", "best", "bestCompleted", "pruned", "completed", "trials"}.
"""
import json
import sys
import time
from pathlib import Path

import optuna
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sampling"))
from optuna_asktell import suggest  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.WARNING)


def build(params, features, classes):
    parts, width = [], features
    for _ in range(int(params["number_of_hidden_layers"])):
        parts += [nn.Linear(width, int(params["units"])), nn.ReLU(), nn.Dropout(1 - params["keep_probability"])]
        width = int(params["units"])
    parts.append(nn.Linear(width, classes))
    model = nn.Sequential(*parts)
    for layer in model:
        if isinstance(layer, nn.Linear):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return model


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        value = (model(x).argmax(1) == y).float().mean().item()
    model.train()
    return value


def objective_for(job, data, curves):
    def objective(trial):
        params = {p["name"]: suggest(trial, p["name"], p["expression"]) for p in job["space"]}
        torch.manual_seed(job["seed"] * 1000 + trial.number)
        model = build(params, data["features"], data["classes"])
        optimizer = torch.optim.Adam(model.parameters(), lr=params["learning_rate"])
        loss_fn = nn.CrossEntropyLoss()
        x, y, rows, batch = data["train_x"], data["train_y"], data["train_x"].shape[0], int(params["batch_size"])
        values = curves.setdefault(trial.number, [])
        for epoch in range(1, job["epochs"] + 1):
            order = torch.randperm(rows)
            for b in range(0, rows, batch):
                index = order[b:b + batch]
                optimizer.zero_grad()
                loss_fn(model(x[index]), y[index]).backward()
                optimizer.step()
            values.append(accuracy(model, data["valid_x"], data["valid_y"]))
            trial.report(values[-1], epoch)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return max(values)
    return objective


def load(path):
    raw = json.loads(Path(path).read_text())
    f = raw["featureCount"]
    return {
        "features": f,
        "classes": raw["outputCount"],
        "train_x": torch.tensor(raw["trainX"], dtype=torch.float32).reshape(-1, f),
        "train_y": torch.tensor(raw["trainY"], dtype=torch.int64),
        "valid_x": torch.tensor(raw["validX"], dtype=torch.float32).reshape(-1, f),
        "valid_y": torch.tensor(raw["validY"], dtype=torch.int64),
    }


def main():
    data = load(sys.argv[1])
    job = json.loads(sys.argv[2])
    torch.set_num_threads(job["threads"])
    pruner = optuna.pruners.MedianPruner(n_warmup_steps=job["warmup"])
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=job["seed"]), pruner=pruner)
    curves = {}
    start = time.perf_counter()
    study.optimize(objective_for(job, data, curves), n_trials=job["runs"], n_jobs=1)
    seconds = time.perf_counter() - start
    states = [t.state.name for t in study.trials]
    completed = [t for t in study.trials if t.state.name == "COMPLETE"]
    print(json.dumps({
        "studySeconds": seconds,
        "best": max(v for values in curves.values() for v in values),
        "bestCompleted": max(t.value for t in completed) if completed else None,
        "pruned": states.count("PRUNED"),
        "completed": len(completed),
        "trials": [{"params": t.params, "state": t.state.name, "values": curves.get(t.number, [])} for t in study.trials],
    }))


main()
