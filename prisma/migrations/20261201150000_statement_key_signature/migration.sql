-- Written by hand: functions and generated columns cannot be said in schema.prisma.
-- A 256-bit signature of the trigrams of a statement's match_key: each trigram
-- (as pg_trgm's show_trgm gives it) sets the bit its hash picks. A bit set in
-- one signature and not in the other stands for at least one trigram of the
-- first text that the second lacks, so two signatures bound from above how many
-- trigrams the texts share, and with it their similarity(): the near-duplicate
-- check skips a row whose bound is under the threshold with two bit operations,
-- instead of splitting its text into trigrams (about 60 µs a row). hashtext()
-- is the hash PostgreSQL's own hash indexes rely on to stay the same.
CREATE FUNCTION "trigram_signature"(key text) RETURNS bit(256) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(bit_or(set_bit(repeat('0', 256)::bit(256), hashtext(t) & 255, 1)), repeat('0', 256)::bit(256))
  FROM unnest(show_trgm(key)) AS t
$$;

-- Computed once per write (about 0.1 ms); adding it rewrites the table once.
ALTER TABLE "statements"
  ADD COLUMN "key_signature" bit(256)
  GENERATED ALWAYS AS ("trigram_signature"("match_key"("text"))) STORED;
