#!/usr/bin/env python3
"""Writes a Keras-layout .h5 weights file for a small ResNetV2 and its expected outputs.

The forward pass is an independent NumPy (float64, NHWC) implementation of what
keras.applications.resnet_v2 builds (keras/src/applications/resnet.py: ResNet,
residual_block_v2, stack_residual_blocks_v2), so the C++ import and network are checked
against Keras semantics, not against themselves: ZeroPadding2D + 'valid' convolutions, a
zero-padded max pool, the stride in the last block of each stack, the shortcut rules,
BatchNormalization with epsilon 1.001e-5 and the given moving statistics, global pooling,
Dense layers.

Outputs in --out: weights file (--file), and per --sizes entry S:
  input_S.f32     batch×S×S×3 float32, row-major NHWC (already preprocessed, in [-1, 1])
  features_S.f32  batch×C float32: the pooled backbone output (the head's input)
  logits_S.f32    batch×K float32: pre-softmax output of the head or of `predictions`
and meta.json describing them. Needs only numpy and h5py (Debian: python3-numpy python3-h5py).
"""
import argparse
import json
import os

import h5py
import numpy as np

EPSILON = 1.001e-5


# ---------------------------------------------------------------------------------------
# The model description: Keras layers in model.layers order, with their weights.
# ---------------------------------------------------------------------------------------

class Builder:
    """Creates weights and records layers the way a Keras functional model lists them."""

    def __init__(self, rng):
        self.rng = rng
        self.layers = []        # (name, [(weight_name, array)]) in model.layers order
        self.params = {}        # name -> {attr: array}
        self.unnamed = {}

    def auto_name(self, base):
        index = self.unnamed.get(base, 0)
        self.unnamed[base] = index + 1
        return base if index == 0 else "%s_%d" % (base, index)

    def add(self, name, weights=()):
        self.layers.append((name, list(weights)))
        self.params[name] = dict(weights)
        return name

    def conv(self, name, kh, cin, cout, bias):
        fan_in = kh * kh * cin
        weights = [("kernel", self.rng.normal(0.0, np.sqrt(2.0 / fan_in), (kh, kh, cin, cout)))]
        if bias:
            weights.append(("bias", self.rng.normal(0.0, 0.1, (cout,))))
        return self.add(name, weights)

    def bn(self, name, channels):
        # Non-trivial statistics: a BN that is wrongly mapped or ignored changes the output.
        return self.add(name, [
            ("gamma", self.rng.uniform(0.5, 1.5, (channels,))),
            ("beta", self.rng.normal(0.0, 0.2, (channels,))),
            ("moving_mean", self.rng.normal(0.0, 0.3, (channels,))),
            ("moving_variance", self.rng.uniform(0.4, 2.0, (channels,))),
        ])

    def dense(self, name, cin, cout):
        return self.add(name, [
            ("kernel", self.rng.normal(0.0, np.sqrt(1.0 / cin), (cin, cout))),
            ("bias", self.rng.normal(0.0, 0.1, (cout,))),
        ])


def parse_arch(spec):
    named = {"resnet50v2": ([3, 4, 6, 3], 64), "resnet101v2": ([3, 4, 23, 3], 64),
             "resnet152v2": ([3, 8, 36, 3], 64)}
    if spec in named:
        return named[spec]
    if not spec.startswith("resnetv2:"):
        raise SystemExit("unknown architecture " + spec)
    blocks, filters = spec[len("resnetv2:"):].split(":")
    return [int(b) for b in blocks.split(",")], int(filters)


