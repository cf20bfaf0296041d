#!/usr/bin/env python3
"""Python eager reference for KneeGrade's GPU training step (docs/PERFORMANCE.md, "GPU").

The same network as core/model/ResNetV2.cpp — Keras' ResNet152V2 (pre-activation v2) with
the tutorial's head — written in PyTorch the way a researcher would run it: eager mode,
torch.optim.Adam with its default (foreach) implementation and Keras' epsilon 1e-7, AMP
autocast, channels-last, cuDNN autotuning. Keras layer semantics: BatchNormalization
epsilon 1.001e-5 and momentum 0.99 (PyTorch's momentum 0.01), ZeroPadding2D + 'valid'
convolutions (= symmetric zero padding), the stem's ZeroPadding2D(1) + MaxPooling2D(3, 2)
(pads with zeros, not -inf), stride 2 in the last block of conv2..conv4, a MaxPooling2D(1, s)
shortcut for strided identity blocks, biases on the stem, the shortcut and 3_conv only,
glorot_uniform kernels and zero biases. Its parameter count (weights plus BN moving mean
and variance, as Keras' model.summary() counts them) must equal the C++ model's,
58,594,565 (tests/model/test_resnet_v2.cpp, "152v2 tutorial head").

Also measures the GPU's bf16 matmul peak (TFLOP/s) in the same process, so a step's achieved
TFLOP/s can be given as a fraction of what this GPU really delivers.

Prints one JSON object per line: {"kind": "model"}, {"kind": "matmul_peak"}, then one
{"kind": "train"} (or "infer") per configuration. Run:
    python3 bench/gpu/python_reference.py --batch 32 64 --precision fp32 bf16
"""
import argparse
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

KERAS_PARAMETERS_152V2_TUTORIAL_HEAD = 58_594_565  # tests/model/test_resnet_v2.cpp
BN_EPS = 1.001e-5
BN_MOMENTUM = 0.01  # Keras momentum 0.99, counted the other way round
ADAM_EPS = 1e-7     # Keras' Adam epsilon (PyTorch's default is 1e-8)


def keras_bn(channels):
    return nn.BatchNorm2d(channels, eps=BN_EPS, momentum=BN_MOMENTUM)


def conv(cin, cout, kernel, stride, bias):
    # Keras: ZeroPadding2D + 'valid' convolution == symmetric zero padding kernel // 2.
    return nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2, bias=bias)


class PreActBottleneck(nn.Module):
    """Keras residual_block_v2: pre-activation bottleneck."""

    def __init__(self, cin, filters, stride, conv_shortcut):
        super().__init__()
        self.stride = stride
        self.preact_bn = keras_bn(cin)
        self.shortcut = conv(cin, 4 * filters, 1, stride, True) if conv_shortcut else None
        self.conv1 = conv(cin, filters, 1, 1, False)
        self.bn1 = keras_bn(filters)
        self.conv2 = conv(filters, filters, 3, stride, False)
        self.bn2 = keras_bn(filters)
        self.conv3 = conv(filters, 4 * filters, 1, 1, True)

    def forward(self, x):
        preact = F.relu(self.preact_bn(x))
        if self.shortcut is not None:
            shortcut = self.shortcut(preact)
        elif self.stride > 1:
            shortcut = F.max_pool2d(x, 1, stride=self.stride)  # MaxPooling2D(1, stride) of raw x
        else:
            shortcut = x
        y = F.relu(self.bn1(self.conv1(preact)))
        y = F.relu(self.bn2(self.conv2(y)))
        return shortcut + self.conv3(y)


