"""PyTorch's side of the ResNet training-step benchmark (bench/resnet/run.sh).

The step ResNetStepBench.java times in viewpair, written in plain PyTorch: torchvision's ResNet-18 shared by two
views (the classifier replaced by Linear(512)-ReLU-Linear(128); with --stem cifar a 3x3 stride-1 first convolution and
no max-pool), cosine critic at temperature 0.2, one-sided InfoNCE (cross-entropy of each first view against the batch
of second views), AdamW at a constant rate. The batch is made once, before the clock starts.

    python3 resnet_step_torch.py --stem imagenet|cifar --size S --batch B --threads T --warmup W --rounds R --steps N

Prints one line: <median steps/s> <steps/s of each round, comma-separated> <RSS before the first step, MiB>
<peak RSS, MiB>.
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F
import torchvision


def memory_mib(field):
    """A line of /proc/self/status (VmRSS: resident now, VmHWM: at its peak), in MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no " + field)


def encoder(stem):
    net = torchvision.models.resnet18()
    if stem == "cifar":
        net.conv1 = torch.nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        net.maxpool = torch.nn.Identity()
    net.fc = torch.nn.Sequential(torch.nn.Linear(512, 512), torch.nn.ReLU(), torch.nn.Linear(512, 128))
    return net


def infonce(za, zb, temperature=0.2):
    scores = F.normalize(za, dim=1) @ F.normalize(zb, dim=1).t() / temperature
    return F.cross_entropy(scores, torch.arange(za.shape[0]))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--stem", choices=["imagenet", "cifar"], required=True)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--steps", type=int, default=5)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)

    net = encoder(args.stem)
    net.train()
    optimizer = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    a = torch.randn(args.batch, 3, args.size, args.size)
    b = torch.randn(args.batch, 3, args.size, args.size)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = infonce(net(a), net(b))
        loss.backward()
        optimizer.step()
        value = loss.item()
        if value != value or abs(value) == float("inf"):
            raise RuntimeError("the loss is not finite: %s" % value)

    before = memory_mib("VmRSS")
    for _ in range(args.warmup):
        step()
    rates = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _ in range(args.steps):
            step()
        rates.append(args.steps / (time.perf_counter() - start))
    print("%.4f %s %.1f %.1f" % (statistics.median(rates), ",".join("%.4f" % r for r in rates), before,
                                 memory_mib("VmHWM")))


if __name__ == "__main__":
    main()
