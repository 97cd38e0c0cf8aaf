"""The ``plan132`` command: ``check`` a plan, ``build`` its pack, draft a ``crosswalk``, read a ``catalogue``,
list its ``agencies`` names for review (``--agencies`` then applies the reviewed names), write a comment
memo on a draft (``review``), send tracking workbooks and merge the agencies' returns (``track init``,
``track report``).

Messages (help, reports, progress, errors) are in Vietnamese by default; ``--lang en`` gives
English, before or after the command. For ``build``, ``--lang vi en`` lists the languages of
the outputs and the messages follow the first; for ``crosswalk`` it is the language of the
sheet and the messages. Exit codes: 0 done, 1 warnings (``check --strict``), 2 a file that
cannot be read or written. The words are rows ``cli.*``, ``log.*`` and ``error.*`` of
``words.csv``.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path
from typing import Any, NoReturn

from .errors import DataFileError
from .ingest.agencies import Registry
from .ingest.ocr import MODES, ocr_mode
from .ingest.tables import load_plan
from .ingest.validation import findings, report_text, warnings
from .paths import DEFAULT_OUTPUT_DIR
from .pipeline.output import OutputError
from .stamp import VERSION
from .words import LANGS, say_error, word


def _cannot_write(exc: OSError, out: str, lang: str) -> str:
    """An ``OSError`` met writing the file ``out``: the file and the reason in the reader's words."""
    return word("cli.cannot_write", lang, file=exc.filename or out, reason=OutputError.reason(exc, lang))


def _registry(args: argparse.Namespace) -> Registry | None:
    """The registry with the reviewed names of ``--agencies`` (None: the bundled one)."""
    from .analysis.agency_review import registry_for

    return registry_for(args.agencies)


def _check(args: argparse.Namespace) -> int:
    plan = load_plan(args.path, _registry(args))
    found = findings(plan, args.messages)
    sys.stdout.write(report_text(plan, found, lang=args.messages))
    return 1 if args.strict and warnings(found) else 0


def _build(args: argparse.Namespace) -> int:
    from .pipeline.build import build
    from .render.brief_pdf import BriefOverflowError

    try:
        build(
            args.plan,
            args.out,
            tuple(args.lang),
            crosswalk=args.crosswalk,
            catalogue=args.catalogue,
            notebooks=not args.no_notebooks,
            log=lambda line: print(line, flush=True),
            messages=args.messages,
            agencies=args.agencies,
            progress=args.progress,
        )
    except BriefOverflowError as exc:  # the folder is left as it was (pipeline.output)
        print(
            "plan132: " + word("cli.brief_overflow", args.messages, out=args.out, detail=exc), file=sys.stderr
        )
        return 2
    return 0


def _diff(args: argparse.Namespace) -> int:
    """Compare two versions of a plan and write what changed."""
    from .pipeline.diff import write_diff, written_message

    frame, written = write_diff(args.old, args.new, args.out, registry=_registry(args))
    print(written_message(frame, written, args.out, args.messages))
    return 0


def _compare(args: argparse.Namespace) -> int:
    """Compare many plans and write the tables and charts."""
    from .pipeline.compare import default_cache, write_compare

    cache = None if args.no_cache else (args.cache or default_cache())
    tables, failed, _ = write_compare(
        args.plans,
        args.out,
        cache_dir=cache,
        strict=args.strict,
        messages=args.messages,
        catalogue=args.catalogue,
        registry=_registry(args),
    )
    for _path, problem in failed:
        print("plan132: " + word("compare.unread", args.messages, problem=problem), file=sys.stderr)
    if not tables:
        return 2
    plans = tables["plans"]
    print(word("compare.written", args.messages, n=len(plans), n_tasks=len(tables["tasks"]), out=args.out))
    return 0