class KneeClassifier(nn.Module):
    """ResNetV2 backbone (pooling='avg') + Dense(128, relu) -> Dropout(0.2) -> Dense(5)."""

    def __init__(self, blocks=(3, 8, 36, 3), base=64, hidden=128, classes=5, dropout=0.2):
        super().__init__()
        self.stem = conv(3, base, 7, 2, True)
        layers, cin = [], base
        for stack, count in enumerate(blocks):
            filters = base << stack
            last_stride = 2 if stack < 3 else 1
            for b in range(1, count + 1):
                stride = last_stride if b == count else 1
                layers.append(PreActBottleneck(cin, filters, stride, b == 1))
                cin = 4 * filters
        self.blocks = nn.Sequential(*layers)
        self.post_bn = keras_bn(cin)
        self.dense = nn.Linear(cin, hidden)
        self.dropout = nn.Dropout(dropout)
        self.logits = nn.Linear(hidden, classes)
        self._init_like_keras()

    def _init_like_keras(self):
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_uniform_(m.weight)  # glorot_uniform
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.stem(x)
        x = F.max_pool2d(F.pad(x, (1, 1, 1, 1)), 3, stride=2)  # ZeroPadding2D(1) + MaxPooling2D(3, 2)
        x = self.blocks(x)
        x = F.relu(self.post_bn(x))
        x = x.mean((2, 3))
        x = F.relu(self.dense(x))
        return self.logits(self.dropout(x))


def keras_parameter_count(model):
    weights = sum(p.numel() for p in model.parameters())
    statistics = sum(b.numel() for name, b in model.named_buffers() if "running_" in name)
    return weights + statistics


