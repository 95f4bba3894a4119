"""Prints a study's trials as JSON for the distributed tests (read straight from the storage)."""
import json
import sys
import warnings

sys.path.insert(0, sys.argv[3])
warnings.filterwarnings("ignore")

import optuna  # noqa: E402

from storage import open_storage  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.load_study(study_name=sys.argv[2], storage=open_storage(sys.argv[1]))
print(json.dumps({
    "userAttrs": sorted(study.user_attrs),
    "trials": [{
        "number": t.number,
        "state": t.state.name,
        "params": t.system_attrs.get("tabtune:params"),
        "intermediate": [t.intermediate_values[k] for k in sorted(t.intermediate_values)],
        "steps": sorted(t.intermediate_values),
        "intervalAttrs": sorted(int(k.split(":")[1]) for k in t.user_attrs if k.startswith("interval:")),
        "stop": t.system_attrs.get("tabtune:stop"),
        "failedTrial": t.system_attrs.get("failed_trial"),
        "resumed": t.system_attrs.get("tabtune:resumed"),
        "surplus": t.system_attrs.get("tabtune:surplus", False),
        "value": t.value,
        "worker": t.user_attrs.get("tabtune:worker"),
    } for t in study.get_trials(deepcopy=False)],
}))
