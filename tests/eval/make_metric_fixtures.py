#!/usr/bin/env python3
"""Reference values for tests/eval/test_metrics.cpp, computed with scikit-learn.

Writes tests/eval/fixtures/metrics_sklearn.json (or --output PATH): label/prediction/
probability sets and what scikit-learn says about them (classification_report text and
dict, confusion matrix, balanced accuracy, quadratic weighted kappa, MAE, one-vs-rest ROC
AUC per class), plus top-label ECE from the small NumPy reference below and the NLL-optimal
temperature from SciPy. Deterministic: rerun after changing it and commit the JSON.

    /usr/bin/python3 tests/eval/make_metric_fixtures.py
"""
import argparse
import json
import math
import os
import warnings

import numpy as np
import scipy
import scipy.optimize
import sklearn
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, classification_report,
                             cohen_kappa_score, confusion_matrix, mean_absolute_error,
                             multilabel_confusion_matrix, roc_auc_score)

KL_NAMES = ["0 Healthy", "1 Doubtful", "2 Minimal", "3 Moderate", "4 Severe"]
TRAIN_SHARE = [0.396, 0.181, 0.262, 0.131, 0.030]  # KL grade shares of the real train split
ECE_BINS = 15
REPORT_DIGITS = [2, 4]


def nan_to_none(value):
    if isinstance(value, (list, tuple)):
        return [nan_to_none(v) for v in value]
    if isinstance(value, dict):
        return {k: nan_to_none(v) for k, v in value.items()}
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def ece_reference(y, probs, n_bins=ECE_BINS):
    """Top-label ECE and MCE (Guo et al. 2017): confidence = max probability, correct =
    argmax == y; bins (lo, hi] of equal width (the first also holds 0); ECE weights the
    gap |accuracy - confidence| of each bin by n_b/N, MCE is the largest gap."""
    conf = np.clip(probs.max(axis=1), 0.0, 1.0)
    correct = probs.argmax(axis=1) == y
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    ece, mce, bins = 0.0, 0.0, []
    for b in range(n_bins):
        lo, hi = edges[b], edges[b + 1]
        in_bin = ((conf > lo) | (b == 0)) & (conf <= hi)
        n = int(in_bin.sum())
        acc = float(correct[in_bin].mean()) if n else 0.0
        mean_conf = float(conf[in_bin].mean()) if n else 0.0
        if n:
            ece += abs(acc - mean_conf) * n / len(y)
            mce = max(mce, abs(acc - mean_conf))
        bins.append({"lower": float(lo), "upper": float(hi), "count": n,
                     "accuracy": acc, "confidence": mean_conf})
    return ece, mce, bins


def case(name, y_true, y_pred, k, probs=None, names=None, digits=REPORT_DIGITS):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    names = names or (KL_NAMES if k == 5 else ["class %d" % i for i in range(k)])
    labels = list(range(k))
    expected = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected["report_text"] = {str(d): classification_report(
            y_true, y_pred, labels=labels, target_names=names, digits=d) for d in digits}
        expected["report_dict"] = classification_report(
            y_true, y_pred, labels=labels, target_names=names, output_dict=True)
        expected["kappa_quadratic"] = float(cohen_kappa_score(
            y_true, y_pred, labels=labels, weights="quadratic"))
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    expected["confusion_matrix"] = cm.tolist()
    expected["confusion_matrix_normalised"] = confusion_matrix(
        y_true, y_pred, labels=labels, normalize="true").tolist()
    expected["accuracy"] = accuracy_score(y_true, y_pred)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        expected["balanced_accuracy"] = balanced_accuracy_score(y_true, y_pred)
    expected["balanced_accuracy_warning"] = any(
        "y_pred contains classes not in y_true" in str(w.message) for w in caught)
    expected["mean_absolute_error"] = mean_absolute_error(y_true, y_pred)
    mcm = multilabel_confusion_matrix(y_true, y_pred, labels=labels)
    tn, fp, fn, tp = mcm[:, 0, 0], mcm[:, 0, 1], mcm[:, 1, 0], mcm[:, 1, 1]
    expected["sensitivity"] = [tp[i] / (tp[i] + fn[i]) if tp[i] + fn[i] else math.nan
                               for i in labels]
    expected["specificity"] = [tn[i] / (tn[i] + fp[i]) if tn[i] + fp[i] else math.nan
                               for i in labels]
    if probs is not None:
        aucs = []
        for i in labels:
            positive = (y_true == i).astype(int)
            if positive.min() == positive.max():
                aucs.append(math.nan)  # roc_auc_score raises: only one class present
            else:
                aucs.append(roc_auc_score(positive, probs[:, i]))
        expected["roc_auc"] = aucs
        defined = [a for a in aucs if not math.isnan(a)]
        expected["roc_auc_macro"] = float(np.mean(defined)) if defined else math.nan
        if k > 2 and len(defined) == k and np.allclose(probs.sum(axis=1), 1.0):
            expected["roc_auc_ovr_sklearn"] = roc_auc_score(
                y_true, probs, multi_class="ovr", average="macro", labels=labels)
        expected["ece"], expected["mce"], expected["calibration_bins"] = ece_reference(y_true, probs)
    return nan_to_none({
        "name": name, "num_classes": k, "class_names": names,
        "y_true": y_true.tolist(), "y_pred": y_pred.tolist(),
        "probabilities": None if probs is None else probs.tolist(),
        "report_digits": list(digits), "expected": expected})