def _crosswalk(args: argparse.Namespace) -> int:
    """Write the matcher's suggested links as a review sheet (a crosswalk draft)."""
    from .analysis.catalogue import load_catalogues
    from .analysis.coverage import THRESHOLD, applies, for_plan, skipped
    from .analysis.crosswalk_draft import draft
    from .render.crosswalk_sheet import write_draft

    lang = args.messages
    if Path(args.out).suffix.lower() not in (".xlsx", ".csv"):
        print("plan132: " + word("cli.bad_draft_out", lang, out=args.out), file=sys.stderr)
        return 2
    plan = load_plan(args.plan)
    catalogue = load_catalogues(args.catalogue)
    if not applies(plan, catalogue):  # never draft links to a document the plan does not implement
        print("plan132: " + skipped(plan, catalogue, lang, args.plan or ""), file=sys.stderr)
        return 2
    rows = draft(plan, for_plan(catalogue, plan))
    try:
        path = write_draft(rows, args.out, plan, lang)
    except OSError as exc:
        print("plan132: " + _cannot_write(exc, args.out, lang), file=sys.stderr)
        return 2
    print(
        word(
            "draft.summary",
            lang,
            n=len(rows),
            n_tasks=rows["task_id"].nunique(),
            n_entries=rows["goal_id"].nunique(),
            threshold=THRESHOLD,
            file=path,
        )
    )
    print(
        word(
            "draft.next_step",
            lang,
            file=path,
            plan=f" --plan {args.plan}" if args.plan else "",
            catalogue="".join(f" --catalogue {c}" for c in args.catalogue or ()),
        )
    )
    return 0


def _agencies(args: argparse.Namespace) -> int:
    """Write every agency name of the plan as a review sheet (the names, and a column to fill in)."""
    from .analysis.agency_review import name_rows, unknown_names
    from .render.agency_sheet import write_names

    lang = args.messages
    if Path(args.out).suffix.lower() not in (".xlsx", ".csv"):
        print("plan132: " + word("cli.bad_agencies_out", lang, out=args.out), file=sys.stderr)
        return 2
    plan = load_plan(args.plan, _registry(args))
    rows = name_rows(plan, lang)
    try:
        path = write_names(rows, args.out, plan, lang)
    except OSError as exc:
        print("plan132: " + _cannot_write(exc, args.out, lang), file=sys.stderr)
        return 2
    print(
        word(
            "agencies.summary",
            lang,
            n=len(rows),
            plan=plan.citation(lang),
            n_unknown=unknown_names(plan),
            file=path,
        )
    )
    print(word("agencies.next_step", lang, file=path, plan=f" --plan {args.plan}" if args.plan else ""))
    return 0


def _catalogue(args: argparse.Namespace) -> int:
    """Read a resolution's text into a resolution catalogue (CSV, the bundled catalogue's columns)."""
    from .analysis.catalogue_from_text import catalogue_and_warnings
    from .render.export import write_csv

    rows, notes = catalogue_and_warnings(args.source, args.prefix)
    for note in notes:  # read as written (a gap in the point letters): the reader checks, nothing stops
        print(
            "plan132: " + word("cli.catalogue_warning", args.messages, warning=note.say(args.messages)),
            file=sys.stderr,
        )
    try:
        path = write_csv(rows, args.out)
    except OSError as exc:
        print("plan132: " + _cannot_write(exc, args.out, args.messages), file=sys.stderr)
        return 2
    kinds = rows["entry_type"].value_counts()
    applies = rows["applies_to_province"].value_counts()
    print(
        word(
            "cli.catalogue_summary",
            args.messages,
            n=len(rows),
            source=Path(args.source).name,
            task=kinds.get("task", 0),
            target=kinds.get("target", 0),
            context=kinds.get("context", 0),
            yes=applies.get("yes", 0),
            no=applies.get("no", 0),
            unknown=applies.get("unknown", 0),
            file=path,
        )
    )
    return 0


def _review(args: argparse.Namespace) -> int:
    """Write a comment memo (góp ý dự thảo) on a draft plan as a Word letter."""
    from .analysis.coverage import review_for
    from .render.review_memo import write_memo

    lang = args.messages
    if Path(args.out).suffix.lower() != ".docx":
        print("plan132: " + word("cli.bad_review_out", lang, out=args.out), file=sys.stderr)
        return 2
    registry = _registry(args)
    plan = load_plan(args.draft, registry)
    previous = load_plan(args.previous, registry) if args.previous else None
    review = review_for(plan, args.crosswalk, args.catalogue)
    try:
        path, comments = write_memo(plan, args.out, lang, review=review, previous=previous)
    except OSError as exc:
        print("plan132: " + _cannot_write(exc, args.out, lang), file=sys.stderr)
        return 2
    print(word("cli.review_written", lang, file=path, n=len(comments), plan=plan.name(lang)))
    return 0


