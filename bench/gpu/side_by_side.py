#!/usr/bin/env python3
"""Prints KneeGrade's trainer (train_gpu's throughput check) beside the Python eager
reference (python_reference.py's JSON lines): images/s, their ratio, and the achieved
TFLOP/s of each as a fraction of the bf16 matmul peak the reference measured on the same GPU.
Standard library only.  usage: side_by_side.py TRAIN_GPU_LOG PYTHON_REFERENCE_JSONL
"""
import json
import re
import sys

# train_gpu's throughput line names its configurations like this; the reference's keys follow.
TRAINER_CONFIGURATIONS = {"fp32 (TF32), autotuned": "fp32", "bf16 autocast, autotuned": "bf16"}


def trainer_rates(log_text):
    line = next((l for l in log_text.splitlines() if "throughput" in l and "img/s" in l), "")
    rates = {}
    for name, precision in TRAINER_CONFIGURATIONS.items():
        match = re.search(re.escape(name) + r" ([0-9.]+) img/s", line)
        if match:
            rates[precision] = float(match.group(1))
    batch = re.search(r"batch ([0-9]+)", line)
    return rates, int(batch.group(1)) if batch else None


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8", errors="replace") as f:
        rates, trainer_batch = trainer_rates(f.read())
    records = []
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                records.append(json.loads(line))
    model = next((r for r in records if r.get("kind") == "model"), {})
    peak = next((r for r in records if r.get("kind") == "matmul_peak"), {}).get("tflops", 0.0)
    train_flops = 3 * model.get("forward_gflops_per_image", 0.0) * 1e9  # forward + two backward products
    print(f"{model.get('device_name', '?')}, PyTorch {model.get('torch', '?')} (CUDA {model.get('cuda', '?')}); "
          f"bf16 matmul peak measured {peak:.1f} TFLOP/s; training ~{train_flops / 1e9:.1f} GFLOP/image "
          f"(3 x {model.get('forward_gflops_per_image', 0.0):.2f} forward)")
    header = ("configuration (224 px, channels-last)", "KneeGrade img/s", "Python eager img/s", "KneeGrade/Python",
              "KneeGrade TFLOP/s (of peak)", "Python TFLOP/s (of peak)", "Python peak GiB")
    print(" | ".join(header))
    status = 0
    for record in records:
        if record.get("kind") != "train" or "images_per_s" not in record:
            if record.get("kind") == "train":
                print(f"{record.get('precision')} batch {record.get('batch')}: Python reference failed: {record.get('error')}")
                status = 1
            continue
        precision, batch = record["precision"], record["batch"]
        python_rate = record["images_per_s"]
        ours = rates.get(precision) if batch == trainer_batch else None

        def tflops(rate):
            value = rate * train_flops / 1e12
            return f"{value:.1f} ({value / peak:.1%})" if peak > 0 else f"{value:.1f}"

        print(" | ".join([
            f"{precision}, batch {batch}",
            f"{ours:.1f}" if ours else "n/a",
            f"{python_rate:.1f}",
            f"{ours / python_rate:.2f}x" if ours else "n/a",
            tflops(ours) if ours else "n/a",
            tflops(python_rate),
            f"{record.get('peak_memory_gib', 0):.1f}",
        ]))
        if not ours:
            status = 1 if not rates else status
    if not rates:
        print("train_gpu's throughput line not found (it runs on CUDA only)")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
