#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converts the measured training runs (../shared/reference/measured-runs.csv)
into data/runs/measured-runs.csv, the runs-file form `dmlimits-cli runs`
reads (docs/calibration.md). Run by hand when the reference changes:

    build-aux/convert-measured-runs.py SOURCE.csv > data/runs/measured-runs.csv

Each row keeps its source. What the source rows leave open is filled from
the source's own text, never from a fit, and the row's note says so:

- the software stack: Megatron-LM (1.0) or DeepSpeed / Megatron-DeepSpeed,
  whose ZeRO stages and runtime are slower on the same layout;
- recompute: the 2021 Megatron-LM tables and vTrain's runs count recompute
  FLOPs (full activation recompute); Korthikanti's rows say which;
- the cluster's scale-out network where it is not a DGX's (vTrain's
  800 Gb/s nodes, Jean Zay's Omni-Path);
- the shapes of Megatron-Bridge's models, from their public configs;
- Llama 3 405B (Meta 2024, Sec. 3.3): Meta's FSDP shards the optimizer
  state and the gradients (ZeRO-2 with a distributed optimizer), sequence
  parallelism, no recompute, one layer fewer on the first and last stage;
- MegaScale (Jiang et al. 2024): its own stack against the Megatron-LM it
  compares with (the overlaps of Sec. 3.2 are MegaScale's additions, so
  the baseline overlaps nothing); DeepSeek-V3 with DualPipe and at most 4
  nodes a token (Sec. 3.2).

Rows that cannot be evaluated are left out, each with the reason on stderr:
a TPU (no preset: docs/model.md, "Presets"), or no batch size."""

import csv
import sys

COLUMNS = [
    "id", "source", "model", "gpu", "precision", "gpus", "parameters", "layers", "d_model", "heads",
    "kv_heads", "head_dim", "ffn_hidden", "gated_ffn", "vocabulary", "sequence_length", "global_batch_sequences",
    "micro_batch_sequences", "tp", "pp", "dp", "cp", "ep", "experts", "active_experts", "routed_nodes",
    "virtual_stages", "first_stage_layers", "last_stage_layers",
    "recompute", "sequence_parallel", "distributed_optimizer", "zero_stage", "measured_mfu", "group",
    # Extensions (docs/calibration.md): the cluster where it differs from the preset, the stack.
    "scaleout_bandwidth", "software", "complete", "note",
]

# Public model configs (Hugging Face config.json of each model) for the
# Megatron-Bridge rows, which name the model only.
SHAPES = {
    "LLAMA3_8B": dict(layers=32, d_model=4096, heads=32, kv_heads=8, ffn_hidden=14336, gated_ffn=1,
                      vocabulary=128256),
    "LLAMA3_70B": dict(layers=80, d_model=8192, heads=64, kv_heads=8, ffn_hidden=28672, gated_ffn=1,
                       vocabulary=128256),
    "LLAMA3.1_405B": dict(layers=126, d_model=16384, heads=128, kv_heads=8, ffn_hidden=53248, gated_ffn=1,
                          vocabulary=128256),
    "DeepSeekV3": dict(layers=61, d_model=7168, heads=128, kv_heads=128, ffn_hidden=2048, gated_ffn=1,
                       vocabulary=129280, experts=256, active_experts=9),
    "GPT OSS 120B": dict(layers=36, d_model=2880, heads=64, kv_heads=8, head_dim=64, ffn_hidden=2880, gated_ffn=1,
                         vocabulary=201088, experts=128, active_experts=4),
    "Qwen3_30B_a3B": dict(layers=48, d_model=2048, heads=32, kv_heads=4, head_dim=128, ffn_hidden=768, gated_ffn=1,
                          vocabulary=151936, experts=128, active_experts=8),
    "Qwen3_235B_a22B": dict(layers=94, d_model=4096, heads=64, kv_heads=4, head_dim=128, ffn_hidden=1536, gated_ffn=1,
                            vocabulary=151936, experts=128, active_experts=8),
}


def gpu_preset(row):
    g = row["gpu_type"]
    if g.startswith("A100-SXM 40GB"):
        return "a100-sxm-40gb"
    if g.startswith("A100"):
        return "a100-sxm-80gb"
    if g == "H100" or g.startswith("H100 80GB"):
        return "h100-sxm"
    if "Ampere" in g:
        # MegaScale (Sec. 6) names the generation only; Epoch's database
        # gives A100, and 175B at tp 8 pp 8 needs the 80 GB card.
        return "a100-sxm-80gb"
    if g == "H800":
        return "h800-sxm"
    if g == "B200":
        return "b200"
    if g == "GB200":
        return "gb200-nvl72"
    if g == "GB300":
        return "gb300-nvl72"
    return None


def precision(row):
    p = row["precision"].lower()
    if "fp8" in p:
        return "fp8"
    if "bf16" in p or "bfloat16" in p or (row["row_id"].startswith("D") and row["row_id"] != "D12"):
        return "bf16"
    return "fp16"


def group(row):
    rid = row["row_id"]
    if rid.startswith("A"):
        return "megatron-2021-table1"
    if rid.startswith("B"):
        return "deepspeed-zero3-2021" if row["zero_fsdp"] == "ZeRO-3" else "megatron-2021-table2"
    if rid.startswith("C"):
        return "korthikanti-2022"
    if rid.startswith("D"):
        return "megatron-lm-2024" if rid != "D12" else "megatron-lm-2021-readme"
    if rid.startswith("E"):
        return "llama3-405b"
    if rid.startswith("F"):
        return "megascale-2024" if row["source_detail"].startswith("MegaScale") else "megascale-megatron-lm"
    if rid.startswith("G"):
        return "mt-nlg"
    if rid.startswith("H"):
        return "bloom"
    if rid.startswith("K"):
        return "deepseek-v3"
    if rid.startswith("M"):
        return "megatron-bridge-moe" if row["model"] in SHAPES and "experts" in SHAPES[row["model"]] \
            else "megatron-bridge"
    if rid.startswith("N"):
        return "vtrain"
    return "other"


def convert(row):
    rid = row["row_id"]
    gpu = gpu_preset(row)
    if gpu is None:
        return None, f"{rid}: {row['gpu_type']} has no preset"
    if not row["global_batch_seqs"]:
        return None, f"{rid}: no global batch in the source"
    if rid == "E3":
        return None, f"{rid}: Table 4's batch units for the long-context stage are unclear (the reference's note)"

    notes = []
    out = {c: "" for c in COLUMNS}
    out.update(id=rid, source=row["source"], model=row["model"], gpu=gpu, precision=precision(row),
               gpus=row["num_gpus"], layers=row["layers"], d_model=row["hidden"], heads=row["heads"],
               vocabulary=row["vocab"].split(" ")[0], sequence_length=row["seq_len"],
               global_batch_sequences=row["global_batch_seqs"], micro_batch_sequences=row["micro_batch"],
               tp=row["tp"], pp=row["pp"], dp=row["dp"], cp=row["cp"], ep=row["ep"],
               virtual_stages=row["vpp_or_interleave"], measured_mfu=row["mfu"], group=group(row),
               complete="1" if row["complete_layout"] == "yes" else "0")
    if row["params_b"] and row["params_b"].replace(".", "").isdigit():
        out["parameters"] = str(float(row["params_b"]) * 1e9)

    if row["model"] in SHAPES:
        for key, value in SHAPES[row["model"]].items():
            out[key] = str(value)
        notes.append("shape from the model's public config")
    if rid == "K1":
        out.update(kv_heads="128", ffn_hidden="2048", gated_ffn="1", vocabulary="129280", experts="256",
                   active_experts="9", dp="128")
        notes.append("DeepSeek-V3 report: 256 routed experts, 8 active and 1 shared; dp 128 = 2048 / pp 16 "
                     "(EP reuses DP ranks)")
    if row["vocab"].startswith("256k"):
        out["vocabulary"] = "256000"
    if rid.startswith("E"):
        for key, value in SHAPES["LLAMA3.1_405B"].items():
            out[key] = str(value)
        # Interleaving depth: not in the paper; 8 (one layer a virtual
        # stage) is the depth at which the layout fits in 80 GiB
        # (docs/calibration.md, "Llama 3 405B").
        out.update(first_stage_layers="7", last_stage_layers="7", virtual_stages="8", micro_batch_sequences="1",
                   precision="bf16")
        notes.append("Llama 3 paper Table 3 shape (128,256 vocabulary as released); one layer fewer on the first "
                     "and last stage (Sec. 3.3.2); interleaving depth not given: 8")
    if rid.startswith("F"):
        out.update(micro_batch_sequences="1", precision="bf16")
        notes.append("micro-batch not given: 1")

    src = row["source"]
    software = "megatron"
    if row["zero_fsdp"] == "ZeRO-3":
        out["zero_stage"] = "3"
        software = "deepspeed"
    elif "ZeRO-1" in row["zero_fsdp"]:
        out["zero_stage"] = "1"
        software = "deepspeed"
    elif row["zero_fsdp"] == "FSDP":
        out["distributed_optimizer"] = "1"
    elif row["zero_fsdp"].startswith("FSDP (shards optimizer+grads)"):
        out["distributed_optimizer"] = "1"
        out["zero_stage"] = "2"
    if rid.startswith("N"):
        software = "megatron"
        notes.append("vTrain measured with Megatron-DeepSpeed: Megatron-LM's model and pipeline, no ZeRO")
    if (rid.startswith("D") and rid != "D12") or rid.startswith("M"):
        software = "megatron-core"
        notes.append("Megatron-Core overlaps data-, tensor- and pipeline-parallel traffic (README)")
    if rid.startswith("E"):
        software = "megatron-core"
        notes.append("Meta's stack: FSDP (optimizer and gradients sharded, ZeRO-2) with overlapped reductions, as "
                     "Megatron-Core's")
    if rid.startswith("F"):
        if row["source_detail"].startswith("MegaScale"):
            software = "megascale"
            notes.append("MegaScale: parallel transformer block, fused TP/PP/DP overlaps, FlashAttention-2 "
                         "(Sec. 3.1-3.3)")
        else:
            software = "megatron"
            notes.append("the Megatron-LM baseline MegaScale compares with: the overlaps are MegaScale's additions")
        out["distributed_optimizer"] = "1"
        out["sequence_parallel"] = "1"
    out["software"] = software

    # Recompute, as each source counts it.
    if rid[0] in "AB" or rid == "D12":
        out["recompute"] = "full"
        notes.append("Narayanan et al. 2021 count recompute FLOPs: full activation recompute")
    elif rid.startswith("C"):
        selective = "selective" in row["source_detail"]
        out["recompute"] = "selective" if selective else "full"
        out["sequence_parallel"] = "1" if "seq-parallel" in row["source_detail"] else "0"
    elif rid.startswith("N"):
        out["recompute"] = "full"
    elif rid.startswith("H"):
        out["recompute"] = "full"
        notes.append("BLOOM's hardware TFLOPs include activation recompute")
    elif rid.startswith("G"):
        out["recompute"] = "full"
        notes.append("MT-NLG checkpoints activations (Smith et al. 2022, Sec. 2.3); 530B on 40 GB needs it")
    elif rid[0] in "EF":
        out["recompute"] = "none"
        out["sequence_parallel"] = "1"
    elif rid.startswith("D") or rid.startswith("M"):
        out["recompute"] = "none"
        out["distributed_optimizer"] = out["distributed_optimizer"] or "1"
        if row["tp"] and int(row["tp"]) > 1:
            out["sequence_parallel"] = "1"
    if rid.startswith("A") or rid.startswith("B") or rid == "D12":
        out["micro_batch_sequences"] = out["micro_batch_sequences"] or "1"

    # Clusters whose scale-out is not the preset's (bytes/s per GPU, one way).
    if rid.startswith("N"):
        out["scaleout_bandwidth"] = str(800e9 / 8 / 8)
        notes.append("vTrain config: 800 Gb/s per 8-GPU node")
    if rid.startswith("H"):
        out["scaleout_bandwidth"] = str(4 * 100e9 / 8 / 8)
        notes.append("Jean Zay: 4 Omni-Path links of 100 Gb/s per 8-GPU node")
    if rid.startswith("K"):
        out["scaleout_bandwidth"] = "50e9"
        out["software"] = "dualpipe"
        out["zero_stage"] = ""
        out["distributed_optimizer"] = "1"
        out["routed_nodes"] = "4"
        notes.append("HAI-LLM, not DeepSpeed: DualPipe overlaps the all-to-alls and pipeline sends; at most 4 "
                     "nodes a token (Sec. 3.2.2); ZeRO-1 as a distributed optimizer")

    if row["derived"]:
        notes.append("derived in the reference: " + row["derived"])
    out["note"] = "; ".join(notes)
    return out, None


def main(path):
    out = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    out.writeheader()
    for row in csv.DictReader(open(path, newline="", encoding="utf-8")):
        converted, why = convert(row)
        if converted is None:
            print(f"left out {why}", file=sys.stderr)
            continue
        out.writerow(converted)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/measured-runs.csv")
