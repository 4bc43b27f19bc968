-- Written by hand: speaker lookup by any name, and the duplicate-statement check.
-- Nothing here can be said in schema.prisma (functions and expression indexes).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A name or a text as compared: lower case, runs of spaces and punctuation
-- (hyphens, dots, quotes, typographic quotes and dashes) made one space, no
-- space at either end. "Al-Hijri" and "al hijri" have the same key.
CREATE FUNCTION "match_key"(input text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(lower(input), '[[:space:][:punct:]‘’“”‐‑‒–—―…«»]+', ' ', 'g'))
$$;

-- Lookup by name or alias, served by trigram indexes (similarity and word similarity).
CREATE INDEX "speakers_name_key_trgm_idx" ON "speakers" USING gin ("match_key"("name") gin_trgm_ops);
CREATE INDEX "speaker_aliases_name_key_trgm_idx" ON "speaker_aliases" USING gin ("match_key"("name") gin_trgm_ops);

-- Duplicate statements of one speaker: exact (same key) by a b-tree on the
-- key's hash, near (trigram similarity) by a trigram index on the key.
CREATE INDEX "statements_speaker_id_text_key_md5_idx" ON "statements"("speaker_id", md5("match_key"("text")));
CREATE INDEX "statements_text_key_trgm_idx" ON "statements" USING gin ("match_key"("text") gin_trgm_ops);
