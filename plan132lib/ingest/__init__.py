"""ingest layer: a document (text export, Word, PDF, Excel) read into the plan's tables.

``detect`` → a reader (``read_text``, ``read_docx``, ``read_pdf``, ``read_xlsx``) →
``document`` (the one reading model) → ``parse`` (the interpreter, with ``body`` and
``task_table``) → ``tables`` (``Plan``, ``load_plan``); ``validation`` checks the result.
"""
