#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converts Epoch AI's production runs (../shared/reference/
production-runs-epoch-db.csv) into data/runs/production-runs.csv, the
form dmlimits reads: one row per run, its compute, hardware, count, MFU
and source. Run by hand when the reference changes:

    build-aux/convert-production-runs.py SOURCE.csv > data/runs/production-runs.csv

Fixes made on the way are listed in the row's note column."""

import csv
import re
import sys


def generation(hardware):
    h = hardware.lower()
    if "tpu" in h:
        return "tpu"
    if "h100" in h or "h800" in h:
        return "h100"
    if "a100" in h or "a800" in h:
        return "a100"
    if "v100" in h:
        return "v100"
    return "other"


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def main(path):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "model", "organization", "date", "flop", "hardware", "generation", "gpus",
                  "mfu", "precision", "confidence", "note", "source"])
    seen = set()
    for row in csv.DictReader(open(path, newline="", encoding="utf-8")):
        note = row["Utilization notes"].replace("\n", " ").strip()
        mfu = row["Hardware utilization (MFU)"].strip()
        if mfu and float(mfu) > 1:
            # A percentage where a fraction belongs (FlashAttention-2's 72%).
            note = ("MFU given as %s%%, read as %.2f. " % (mfu, float(mfu) / 100)) + note
            mfu = "%g" % (float(mfu) / 100)
        ident = slug(row["Model"])
        while ident in seen:
            ident += "-2"
        seen.add(ident)
        flop = row["Training compute (FLOP)"].strip()
        out.writerow([ident, row["Model"], row["Organization"], row["Publication date"],
                      "%.6g" % float(flop) if flop else "", row["Training hardware"],
                      generation(row["Training hardware"]),
                      "%.0f" % float(row["Hardware quantity"]) if row["Hardware quantity"] else "",
                      mfu, row["Numerical format"], row["Confidence"], note, row["source"]])


if __name__ == "__main__":
    main(sys.argv[1])
