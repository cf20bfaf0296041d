#!/usr/bin/env python3
"""Fails when a translation in translations/*.ts is not finished (ctest translations_complete).

"Finished" means, for German, Spanish and any other translation: every message has a
translation, none is marked unfinished, vanished or obsolete, plural messages have both forms,
and each form keeps the source's placeholders (%1…%9; %n may be spelt out in a singular),
HTML tags and accelerator (&). English is the source language: a message without an English
translation shows its source text, so only vanished/obsolete entries and unfilled plural
forms ("%n image(s)" must read "1 image" / "3 images") count against kneegrade_en.ts.
Run scripts/update-translations.sh first when the sources changed.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PLACEHOLDER = re.compile(r"%(?:[1-9]|n)")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*")


def accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)(?=\w)", text.replace("&&", "")))


def check(path: Path) -> list:
    problems = []
    root = ET.parse(path).getroot()
    english = path.stem.endswith("_en")
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            where = f"{path.name}: [{name}] {source[:70]!r}"
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("vanished", "obsolete"):
                problems.append(f"{where}: {kind} (run scripts/update-translations.sh)")
                continue
            numerus = message.get("numerus") == "yes"
            if english and not numerus:
                continue
            if translation is None or kind == "unfinished":
                problems.append(f"{where}: unfinished")
                continue
            forms = [f.text or "" for f in translation.findall("numerusform")] if numerus else [translation.text or ""]
            if numerus and len(forms) != 2:
                problems.append(f"{where}: {len(forms)} plural forms, 2 expected")
            for form in forms:
                if not form.strip() and source.strip():
                    problems.append(f"{where}: empty translation")
                    continue
                want = sorted(PLACEHOLDER.findall(source))
                got = sorted(PLACEHOLDER.findall(form))
                if got != want and not (numerus and [p for p in want if p != "%n"] == [p for p in got if p != "%n"]):
                    problems.append(f"{where}: placeholders {got} instead of {want} in {form[:70]!r}")
                if sorted(TAG.findall(form)) != sorted(TAG.findall(source)):
                    problems.append(f"{where}: HTML tags differ in {form[:70]!r}")
                if accelerators(form) != accelerators(source):
                    problems.append(f"{where}: accelerator (&) differs in {form!r}")
    return problems


def main(argv) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "translations"
    files = sorted(folder.glob("*.ts"))
    if not files:
        print(f"no .ts files in {folder}")
        return 1
    problems = [p for f in files for p in check(f)]
    for problem in problems:
        print(problem)
    print(f"{len(files)} translation file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
