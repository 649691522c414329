"""Writes a torchvision ResNet-18 with random weights and batch-norm statistics, and its embeddings of a random batch.

Usage: python3 torchvision_resnet18.py OUT_DIR
OUT_DIR/weights.npz: the state dict without the classifier (numpy.savez, one array per key);
OUT_DIR/io.npz: x (2x3x64x64), eval (the embedding in eval mode), train (in train mode: batch statistics);
OUT_DIR/after_train.npz: the state dict after that train-mode pass (running statistics updated, momentum 0.1).
"""
import os
import sys

import numpy
import torch
import torchvision

out = sys.argv[1]
torch.manual_seed(13)
model = torchvision.models.resnet18()
model.fc = torch.nn.Identity()
with torch.no_grad():
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):  # statistics and affine parameters other than the defaults
            module.weight.uniform_(0.5, 1.5)
            module.bias.normal_(0, 0.1)
            module.running_mean.normal_(0, 0.1)
            module.running_var.uniform_(0.5, 1.5)
numpy.savez(os.path.join(out, "weights.npz"), **{k: v.numpy() for k, v in model.state_dict().items()})
x = torch.randn(2, 3, 64, 64)
with torch.no_grad():
    model.eval()
    embedding_eval = model(x)
    model.train()
    embedding_train = model(x)
numpy.savez(os.path.join(out, "io.npz"), x=x.numpy(), eval=embedding_eval.numpy(), train=embedding_train.numpy())
numpy.savez(os.path.join(out, "after_train.npz"), **{k: v.numpy() for k, v in model.state_dict().items()})