def _track_init(args: argparse.Namespace) -> int:
    """Write the tracking workbooks an agency fills in each period (plan132 track init)."""
    from .pipeline.track import TrackError, write_tracking

    lang = args.messages
    try:
        done = write_tracking(
            args.plan,
            args.out,
            args.agency or (),
            all_tasks=args.all,
            period=args.period or "",
            lang=lang,
            registry=_registry(args),
        )
    except TrackError as exc:
        print("plan132: " + exc.say(lang), file=sys.stderr)
        return 2
    print(word("cli.track_init_written", lang, n=len(done.written), out=args.out, plan=done.plan.name(lang)))
    for name, path in done.written:
        print(f"  {path.name}: {name or word('track.all_agencies', lang)}")
    if done.collectives:
        print(word("cli.track_collectives", lang, names="; ".join(done.collectives)))
    return 0


def _track_report(args: argparse.Namespace) -> int:
    """Merge the returned tracking workbooks and write the progress files (plan132 track report)."""
    import datetime as dt

    from .analysis.progress import ProgressErrors
    from .pipeline.track import StrictStop, TrackError, write_progress

    lang = args.messages
    try:
        as_of = dt.date.fromisoformat(args.as_of)
    except ValueError:
        print("plan132: " + word("cli.track_bad_date", lang, date=args.as_of), file=sys.stderr)
        return 2
    try:
        progress, _written, skipped = write_progress(
            args.files, args.plan, as_of, args.out, strict=args.strict, lang=lang, registry=_registry(args)
        )
    except ProgressErrors as exc:
        for error in exc.errors:
            print("plan132: " + say_error(error, lang), file=sys.stderr)
        print(
            "plan132: " + word("cli.track_not_written", lang, n=len(exc.errors), out=args.out),
            file=sys.stderr,
        )
        return 2
    except TrackError as exc:
        print("plan132: " + exc.say(lang), file=sys.stderr)
        return 2
    except StrictStop as stop:
        for line in _warning_lines(stop.progress.warnings, lang, limit=None):
            print("plan132: " + line, file=sys.stderr)
        print(
            "plan132: " + word("cli.track_strict_stop", lang, n=len(stop.progress.warnings), out=args.out),
            file=sys.stderr,
        )
        return 2
    for path in skipped:
        print("plan132: " + word("cli.track_lock_file", lang, file=path), file=sys.stderr)
    for line in _warning_lines(progress.warnings, lang, limit=20):
        print("plan132: " + line, file=sys.stderr)
    table = progress.progress
    counts = table["status"].value_counts()
    print(
        word(
            "cli.track_report_written",
            lang,
            n=len(table),
            returns=progress.n_returns,
            done=int(counts.get("done", 0)),
            overdue=int(table["overdue"].sum()),
            unreported=len(progress.non_reporters),
            conflicts=int((progress.conflicts["category"] == "conflict").sum()),
            warnings=len(progress.warnings),
            fixes=int((progress.conflicts["category"] == "fix").sum()),
            out=args.out,
        )
    )
    return 0


def _warning_lines(warnings: Any, lang: str, limit: int | None) -> list[str]:
    """The merge's warnings as lines: "warning: FILE, PLACE: what (task 1.2)", at most ``limit``."""
    lines = [
        word(
            "cli.track_warning",
            lang,
            where=r.source_ref or r.file_name,
            message=word(f"track.note.{r.issue}", lang),
            task=r.task_id or "–",
            written=r.written or "–",
        )
        for r in warnings.itertuples(index=False)
    ]
    if limit is not None and len(lines) > limit:
        lines = [*lines[:limit], word("cli.track_more_warnings", lang, n=len(lines) - limit)]
    return lines


