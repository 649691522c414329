"""Writes a torchvision R(2+1)D-18 with random weights and batch-norm statistics, and its embeddings of a random batch.

Usage: python3 torchvision_r2plus1d18.py OUT_DIR
OUT_DIR/weights.npz: the state dict without the classifier (numpy.savez, one array per key);
OUT_DIR/io.npz: x (2x3x8x64x64 clips, N x C x T x H x W), stacks (the same clips as the frames op stacks them,
N x 3T x H x W: RGB of frame 0, then of frame 1, ...), eval (the embedding in eval mode), train (in train mode).
Prints the number of trainable parameters without the classifier: of r2plus1d_18, then of torchvision's VideoResNet
with the same blocks, [3, 4, 6, 3] of them (R(2+1)D-34, which torchvision builds but does not name).
"""
import os
import sys

import numpy
import torch
from torchvision.models.video import r2plus1d_18
from torchvision.models.video.resnet import BasicBlock, Conv2Plus1D, R2Plus1dStem, VideoResNet

out = sys.argv[1]
torch.manual_seed(13)
model = r2plus1d_18()
model.fc = torch.nn.Identity()
with torch.no_grad():
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm3d):  # statistics and affine parameters other than the defaults
            module.weight.uniform_(0.5, 1.5)
            module.bias.normal_(0, 0.1)
            module.running_mean.normal_(0, 0.1)
            module.running_var.uniform_(0.5, 1.5)
numpy.savez(os.path.join(out, "weights.npz"), **{k: v.numpy() for k, v in model.state_dict().items()})
x = torch.randn(2, 3, 8, 64, 64)
stacks = x.permute(0, 2, 1, 3, 4).reshape(2, 24, 64, 64)
with torch.no_grad():
    model.eval()
    embedding_eval = model(x)
    model.train()
    embedding_train = model(x)
numpy.savez(os.path.join(out, "io.npz"), x=x.numpy(), stacks=stacks.numpy(), eval=embedding_eval.numpy(),
            train=embedding_train.numpy())
print(sum(p.numel() for p in model.parameters()))
deeper = VideoResNet(BasicBlock, [Conv2Plus1D] * 4, [3, 4, 6, 3], R2Plus1dStem)
print(sum(p.numel() for name, p in deeper.named_parameters() if not name.startswith("fc.")))
