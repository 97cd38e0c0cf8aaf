"""The ``plan132`` command: ``check`` a plan, ``build`` its tables."""

from __future__ import annotations

import argparse
import sys

from .errors import DataFileError
from .ingest.tables import load_plan
from .ingest.validation import report_text
from .paths import DEFAULT_OUTPUT_DIR


def _check(args: argparse.Namespace) -> int:
    plan = load_plan(args.path)
    sys.stdout.write(report_text(plan))
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build.pipeline import build

    build(args.plan, args.out, tuple(args.lang), crosswalk=args.crosswalk,
          notebooks=not args.no_notebooks, log=lambda line: print(line, flush=True))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="plan132", description="Provincial implementation plans (PDF, Word, Excel or text) as "
                                    "traceable tables; by default the bundled Kế hoạch 132/KH-UBND.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="parse a plan and print the validation report")
    check.add_argument("path", nargs="?", default=None,
                       help="plan file: a PDF with a text layer, Word (.docx), Excel (.xlsx, .xlsm) or the "
                            "text export (default: the bundled Kế hoạch 132)")
    check.set_defaults(func=_check)
    build_cmd = sub.add_parser("build", help="write every output: tables, network files, charts, workbooks, "
                                             "executed notebooks and the HTML report")
    build_cmd.add_argument("--plan", default=None, help="plan file: PDF, Word, Excel or the text export "
                                                         "(default: the bundled plan)")
    build_cmd.add_argument("--out", default=str(DEFAULT_OUTPUT_DIR),
                           help="output folder (default: outputs/)")
    build_cmd.add_argument("--lang", nargs="+", default=["vi", "en"], choices=["vi", "en"],
                           help="languages of the charts and workbook (default: vi en)")
    build_cmd.add_argument("--crosswalk", default=None,
                           help="crosswalk of the plan's tasks to the resolution catalogue (default: the "
                                "bundled one, for the bundled plan only)")
    build_cmd.add_argument("--no-notebooks", action="store_true",
                           help="skip the notebooks and the HTML report (tables, charts, workbooks only)")
    build_cmd.set_defaults(func=_build)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except DataFileError as exc:
        print(f"plan132: cannot read {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
