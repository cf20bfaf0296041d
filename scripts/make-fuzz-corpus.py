#!/usr/bin/env python3
"""Writes the DICOM, Keras .h5 and extra checkpoint seeds of the fuzz corpus.

scripts/make-fuzz-corpus.sh runs this after fuzz_write_seeds (PNG/JPEG/TIFF/BMP and real
checkpoints, made with OpenCV and saveCheckpoint); the replay test of the normal build
(tests/fuzz) runs it too, into a temporary folder, so no corpus is checked in.

  --out DIR       writes DIR/radiograph/*.dcm, DIR/keras_h5/*.h5, DIR/checkpoint/*.kgckpt
  --what LIST     any of dicom,real,h5,checkpoint (default: all)
  --shared DIR    the real radiographs (default: ../shared/data/radiographs beside the checkout)

dicom: small synthetic DICOMs written here byte by byte: explicit and implicit VR little
  endian, explicit big endian, deflated, without preamble; 8/16-bit, signed, 12 bits stored,
  MONOCHROME1/2, RGB (both planar configurations), multi-frame, rescale, window, modality LUT
  and VOI LUT sequences (defined and undefined lengths), presentation LUT INVERSE, patient
  identity tags; and, where gdcmconv is installed, the same re-encoded as JPEG baseline,
  JPEG lossless, JPEG 2000 (lossless and lossy), JPEG-LS, RLE and fragmented encapsulation.
real: each real file in --shared with its own data set (sequences, LUTs, windows, private
  tags) but 48x40 pixels in the file's own transfer syntax (re-encoded with gdcmconv), so the
  fuzzer starts from real headers without decoding megapixels per run. The real files
  themselves are never copied.
h5: Keras weights for resnetv2:1,1,1,1:4 with a 16-unit head (what fuzz_keras_h5 imports
  into) in every layout tests/model/make_keras_reference.py writes.
checkpoint: checkpoint headers with unusual metadata (for the header reader; the complete
  checkpoints come from fuzz_write_seeds).

Needs python3 with numpy and h5py (Debian: python3-numpy python3-h5py); gdcmconv
(libgdcm-tools) is optional.
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

EXPLICIT_LE = "1.2.840.10008.1.2.1"
IMPLICIT_LE = "1.2.840.10008.1.2"
EXPLICIT_BE = "1.2.840.10008.1.2.2"
DEFLATED = "1.2.840.10008.1.2.1.99"
CR_IMAGE = "1.2.840.10008.5.1.4.1.1.1"
SC_IMAGE = "1.2.840.10008.5.1.4.1.1.7"
LONG_VRS = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"}


# ---------------------------------------------------------------------------------------
# A minimal DICOM writer: elements are (tag, VR, value bytes or list of items).
# ---------------------------------------------------------------------------------------

def pad(value, vr):
    if len(value) % 2:
        value += b"\0" if vr in ("UI", "OB", "UN") else b" "
    return value


def text(vr, s):
    return pad(s.encode("ascii"), vr)


def us(*values, big=False):
    return struct.pack((">" if big else "<") + "%dH" % len(values), *values)


class Element:
    def __init__(self, tag, vr, value, undefined=False):
        self.tag, self.vr, self.value, self.undefined = tag, vr, value, undefined


def encode_elements(elements, explicit=True, big=False):
    out = bytearray()
    endian = ">" if big else "<"
    for e in sorted(elements, key=lambda e: e.tag):
        group, element = e.tag >> 16, e.tag & 0xFFFF
        if e.vr == "SQ":
            body = bytearray()
            for item in e.value:
                inner = encode_elements(item, explicit, big)
                if e.undefined:
                    body += struct.pack(endian + "HHI", 0xFFFE, 0xE000, 0xFFFFFFFF) + inner
                    body += struct.pack(endian + "HHI", 0xFFFE, 0xE00D, 0)
                else:
                    body += struct.pack(endian + "HHI", 0xFFFE, 0xE000, len(inner)) + inner
            if e.undefined:
                body += struct.pack(endian + "HHI", 0xFFFE, 0xE0DD, 0)
            length = 0xFFFFFFFF if e.undefined else len(body)
            value = bytes(body)
        else:
            value = e.value
            length = 0xFFFFFFFF if e.undefined else len(value)
        out += struct.pack(endian + "HH", group, element)
        if explicit:
            out += e.vr.encode("ascii")
            if e.vr in LONG_VRS:
                out += b"\0\0" + struct.pack(endian + "I", length)
            else:
                out += struct.pack(endian + "H", length)
        else:
            out += struct.pack(endian + "I", length)
        out += value
    return bytes(out)


def file_meta(transfer_syntax, sop_class=CR_IMAGE, sop_instance="1.2.826.0.1.3680043.10.1051.1"):
    elements = [
        Element(0x00020001, "OB", b"\0\1"),
        Element(0x00020002, "UI", text("UI", sop_class)),
        Element(0x00020003, "UI", text("UI", sop_instance)),
        Element(0x00020010, "UI", text("UI", transfer_syntax)),
        Element(0x00020012, "UI", text("UI", "1.2.826.0.1.3680043.10.1051")),
        Element(0x00020013, "SH", text("SH", "KNEEGRADE_FUZZ")),
    ]
    body = encode_elements(elements)
    return encode_elements([Element(0x00020000, "UL", struct.pack("<I", len(body)))]) + body


def dicom_file(elements, transfer_syntax=EXPLICIT_LE, preamble=True, meta=True):
    big = transfer_syntax == EXPLICIT_BE
    explicit = transfer_syntax != IMPLICIT_LE
    data = encode_elements(elements, explicit, big)
    if transfer_syntax == DEFLATED:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        data = compressor.compress(data) + compressor.flush()
    head = (b"\0" * 128 + b"DICM") if preamble else b""
    return head + (file_meta(transfer_syntax) if meta else b"") + data


# ---------------------------------------------------------------------------------------
# Synthetic images.
# ---------------------------------------------------------------------------------------

def pixels(np, rows, cols, frames=1, samples=1, bits_stored=8, signed=False, planar=0):
    y, x = np.mgrid[0:rows, 0:cols]
    top = (1 << bits_stored) - 1
    base = ((x * 7 + y * 3) % (cols + rows)) / float(cols + rows)
    stack = []
    for f in range(frames):
        frame = []
        for s in range(samples):
            value = (base + 0.13 * s + 0.05 * f) % 1.0
            frame.append(value)
        stack.append(np.stack(frame, axis=-1))
    values = np.stack(stack)  # frames, rows, cols, samples
    if signed:
        values = np.round((values - 0.5) * top).astype(np.int64)
    else:
        values = np.round(values * top).astype(np.int64)
    if samples > 1 and planar == 1:
        values = values.transpose(0, 3, 1, 2)
    return values


def image_elements(np, rows=24, cols=20, frames=1, samples=1, bits_allocated=8, bits_stored=None, signed=False,
                   photometric="MONOCHROME2", planar=0, big=False, extra=(), pixel_vr=None):
    bits_stored = bits_stored or bits_allocated
    values = pixels(np, rows, cols, frames, samples, bits_stored, signed, planar)
    dtype = {8: "u1", 16: "u2", 32: "u4"}[bits_allocated]
    if signed:
        dtype = dtype.replace("u", "i")
    raw = values.astype((">" if big else "<") + dtype).tobytes()
    endian = ">" if big else "<"
    elements = [
        Element(0x00080016, "UI", text("UI", CR_IMAGE)),
        Element(0x00080018, "UI", text("UI", "1.2.826.0.1.3680043.10.1051.1")),
        Element(0x00080060, "CS", text("CS", "CR")),
        Element(0x00180015, "CS", text("CS", "KNEE")),
        Element(0x00200062, "CS", text("CS", "L")),
        Element(0x00280002, "US", struct.pack(endian + "H", samples)),
        Element(0x00280004, "CS", text("CS", photometric)),
        Element(0x00280010, "US", struct.pack(endian + "H", rows)),
        Element(0x00280011, "US", struct.pack(endian + "H", cols)),
        Element(0x00280100, "US", struct.pack(endian + "H", bits_allocated)),
        Element(0x00280101, "US", struct.pack(endian + "H", bits_stored)),
        Element(0x00280102, "US", struct.pack(endian + "H", bits_stored - 1)),
        Element(0x00280103, "US", struct.pack(endian + "H", 1 if signed else 0)),
        Element(0x7FE00010, pixel_vr or ("OB" if bits_allocated == 8 else "OW"), pad(raw, "OB")),
    ]
    if samples > 1:
        elements.append(Element(0x00280006, "US", struct.pack(endian + "H", planar)))
    if frames > 1:
        elements.append(Element(0x00280008, "IS", text("IS", str(frames))))
    replaced = {e.tag for e in extra}
    return [e for e in elements if e.tag not in replaced] + list(extra)


def identity():
    return [
        Element(0x00080020, "DA", text("DA", "20240102")),
        Element(0x00080050, "SH", text("SH", "ACC123")),
        Element(0x00080080, "LO", text("LO", "Fuzz Hospital")),
        Element(0x00100010, "PN", text("PN", "Doe^Jane")),
        Element(0x00100020, "LO", text("LO", "PID-0001")),
        Element(0x00100030, "DA", text("DA", "19700101")),
        Element(0x00100040, "CS", text("CS", "F")),
        Element(0x00101000, "LO", text("LO", "OTHER-1\\OTHER-2")),
    ]


def window(center, width, slope=None, intercept=None):
    elements = [Element(0x00281050, "DS", text("DS", center)), Element(0x00281051, "DS", text("DS", width))]
    if slope is not None:
        elements += [Element(0x00281052, "DS", text("DS", intercept)), Element(0x00281053, "DS", text("DS", slope))]
    return elements


def lut_item(np, first, entries, bits, explanation, modality_type=None, signed_first=False):
    data = (np.linspace(0, (1 << bits) - 1, entries)).astype("<u2").tobytes()
    descriptor = struct.pack("<H", entries & 0xFFFF) + struct.pack("<h" if signed_first else "<H", first) + \
        struct.pack("<H", bits)
    item = [
        Element(0x00283002, "SS" if signed_first else "US", descriptor),
        Element(0x00283003, "LO", text("LO", explanation)),
        Element(0x00283006, "OW", pad(data, "OW")),
    ]
    if modality_type:
        item.append(Element(0x00283004, "LO", text("LO", modality_type)))
    return item


def synthetic_dicoms(np):
    """(name, bytes) for the uncompressed synthetic DICOM seeds."""
    seeds = []
    seeds.append(("dcm_8bit_mono2.dcm", dicom_file(image_elements(np, extra=window("128", "256")))))
    seeds.append(("dcm_12of16_mono1_rescale.dcm", dicom_file(image_elements(
        np, bits_allocated=16, bits_stored=12, photometric="MONOCHROME1",
        extra=window("1500", "3000", slope="1.5", intercept="-100") + identity()))))
    seeds.append(("dcm_16bit_signed_ct.dcm", dicom_file(image_elements(
        np, bits_allocated=16, bits_stored=16, signed=True,
        extra=[Element(0x00080060, "CS", text("CS", "CT"))] + window("40\\400", "400\\2000", slope="1", intercept="-1024")))))
    seeds.append(("dcm_rgb_planar0.dcm", dicom_file(image_elements(np, samples=3, photometric="RGB", planar=0))))
    seeds.append(("dcm_rgb_planar1.dcm", dicom_file(image_elements(np, samples=3, photometric="RGB", planar=1))))
    seeds.append(("dcm_multiframe3.dcm", dicom_file(image_elements(np, frames=3, bits_allocated=16, bits_stored=10))))
    seeds.append(("dcm_modality_lut.dcm", dicom_file(image_elements(np, bits_allocated=16, bits_stored=12, extra=[
        Element(0x00283000, "SQ", [lut_item(np, 0, 4096, 16, "fuzz modality LUT", "OD")])]))))
    seeds.append(("dcm_voi_lut_undefined.dcm", dicom_file(image_elements(np, bits_allocated=16, bits_stored=12, extra=[
        Element(0x00283010, "SQ", [lut_item(np, 0, 4096, 8, "fuzz VOI LUT")], undefined=True)]))))
    seeds.append(("dcm_voi_lut_signed.dcm", dicom_file(image_elements(np, bits_allocated=16, bits_stored=12, signed=True, extra=[
        Element(0x00283010, "SQ", [lut_item(np, -2048, 4096, 12, "signed VOI LUT", signed_first=True)])]))))
    seeds.append(("dcm_presentation_inverse.dcm", dicom_file(image_elements(np, extra=[
        Element(0x20500020, "CS", text("CS", "INVERSE"))]))))
    seeds.append(("dcm_implicit_le.dcm", dicom_file(image_elements(np, bits_allocated=16, bits_stored=12), IMPLICIT_LE)))
    seeds.append(("dcm_explicit_be.dcm", dicom_file(image_elements(np, bits_allocated=16, bits_stored=12, big=True), EXPLICIT_BE)))
    seeds.append(("dcm_deflated.dcm", dicom_file(image_elements(np, extra=identity()), DEFLATED)))
    seeds.append(("dcm_no_preamble", dicom_file(image_elements(np), preamble=False)))
    seeds.append(("dcm_no_meta", dicom_file(image_elements(np), IMPLICIT_LE, preamble=False, meta=False)))
    seeds.append(("dcm_32bit.dcm", dicom_file(image_elements(np, bits_allocated=32, bits_stored=20, pixel_vr="OL"))))
    seeds.append(("dcm_chest_bodypart.dcm", dicom_file(image_elements(np, extra=[
        Element(0x00180015, "CS", text("CS", "CHEST")), Element(0x00200060, "CS", text("CS", "R"))]))))
    # No pixel data at all, and an empty pixel data element.
    no_pixels = [e for e in image_elements(np) if e.tag != 0x7FE00010]
    seeds.append(("dcm_no_pixel_data.dcm", dicom_file(no_pixels)))
    seeds.append(("dcm_empty_pixel_data.dcm", dicom_file(no_pixels + [Element(0x7FE00010, "OB", b"")])))
    return seeds


# gdcmconv arguments for each re-encoding of an uncompressed seed or shrunk real file.
ENCODINGS = {
    "1.2.840.10008.1.2.4.50": ["-J", "-Y", "-q", "90"],
    "1.2.840.10008.1.2.4.51": ["-J", "-Y", "-q", "90"],
    "1.2.840.10008.1.2.4.57": ["--jpeg"],
    "1.2.840.10008.1.2.4.70": ["--jpeg"],
    "1.2.840.10008.1.2.4.80": ["--jpegls"],
    "1.2.840.10008.1.2.4.81": ["-L", "-Y", "-e", "2"],
    "1.2.840.10008.1.2.4.90": ["--j2k"],
    "1.2.840.10008.1.2.4.91": ["-K", "-Y", "--irreversible", "-r", "10"],
    "1.2.840.10008.1.2.5": ["--rle"],
    IMPLICIT_LE: ["--implicit"],
    EXPLICIT_LE: [],
}


def gdcmconv(source, target, arguments):
    tool = shutil.which("gdcmconv")
    if not tool:
        return False
    result = subprocess.run([tool, "--quiet", *arguments, source, target], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if result.returncode != 0 or not os.path.exists(target):
        print("make-fuzz-corpus: gdcmconv %s failed on %s: %s" % (" ".join(arguments), os.path.basename(source),
                                                                   result.stderr.decode(errors="replace").strip()),
              file=sys.stderr)
        return False
    return True


def compressed_dicoms(np, out_dir):
    """Re-encodes two uncompressed seeds (8-bit, 12-of-16-bit) with gdcmconv."""
    written = 0
    with tempfile.TemporaryDirectory() as scratch:
        sources = {
            "8bit": dicom_file(image_elements(np, rows=40, cols=48, extra=window("128", "256"))),
            "12bit": dicom_file(image_elements(np, rows=40, cols=48, bits_allocated=16, bits_stored=12,
                                               photometric="MONOCHROME1")),
            "rgb": dicom_file(image_elements(np, rows=40, cols=48, samples=3, photometric="RGB")),
        }
        variants = [
            ("8bit", "jpeg_baseline", ENCODINGS["1.2.840.10008.1.2.4.50"], None),
            ("8bit", "jpeg_lossless", ["-J"], None),
            ("12bit", "jpeg_extended12", ENCODINGS["1.2.840.10008.1.2.4.51"], None),
            ("12bit", "jpeg_lossless", ["-J"], None),
            ("12bit", "j2k_lossless", ["-K"], None),
            ("12bit", "j2k_lossy_tiled", ["-K", "-Y", "--irreversible", "-r", "10", "-t", "16,16"], None),
            ("8bit", "jpegls", ["-L"], None),
            ("12bit", "jpegls_near", ENCODINGS["1.2.840.10008.1.2.4.81"], None),
            ("12bit", "rle", ["-R"], None),
            ("rgb", "rle", ["-R"], None),
            ("rgb", "jpeg_baseline", ENCODINGS["1.2.840.10008.1.2.4.50"], None),
            ("rgb", "j2k_lossless", ["-K"], None),
            ("12bit", "j2k_fragments", ["-K"], "256"),   # pixel data in several fragments
            ("8bit", "jpeg_fragments", ["-J"], "128"),
        ]
        for source_name, data in sources.items():
            with open(os.path.join(scratch, source_name + ".dcm"), "wb") as f:
                f.write(data)
        for source_name, name, arguments, split in variants:
            target = os.path.join(out_dir, "dcm_%s_%s.dcm" % (source_name, name))
            source = os.path.join(scratch, source_name + ".dcm")
            if split:
                whole = os.path.join(scratch, "whole_%s_%s.dcm" % (source_name, name))
                ok = gdcmconv(source, whole, arguments) and gdcmconv(whole, target, ["-S", split])
            else:
                ok = gdcmconv(source, target, arguments)
            written += ok
    return written


# ---------------------------------------------------------------------------------------
# Real files, shrunk: their data set with small pixel data.
# ---------------------------------------------------------------------------------------

class Parsed:
    def __init__(self):
        self.meta = {}       # tag -> value bytes
        self.elements = []   # (tag, raw encoded bytes, value bytes) in file order, data set only
        self.explicit = True


def read_element(data, pos, explicit):
    group, element = struct.unpack_from("<HH", data, pos)
    tag = (group << 16) | element
    if tag in (0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD):
        length = struct.unpack_from("<I", data, pos + 4)[0]
        return tag, None, pos + 8, length
    vr = data[pos + 4:pos + 6].decode("ascii", "replace") if explicit else None
    if explicit and vr.isalpha() and vr.isupper():
        if vr in LONG_VRS:
            length = struct.unpack_from("<I", data, pos + 8)[0]
            return tag, vr, pos + 12, length
        length = struct.unpack_from("<H", data, pos + 6)[0]
        return tag, vr, pos + 8, length
    length = struct.unpack_from("<I", data, pos + 4)[0]
    return tag, None, pos + 8, length


def skip_undefined(data, pos, explicit):
    """Position after the sequence delimiter that ends an undefined-length value (a sequence or
    encapsulated pixel data: items up to (FFFE,E0DD)) starting at pos."""
    while pos + 8 <= len(data):
        tag, vr, value, length = read_element(data, pos, explicit)
        if tag == 0xFFFEE0DD:
            return value
        if tag == 0xFFFEE000 and length == 0xFFFFFFFF:
            pos = skip_undefined_item(data, value, explicit)
        else:
            pos = skip_undefined(data, value, explicit) if length == 0xFFFFFFFF else value + length
    raise ValueError("unterminated sequence")


def skip_undefined_item(data, pos, explicit):
    while pos + 8 <= len(data):
        tag, vr, value, length = read_element(data, pos, explicit)
        if tag == 0xFFFEE00D:
            return value
        pos = skip_undefined(data, value, explicit) if length == 0xFFFFFFFF else value + length
    raise ValueError("unterminated item")


def parse_dicom(data):
    parsed = Parsed()
    pos = 132 if data[128:132] == b"DICM" else 0
    while pos + 8 <= len(data):
        tag, vr, value, length = read_element(data, pos, True)
        if tag >> 16 != 0x0002:
            break
        parsed.meta[tag] = data[value:value + length]
        pos = value + length
    ts = parsed.meta.get(0x00020010, b"").rstrip(b"\0 ").decode("ascii")
    parsed.transfer_syntax = ts
    parsed.explicit = ts != IMPLICIT_LE
    while pos + 8 <= len(data):
        tag, vr, value, length = read_element(data, pos, parsed.explicit)
        if tag == 0x7FE00010:
            parsed.elements.append((tag, None, None))
            break
        end = skip_undefined(data, value, parsed.explicit) if length == 0xFFFFFFFF else value + length
        parsed.elements.append((tag, data[pos:end], data[value:value + length] if length != 0xFFFFFFFF else b""))
        pos = end
    return parsed


def shrink_real(np, path, out_dir, scratch):
    """The real file's data set with 48x40 pixels, re-encoded in its own transfer syntax."""
    with open(path, "rb") as f:
        data = f.read()
    parsed = parse_dicom(data)
    values = {tag: value for tag, raw, value in parsed.elements if raw is not None}
    number = lambda tag, default: struct.unpack("<H", values[tag][:2])[0] if tag in values else default
    samples = number(0x00280002, 1)
    bits_allocated = number(0x00280100, 16)
    bits_stored = number(0x00280101, bits_allocated)
    signed = number(0x00280103, 0) == 1
    photometric = values.get(0x00280004, b"MONOCHROME2").decode("ascii").strip("\0 ")
    if photometric.startswith("YBR"):
        photometric = "RGB"
    rows, cols = 40, 48
    body = bytearray()
    if not parsed.explicit:
        raise SystemExit("shrink_real: only explicit VR files are re-written in place; convert first")
    replaced = {
        0x00280010: Element(0x00280010, "US", us(rows)),
        0x00280011: Element(0x00280011, "US", us(cols)),
        0x00280004: Element(0x00280004, "CS", text("CS", photometric)),
        0x00280008: None,  # one frame
    }
    arguments = ENCODINGS.get(parsed.transfer_syntax)
    if arguments and "-Y" in arguments:
        # gdcmconv refuses to derive a lossy image from one that says it was derived already.
        replaced.update({tag: None for tag in (0x00082111, 0x00082112, 0x00089215, 0x00282110, 0x00282112, 0x00282114)})
    for tag, raw, value in parsed.elements:
        if raw is None:
            break
        if tag & 0xFFFF == 0 or tag in replaced:  # group lengths would be wrong
            if replaced.get(tag) is not None:
                body += encode_elements([replaced[tag]])
            continue
        body += raw
    values_px = pixels(np, rows, cols, 1, samples, bits_stored, signed)
    dtype = ("<i" if signed else "<u") + str(bits_allocated // 8)
    raw_pixels = values_px.astype(dtype).tobytes()
    body += encode_elements([Element(0x7FE00010, "OB" if bits_allocated == 8 else "OW", pad(raw_pixels, "OB"))])
    sop_class = values.get(0x00080016, CR_IMAGE.encode()).decode("ascii").strip("\0 ")
    sop_instance = values.get(0x00080018, b"1.2.826.0.1.3680043.10.1051.2").decode("ascii").strip("\0 ")
    small = b"\0" * 128 + b"DICM" + file_meta(EXPLICIT_LE, sop_class, sop_instance) + bytes(body)
    name = "real_" + os.path.splitext(os.path.basename(path))[0]
    plain = os.path.join(scratch, name + ".dcm")
    with open(plain, "wb") as f:
        f.write(small)
    target = os.path.join(out_dir, name + "_small.dcm")
    if arguments is None or not arguments:
        shutil.copyfile(plain, target)
        return True
    return gdcmconv(plain, target, arguments)


def to_explicit(path, scratch):
    """Implicit-VR real files are parsed after gdcmconv made them explicit."""
    os.makedirs(os.path.join(scratch, "explicit"), exist_ok=True)
    target = os.path.join(scratch, "explicit", os.path.basename(path))
    if gdcmconv(path, target, ["--explicit"]):
        return target
    return None


# ---------------------------------------------------------------------------------------
# Keras .h5 and checkpoint header seeds.
# ---------------------------------------------------------------------------------------

H5_VARIANTS = [
    ("legacy.h5", []),
    ("legacy_vlen_chunked.h5", ["--vlen-strings", "--chunk-names", "3"]),
    ("legacy_scrambled.h5", ["--scramble"]),
    ("model_save.h5", ["--layout", "model-save"]),
    ("keras3_legacy.h5", ["--layout", "keras3-h5"]),
    ("keras3.weights.h5", ["--layout", "keras3"]),
    ("nested.h5", ["--nested", "resnet50v2"]),
    ("keras3_nested.weights.h5", ["--layout", "keras3", "--nested", "resnet50v2"]),
    ("with_top.h5", ["--top"]),
    ("omit_layer.h5", ["--omit-layer", "post_bn"]),
    ("wrong_shape.h5", ["--wrong-shape", "conv1_conv"]),
]


def keras_seeds(out_dir):
    script = os.path.join(ROOT, "tests", "model", "make_keras_reference.py")
    written = 0
    with tempfile.TemporaryDirectory() as scratch:
        for name, arguments in H5_VARIANTS:
            command = [sys.executable, script, "--out", scratch, "--file", name, "--sizes", "",
                       "--arch", "resnetv2:1,1,1,1:4", "--head", "16", "--classes", "5"] + arguments
            subprocess.run(command, check=True)
            shutil.copyfile(os.path.join(scratch, name), os.path.join(out_dir, name))
            written += 1
    # An HDF5 file that holds no Keras weights.
    import h5py
    import numpy as np
    with h5py.File(os.path.join(out_dir, "plain.h5"), "w") as f:
        f.create_dataset("x", data=[1.0, 2.0])
        f.attrs["layer_names"] = [b"x"]
    return written + 1 + small_keras_seeds(h5py, np, out_dir)


def small_keras_seeds(h5py, np, out_dir):
    """10-15 KB files with each structure the reader walks (fixed and variable-length string
    attributes, legacy groups, model_weights, Keras 3 layers/vars): small inputs keep the
    fuzzer fast, and what it finds in them stays small enough to keep as a regression file."""
    vlen = h5py.string_dtype()

    def strings(f, name, values, variable):
        if variable:
            f.attrs.create(name, values, dtype=vlen)
        else:
            f.attrs[name] = [v.encode() for v in values]

    for variable in (True, False):
        name = "small_legacy_%s.h5" % ("vlen" if variable else "fixed")
        with h5py.File(os.path.join(out_dir, name), "w") as f:
            strings(f, "layer_names", ["conv1_conv", "post_bn"], variable)
            f.attrs["backend"] = "tensorflow" if variable else b"tensorflow"
            f.attrs["keras_version"] = "2.13.1" if variable else b"2.13.1"
            g = f.create_group("conv1_conv")
            strings(g, "weight_names", ["conv1_conv/kernel:0", "conv1_conv/bias:0"], variable)
            g.create_dataset("conv1_conv/kernel:0", data=np.ones((7, 7, 3, 4), np.float32))
            g.create_dataset("conv1_conv/bias:0", data=np.zeros((4,), np.float32))
            g = f.create_group("post_bn")
            strings(g, "weight_names", ["post_bn/gamma:0", "post_bn/beta:0"], variable)
            g.create_dataset("post_bn/gamma:0", data=np.ones((4,), np.float32))
            g.create_dataset("post_bn/beta:0", data=np.zeros((4,), np.float32))
    with h5py.File(os.path.join(out_dir, "small_keras3.weights.h5"), "w") as f:
        f.create_group("vars")
        layers = f.create_group("layers")
        for layer in ("conv1_conv", "dense"):
            variables = layers.create_group(layer).create_group("vars")
            variables.create_dataset("0", data=np.ones((2, 2), np.float32))
            variables.create_dataset("1", data=np.zeros((2,), np.float32))
    with h5py.File(os.path.join(out_dir, "small_model_save.h5"), "w") as f:
        f.attrs["keras_version"] = "2.13.1"
        weights = f.create_group("model_weights")
        strings(weights, "layer_names", ["dense"], True)
        g = weights.create_group("dense")
        strings(g, "weight_names", ["dense/kernel:0", "dense/bias:0"], True)
        g.create_dataset("dense/kernel:0", data=np.ones((4, 16), np.float32))
        g.create_dataset("dense/bias:0", data=np.zeros((16,), np.float32))
    return 4


def checkpoint_header(meta, version=1):
    text_bytes = json.dumps(meta).encode("utf8")
    return b"KNEEGRADE-CKPT\n\0" + struct.pack("<I", version) + struct.pack("<Q", len(text_bytes)) + text_bytes


def checkpoint_seeds(out_dir):
    base = {
        "model": {"architecture": "resnetv2:1,1,1,1:1", "pooling": "avg", "imagenet_top": False,
                  "head": {"enabled": True, "hidden_units": [3], "dropout": 0.2, "num_classes": 5}, "seed": 7},
        "preprocessing": {"image_size": 64, "channels": 3, "scale": 0.00784, "offset": -1.0},
        "class_names": ["Healthy", "Doubtful", "Minimal", "Moderate", "Severe"],
        "temperature": 1.0, "training_options": {}, "state": {"epoch": 1},
        "dataset_manifest_sha256": "", "app_version": "0.1.0", "created_utc": "2024-01-01T00:00:00Z",
    }
    variants = {
        "header_only.kgckpt": checkpoint_header(base),
        "header_zero_tensors.kgckpt": checkpoint_header(base) + struct.pack("<I", 0),
        "header_version2.kgckpt": checkpoint_header(base, version=2),
        "header_max_pool_nohead.kgckpt": checkpoint_header(dict(base, model=dict(
            base["model"], pooling="max", head={"enabled": False}))),
        "header_custom_arch.kgckpt": checkpoint_header(dict(base, model=dict(
            base["model"], architecture="resnetv2:1,2,1,1:2"))),
        "header_bad_json.kgckpt": b"KNEEGRADE-CKPT\n\0" + struct.pack("<I", 1) + struct.pack("<Q", 5) + b"{\"a\":",
    }
    for name, data in variants.items():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    return len(variants)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--what", default="dicom,real,h5,checkpoint")
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared", "data", "radiographs"))
    args = parser.parse_args()
    what = set(args.what.split(","))
    import numpy as np

    radiograph_dir = os.path.join(args.out, "radiograph")
    counts = {}
    if what & {"dicom", "real"}:
        os.makedirs(radiograph_dir, exist_ok=True)
    if "dicom" in what:
        seeds = synthetic_dicoms(np)
        for name, data in seeds:
            with open(os.path.join(radiograph_dir, name), "wb") as f:
                f.write(data)
        counts["synthetic DICOM"] = len(seeds)
        counts["gdcmconv-encoded DICOM"] = compressed_dicoms(np, radiograph_dir)
    if "real" in what:
        written = 0
        with tempfile.TemporaryDirectory() as scratch:
            for name in sorted(os.listdir(args.shared)) if os.path.isdir(args.shared) else []:
                if not name.endswith(".dcm"):
                    continue
                path = os.path.join(args.shared, name)
                with open(path, "rb") as f:
                    head = parse_dicom(f.read(1 << 16) + b"\0" * 8)
                if head.transfer_syntax == IMPLICIT_LE:  # parse an explicit copy
                    path = to_explicit(path, scratch)
                    if path is None:
                        continue
                written += shrink_real(np, path, radiograph_dir, scratch)
        counts["shrunk real DICOM"] = written
    if "h5" in what:
        os.makedirs(os.path.join(args.out, "keras_h5"), exist_ok=True)
        counts["Keras .h5"] = keras_seeds(os.path.join(args.out, "keras_h5"))
    if "checkpoint" in what:
        os.makedirs(os.path.join(args.out, "checkpoint"), exist_ok=True)
        counts["checkpoint headers"] = checkpoint_seeds(os.path.join(args.out, "checkpoint"))
    print("make-fuzz-corpus.py: " + ", ".join("%d %s" % (n, what) for what, n in counts.items()) + " in " + args.out)


if __name__ == "__main__":
    main()
