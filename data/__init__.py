"""The bundled sources and reference tables, shipped as package data (see plan132lib.paths)."""
