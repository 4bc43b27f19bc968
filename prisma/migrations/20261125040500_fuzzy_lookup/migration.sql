-- Written by hand: speaker lookup by any name, and the duplicate-statement check.
-- Nothing here can be said in schema.prisma (functions and expression indexes).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A name or a text as compared: lower case, runs of spaces and punctuation
-- (hyphens, dots, quotes, typographic quotes and dashes) made one space, no
-- space at either end. "Al-Hijri" and "al hijri" have the same key.
CREATE FUNCTION "match_key"(input text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(lower(input), '[[:space:][:punct:]‘’“”‐‑‒–—―…«»]+', ' ', 'g'))
$$;

-- Lookup by name or alias: GiST trigram indexes, walked nearest first
-- (ORDER BY key <-> typed, key <->> typed ... LIMIT n), so that a lookup reads a
-- bounded number of entries however many names share a word.
CREATE INDEX "speakers_name_key_trgm_idx" ON "speakers" USING gist ("match_key"("name") gist_trgm_ops);
CREATE INDEX "speaker_aliases_name_key_trgm_idx" ON "speaker_aliases" USING gist ("match_key"("name") gist_trgm_ops);

-- Duplicate statements of one speaker, the same words under match_key: a
-- b-tree on the key's hash (a text may be longer than a b-tree entry allows).
-- Near duplicates are looked for among the speaker's statements nearest in
-- date, along statements_speaker_id_said_on_id_idx: a trigram index over all
-- statements cannot be narrowed to one speaker, and on texts of common words it
-- reads most of itself (1 to 4 s on a million statements).
CREATE INDEX "statements_speaker_id_text_key_md5_idx" ON "statements"("speaker_id", md5("match_key"("text")));
