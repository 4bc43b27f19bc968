-- Written by hand: INCLUDE columns and functions cannot be said in schema.prisma.
-- The duplicate check compares a new statement with up to 600 of its
-- speaker's statements, and until now read each of them from the table to
-- learn its trigram count and signature, most often to rule it out: for a
-- busy speaker, hundreds of table pages per write, scattered over a table
-- far larger than the database's memory. The speaker-and-date index now
-- carries both, so the window is read from the index alone (for rows the
-- visibility map knows every transaction sees), and only the rows the bound
-- cannot rule out are read from the table and compared.
CREATE INDEX "statements_speaker_id_said_on_id_keys_idx" ON "statements"
  ("speaker_id", "said_on" DESC NULLS LAST, "id" DESC) INCLUDE ("key_trigrams", "key_signature");
DROP INDEX "statements_speaker_id_said_on_id_idx";
ALTER INDEX "statements_speaker_id_said_on_id_keys_idx" RENAME TO "statements_speaker_id_said_on_id_idx";

CREATE OR REPLACE FUNCTION "statement_duplicates"(
  speaker integer, typed_text text, said date, threshold real, shown integer, near_window integer
) RETURNS TABLE (id integer, text text, said_on date, said_on_precision "date_precision", score float8, exact boolean)
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH typed AS MATERIALIZED (
    SELECT key, coalesce(array_length(show_trgm(key), 1), 0) AS trigrams, trigram_signature(key) AS signature
    FROM (SELECT match_key(typed_text) AS key) k
  ),
  exact AS MATERIALIZED (
    SELECT s."id", s."text", s."said_on", s."said_on_precision", 1::float8 AS score, true AS exact FROM "statements" s
    WHERE s."speaker_id" = speaker AND md5(match_key(s."text")) = md5(match_key(typed_text))
      AND match_key(s."text") = match_key(typed_text)
    ORDER BY s."id" LIMIT shown
  ),
  nearby AS (
    (SELECT s."id", s."key_trigrams", s."key_signature" FROM "statements" s
     WHERE s."speaker_id" = speaker AND s."said_on" <= coalesce(said, 'infinity'::date)
     ORDER BY s."said_on" DESC NULLS LAST, s."id" DESC LIMIT near_window)
    UNION ALL
    (SELECT s."id", s."key_trigrams", s."key_signature" FROM "statements" s
     WHERE s."speaker_id" = speaker AND s."said_on" > said
     ORDER BY s."said_on" ASC NULLS FIRST, s."id" ASC LIMIT near_window)
    UNION ALL
    (SELECT s."id", s."key_trigrams", s."key_signature" FROM "statements" s
     WHERE s."speaker_id" = speaker AND s."said_on" IS NULL
     ORDER BY s."said_on" DESC NULLS LAST, s."id" DESC LIMIT near_window)
  ),
  -- The rows whose stored trigram count and signature leave the threshold
  -- within reach (statements.duplicates.ts says why the bound holds).
  candidates AS MATERIALIZED (
    SELECT nearby.id FROM nearby, typed
    WHERE NOT EXISTS (SELECT FROM exact)
      AND least(typed.trigrams - bit_count(typed.signature & ~nearby.key_signature),
                nearby.key_trigrams - bit_count(nearby.key_signature & ~typed.signature))
          * (1 + threshold::float8 - 1e-6)
          >= (threshold::float8 - 1e-6) * (typed.trigrams + nearby.key_trigrams)
  )
  SELECT e.* FROM exact e
  UNION ALL
  (SELECT n.id, n.text, n.said_on, n.said_on_precision, n.score, false FROM (
     SELECT s."id", s."text", s."said_on", s."said_on_precision", similarity(match_key(s."text"), typed.key)::float8 AS score
     FROM candidates c JOIN "statements" s ON s."id" = c.id, typed
   ) n
   WHERE n.score >= threshold
   ORDER BY n.score DESC, n.id LIMIT shown);
END $$;
