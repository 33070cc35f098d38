"""Reading archives of pages (WARC files) for backfills: their layout, their segments and their records."""