def noisy_probabilities(rng, y, k, skill, decimals):
    """Probabilities from logits that favour the true grade (and its neighbours)."""
    n = len(y)
    grades = np.arange(k)
    logits = rng.normal(0.0, 1.0, size=(n, k))
    logits -= skill * np.abs(grades[None, :] - y[:, None])
    probs = np.round(softmax(logits), decimals)
    return probs


def make_cases():
    rng = np.random.default_rng(20240501)
    cases = []

    y = rng.choice(5, size=300, p=TRAIN_SHARE)
    p = noisy_probabilities(rng, y, 5, 1.2, 6)
    cases.append(case("random_imbalanced_300", y, p.argmax(axis=1), 5, p, digits=[2, 3, 4]))

    y = rng.choice(5, size=500, p=TRAIN_SHARE)
    p = noisy_probabilities(rng, y, 5, 0.8, 2)  # two decimals: many tied scores
    cases.append(case("random_imbalanced_ties_500", y, p.argmax(axis=1), 5, p))

    y = rng.choice(5, size=200, p=[0.2] * 5)
    p = noisy_probabilities(rng, y, 5, 0.6, 1)  # one decimal: heavy ties
    cases.append(case("heavy_ties_200", y, p.argmax(axis=1), 5, p))

    # The predicted label is not the argmax (e.g. a cost-sensitive decision rule).
    y = rng.choice(5, size=150, p=TRAIN_SHARE)
    p = noisy_probabilities(rng, y, 5, 1.0, 6)
    pred = np.where(rng.random(150) < 0.3, rng.integers(0, 5, 150), p.argmax(axis=1))
    cases.append(case("pred_not_argmax_150", y, pred, 5, p))

    # Grade 4 never in y_true but predicted: recall ill-defined, balanced accuracy warns.
    y = rng.choice(4, size=120, p=[0.4, 0.2, 0.25, 0.15])
    p = noisy_probabilities(rng, y, 5, 1.0, 6)
    pred = p.argmax(axis=1)
    pred[:3] = 4
    cases.append(case("grade4_missing_in_true", y, pred, 5, p))

    # Grade 1 never predicted: precision ill-defined for it.
    y = rng.choice(5, size=120, p=TRAIN_SHARE)
    p = noisy_probabilities(rng, y, 5, 1.0, 6)
    pred = p.argmax(axis=1)
    pred[pred == 1] = 0
    cases.append(case("grade1_missing_in_pred", y, pred, 5, p))

    # Grade 3 in neither: sklearn prints a "micro avg" row instead of "accuracy".
    y = rng.choice([0, 1, 2, 4], size=80, p=[0.4, 0.2, 0.3, 0.1])
    pred = np.where(rng.random(80) < 0.7, y, rng.choice([0, 1, 2, 4], size=80))
    cases.append(case("grade3_absent_everywhere", y, pred, 5, None))

    y = np.repeat(np.arange(5), [7, 5, 6, 3, 2])
    p = np.full((len(y), 5), 0.025)
    p[np.arange(len(y)), y] = 0.9
    cases.append(case("perfect", y, y.copy(), 5, p))

    y = np.full(40, 2)
    p = noisy_probabilities(rng, y, 5, 2.0, 6)
    cases.append(case("all_one_class_correct", y, y.copy(), 5, p))

    y = np.zeros(30, dtype=int)
    p = noisy_probabilities(rng, y, 5, 0.5, 6)
    cases.append(case("all_true_zero_mixed_pred", y, p.argmax(axis=1), 5, p))

    y = rng.choice(3, size=90, p=[0.5, 0.3, 0.2])
    p = noisy_probabilities(rng, y, 3, 1.5, 6)
    names = ["none", "moderate osteoarthritis", "severe"]
    cases.append(case("three_classes_long_name", y, p.argmax(axis=1), 3, p, names=names))

    y = rng.integers(0, 10, size=250)
    p = noisy_probabilities(rng, y, 10, 0.7, 6)
    names = ["grade %d" % i for i in range(10)]
    names[2] = "KL2 \u2013 minimal"  # non-ASCII: width counts characters, not bytes
    cases.append(case("ten_classes_unicode", y, p.argmax(axis=1), 10, p, names=names))

    # Top-label confidences exactly on the bin edges (and 1.0, and a 0.5/0.5 tie): the
    # (lower, upper] rule decides their bin.
    top = np.concatenate([np.repeat(np.linspace(0.0, 1.0, ECE_BINS + 1)[8:], 3), [0.5, 0.5]])
    p = np.stack([top, 1.0 - top], axis=1)
    flip = rng.random(len(top)) < 0.5
    p[flip] = p[flip][:, ::-1]
    y = rng.integers(0, 2, size=len(top))
    cases.append(case("confidence_on_bin_edges", y, p.argmax(axis=1), 2, p, names=["0", "1"]))

    y = rng.choice(2, size=60, p=[0.7, 0.3])
    p = noisy_probabilities(rng, y, 2, 1.0, 6)
    cases.append(case("binary", y, p.argmax(axis=1), 2, p, names=["negative", "positive"]))
    return cases