def _message_lang(argv: list[str]) -> str:
    """The language of the messages, read before parsing (the help texts depend on it).

    The first value of the last ``--lang`` (global, ``check``, ``catalogue``, ``crosswalk``
    or ``build``'s list of output languages); Vietnamese when there is none or it is not
    a language (argparse then says so).
    """
    lang = "vi"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        else:
            continue
        lang = value if value in LANGS else lang
    return lang


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, its "usage:" in the parser's language."""

    def __init__(self, prog: str, usage_prefix: str = "usage: ", **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self.usage_prefix = usage_prefix

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose scaffolding ("usage:", "options", "error:") speaks ``lang``.

    argparse's own sentences after "lỗi:" ("the following arguments are required …") stay English.
    """

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        self.lang = lang
        formatter = functools.partial(_Formatter, usage_prefix=word("cli.usage", lang) + " ")
        super().__init__(*args, formatter_class=formatter, add_help=False, **kwargs)
        self._positionals.title = word("cli.positionals", lang)
        self._optionals.title = word("cli.options", lang)
        self.add_argument("-h", "--help", action="help", help=word("cli.help", lang))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {word('cli.error', self.lang)}: {message}\n")


def parser(lang: str = "vi") -> argparse.ArgumentParser:
    """The ``plan132`` argument parser, its help texts in ``lang``."""

    def say(key: str) -> str:
        return word(f"cli.{key}", lang)

    def add_parser(sub: argparse._SubParsersAction, name: str, key: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=say(key), description=say(key), lang=lang)

    def add_lang(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--lang", dest="sub_lang", choices=LANGS, default=None, help=say("lang"))

    main = _Parser(prog="plan132", description=say("description"), epilog=say("epilog"), lang=lang)
    main.add_argument("--version", action="version", version=f"plan132 {VERSION}", help=say("version"))
    main.add_argument("--lang", dest="main_lang", choices=LANGS, default=None, help=say("lang"))
    sub = main.add_subparsers(
        dest="command",
        required=True,
        title=say("commands"),
        metavar="{check,build,diff,compare,crosswalk,catalogue,agencies,review,track}",
    )

    check = add_parser(sub, "check", "check")
    check.add_argument("path", nargs="?", default=None, help=say("check_path"))
    check.add_argument("--strict", action="store_true", help=say("check_strict"))
    check.add_argument("--agencies", default=None, help=say("agencies_file"))
    add_lang(check)
    check.set_defaults(func=_check)

    build_cmd = add_parser(sub, "build", "build")
    build_cmd.add_argument("--plan", default=None, help=say("plan"))
    build_cmd.add_argument("--out", default=str(DEFAULT_OUTPUT_DIR), help=say("build_out"))
    build_cmd.add_argument("--lang", nargs="+", default=None, choices=LANGS, help=say("build_lang"))
    build_cmd.add_argument("--crosswalk", default=None, help=say("build_crosswalk"))
    build_cmd.add_argument("--catalogue", action="append", default=None, help=say("catalogue_file"))
    build_cmd.add_argument("--agencies", default=None, help=say("agencies_file"))
    build_cmd.add_argument("--no-notebooks", action="store_true", help=say("build_no_notebooks"))
    build_cmd.add_argument("--progress", default=None, help=say("build_progress"))
    build_cmd.set_defaults(func=_build)

    diff_cmd = add_parser(sub, "diff", "diff")
    diff_cmd.add_argument("old", help=say("diff_old"))
    diff_cmd.add_argument("new", help=say("diff_new"))
    diff_cmd.add_argument("--out", required=True, help=say("diff_out"))
    diff_cmd.add_argument("--agencies", default=None, help=say("agencies_file"))
    add_lang(diff_cmd)
    diff_cmd.set_defaults(func=_diff)

    compare_cmd = add_parser(sub, "compare", "compare")
    compare_cmd.add_argument("plans", nargs="+", help=say("compare_plans"))
    compare_cmd.add_argument("--out", required=True, help=say("diff_out"))
    compare_cmd.add_argument("--strict", action="store_true", help=say("compare_strict"))
    compare_cmd.add_argument("--cache", default=None, help=say("compare_cache"))
    compare_cmd.add_argument("--no-cache", action="store_true", help=say("compare_no_cache"))
    compare_cmd.add_argument("--catalogue", action="append", default=None, help=say("catalogue_file"))
    compare_cmd.add_argument("--agencies", default=None, help=say("agencies_file"))
    add_lang(compare_cmd)
    compare_cmd.set_defaults(func=_compare)

    draft_cmd = add_parser(sub, "crosswalk", "crosswalk")
    draft_cmd.add_argument("--plan", default=None, help=say("plan"))
    draft_cmd.add_argument("--catalogue", action="append", default=None, help=say("catalogue_file"))
    draft_cmd.add_argument("--out", required=True, help=say("crosswalk_out"))
    draft_cmd.add_argument("--lang", dest="sub_lang", default=None, choices=LANGS, help=say("crosswalk_lang"))
    draft_cmd.set_defaults(func=_crosswalk)

    cat_cmd = add_parser(sub, "catalogue", "catalogue")
    cat_cmd.add_argument("--from", dest="source", required=True, help=say("catalogue_from"))
    cat_cmd.add_argument("--prefix", required=True, help=say("catalogue_prefix"))
    cat_cmd.add_argument("--out", required=True, help=say("catalogue_out"))
    add_lang(cat_cmd)
    cat_cmd.set_defaults(func=_catalogue)

    names_cmd = add_parser(sub, "agencies", "agencies")
    names_cmd.add_argument("--plan", default=None, help=say("plan"))
    names_cmd.add_argument("--out", required=True, help=say("agencies_out"))
    names_cmd.add_argument("--agencies", default=None, help=say("agencies_file"))
    names_cmd.add_argument("--lang", dest="sub_lang", default=None, choices=LANGS, help=say("agencies_lang"))
    names_cmd.set_defaults(func=_agencies)

    review_cmd = add_parser(sub, "review", "review")
    review_cmd.add_argument("draft", help=say("review_draft"))
    review_cmd.add_argument("--previous", default=None, help=say("review_previous"))
    review_cmd.add_argument("--crosswalk", default=None, help=say("build_crosswalk"))
    review_cmd.add_argument("--catalogue", action="append", default=None, help=say("catalogue_file"))
    review_cmd.add_argument("--agencies", default=None, help=say("agencies_file"))
    review_cmd.add_argument("--out", required=True, help=say("review_out"))
    review_cmd.add_argument("--lang", dest="sub_lang", default=None, choices=LANGS, help=say("review_lang"))
    review_cmd.set_defaults(func=_review)

    track_cmd = add_parser(sub, "track", "track")
    track_sub = track_cmd.add_subparsers(
        dest="track_command", required=True, title=say("commands"), metavar="{init,report}"
    )
    init_cmd = add_parser(track_sub, "init", "track_init")
    init_cmd.add_argument("--plan", default=None, help=say("plan"))
    init_cmd.add_argument("--out", required=True, help=say("track_init_out"))
    init_cmd.add_argument("--agency", nargs="+", default=None, help=say("track_agency"))
    init_cmd.add_argument("--all", action="store_true", help=say("track_all"))
    init_cmd.add_argument("--period", default=None, help=say("track_period"))
    init_cmd.add_argument("--agencies", default=None, help=say("agencies_file"))
    init_cmd.add_argument("--lang", dest="sub_lang", default=None, choices=LANGS, help=say("track_init_lang"))
    init_cmd.set_defaults(func=_track_init)
    report_cmd = add_parser(track_sub, "report", "track_report")
    report_cmd.add_argument("files", nargs="+", help=say("track_files"))
    report_cmd.add_argument("--plan", default=None, help=say("plan"))
    report_cmd.add_argument("--as-of", dest="as_of", required=True, help=say("track_as_of"))
    report_cmd.add_argument("--out", required=True, help=say("track_report_out"))
    report_cmd.add_argument("--strict", action="store_true", help=say("track_strict"))
    report_cmd.add_argument("--agencies", default=None, help=say("agencies_file"))
    report_cmd.add_argument(
        "--lang", dest="sub_lang", default=None, choices=LANGS, help=say("track_report_lang")
    )
    report_cmd.set_defaults(func=_track_report)
    reading = (
        check,
        build_cmd,
        diff_cmd,
        compare_cmd,
        draft_cmd,
        cat_cmd,
        names_cmd,
        review_cmd,
        init_cmd,
        report_cmd,
    )
    for cmd in reading:  # every command that reads a plan (or a resolution)
        cmd.add_argument("--ocr", choices=MODES, default=None, help=say("ocr"))
    return main


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser(_message_lang(argv)).parse_args(argv)
    if args.command == "build":
        given = args.lang
        args.lang = given or ["vi", "en"]
        args.messages = given[0] if given else (args.main_lang or "vi")
    else:
        args.messages = args.sub_lang or args.main_lang or "vi"
    try:
        with ocr_mode(getattr(args, "ocr", None)):
            return args.func(args)
    except DataFileError as exc:
        print("plan132: " + say_error(exc, args.messages), file=sys.stderr)
        return 2
    except OutputError as exc:  # an output folder that cannot be written (build, diff, compare)
        print("plan132: " + exc.say(args.messages), file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
