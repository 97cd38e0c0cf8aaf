"""Write notebooks/05_briefing.ipynb (without outputs). Re-run after editing."""

import nbformat as nbf
from notebook_writer import write_notebook

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
intro = md("""# 05 · Briefing (one page)

The page a provincial leader reads in two minutes: who leads what, the accountability gaps, the
network's hubs, coverage of the resolutions and target alignment. Every number is computed by
`plan132lib.render.briefing`. Vietnamese by default; set `LANG = "en"` below (or run the build with
`PLAN132_LANG=en`) for English. `make report` turns the executed notebook into
`outputs/report.html` without this cell and without code.""")
intro.metadata["tags"] = ["hide-in-report"]


cells = [
    intro,
    code("""%matplotlib inline
from IPython.display import Markdown

from plan132lib import charts
from plan132lib.render import briefing
from plan132lib.analysis import coverage
from plan132lib.charts import coverage as coverage_charts
from plan132lib.analysis import network
from plan132lib.charts import network as network_charts
from plan132lib.build import notebook_params
from plan132lib.analysis import workload

LANG = notebook_params.lang()  # "vi" (default) or "en"
plan = notebook_params.load()
review = notebook_params.review(plan)
parts = briefing.sections(plan, review, LANG)
Markdown("\\n\\n".join(parts[k] for k in ("heading", "intro", "tasks", "leads")))"""),
    code("""charts.lead_coordinate_bars(workload.agency_workload(plan), lang=LANG)"""),
    code("""Markdown("\\n\\n".join(parts[k] for k in ("gaps", "due") if k in parts))"""),
    code("""charts.task_gantt(workload.task_timeline(plan, LANG), lang=LANG)"""),
    code("""Markdown(parts.get("network", ""))"""),
    code("""network_charts.projection_drawing(network.projection(plan, "drop"), lang=LANG)"""),
    code("""Markdown("\\n\\n".join(parts[k] for k in ("coverage", "targets", "caveat") if k in parts))"""),
    code("""if review is not None:
    display(coverage_charts.coverage_by_group(coverage.coverage_by_group(review), lang=LANG))"""),
]

write_notebook(cells, "05_briefing.ipynb")
