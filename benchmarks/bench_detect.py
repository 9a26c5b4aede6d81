"""Benchmark the shipped technique model: quality on dev and the test proxy, speed, memory, load time.

Prints SI P/R/F1 and TC micro-F1 (+ per-technique F1) on PTC v2 dev and the test proxy gold, and
span + technique F1 of the technique findings (micro, macro, per technique; of all findings and of
those shown at the model's display threshold; SI F1 of the findings' spans);
throughput of analyze (segment + detect; and, for reference, with every stage on) over the 75 dev
articles; peak memory of analyze on one
article (fresh process); model load time; calibration (ECE) on dev with a reliability plot; and,
in the same run, the throughput of a randomly initialised bert-base-cased token classifier
(exported to ONNX fp32 the same way, run with onnxruntime over the same texts in 510-piece windows
without overlap).

usage:
  python benchmarks/bench_detect.py [--data-dir ../shared/data] [--model DIR] [--plot docs/img/calibration.png]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from spinscope.detect import SHIPPED_MODEL_DIR, TechniqueModel
from spinscope.encoder.windows import window_inputs, windows
from spinscope.evaluate.techniques import Split, calibration_pairs, load_split, score_split, spans_figures
from spinscope.settings import Settings, default_data_dir
from spinscope.train.calibration import expected_calibration_error, reliability_table

_PEAK_SCRIPT = """
import resource, sys
from pathlib import Path
from spinscope import Article, Settings
from spinscope.pipeline import Analyzer
text = Path(sys.argv[1]).read_text(encoding="utf-8")
model = None if sys.argv[2] == "-" else Path(sys.argv[2])
analyzer = Analyzer(Settings(model_dir=model, quotes=False, outlet=False))
analyzer.analyze(Article(text, id="peak"))
# VmHWM is this process's own high-water mark; ru_maxrss would carry the parent's over fork+exec
status = Path("/proc/self/status")
if status.exists():
    line = next(x for x in status.read_text().splitlines() if x.startswith("VmHWM:"))
    print(int(line.split()[1]) / 1024)
else:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def bert_base_throughput(texts: list[str], tokenizer_model: TechniqueModel) -> tuple[float, int]:
    """Seconds and pieces for a random bert-base-cased token classifier (ONNX fp32) over ``texts``."""

    import onnxruntime as ort
    import torch
    from transformers import BertConfig, BertForTokenClassification

    from spinscope.train.export import export_token_model

    config = BertConfig(vocab_size=28996, num_labels=3)  # bert-base-cased: 12 layers, 768 hidden, 12 heads
    torch.manual_seed(0)
    net = BertForTokenClassification(config).eval()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bert-base.onnx"
        export_token_model(net, path, output_name="logits")
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        pieces = 0
        started = time.perf_counter()
        for text in texts:
            encoding = tokenizer_model.encode(text)
            pieces += len(encoding)
            spans = windows(len(encoding), size=510, stride=510)
            for i in range(0, len(spans), 8):
                ids, mask = window_inputs(encoding.ids, spans[i : i + 8], cls_id=101, sep_id=102)
                session.run(None, {"input_ids": np.minimum(ids, 28995), "attention_mask": mask})
        return time.perf_counter() - started, pieces


