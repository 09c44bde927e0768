"""Run the unit of work (parse + extract a batch of articles) locally or on Ray.

Each backend only maps :func:`process_batch` over batches; it never looks inside.
"""
from .local import process_batch, run

__all__ = ["process_batch", "run"]
