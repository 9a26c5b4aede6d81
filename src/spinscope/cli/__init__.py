"""The ``spinscope`` command: one module per sub-command, each a thin layer over a library function.

A sub-command module in this package defines ``COMMAND`` (its name), ``HELP`` (one line),
``add_arguments(parser)`` and ``run(args, settings) -> int``; :func:`main` finds them all.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from spinscope.cli._text import plain_help
from spinscope.errors import SpinscopeError
from spinscope.settings import BYTES_PER_CHAR, TAXONOMY_CHOICES, Settings, default_data_dir
from spinscope.version import __version__


def command_modules() -> list[ModuleType]:
    """Every sub-command module, sorted by command name."""
    modules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "COMMAND"):
            modules.append(module)
    return sorted(modules, key=lambda m: m.COMMAND)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``spinscope`` and all its sub-commands."""
    parser = argparse.ArgumentParser(
        prog="spinscope",
        description="Find how news articles try to persuade: propaganda techniques, quotes and relays, outlets.",
    )
    parser.add_argument("--version", action="version", version=f"spinscope {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in command_modules():
        sub = subparsers.add_parser(
            module.COMMAND,
            help=plain_help(module.HELP),
            description=plain_help(module.__doc__),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help=f"where the labelled corpora live (default: $SPINSCOPE_DATA_DIR or {default_data_dir()})",
        )
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The :class:`Settings` the common flags ask for."""
    settings = Settings()
    if args.data_dir is not None:
        settings = settings.with_(data_dir=args.data_dir)
    return settings


def add_analysis_arguments(parser: argparse.ArgumentParser, *, urls: bool = True) -> None:
    """The flags every analysing command shares: model, stages to skip, private URLs."""
    parser.add_argument("--model", type=Path, default=None, help="technique model directory (default: shipped model)")
    parser.add_argument("--no-techniques", action="store_true", help="skip technique detection")
    parser.add_argument(
        "--min-score",
        type=score_type,
        default=None,
        metavar="S",
        help="show technique findings scoring at least S, 0 to 1 (default: the model's display threshold, "
        "the most precise score on held-out train articles: see the model card; 0 shows all)",
    )
    parser.add_argument("--no-quotes", action="store_true", help="skip quote attribution")
    add_quotes_model_arguments(parser)
    parser.add_argument("--no-outlet", action="store_true", help="skip the outlet profile")
    add_max_chars_argument(parser)
    if urls:
        parser.add_argument(
            "--allow-private-urls", action="store_true", help="allow URLs on private/loopback addresses"
        )


def add_taxonomy_argument(parser: argparse.ArgumentParser, *, help: str | None = None) -> None:
    """``--taxonomy NAME``: how the findings are named (:attr:`Settings.taxonomy`); what is detected never changes.

    ``help`` says what the option does in a command that counts findings rather than shows them.
    """
    parser.add_argument(
        "--taxonomy",
        choices=TAXONOMY_CHOICES,
        default=None,
        help=help
        or "name the findings in SemEval-2020 (default: the model's labels), SemEval-2023 (the same findings "
        "through the documented mapping, every candidate where 2023 split a class) or both (docs/taxonomy.md)",
    )


def taxonomy_settings(args: argparse.Namespace, settings: Settings) -> Settings:
    """``settings`` with the ``--taxonomy`` of :func:`add_taxonomy_argument`, if given."""
    taxonomy = getattr(args, "taxonomy", None)
    return settings if taxonomy is None else settings.with_(taxonomy=taxonomy)


def add_quotes_model_arguments(parser: argparse.ArgumentParser) -> None:
    """``--fast-quotes`` and ``--quotes-model DIR``: :attr:`Settings.fast_quotes`, :attr:`Settings.quotes_model_dir`."""
    parser.add_argument(
        "--fast-quotes",
        action="store_true",
        help="attribute quotes with the CRF alone: several times faster, finds fewer cues (docs/quotes.md)",
    )
    parser.add_argument(
        "--quotes-model",
        type=Path,
        default=None,
        metavar="DIR",
        help="quote attribution model directory, as `spinscope train --task attribution -o DIR` writes it "
        "(default: shipped models)",
    )


def quotes_model_settings(args: argparse.Namespace, settings: Settings) -> Settings:
    """``settings`` with the flags of :func:`add_quotes_model_arguments`."""
    return settings.with_(fast_quotes=args.fast_quotes, quotes_model_dir=args.quotes_model)


def add_min_score_argument(parser: argparse.ArgumentParser, *, what: str) -> None:
    """``--min-score S`` of the commands that read batch results (their tables keep every finding)."""
    parser.add_argument(
        "--min-score",
        type=score_type,
        default=None,
        metavar="S",
        help=f"{what}: count technique findings scoring at least S, 0 to 1 (default: the model's display "
        "threshold; 0 counts all)",
    )


def display_min_score(args: argparse.Namespace, settings: Settings) -> float:
    """``--min-score`` if given, else :attr:`Settings.min_score`, else the technique model's display threshold
    (read from its config.json, no model loaded)."""
    import json

    from spinscope.detect.stage import SHIPPED_MODEL_DIR

    value = getattr(args, "min_score", None)
    if value is None:
        value = settings.min_score
    if value is not None:
        return float(value)
    folder = getattr(args, "model", None) or settings.model_dir or SHIPPED_MODEL_DIR
    try:
        config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
        return float(config.get("display", {}).get("min_score", 0.0))
    except (OSError, ValueError, AttributeError):
        return 0.0


def score_type(value: str) -> float:
    """argparse type of ``--min-score``: a number from 0 to 1."""
    try:
        score = float(value)
    except ValueError:
        score = -1.0
    if not 0.0 <= score <= 1.0:
        raise argparse.ArgumentTypeError(f"{value}: must be a score from 0 to 1")
    return score


def _positive_int(value: str) -> int:
    try:
        number = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}: must be a positive number of characters")
    return number


def add_max_chars_argument(parser: argparse.ArgumentParser) -> None:
    """``--max-chars N``: the size limit of an article (:attr:`Settings.max_chars`), for every analysing command."""
    parser.add_argument(
        "--max-chars",
        type=_positive_int,
        default=None,
        metavar="N",
        help=f"refuse articles longer than N characters (default: {Settings().max_chars:,}; "
        f"files, URLs and stdin may hold {BYTES_PER_CHAR} bytes of input per character)",
    )


def max_chars_settings(args: argparse.Namespace, settings: Settings) -> Settings:
    """``settings`` with the ``--max-chars`` of :func:`add_max_chars_argument`, if given."""
    max_chars = getattr(args, "max_chars", None)
    return settings if max_chars is None else settings.with_(max_chars=max_chars)


def analysis_settings(args: argparse.Namespace, settings: Settings) -> Settings:
    """``settings`` changed by the flags of :func:`add_analysis_arguments`."""
    return quotes_model_settings(args, max_chars_settings(args, settings)).with_(
        model_dir=args.model,
        techniques=not args.no_techniques,
        min_score=getattr(args, "min_score", settings.min_score),
        quotes=not args.no_quotes,
        outlet=not args.no_outlet,
        allow_private_urls=getattr(args, "allow_private_urls", settings.allow_private_urls),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code. Errors become one line on stderr."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args, settings_from_args(args)))
    except SpinscopeError as e:
        print(f"spinscope {args.command}: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(f"spinscope {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except ModuleNotFoundError as e:
        print(
            f"spinscope {args.command}: error: the package {e.name!r} is not installed; this command needs an "
            "extra: pip install 'spinscope[server]', 'spinscope[batch]' or 'spinscope[ml]'",
            file=sys.stderr,
        )
        return 2
    except OSError as e:
        print(f"spinscope {args.command}: error: {e}", file=sys.stderr)
        return 1