def nll(logits, y, t):
    z = logits / t
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean())


def temperature_case(name, rng, n, k, t0, scale):
    """Labels sampled from softmax(z / t0): the NLL-optimal temperature is near t0."""
    logits = np.round(rng.normal(0.0, scale, size=(n, k)), 4)
    probs = softmax(logits / t0)
    y = np.array([rng.choice(k, p=row) for row in probs])
    res = scipy.optimize.minimize_scalar(
        lambda u: nll(logits, y, math.exp(u)), bounds=(math.log(0.01), math.log(100.0)),
        method="bounded", options={"xatol": 1e-12})
    t = math.exp(res.x)
    return {"name": name, "num_classes": k, "logits": logits.tolist(), "y_true": y.tolist(),
            "expected": {"temperature": t, "nll_before": nll(logits, y, 1.0),
                         "nll_after": nll(logits, y, t)}}


def make_temperature_cases():
    rng = np.random.default_rng(7)
    return [temperature_case("overconfident_t2", rng, 400, 5, 2.0, 3.0),
            temperature_case("underconfident_t0.5", rng, 400, 5, 0.5, 1.0),
            temperature_case("three_classes_t1.3", rng, 300, 3, 1.3, 2.0)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(here, "fixtures", "metrics_sklearn.json"))
    args = parser.parse_args()
    document = {
        "generator": "tests/eval/make_metric_fixtures.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__},
        "ece_bins": ECE_BINS,
        "cases": make_cases(),
        "temperature_cases": make_temperature_cases(),
    }
    # One case per line keeps diffs readable; allow_nan=False: NaN must already be null.
    with open(args.output, "w", encoding="utf-8") as out:
        out.write("{\n")
        keys = list(document)
        for i, key in enumerate(keys):
            value = document[key]
            out.write(json.dumps(key) + ": ")
            if isinstance(value, list):
                out.write("[\n" + ",\n".join(json.dumps(v, allow_nan=False, ensure_ascii=False)
                                              for v in value) + "\n]")
            else:
                out.write(json.dumps(value, allow_nan=False))
            out.write(",\n" if i + 1 < len(keys) else "\n")
        out.write("}\n")


if __name__ == "__main__":
    main()
