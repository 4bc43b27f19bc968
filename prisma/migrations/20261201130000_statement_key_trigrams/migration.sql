-- Written by hand: generated columns cannot be said in schema.prisma.
-- How many distinct trigrams a statement's match_key has, as pg_trgm counts
-- them. Two texts whose counts differ by more than the ratio allowed by a
-- similarity threshold cannot reach it (similarity = shared / all trigrams, so
-- it is at most the smaller count over the larger), so the near-duplicate
-- check skips them without splitting either text into trigrams. Computed once
-- per write; adding it rewrites the table once.
ALTER TABLE "statements"
  ADD COLUMN "key_trigrams" integer
  GENERATED ALWAYS AS (coalesce(array_length(show_trgm(match_key("text")), 1), 0)) STORED;