def build(args, rng):
    """Returns (builder, ops): ops is the forward program interpreted by run()."""
    blocks, base = parse_arch(args.arch)
    b = Builder(rng)
    ops = []
    b.add("input_1")
    b.add("conv1_pad")
    ops.append(("pad", 3))
    ops.append(("conv", b.conv("conv1_conv", 7, 3, base, True), 2))
    b.add("pool1_pad")
    ops.append(("pad", 1))
    b.add("pool1_pool")
    ops.append(("maxpool", 3, 2))
    channels = base
    for stack in range(4):
        filters = base << stack
        stride1 = 2 if stack < 3 else 1
        # stack_residual_blocks_v2: block1 with a conv shortcut, blocks 2..n-1 plain, the
        # last block strided. Keras cannot build a one-block stack (both calls would be
        # named "_block1"); KneeGrade's small variants merge them into one block with the
        # conv shortcut *and* the stride, which is what residual_block_v2 computes for
        # conv_shortcut=True, stride=stride1.
        plan = []
        if blocks[stack] == 1:
            plan.append((1, stride1, True))
        else:
            plan.append((1, 1, True))
            for i in range(2, blocks[stack]):
                plan.append((i, 1, False))
            plan.append((blocks[stack], stride1, False))
        for index, stride, conv_shortcut in plan:
            name = "conv%d_block%d" % (stack + 2, index)
            block = {"stride": stride}
            block["preact_bn"] = b.bn(name + "_preact_bn", channels)
            b.add(name + "_preact_relu")
            if conv_shortcut:
                block["shortcut"] = ("conv", b.conv(name + "_0_conv", 1, channels, 4 * filters, True))
            elif stride > 1:
                block["shortcut"] = ("maxpool", b.add(b.auto_name("max_pooling2d")))
            else:
                block["shortcut"] = ("identity", None)
            block["1_conv"] = b.conv(name + "_1_conv", 1, channels, filters, False)
            block["1_bn"] = b.bn(name + "_1_bn", filters)
            b.add(name + "_1_relu")
            b.add(name + "_2_pad")
            block["2_conv"] = b.conv(name + "_2_conv", 3, filters, filters, False)
            block["2_bn"] = b.bn(name + "_2_bn", filters)
            b.add(name + "_2_relu")
            block["3_conv"] = b.conv(name + "_3_conv", 1, filters, 4 * filters, True)
            b.add(name + "_out")
            ops.append(("block", block))
            channels = 4 * filters
    ops.append(("bn", b.bn("post_bn", channels)))
    b.add("post_relu")
    ops.append(("relu",))
    if args.top:
        b.add("avg_pool")
        ops.append(("features", "avg"))
        ops.append(("dense", b.dense("predictions", channels, 1000), False))
    else:
        b.add("avg_pool" if args.pooling == "avg" else "max_pool")
        ops.append(("features", args.pooling))
    return b, ops, channels


def build_head(args, b, width, rng):
    """The tutorial's head: Dense(h, relu)… → Dropout → Dense(classes) (softmax not applied)."""
    head = Builder(rng)
    head.unnamed = {}
    ops = []
    names = []
    for units in args.head:
        names.append(head.dense(head.auto_name("dense"), width, units))
        ops.append(("dense", names[-1], True))
        width = units
    head.add("dropout")
    names.append(head.dense(head.auto_name("dense"), width, args.classes))
    ops.append(("dense", names[-1], False))
    return head, ops


# ---------------------------------------------------------------------------------------
# NumPy forward pass with Keras semantics (NHWC, float64).
# ---------------------------------------------------------------------------------------

def zero_pad(x, p):
    return np.pad(x, ((0, 0), (p, p), (p, p), (0, 0)))


def conv_valid(x, kernel, bias, stride):
    kh, kw, _, cout = kernel.shape
    n, h, w, _ = x.shape
    oh = (h - kh) // stride + 1
    ow = (w - kw) // stride + 1
    out = np.zeros((n, oh, ow, cout))
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i:i + stride * (oh - 1) + 1:stride, j:j + stride * (ow - 1) + 1:stride, :]
            out += patch @ kernel[i, j]
    if bias is not None:
        out += bias
    return out


def max_pool_valid(x, k, stride):
    n, h, w, c = x.shape
    oh = (h - k) // stride + 1
    ow = (w - k) // stride + 1
    out = np.full((n, oh, ow, c), -np.inf)
    for i in range(k):
        for j in range(k):
            out = np.maximum(out, x[:, i:i + stride * (oh - 1) + 1:stride, j:j + stride * (ow - 1) + 1:stride, :])
    return out


def batch_norm(x, p):
    return (x - p["moving_mean"]) / np.sqrt(p["moving_variance"] + EPSILON) * p["gamma"] + p["beta"]


def relu(x):
    return np.maximum(x, 0.0)


def conv_layer(params, name, x, stride, pad=0):
    if pad:
        x = zero_pad(x, pad)
    p = params[name]
    return conv_valid(x, p["kernel"], p.get("bias"), stride)


def run_block(params, block, x):
    preact = relu(batch_norm(x, params[block["preact_bn"]]))
    kind, name = block["shortcut"]
    if kind == "conv":
        shortcut = conv_layer(params, name, preact, block["stride"])
    elif kind == "maxpool":
        shortcut = max_pool_valid(x, 1, block["stride"])   # MaxPooling2D(1, strides=stride)(x)
    else:
        shortcut = x
    y = relu(batch_norm(conv_layer(params, block["1_conv"], preact, 1), params[block["1_bn"]]))
    y = relu(batch_norm(conv_layer(params, block["2_conv"], y, block["stride"], pad=1), params[block["2_bn"]]))
    return shortcut + conv_layer(params, block["3_conv"], y, 1)


