#!/usr/bin/python3
"""Makes the torchvision reference outputs that TorchvisionAgreementTest compares the image ops with.

Run with Debian's python3 (it sees python3-torchvision 0.14.1; another python first on PATH may not):

    apt-get install -y python3-torchvision opencv-doc
    /usr/bin/python3 views/src/test/resources/torchvision/make_fixtures.py

Inputs are two of OpenCV's sample photos (baboon.jpg, fruits.jpg from opencv-doc's examples/data,
distributed under OpenCV's Apache-2.0/BSD-3-Clause terms per the package's copyright file), shrunk to
96 px wide, plus a dim, low-contrast copy of fruits for the histogram ops. Every op is called through
torchvision's functional API with explicit parameters, on PIL images as a classic torchvision pipeline
does (transforms before ToTensor); ops that torchvision only has for tensors (normalize, erase) and
the tensor variants of hue and equalize run on tensors.

Writes, next to this script:
  inputs        baboon.png, fruits.png, fruits_dim.png
  cases.tsv     case, op, input, parameters (key=value, lists comma-separated), output file
  outputs       <case>.png (8-bit RGB) or <case>.f32 (float32 little-endian, CHW, shape in cases.tsv)
"""
import os

import numpy as np
import torch
import torchvision
import torchvision.transforms.functional as F
from PIL import Image
from torchvision.transforms import InterpolationMode

assert torchvision.__version__.startswith("0.14"), torchvision.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = "/usr/share/doc/opencv-doc/examples/data"


def load_input(name, width=96):
    img = Image.open(os.path.join(SAMPLES, name + ".jpg")).convert("RGB")
    height = round(img.height * width / img.width)
    return img.resize((width, height), Image.LANCZOS)


