"""recipes/fashion-mnist.yaml, written in PyTorch: the same encoder (viewpair's ConvEncoder), projection head,
initialization, augmentations (torchvision), loss, optimizer, schedule, batch and epochs. Trains, then writes the
frozen backbone features of the un-augmented train and test images for the shared probe (common.py).

    python3 simclr_torch.py --data DIR --out features.npz [--epochs N] [--train-fraction F] [--threads 2]
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torchvision import transforms

import common


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--recipe", required=True, help="recipes/fashion-mnist.yaml: the settings are read from it")
    p.add_argument("--epochs", type=int, help="override the recipe's epochs")
    p.add_argument("--train-fraction", type=float, default=1.0, help="train on the first fraction of the images")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--workers", type=int, default=2, help="DataLoader processes making the views")
    return p.parse_args()


def settings(recipe_path):
    """The numbers this script needs, from the recipe (PyYAML)."""
    import yaml

    with open(recipe_path) as f:
        r = yaml.safe_load(f)
    (encoder,) = r["encoders"].values()
    (pair,) = r["pairs"]
    ops = {next(iter(op)) if isinstance(op, dict) else op: (next(iter(op.values())) if isinstance(op, dict) else {})
           for op in r["views"][pair["views"][0]]["ops"]}
    return {
        "seed": r["seed"], "widths": encoder["widths"], "dim": encoder["dim"], "projection": encoder["projection"],
        "downsample": encoder.get("downsample", "pool"), "temperature": pair["critic"]["temperature"],
        "symmetric": pair["bound"].get("symmetric", False), "epochs": r["train"]["epochs"],
        "batch": r["train"]["batch"], "lr": float(r["train"]["optimizer"]["lr"]),
        "weight_decay": float(r["train"]["optimizer"]["weight_decay"]), "warmup": r["train"]["warmup_steps"],
        "schedule": r["train"]["schedule"], "crop_scale": ops["random_resized_crop"]["scale"],
        "jitter": ops.get("color_jitter"), "erasing": ops.get("random_erasing"),
    }


class Encoder(nn.Module):
    """viewpair's ConvEncoder: per width Conv3×3 (no bias) + BatchNorm + ReLU + halving; GAP; Linear(dim)."""

    def __init__(self, widths, dim, projection, downsample):
        super().__init__()
        layers, channels = [], 3
        for w in widths:
            stride = 2 if downsample == "stride" else 1
            layers += [nn.Conv2d(channels, w, 3, stride=stride, padding=1, bias=False),
                       nn.BatchNorm2d(w, eps=1e-5, momentum=0.1), nn.ReLU()]  # DJL's momentum 0.9 = PyTorch's 0.1
            if downsample == "pool":
                layers.append(nn.MaxPool2d(2, 2))
            channels = w
        self.backbone = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, dim))
        self.head = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, projection))
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                # DJL's default for weights: Gaussian with std sqrt(2 / fan_in); biases zero
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.head(self.backbone(x))


class Pairs(torch.utils.data.Dataset):
    """Two augmented views of each image, made from a 3-channel PIL image as viewpair's decoder gives."""

    def __init__(self, images, s):
        self.images = images
        ops = [transforms.RandomResizedCrop(28, scale=tuple(s["crop_scale"]), antialias=True),
               transforms.RandomHorizontalFlip()]
        if s["jitter"]:
            j = s["jitter"]
            ops.append(transforms.RandomApply([transforms.ColorJitter(j.get("brightness", 0.4), j.get("contrast", 0.4),
                                                                      j.get("saturation", 0.4), j.get("hue", 0.1))],
                                              p=j.get("p", 1.0)))
        ops += [transforms.ToTensor(), transforms.Normalize([common.MEAN] * 3, [common.STD] * 3)]
        if s["erasing"] is not None:
            e = s["erasing"] or {}
            ops.append(transforms.RandomErasing(p=e.get("p", 0.5), scale=tuple(e.get("scale", (0.02, 0.33))), value=0))
        self.view = transforms.Compose(ops)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        image = Image.fromarray(self.images[i]).convert("RGB")
        return self.view(image), self.view(image)


