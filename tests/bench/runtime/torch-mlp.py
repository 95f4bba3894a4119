"""PyTorch side of `npm run bench -- fused`: the same MLP as tfjs's (dense layers of 128 ReLU
units, a 10-way softmax head, Adam 1e-3) on random data, one thread, shuffled each epoch.
Argument per config: "batch,hidden_layers,rows,epochs". Prints one JSON line per config."""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)


def rate(batch, layers, rows, epochs):
    dims = [64] + [128] * layers
    stack = []
    for a, b in zip(dims, dims[1:]):
        stack += [nn.Linear(a, b), nn.ReLU()]
    model = nn.Sequential(*stack, nn.Linear(dims[-1], 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(rows, 64)
    y = torch.randint(0, 10, (rows,))

    def epoch():
        order = torch.randperm(rows)
        for start in range(0, rows, batch):
            ids = order[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[ids]), y[ids])
            loss.backward()
            optimizer.step()

    epoch()  # warm-up
    start = time.perf_counter()
    for _ in range(epochs):
        epoch()
    return rows * epochs / (time.perf_counter() - start)


for spec in sys.argv[1:]:
    batch, layers, rows, epochs = (int(v) for v in spec.split(','))
    print(json.dumps({"batch": batch, "layers": layers, "samplesPerSecond": rate(batch, layers, rows, epochs)}), flush=True)
