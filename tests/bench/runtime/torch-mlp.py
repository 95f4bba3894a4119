"""PyTorch column of `npm run bench:runtime` (Debian's python3-torch, run by /usr/bin/python3).

The same MLPs as the tfjs side: `layers` dense layers of `units` ReLU units, a 10-way softmax head
(CrossEntropyLoss = log-softmax + NLL), Adam lr 1e-3, on random data (`rows` x 64 features, 10
classes), shuffled every epoch, one thread. Each config trains one warm-up run (one epoch), then
`runs` timed runs of `epochs` epochs (model built, trained, dropped: as a tfjs run builds and
disposes its own).

Usage: torch-mlp.py ROWS EPOCHS RUNS BATCH,LAYERS,UNITS ...
Prints one JSON line per config: {"batch", "layers", "units", "samplesPerSecond": [per run]}.
"""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)
FEATURES = 64
CLASSES = 10


def build(layers, units):
    parts, width = [], FEATURES
    for _ in range(layers):
        parts += [nn.Linear(width, units), nn.ReLU()]
        width = units
    return nn.Sequential(*parts, nn.Linear(width, CLASSES))


def one_run(x, y, batch, layers, units, epochs):
    start = time.perf_counter()
    model = build(layers, units)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    rows = x.shape[0]
    for _ in range(epochs):
        order = torch.randperm(rows)
        for b in range(0, rows, batch):
            index = order[b:b + batch]
            optimizer.zero_grad()
            loss_fn(model(x[index]), y[index]).backward()
            optimizer.step()
    return epochs * rows / (time.perf_counter() - start)


def main():
    rows, epochs, runs = (int(v) for v in sys.argv[1:4])
    x = torch.randn(rows, FEATURES)
    y = torch.randint(0, CLASSES, (rows,))
    for spec in sys.argv[4:]:
        batch, layers, units = (int(v) for v in spec.split(","))
        one_run(x, y, batch, layers, units, 1)  # warm-up
        rates = [one_run(x, y, batch, layers, units, epochs) for _ in range(runs)]
        print(json.dumps({"batch": batch, "layers": layers, "units": units, "samplesPerSecond": rates}), flush=True)


main()
