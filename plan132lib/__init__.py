"""plan132lib: provincial implementation plans as traceable tables, starting with
Kế hoạch 132/KH-UBND (Hưng Yên, 16/4/2026).

>>> from plan132lib import load_plan
>>> plan = load_plan()            # the bundled plan; or a PDF, Word, Excel or text file
>>> len(plan.tasks)
29
"""

from .errors import PlanParseError
from .ingest.agencies import Registry, split_agencies
from .ingest.readers import read_document
from .ingest.tables import Plan, load_plan
from .ingest.timeline import Timeline, parse_timeline
from .stamp import VERSION as __version__

__all__ = [
    "Plan",
    "PlanParseError",
    "Registry",
    "Timeline",
    "__version__",
    "load_plan",
    "parse_timeline",
    "read_document",
    "split_agencies",
]
