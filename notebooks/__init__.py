"""The analysis notebooks (``.ipynb``, each paired with its ``.py`` script), shipped inside the package
as ``plan132lib.notebooks`` so that an installed plan132 builds the whole pack
(:data:`plan132lib.pipeline.notebooks.NOTEBOOK_DIR`)."""
