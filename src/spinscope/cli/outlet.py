"""Show what the open reliability lists and the shipped registry say about a news outlet.

NAME_OR_URL is an outlet name ("Russia-Insider"), a domain or a URL. Lists that disagree are shown
side by side. The lists are read from --data-dir (news-media-reliability-baly/ and -idiap/).
Exit code 0 for a known outlet, 1 when no list or registry entry matches (with --json the
profile is printed all the same).

examples:
  spinscope outlet Russia-Insider
  spinscope outlet https://www.russia-insider.com/en/some-story --json
  spinscope outlet ITAR-TASS
"""

from __future__ import annotations

import argparse
import json
import sys

from spinscope.settings import Settings

COMMAND = "outlet"
HELP = "profile a news outlet from the reliability lists (name, domain or URL)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name_or_url", metavar="NAME_OR_URL", help="outlet name, domain or URL")
    parser.add_argument("--json", action="store_true", help="print the profile dict as JSON")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.outlets import profile_outlet
    from spinscope.render.plain import format_profile, unknown_outlet_message

    profile = profile_outlet(args.name_or_url, data_dir=settings.data_dir)
    if args.json:
        sys.stdout.write(json.dumps(profile, ensure_ascii=False, indent=2) + "\n")
    elif profile["known"]:
        sys.stdout.write(format_profile(profile))
    else:
        print(f"spinscope outlet: error: {unknown_outlet_message(profile)}", file=sys.stderr)
    return 0 if profile["known"] else 1