def main():
    inputs = {"baboon": load_input("baboon"), "fruits": load_input("fruits")}
    fruits = np.asarray(inputs["fruits"], dtype=np.float64)
    # a dim photo whose channels span only part of [0, 255]: autocontrast and equalize have work to do
    inputs["fruits_dim"] = Image.fromarray(np.round(fruits * 0.45 + 30).astype(np.uint8))
    for name, img in inputs.items():
        img.save(os.path.join(HERE, name + ".png"))

    rows = []

    def case(name, op, input_name, params, result):
        """Records one reference: result is a PIL image, a uint8 CHW tensor or a float CHW tensor."""
        if isinstance(result, torch.Tensor) and result.dtype == torch.float32:
            out = name + ".f32"
            result.contiguous().numpy().astype("<f4").tofile(os.path.join(HERE, out))
            params = dict(params, shape=list(result.shape))
        else:
            if isinstance(result, torch.Tensor):
                result = F.to_pil_image(result)
            out = name + ".png"
            result.save(os.path.join(HERE, out))
        text = " ".join(f"{k}={','.join(map(str, v)) if isinstance(v, (list, tuple)) else v}"
                        for k, v in params.items())
        rows.append("\t".join([name, op, input_name, text, out]))

    for src in ("baboon", "fruits"):
        img = inputs[src]
        tensor = F.pil_to_tensor(img)
        bilinear = InterpolationMode.BILINEAR

        # geometry
        case(f"crop_{src}", "crop", src, dict(top=10, left=7, height=50, width=61),
             F.resized_crop(img, 10, 7, 50, 61, [50, 61], bilinear))
        case(f"resized_crop_down_{src}", "resized_crop", src,
             dict(top=5, left=12, height=80, width=70, size=[32, 40], interpolation="bilinear"),
             F.resized_crop(img, 5, 12, 80, 70, [32, 40], bilinear))
        case(f"resized_crop_up_{src}", "resized_crop", src,
             dict(top=20, left=15, height=30, width=40, size=[64, 64], interpolation="bilinear"),
             F.resized_crop(img, 20, 15, 30, 40, [64, 64], bilinear))
        case(f"resized_crop_down_bicubic_{src}", "resized_crop", src,
             dict(top=3, left=9, height=70, width=75, size=[28, 33], interpolation="bicubic"),
             F.resized_crop(img, 3, 9, 70, 75, [28, 33], InterpolationMode.BICUBIC))
        case(f"resized_crop_mixed_{src}", "resized_crop", src,
             dict(top=4, left=30, height=70, width=25, size=[40, 60], interpolation="bilinear"),
             F.resized_crop(img, 4, 30, 70, 25, [40, 60], bilinear))
        case(f"center_crop_{src}", "center_crop", src, dict(size=[50, 71]), F.center_crop(img, [50, 71]))
        case(f"center_crop_pad_{src}", "center_crop", src, dict(size=[101, 120]), F.center_crop(img, [101, 120]))
        case(f"resize_down_{src}", "resize", src, dict(size=40, interpolation="bilinear"),
             F.resize(img, 40, bilinear))
        case(f"resize_down_bicubic_{src}", "resize", src, dict(size=33, interpolation="bicubic"),
             F.resize(img, 33, InterpolationMode.BICUBIC))
        case(f"resize_up_{src}", "resize", src, dict(size=150, interpolation="bicubic"),
             F.resize(img, 150, InterpolationMode.BICUBIC))
        case(f"hflip_{src}", "hflip", src, {}, F.hflip(img))
        case(f"vflip_{src}", "vflip", src, {}, F.vflip(img))
        case(f"rotate_nearest_{src}", "rotate", src, dict(degrees=30, interpolation="nearest", expand="false", fill=[0, 0, 0]),
             F.rotate(img, 30, InterpolationMode.NEAREST))
        case(f"rotate_expand_{src}", "rotate", src, dict(degrees=-45, interpolation="nearest", expand="true", fill=[0, 0, 0]),
             F.rotate(img, -45, InterpolationMode.NEAREST, expand=True))
        case(f"rotate_bilinear_{src}", "rotate", src,
             dict(degrees=17.5, interpolation="bilinear", expand="false", fill=[255, 40, 0]),
             F.rotate(img, 17.5, bilinear, fill=[255, 40, 0]))

        # colour
        case(f"brightness_{src}", "brightness", src, dict(factor=1.35), F.adjust_brightness(img, 1.35))
        case(f"contrast_{src}", "contrast", src, dict(factor=0.55), F.adjust_contrast(img, 0.55))
        case(f"contrast_up_{src}", "contrast", src, dict(factor=1.6), F.adjust_contrast(img, 1.6))
        case(f"saturation_{src}", "saturation", src, dict(factor=1.7), F.adjust_saturation(img, 1.7))
        case(f"saturation_down_{src}", "saturation", src, dict(factor=0.3), F.adjust_saturation(img, 0.3))
        case(f"hue_{src}", "hue", src, dict(factor=0.08), F.adjust_hue(img, 0.08))
        case(f"hue_back_{src}", "hue", src, dict(factor=-0.3), F.adjust_hue(img, -0.3))
        case(f"hue_tensor_{src}", "hue", src, dict(factor=-0.3), F.adjust_hue(tensor, -0.3))
        case(f"grayscale_{src}", "grayscale", src, {}, F.rgb_to_grayscale(img, num_output_channels=3))
        case(f"blur_23_{src}", "gaussian_blur", src, dict(kernel=23, sigma=1.7), F.gaussian_blur(img, [23, 23], [1.7, 1.7]))
        case(f"blur_9_{src}", "gaussian_blur", src, dict(kernel=9, sigma=0.6), F.gaussian_blur(img, [9, 9], [0.6, 0.6]))
        case(f"solarize_{src}", "solarize", src, dict(threshold=128), F.solarize(img, 128))
        case(f"solarize_low_{src}", "solarize", src, dict(threshold=60), F.solarize(img, 60))
        case(f"posterize_{src}", "posterize", src, dict(bits=3), F.posterize(img, 3))
        case(f"erase_{src}", "erase", src, dict(top=20, left=30, height=25, width=40, value=[50, 128, 200]),
             F.erase(tensor, 20, 30, 25, 40, torch.tensor([50, 128, 200], dtype=torch.uint8)[:, None, None]))
        mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
        case(f"normalize_{src}", "normalize", src, dict(mean=mean, std=std), F.normalize(F.to_tensor(img), mean, std))

    for src in ("baboon", "fruits_dim"):
        img = inputs[src]
        case(f"equalize_{src}", "equalize", src, {}, F.equalize(img))
        case(f"equalize_tensor_{src}", "equalize", src, {}, F.equalize(F.pil_to_tensor(img)))
        case(f"autocontrast_{src}", "auto_contrast", src, {}, F.autocontrast(img))

    with open(os.path.join(HERE, "cases.tsv"), "w") as f:
        f.write("# made by make_fixtures.py with torchvision " + torchvision.__version__ + "\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