def worker_init(_):
    torch.set_num_threads(1)


def learning_rate(s, step, total):
    """viewpair's schedule: linear warm-up to lr, then cosine to lr / 100 at the last step (step counts from 1)."""
    if step <= s["warmup"]:
        return s["lr"] * step / s["warmup"]
    if s["schedule"] != "cosine":
        return s["lr"]
    t = min(step - s["warmup"], total - s["warmup"]) / max(total - s["warmup"], 1)
    final = s["lr"] * 0.01
    return final + (s["lr"] - final) * (1 + math.cos(math.pi * t)) / 2


def info_nce_loss(za, zb, temperature, symmetric):
    scores = F.normalize(za, dim=1) @ F.normalize(zb, dim=1).T / temperature
    target = torch.arange(len(scores))
    rows = F.cross_entropy(scores, target)
    return (rows + F.cross_entropy(scores.T, target)) / 2 if symmetric else rows


def features(model, images, batch=1000):
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(images), batch):
            x = torch.from_numpy(np.array(images[start:start + batch], dtype=np.float32)).div(255)
            x = ((x - common.MEAN) / common.STD).unsqueeze(1).expand(-1, 3, -1, -1)
            out.append(model.backbone(x).numpy())
    return np.concatenate(out)


def main():
    args = parse()
    s = settings(args.recipe)
    if args.epochs:
        s["epochs"] = args.epochs
    torch.set_num_threads(args.threads)
    torch.manual_seed(s["seed"])
    train_images, train_labels = common.load(args.data, "train")
    test_images, test_labels = common.load(args.data, "t10k")
    used = train_images[: int(len(train_images) * args.train_fraction)]
    model = Encoder(s["widths"], s["dim"], s["projection"], s["downsample"])
    decayed = [p for n, p in model.named_parameters() if p.dim() > 1]  # weights, as viewpair: not biases, not BN
    others = [p for n, p in model.named_parameters() if p.dim() <= 1]
    optimizer = torch.optim.AdamW([{"params": decayed, "weight_decay": s["weight_decay"]},
                                   {"params": others, "weight_decay": 0.0}], lr=s["lr"], betas=(0.9, 0.999), eps=1e-8)
    loader = torch.utils.data.DataLoader(Pairs(used, s), batch_size=s["batch"], shuffle=True, drop_last=True,
                                         num_workers=args.workers, worker_init_fn=worker_init,
                                         persistent_workers=args.workers > 0)
    total = s["epochs"] * len(loader)
    print(f"torch {torch.__version__}: {len(used)} images, {total} steps of {s['batch']}, {args.threads} threads,"
          f" {args.workers} loader workers", flush=True)
    step, start = 0, time.time()
    model.train()
    for epoch in range(s["epochs"]):
        for a, b in loader:
            step += 1
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(s, step, total)
            loss = info_nce_loss(model(a), model(b), s["temperature"], s["symmetric"])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if step % 50 == 0 or step == total:
                nats = math.log(s["batch"]) - loss.item()
                print(f"  step {step}/{total}: InfoNCE {nats:.3f} nats, {step / (time.time() - start):.2f} steps/s",
                      flush=True)
    train_seconds = time.time() - start
    train_x, test_x = features(model, train_images), features(model, test_images)
    np.savez(args.out, train_x=train_x, train_y=train_labels, test_x=test_x, test_y=test_labels)
    with open(args.out + ".json", "w") as f:
        json.dump({"steps": step, "train_seconds": train_seconds, "steps_per_second": step / train_seconds,
                   "torch": torch.__version__}, f)
    print(f"trained {step} steps in {train_seconds:.1f} s ({step / train_seconds:.2f} steps/s)")


if __name__ == "__main__":
    main()
