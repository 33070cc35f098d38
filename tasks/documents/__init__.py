"""Per-document work of the transform step (size guards, the two passes, warm-up): plain
functions, no Prefect, so that the workers that run them start fast."""
