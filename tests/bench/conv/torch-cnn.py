"""PyTorch side of `npm run bench -- conv`: the same CNN as tfjs's (two 3x3 'same' convolutions
with ReLU, each followed by 2x2 max pooling, a dense softmax head, Adam 1e-3, batch 16), one thread.
Prints one JSON line per config: {"size", "filters", "samplesPerSecond"}."""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)


def model_for(size, filters):
    return nn.Sequential(
        nn.Conv2d(3, filters, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(filters, filters, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(filters * (size // 4) ** 2, 10))


def rate(size, filters, batches):
    model = model_for(size, filters)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()  # log-softmax + NLL: the softmax head and its loss
    x = torch.randn(batches * 16, 3, size, size)
    y = torch.randint(0, 10, (batches * 16,))

    def epoch():
        for b in range(batches):
            optimizer.zero_grad()
            loss = loss_fn(model(x[b * 16:(b + 1) * 16]), y[b * 16:(b + 1) * 16])
            loss.backward()
            optimizer.step()

    epoch()  # warm-up
    start = time.perf_counter()
    epoch()
    return batches * 16 / (time.perf_counter() - start)


for spec in sys.argv[1:]:
    size, filters, batches = (int(v) for v in spec.split(','))
    print(json.dumps({"size": size, "filters": filters, "samplesPerSecond": rate(size, filters, batches)}), flush=True)
