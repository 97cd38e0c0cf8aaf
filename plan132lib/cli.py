"""The ``plan132`` command: ``check`` a plan, ``build`` its tables, draft a ``crosswalk``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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

    build(args.plan, args.out, tuple(args.lang), crosswalk=args.crosswalk, catalogue=args.catalogue,
          notebooks=not args.no_notebooks, log=lambda line: print(line, flush=True))
    return 0


def _crosswalk(args: argparse.Namespace) -> int:
    """Write the matcher's suggested links as a review sheet (a crosswalk draft)."""
    from .analysis.catalogue import load_catalogue
    from .analysis.coverage import THRESHOLD
    from .analysis.crosswalk_draft import draft
    from .render.crosswalk_sheet import write_draft
    from .words import word

    if Path(args.out).suffix.lower() not in (".xlsx", ".csv"):
        print(f"plan132: --out {args.out}: write the draft as .xlsx or .csv", file=sys.stderr)
        return 2
    plan = load_plan(args.plan)
    rows = draft(plan, load_catalogue(args.catalogue))
    path = write_draft(rows, args.out, plan, args.lang)
    print(word("draft.summary", args.lang, n=len(rows), n_tasks=rows["task_id"].nunique(),
               n_entries=rows["goal_id"].nunique(), threshold=THRESHOLD, file=path))
    print(word("draft.next_step", args.lang, file=path, plan=f" --plan {args.plan}" if args.plan else "",
               catalogue=f" --catalogue {args.catalogue}" if args.catalogue else ""))
    return 0


def _catalogue(args: argparse.Namespace) -> int:
    """Read a resolution's text into a resolution catalogue (CSV, the bundled catalogue's columns)."""
    from .analysis.catalogue_from_text import catalogue_from_text
    from .render.export import write_csv

    rows = catalogue_from_text(args.source, args.prefix)
    try:
        path = write_csv(rows, args.out)
    except OSError as exc:
        print(f"plan132: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 2
    kinds = rows["entry_type"].value_counts()
    applies = rows["applies_to_province"].value_counts()
    print(f"catalogue: {len(rows)} entries from {Path(args.source).name} (task {kinds.get('task', 0)}, "
          f"target {kinds.get('target', 0)}, context {kinds.get('context', 0)}; applies_to_province yes "
          f"{applies.get('yes', 0)}, no {applies.get('no', 0)}, unknown {applies.get('unknown', 0)}) "
          f"written to {path}")
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
    build_cmd.add_argument("--catalogue", default=None,
                           help="resolution catalogue, CSV or XLSX (default: the bundled one)")
    build_cmd.add_argument("--no-notebooks", action="store_true",
                           help="skip the notebooks and the HTML report (tables, charts, workbooks only)")
    build_cmd.set_defaults(func=_build)
    draft_cmd = sub.add_parser("crosswalk", help="draft a crosswalk for a plan: the matcher's suggested "
                                                 "links as a sheet to review, then pass to build --crosswalk")
    draft_cmd.add_argument("--plan", default=None, help="plan file: PDF, Word, Excel or the text export "
                                                         "(default: the bundled plan)")
    draft_cmd.add_argument("--catalogue", default=None,
                           help="resolution catalogue, CSV or XLSX (default: the bundled one)")
    draft_cmd.add_argument("--out", required=True, help="the draft to write: .xlsx (with drop-down lists and "
                                                        "a column guide) or .csv")
    draft_cmd.add_argument("--lang", default="vi", choices=["vi", "en"],
                           help="language of the sheet names and messages (default: vi)")
    draft_cmd.set_defaults(func=_crosswalk)
    cat_cmd = sub.add_parser("catalogue", help="read a resolution or decision (text, Word or PDF) into a "
                                               "resolution catalogue CSV, one entry per point, clause or "
                                               "appendix task")
    cat_cmd.add_argument("--from", dest="source", required=True,
                         help="the resolution's text: the text export, Word (.docx) or a PDF with a text "
                              "layer")
    cat_cmd.add_argument("--prefix", required=True,
                         help="id prefix of the entries, e.g. NQ247 (NQ247-D2.1-a)")
    cat_cmd.add_argument("--out", required=True, help="the catalogue CSV to write")
    cat_cmd.set_defaults(func=_catalogue)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except DataFileError as exc:
        print(f"plan132: cannot read {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
