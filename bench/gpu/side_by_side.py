#!/usr/bin/env python3
"""Prints KneeGrade's trainer (bench_trainer's JSON lines) beside the Python eager reference
(python_reference.py's JSON lines), configuration by configuration (precision, batch):
images/s, their ratio, the achieved TFLOP/s of each as a fraction of the bf16 matmul peak the
reference measured on the same GPU, and the peak memory of each.
Standard library only.  usage: side_by_side.py BENCH_TRAINER_JSONL PYTHON_REFERENCE_JSONL
"""
import json
import sys


def read_records(path):
    records = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                records.append(json.loads(line))
    return records


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    ours = {(r["precision"], r["batch"]): r for r in read_records(argv[1])
            if r.get("kind") == "trainer" and not r.get("deterministic")}
    records = read_records(argv[2])
    model = next((r for r in records if r.get("kind") == "model"), {})
    peak = next((r for r in records if r.get("kind") == "matmul_peak"), {}).get("tflops", 0.0)
    train_flops = 3 * model.get("forward_gflops_per_image", 0.0) * 1e9  # forward + two backward products
    print(f"{model.get('device_name', '?')}, PyTorch {model.get('torch', '?')} (CUDA {model.get('cuda', '?')}); "
          f"bf16 matmul peak measured {peak:.1f} TFLOP/s; training ~{train_flops / 1e9:.1f} GFLOP/image "
          f"(3 x {model.get('forward_gflops_per_image', 0.0):.2f} forward)")

    def tflops(rate):
        value = rate * train_flops / 1e12
        return f"{value:.1f} ({value / peak:.1%})" if peak > 0 else f"{value:.1f}"

    def gib(record):
        return f"{record['peak_memory_gib']:.1f}" if record and "peak_memory_gib" in record else "n/a"

    header = ("configuration (224 px, channels-last)", "KneeGrade img/s", "Python eager img/s", "KneeGrade/Python",
              "KneeGrade TFLOP/s (of peak)", "Python TFLOP/s (of peak)", "KneeGrade peak GiB", "Python peak GiB")
    print(" | ".join(header))
    status = 0
    best = {"KneeGrade": (0.0, ""), "Python": (0.0, "")}
    for record in records:
        if record.get("kind") != "train":
            continue
        key = (record.get("precision"), record.get("batch"))
        name = f"{key[0]}, batch {key[1]}"
        mine = ours.get(key)
        python_rate = record.get("images_per_s")
        our_rate = mine.get("images_per_s") if mine else None
        if python_rate is None:
            print(f"{name}: Python reference failed: {record.get('error')}")
        if our_rate and our_rate > best["KneeGrade"][0]:
            best["KneeGrade"] = (our_rate, name)
        if python_rate and python_rate > best["Python"][0]:
            best["Python"] = (python_rate, name)
        print(" | ".join([
            name,
            f"{our_rate:.1f}" if our_rate else ("OOM" if mine and not mine.get("fits", True) else "n/a"),
            f"{python_rate:.1f}" if python_rate else "failed",
            f"{our_rate / python_rate:.2f}x" if our_rate and python_rate else "n/a",
            tflops(our_rate) if our_rate else "n/a",
            tflops(python_rate) if python_rate else "n/a",
            gib(mine),
            f"{record.get('peak_memory_gib', 0):.1f}" if python_rate else "n/a",
        ]))
    if not ours:
        print("no bench_trainer results (it measures on CUDA, or on the CPU with --device cpu)")
        status = 1
    (our_best, our_name), (python_best, python_name) = best["KneeGrade"], best["Python"]
    if our_best and python_best:
        print(f"best configurations: KneeGrade {our_best:.1f} img/s ({our_name}), Python eager {python_best:.1f} img/s "
              f"({python_name}); KneeGrade/Python at each side's best: {our_best / python_best:.2f}x")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