def run(params, ops, x):
    features = None
    for op in ops:
        kind = op[0]
        if kind == "pad":
            x = zero_pad(x, op[1])
        elif kind == "conv":
            x = conv_layer(params, op[1], x, op[2])
        elif kind == "maxpool":
            x = max_pool_valid(x, op[1], op[2])
        elif kind == "block":
            x = run_block(params, op[1], x)
        elif kind == "bn":
            x = batch_norm(x, params[op[1]])
        elif kind == "relu":
            x = relu(x)
        elif kind == "features":
            x = x.mean(axis=(1, 2)) if op[1] == "avg" else x.max(axis=(1, 2))
            features = x
        elif kind == "dense":
            p = params[op[1]]
            x = x @ p["kernel"] + p["bias"]
            if op[2]:
                x = relu(x)
    return features, x


# ---------------------------------------------------------------------------------------
# Writing the file the way Keras does.
# ---------------------------------------------------------------------------------------

STRING_STYLE = {"vlen": False, "chunks": 1}


def save_attribute(group, name, values):
    # keras save_attributes_to_hdf5_group: a NumPy array of byte strings (fixed-length 'S'),
    # or, for a layer without weights, np.asarray([]) (an empty float64 array). Lists too big
    # for an HDF5 object header are split into name0, name1, … (--chunk-names imitates that);
    # --vlen-strings stores variable-length strings as other h5 writers do.
    if STRING_STYLE["vlen"] and values:
        data = np.array([v.decode("utf8") for v in values], dtype=h5py.string_dtype())
    else:
        data = np.asarray(values)
    if name == "layer_names" and STRING_STYLE["chunks"] > 1:
        for index, chunk in enumerate(np.array_split(data, STRING_STYLE["chunks"])):
            group.attrs["%s%d" % (name, index)] = chunk
    else:
        group.attrs[name] = data


def write_layer_group(parent, layer_name, weights, suffix, scramble, rng):
    g = parent.create_group(layer_name)
    order = list(range(len(weights)))
    if scramble:
        rng.shuffle(order)
    names = [("%s/%s%s" % (owner, attr, suffix)).encode("utf8") for owner, attr, _ in (weights[i] for i in order)]
    save_attribute(g, "weight_names", names)
    for (owner, attr, value), name in zip((weights[i] for i in order), names):
        g.create_dataset(name.decode("utf8"), data=value.astype(np.float32))


def write_legacy(root, layers, args, rng):
    """tf.keras 2 save_weights / model.save (h5) and Keras 3's legacy h5 writer."""
    suffix = "" if args.layout == "keras3-h5" else ":0"
    listing = list(layers)
    if args.nested:
        # The tutorial's model: Input → ResNet (one nested layer) → head layers.
        backbone = [(name, weights) for name, weights in listing if not is_head(name)]
        head = [(name, weights) for name, weights in listing if is_head(name)]
        nested_weights = [(name, attr, value) for name, weights in backbone for attr, value in weights]
        listing = [("input_2", [])] + [(args.nested, None)] + head
    save_attribute(root, "layer_names", [name.encode("utf8") for name, _ in listing])
    root.attrs["backend"] = b"tensorflow"
    root.attrs["keras_version"] = b"3.4.1" if args.layout == "keras3-h5" else b"2.2.4"
    groups = list(listing)
    if args.scramble or args.layout == "keras3-h5":
        groups.sort(key=lambda item: item[0])   # Keras 3 writes the groups sorted by name
    for name, weights in groups:
        if weights is None:
            write_layer_group(root, name, nested_weights, suffix, args.scramble, rng)
        else:
            write_layer_group(root, name, [(name, attr, value) for attr, value in weights], suffix, args.scramble, rng)
    if args.layout == "keras3-h5":
        save_attribute(root.create_group("top_level_model_weights"), "weight_names", [])


def write_keras3(root, layers, args):
    """Keras 3 model.save_weights("x.weights.h5"): /layers/<name>/vars/<index>."""
    root.create_group("vars")
    container = root.create_group("layers")
    if args.nested:
        nested = container.create_group(args.nested)
        nested.create_group("vars")
        inner = nested.create_group("layers")
    for name, weights in layers:
        parent = inner if args.nested and not is_head(name) else container
        vars_group = parent.create_group(name).create_group("vars")
        for index, (attr, value) in enumerate(weights):
            vars_group.create_dataset(str(index), data=value.astype(np.float32))


