# viewpair's projection heads (SimCLR's, BYOL's, DINO's) and conv1d backbone as PyTorch builds them, given viewpair's
# weights in its parameter order; prints the outputs in training mode, then in eval mode, one line each. Used by
# ProjectionHeadTorchTest and Conv1dEncoderTest.
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

spec = json.load(open(sys.argv[1]))
kind = spec["kind"]
d, h, b, o = (spec.get(key, 0) for key in ("dim", "hidden", "bottleneck", "out"))


class Dino(nn.Module):
    # DINO's DINOHead(nlayers=3, use_bn=False, norm_last_layer=True)
    def __init__(self):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(d, h), nn.GELU(), nn.Linear(h, h), nn.GELU(), nn.Linear(h, b))
        self.last_layer = nn.utils.weight_norm(nn.Linear(b, o, bias=False))
        self.last_layer.weight_g.data.fill_(1)
        self.last_layer.weight_g.requires_grad = False

    def forward(self, x):
        return self.last_layer(F.normalize(self.mlp(x), dim=-1, p=2))


def conv1d():
    # viewpair's conv1d backbone: per width Conv1d(no bias)–BN–ReLU, the mean over time, Linear(dim)
    layers, channels, k = [], spec["channels"], spec["kernel"]
    for width in spec["widths"]:
        layers += [nn.Conv1d(channels, width, k, stride=spec["stride"], padding=k // 2, bias=False), nn.BatchNorm1d(width),
                   nn.ReLU()]
        channels = width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(channels, d))


if kind == "conv1d":
    model = conv1d()
elif kind == "simclr":
    model = nn.Sequential(nn.Linear(d, h, bias=False), nn.BatchNorm1d(h), nn.ReLU(), nn.Linear(h, o))
elif kind == "byol":
    model = nn.Sequential(nn.Linear(d, h), nn.BatchNorm1d(h), nn.ReLU(), nn.Linear(h, o))
else:
    model = Dino()

# viewpair's order: each layer's weight and bias, BatchNorm's gamma, beta, running mean and variance
slots = []
for module in model.modules():
    if isinstance(module, nn.Conv1d):
        slots += [module.weight]
    elif isinstance(module, nn.Linear):
        slots += [module.weight_v if hasattr(module, "weight_v") else module.weight]
        slots += [module.bias] if module.bias is not None else []
    elif isinstance(module, nn.BatchNorm1d):
        slots += [module.weight, module.bias, module.running_mean, module.running_var]
assert len(slots) == len(spec["params"]), (len(slots), len(spec["params"]))
with torch.no_grad():
    for slot, values in zip(slots, spec["params"]):
        slot.copy_(torch.tensor(values, dtype=torch.float32).reshape(slot.shape))
x = torch.tensor(spec["x"], dtype=torch.float32).reshape(spec["x_shape"])
with torch.no_grad():
    model.train()
    train = model(x)
    model.eval()
    inference = model(x)
print(" ".join(repr(v) for v in train.flatten().tolist()))
print(" ".join(repr(v) for v in inference.flatten().tolist()))