def forward_flops_per_image(model, side):
    """Multiply-adds of every convolution and dense layer, times two, for one image."""
    total = [0]

    def count(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            total[0] += 2 * output.numel() * (module.in_channels // module.groups) * kh * kw
        elif isinstance(module, nn.Linear):
            total[0] += 2 * output.numel() * module.in_features

    hooks = [m.register_forward_hook(count) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model.eval()
        model(torch.zeros(1, 3, side, side))
    for h in hooks:
        h.remove()
    return total[0]


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def matmul_peak(device, sizes=(4096, 8192, 16384), iterations=20):
    """Best bf16 matmul rate over a few square sizes: TFLOP/s this GPU really delivers."""
    best = {"tflops": 0.0, "n": 0}
    for n in sizes:
        try:
            a = torch.randn(n, n, device=device, dtype=torch.bfloat16)
            b = torch.randn(n, n, device=device, dtype=torch.bfloat16)
            for _ in range(3):
                torch.mm(a, b)
            synchronize(device)
            start = time.perf_counter()
            for _ in range(iterations):
                torch.mm(a, b)
            synchronize(device)
            seconds = time.perf_counter() - start
        except RuntimeError as error:  # out of memory on a small device
            print(f"matmul {n}: {error}", file=sys.stderr)
            continue
        tflops = 2.0 * n ** 3 * iterations / seconds / 1e12
        if tflops > best["tflops"]:
            best = {"tflops": tflops, "n": n}
        del a, b
    return best


def run_configuration(args, device, batch, precision, channels_last, flops_per_image, peak):
    torch.manual_seed(42)
    model = KneeClassifier().to(device)
    memory_format = torch.channels_last if channels_last else torch.contiguous_format
    model = model.to(memory_format=memory_format)
    steps, warmup = args.steps, args.warmup
    # Host batches as a loader hands them over (pinned on CUDA, copied without blocking).
    images = (torch.randn(args.distinct_batches, batch, 3, args.size, args.size) * 0.5).clamp(-1, 1)
    labels = torch.randint(0, 5, (args.distinct_batches, batch))
    if device.type == "cuda":
        images, labels = images.pin_memory(), labels.pin_memory()
    autocast = torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=precision == "bf16")
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    record = {"kind": args.mode, "device": str(device), "batch": batch, "precision": precision,
              "channels_last": channels_last, "size": args.size, "steps": steps, "warmup": warmup}
    if args.mode == "train":
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, eps=ADAM_EPS)  # foreach by default on CUDA
        record["optimizer"] = "torch.optim.Adam (default: foreach on CUDA)"

        def step(i):
            x = images[i % args.distinct_batches].to(device, non_blocking=True).contiguous(memory_format=memory_format)
            y = labels[i % args.distinct_batches].to(device, non_blocking=True)
            with autocast:
                loss = F.cross_entropy(model(x), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            return loss
    else:
        model.eval()

        def step(i):
            x = images[i % args.distinct_batches].to(device, non_blocking=True).contiguous(memory_format=memory_format)
            with torch.inference_mode(), autocast:
                return model(x)

    for i in range(warmup):
        step(i)
    synchronize(device)
    start = time.perf_counter()
    for i in range(steps):
        out = step(warmup + i)
    synchronize(device)
    seconds = time.perf_counter() - start
    if args.mode == "train" and not torch.isfinite(out).item():
        raise RuntimeError(f"non-finite loss in {record}")
    rate = batch * steps / seconds
    # A training step is about three forward passes' work (forward, input and weight gradients).
    flops = flops_per_image * (3 if args.mode == "train" else 1)
    record.update({"images_per_s": round(rate, 1), "step_s": round(seconds / steps, 5),
                   "tflops": round(rate * flops / 1e12, 2)})
    if peak["tflops"] > 0:
        record["fraction_of_bf16_peak"] = round(rate * flops / 1e12 / peak["tflops"], 4)
    if device.type == "cuda":
        record["peak_memory_gib"] = round(torch.cuda.max_memory_allocated(device) / 2 ** 30, 2)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--mode", choices=("train", "infer"), default="train")
    parser.add_argument("--batch", type=int, nargs="+", default=[32])
    parser.add_argument("--precision", choices=("fp32", "bf16"), nargs="+", default=["fp32", "bf16"])
    parser.add_argument("--memory-format", choices=("channels_last", "nchw"), nargs="+", default=["channels_last"])
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--steps", type=int, default=16, help="timed steps (after the warm-up)")
    parser.add_argument("--warmup", type=int, default=8)
    parser.add_argument("--distinct-batches", type=int, default=4, help="host batches cycled through")
    parser.add_argument("--no-peak", action="store_true", help="skip the bf16 matmul peak")
    parser.add_argument("--threads", type=int, default=0, help="CPU intra-op threads (0: PyTorch's default)")
    args = parser.parse_args()

    device = torch.device(args.device)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    # As the C++ trainer runs fp32 on CUDA: TF32 matmuls and convolutions, cuDNN autotuning.
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    torch.backends.cudnn.benchmark = True

    reference = KneeClassifier()
    count = keras_parameter_count(reference)
    flops = forward_flops_per_image(reference, args.size)
    info = {"kind": "model", "name": "resnet152v2 + tutorial head", "keras_parameters": count,
            "expected": KERAS_PARAMETERS_152V2_TUTORIAL_HEAD, "forward_gflops_per_image": round(flops / 1e9, 3),
            "torch": torch.__version__, "cuda": torch.version.cuda, "threads": torch.get_num_threads(),
            "device_name": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"}
    print(json.dumps(info), flush=True)
    assert count == KERAS_PARAMETERS_152V2_TUTORIAL_HEAD, f"parameter count {count} != {KERAS_PARAMETERS_152V2_TUTORIAL_HEAD}"
    del reference

    peak = {"tflops": 0.0, "n": 0}
    if device.type == "cuda" and not args.no_peak:
        peak = matmul_peak(device)
        print(json.dumps({"kind": "matmul_peak", "dtype": "bf16", "tflops": round(peak["tflops"], 1), "n": peak["n"]}),
              flush=True)

    status = 0
    for batch in args.batch:
        for precision in args.precision:
            for memory_format in args.memory_format:
                try:
                    record = run_configuration(args, device, batch, precision, memory_format == "channels_last", flops, peak)
                except RuntimeError as error:  # e.g. out of memory at a large batch
                    record = {"kind": args.mode, "batch": batch, "precision": precision,
                              "channels_last": memory_format == "channels_last", "error": str(error).splitlines()[0]}
                    status = 1
                print(json.dumps(record), flush=True)
                if device.type == "cuda":
                    torch.cuda.empty_cache()
    return status


if __name__ == "__main__":
    sys.exit(main())
