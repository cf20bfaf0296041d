#!/usr/bin/env python3
"""Fills the English plural forms in translations/kneegrade_en.ts.

Source strings are English; only messages with %n need a translation, so that
"%n image(s)" reads "1 image" / "3 images". Run after `cmake --build <dir> --target
kneegrade_ui_lupdate` has added new strings. Existing, finished translations are kept.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

IRREGULAR = {"(s)": ("", "s"), "(es)": ("", "es")}


def forms(source: str):
    singular, plural = source, source
    for marker, (one, many) in IRREGULAR.items():
        singular = singular.replace(marker, one)
        plural = plural.replace(marker, many)
    # "%n file(s) could" and similar verb agreement is not needed in these strings.
    return singular, plural


def main(path: Path) -> int:
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") not in ("unfinished", None) and list(translation):
            continue
        if list(translation) and translation.get("type") is None:
            continue
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop("type", None)
        for form in forms(source):
            ET.SubElement(translation, "numerusform").text = form
        filled += 1
    text = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n", encoding="utf-8")
    print(f"{path}: {filled} plural message(s) filled")
    return 0


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else root / "translations" / "kneegrade_en.ts"))
