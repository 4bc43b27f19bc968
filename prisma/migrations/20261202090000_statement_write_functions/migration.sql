-- Written by hand: functions cannot be said in schema.prisma.
-- A new statement's write as one statement, with no round trip to the app
-- while it holds its speaker's lock (src/statements/statements.insert.ts):
-- the locks and the duplicate check move into functions the INSERT calls
-- first. Being VOLATILE, a function's statements read with a fresh snapshot,
-- taken after the locks: the check sees what the previous holder committed.

-- The stance locks of one speaker and some topics, for the rest of the
-- transaction (src/statements/current-stance.ts says why): the speaker's,
-- then the topics' in id order, so that two writes cannot deadlock.
CREATE FUNCTION "lock_stances"(speaker integer, topic_ids integer[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  topic integer;
BEGIN
  PERFORM pg_advisory_xact_lock(7301, speaker);
  FOREACH topic IN ARRAY coalesce((SELECT array_agg(DISTINCT t ORDER BY t) FROM unnest(topic_ids) AS t), '{}') LOOP
    PERFORM pg_advisory_xact_lock(7302, topic);
  END LOOP;
END $$;

-- The speaker's statements that repeat typed_text (src/statements/statements.duplicates.ts
-- says what counts, and why each part of the query is shaped as it is): the
-- same key anywhere in the record, else a similarity of at least threshold
-- among the near_window statements on each side of `said` and the latest
-- undated ones; at most `shown` rows.
CREATE FUNCTION "statement_duplicates"(
  speaker integer, typed_text text, said date, threshold real, shown integer, near_window integer
) RETURNS TABLE (id integer, text text, said_on date, said_on_precision "date_precision", score float8, exact boolean)
LANGUAGE plpgsql VOLATILE AS $$
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
    (SELECT s."id", s."text", s."said_on", s."said_on_precision", s."key_trigrams", s."key_signature" FROM "statements" s
     WHERE s."speaker_id" = speaker AND s."said_on" <= coalesce(said, 'infinity'::date)
     ORDER BY s."said_on" DESC NULLS LAST, s."id" DESC LIMIT near_window)
    UNION ALL
    (SELECT s."id", s."text", s."said_on", s."said_on_precision", s."key_trigrams", s."key_signature" FROM "statements" s
     WHERE s."speaker_id" = speaker AND s."said_on" > said
     ORDER BY s."said_on" ASC NULLS FIRST, s."id" ASC LIMIT near_window)
    UNION ALL
    (SELECT s."id", s."text", s."said_on", s."said_on_precision", s."key_trigrams", s."key_signature" FROM "statements" s
     WHERE s."speaker_id" = speaker AND s."said_on" IS NULL
     ORDER BY s."said_on" DESC NULLS LAST, s."id" DESC LIMIT near_window)
  )
  SELECT e.* FROM exact e
  UNION ALL
  (SELECT n.id, n.text, n.said_on, n.said_on_precision, n.score, false FROM (
     SELECT nearby.id, nearby.text, nearby.said_on, nearby.said_on_precision,
            -- 0 without computing the similarity when the stored trigram counts
            -- and signatures rule the threshold out (statements.duplicates.ts: nearScore).
            CASE
              WHEN least(typed.trigrams - bit_count(typed.signature & ~nearby.key_signature),
                         nearby.key_trigrams - bit_count(nearby.key_signature & ~typed.signature))
                   * (1 + threshold::float8 - 1e-6)
                   >= (threshold::float8 - 1e-6) * (typed.trigrams + nearby.key_trigrams)
              THEN similarity(match_key(nearby.text), typed.key)::float8 ELSE 0 END AS score
     FROM nearby, typed
     WHERE NOT EXISTS (SELECT FROM exact)
   ) n
   WHERE n.score >= threshold
   ORDER BY n.score DESC, n.id LIMIT shown);
END $$;

-- What a new statement's INSERT calls before it writes: the stance locks,
-- then, when check_duplicates, the duplicates (it writes nothing if any).
CREATE FUNCTION "begin_statement_write"(
  speaker integer, topic_ids integer[], check_duplicates boolean,
  typed_text text, said date, threshold real, shown integer, near_window integer
) RETURNS TABLE (id integer, text text, said_on date, said_on_precision "date_precision", score float8, exact boolean)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM lock_stances(speaker, topic_ids);
  IF check_duplicates THEN
    RETURN QUERY SELECT * FROM statement_duplicates(speaker, typed_text, said, threshold, shown, near_window);
  END IF;
END $$;