def is_head(name):
    return name == "dropout" or name == "dense" or name.startswith("dense_")


def write_file(path, layers, args, rng):
    with h5py.File(path, "w") as f:
        if args.layout == "legacy":
            write_legacy(f, layers, args, rng)
        elif args.layout in ("model-save", "keras3-h5"):
            f.attrs["model_config"] = json.dumps({"class_name": "Functional", "config": {"name": "resnetv2"}}).encode("utf8")
            f.attrs["keras_version"] = b"3.4.1" if args.layout == "keras3-h5" else b"2.13.1"
            f.attrs["backend"] = b"tensorflow"
            write_legacy(f.create_group("model_weights"), layers, args, rng)
        elif args.layout == "keras3":
            write_keras3(f, layers, args)
        else:
            raise SystemExit("unknown layout " + args.layout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--file", default="weights.h5", help="name of the weights file in --out")
    parser.add_argument("--arch", default="resnetv2:1,1,2,1:8", help="resnetv2:B1,B2,B3,B4:F or resnet50v2…")
    parser.add_argument("--pooling", default="avg", choices=["avg", "max"])
    parser.add_argument("--top", action="store_true", help="include the 1000-class predictions layer")
    parser.add_argument("--head", default="", help="the tutorial head's hidden units, e.g. 16 or 16,8; "
                        "'linear' for Dense(classes) alone; empty: no head")
    parser.add_argument("--classes", type=int, default=5)
    parser.add_argument("--layout", default="legacy", choices=["legacy", "model-save", "keras3-h5", "keras3"])
    parser.add_argument("--nested", default="", help="nest the backbone as one layer with this name (tutorial model)")
    parser.add_argument("--scramble", action="store_true", help="shuffle group and weight_names order")
    parser.add_argument("--omit-layer", default="", help="leave this layer's weights out of the file")
    parser.add_argument("--wrong-shape", default="", help="add one output channel to this layer's kernel")
    parser.add_argument("--chunk-names", type=int, default=1, help="split layer_names into this many attributes")
    parser.add_argument("--vlen-strings", action="store_true", help="variable-length string attributes")
    parser.add_argument("--sizes", default="72", help="comma-separated square input sizes")
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with_head = args.head != ""
    args.head = [] if args.head in ("", "linear") else [int(u) for u in args.head.split(",")]

    STRING_STYLE.update(vlen=args.vlen_strings, chunks=args.chunk_names)
    rng = np.random.default_rng(args.seed)
    b, ops, channels = build(args, rng)
    layers = list(b.layers)
    params = dict(b.params)
    if with_head:
        head, head_ops = build_head(args, b, 1000 if args.top else channels, rng)
        ops = ops + head_ops
        layers += head.layers
        params.update(head.params)

    # The expected outputs use the intact weights; the file may then be damaged on request.
    os.makedirs(args.out, exist_ok=True)
    meta = {"arch": args.arch, "top": args.top, "pooling": args.pooling, "head": with_head, "hidden": args.head,
            "classes": args.classes, "batch": args.batch, "cases": []}
    for size in [int(s) for s in args.sizes.split(",") if s]:
        x = rng.uniform(-1.0, 1.0, (args.batch, size, size, 3))
        features, logits = run(params, ops, x)
        x.astype("<f4").tofile(os.path.join(args.out, "input_%d.f32" % size))
        features.astype("<f4").tofile(os.path.join(args.out, "features_%d.f32" % size))
        logits.astype("<f4").tofile(os.path.join(args.out, "logits_%d.f32" % size))
        meta["cases"].append({"size": size, "features": list(features.shape), "logits": list(logits.shape)})

    weighted = [(name, weights) for name, weights in layers]
    if args.layout == "keras3":
        weighted = [(name, weights) for name, weights in weighted if weights]
    if args.omit_layer:
        weighted = [(name, weights) for name, weights in weighted if name != args.omit_layer]
    if args.wrong_shape:
        fixed = []
        for name, weights in weighted:
            if name == args.wrong_shape:
                kernel = dict(weights)["kernel"]
                grown = np.concatenate([kernel, kernel[..., :1]], axis=-1)
                weights = [(attr, grown if attr == "kernel" else value) for attr, value in weights]
            fixed.append((name, weights))
        weighted = fixed
    write_file(os.path.join(args.out, args.file), weighted, args, rng)
    meta["layers"] = [name for name, weights in layers if weights]
    with open(os.path.join(args.out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)


if __name__ == "__main__":
    main()