def _peak_mb(dev: Split, model: Path | None) -> float:
    """Peak resident memory (MB) of a fresh process that analyses the longest dev article."""
    longest = max(dev.articles, key=lambda a: len(a.text))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(longest.text)
    out = subprocess.run(
        [sys.executable, "-c", _PEAK_SCRIPT, handle.name, str(model or "-")], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--plot", type=Path, default=None, help="write the dev reliability plot (PNG) here")
    parser.add_argument("--json", type=Path, default=None, help="also write all figures as JSON")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--peak-only", action="store_true", help="only model load time and peak memory")
    parser.add_argument("--quality-only", action="store_true", help="only the dev and test proxy figures")
    parser.add_argument(
        "--findings-only",
        action="store_true",
        help="only the span + technique figures of the findings on dev and the test proxy (SI and TC skipped)",
    )
    args = parser.parse_args()
    model_dir = args.model or SHIPPED_MODEL_DIR
    figures: dict[str, object] = {
        "machine": f"{platform.node()} {platform.processor() or platform.machine()}, "
        f"{__import__('os').cpu_count()} CPUs",
        "model": str(model_dir),
    }

    started = time.perf_counter()
    model = TechniqueModel.from_disk(model_dir)
    figures["load_s"] = round(time.perf_counter() - started, 3)
    print(f"model {model.name} {model.version} loaded in {figures['load_s']:.2f}s")
    size = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file())
    figures["size_mb"] = round(size / 1e6, 1)
    print(f"model size on disk: {figures['size_mb']} MB")

    dev = load_split(args.data_dir, "dev")
    if args.peak_only:
        print(f"peak memory of analyze: {_peak_mb(dev, args.model):.0f} MB")
        return 0
    for split in (dev, load_split(args.data_dir, "test-proxy")):
        started = time.perf_counter()
        if args.findings_only:
            articles = split.scored_articles()
            result = {"n_articles": len(articles), **spans_figures(model, split, articles)}
            print(f"\n[{split.name}] {result['n_articles']} articles ({time.perf_counter() - started:.0f}s)")
        else:
            result = score_split(model, split)
            si, tc = result["si"], result["tc"]
            print(f"\n[{split.name}] {result['n_articles']} articles ({time.perf_counter() - started:.0f}s)")
            print(f"  SI  P {si['precision']:.4f}  R {si['recall']:.4f}  F1 {si['f1']:.4f}")
            print(f"  TC  micro-F1 {tc['micro_f1']:.4f}")
            for technique, f1 in sorted(tc["per_technique"].items()):
                print(f"      {technique:40s} {f1:.3f}")
        figures[split.name] = result
        spans, shown, fsi = result["spans"], result["shown"], result["findings_si"]
        print(
            f"  span + technique (findings)  P {spans['precision']:.4f}  R {spans['recall']:.4f}  "
            f"micro-F1 {spans['f1']:.4f}  macro-F1 {spans['macro_f1']:.4f}  ({spans['n_pred']} findings merged)"
        )
        print(
            f"  shown at the display threshold {shown['min_score']}: P {shown['precision']:.4f}  "
            f"R {shown['recall']:.4f}  F1 {shown['f1']:.4f}  ({shown['n_pred']} findings)"
        )
        print(f"  SI of the findings' spans  P {fsi['precision']:.4f}  R {fsi['recall']:.4f}  F1 {fsi['f1']:.4f}")
        print(f"  techniques right at least once: {len(spans['techniques_right'])} of 14")
        print(f"      {'technique':40s} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'gold':>5}")
        for technique, row in sorted(spans["per_technique"].items()):
            print(
                f"      {technique:40s} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
                f"{row['n_pred']:5d} {row['support']:5d}"
            )

    if args.quality_only or args.findings_only:
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, default=float) + "\n", encoding="utf-8")
        return 0
    pairs = calibration_pairs(model, dev)
    print("\n[calibration on dev]")
    for name, (scores, hits) in pairs.items():
        ece = expected_calibration_error(scores, hits)
        figures[f"ece_{name}"] = round(ece, 4)
        print(
            f"  {name}: ECE {ece:.4f} over {len(scores)} items "
            f"(mean score {scores.mean():.3f}, observed {hits.mean():.3f})"
        )
        for mean_score, observed, count in reliability_table(scores, hits):
            print(f"      bin score {mean_score:.2f} observed {observed:.2f} n={count}")
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 2, figsize=(9, 4))
        for ax, (name, (scores, hits)) in zip(axes, pairs.items(), strict=True):
            table = reliability_table(scores, hits)
            ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect")
            ax.plot(
                [t[0] for t in table],
                [t[1] for t in table],
                "o-",
                label=f"ptc-minilm (ECE {expected_calibration_error(scores, hits):.3f})",
            )
            ax.set_title(f"{name.replace('_', ' ')} (PTC v2 dev)")
            ax.set_xlabel("predicted probability")
            ax.set_ylabel("observed frequency")
            ax.legend(loc="upper left")
        fig.tight_layout()
        args.plot.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(args.plot, dpi=110)
        print(f"  reliability plot -> {args.plot}")

    from spinscope import Article
    from spinscope.pipeline import Analyzer

    texts = [a.text for a in dev.articles]
    pieces = sum(len(model.encode(t)) for t in texts)
    analyzer = Analyzer(Settings(model_dir=args.model, quotes=False, outlet=False))
    analyzer.analyze(Article(texts[0], id="warm-up"))
    started = time.perf_counter()
    for index, text in enumerate(texts):
        analyzer.analyze(Article(text, id=str(index)))
    elapsed = time.perf_counter() - started
    figures["analyze"] = {
        "articles_per_s": len(texts) / elapsed,
        "pieces_per_s": pieces / elapsed,
        "seconds": elapsed,
        "articles": len(texts),
        "pieces": pieces,
    }
    print(f"\n[analyze: segment + detect over {len(texts)} dev articles, {pieces} word pieces]")
    print(f"  {elapsed:.1f}s: {len(texts) / elapsed:.2f} articles/s, {pieces / elapsed:.0f} pieces/s")
    if not args.skip_baseline:
        seconds, base_pieces = bert_base_throughput(texts, model)
        figures["bert_base"] = {
            "articles_per_s": len(texts) / seconds,
            "pieces_per_s": base_pieces / seconds,
            "seconds": seconds,
        }
        print(
            f"  bert-base-cased random token classifier, ONNX fp32: {seconds:.1f}s: "
            f"{len(texts) / seconds:.2f} articles/s, {base_pieces / seconds:.0f} pieces/s"
        )
        print(f"  speed ratio (analyze / bert-base): {seconds / elapsed:.1f}x")
        figures["speed_ratio"] = seconds / elapsed

    # every stage (techniques, quotes with the role network, outlet), for reference; not in the ratio
    full = Analyzer(Settings(model_dir=args.model))
    full.analyze(Article(texts[0], id="warm-up"))
    started = time.perf_counter()
    for index, text in enumerate(texts):
        full.analyze(Article(text, id=str(index)))
    full_elapsed = time.perf_counter() - started
    figures["analyze_all_stages"] = {"articles_per_s": len(texts) / full_elapsed, "seconds": full_elapsed}
    print(
        f"  all stages (techniques, quotes with role network, outlet): {full_elapsed:.1f}s: "
        f"{len(texts) / full_elapsed:.2f} articles/s"
    )

    figures["peak_mb"] = _peak_mb(dev, args.model)
    print(f"\npeak memory of analyze on the longest dev article (fresh process): {figures['peak_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=float) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
