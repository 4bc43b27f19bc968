-- Written by hand: functions cannot be said in schema.prisma.
-- The rewrite of what is derived from one speaker's positions on some topics
-- (src/statements/current-stance.ts says what each part means), as a function
-- so that a new statement's INSERT can end with it: one round trip fewer for
-- every write, and one fewer while the write holds its speaker's lock. Being
-- VOLATILE, each of its statements reads with a fresh snapshot, which shows
-- the rows the calling statement has written before calling it.
--
-- since_date, since_id: the shifts are rewritten from that place in their
-- order (date, then statement id) on; (0001-01-01, 0) rewrites them whole.
-- skip_shifts: the write was undated, so no shift can change.
CREATE FUNCTION "refresh_speaker_stances"(
  speaker integer, topic_ids integer[], since_date date, since_id integer, skip_shifts boolean, window_days integer
) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  -- The current stance: one index walk per topic (positions by speaker, topic,
  -- date), however long the record; the contradiction check reads at most the
  -- window's positions along the same index.
  DELETE FROM "current_stances" WHERE "speaker_id" = speaker AND "topic_id" = ANY(topic_ids);
  INSERT INTO "current_stances"
    ("speaker_id", "topic_id", "statement_id", "stance", "strength", "said_on", "said_on_precision", "conflicting_statement_id")
  SELECT speaker, t.topic_id, p.statement_id,
         CASE WHEN c.statement_id IS NULL THEN p.stance ELSE 'unclear'::"stance" END,
         CASE WHEN c.statement_id IS NULL THEN p.strength ELSE 1 END,
         p.said_on, s."said_on_precision", c.statement_id
  FROM unnest(topic_ids) AS t(topic_id)
  CROSS JOIN LATERAL (
    SELECT x."statement_id", x."stance", x."strength", x."said_on" FROM "positions" x
    WHERE x."speaker_id" = speaker AND x."topic_id" = t.topic_id
    ORDER BY x."said_on" DESC NULLS LAST, x."statement_id" DESC
    LIMIT 1
  ) p
  JOIN "statements" s ON s."id" = p.statement_id
  LEFT JOIN LATERAL (
    SELECT q."statement_id" FROM "positions" q JOIN "statements" qs ON qs."id" = q."statement_id"
    WHERE p.said_on IS NOT NULL AND p.stance IN ('supports', 'opposes') AND s."kind" <> 'no_comment'
      AND q."speaker_id" = speaker AND q."topic_id" = t.topic_id
      AND q."said_on" BETWEEN p.said_on - window_days AND p.said_on
      AND (q."said_on", q."statement_id") < (p.said_on, p.statement_id)
      AND q."stance" = (CASE p.stance WHEN 'supports' THEN 'opposes' ELSE 'supports' END)::"stance"
      AND qs."kind" <> 'no_comment'
    ORDER BY q."said_on" DESC NULLS LAST, q."statement_id" DESC
    LIMIT 1
  ) c ON true;

  IF skip_shifts THEN RETURN; END IF;

  -- The shifts from (since_date, since_id) on, anchored on the latest signed
  -- position before it.
  DELETE FROM "stance_shifts"
  WHERE "speaker_id" = speaker AND "topic_id" = ANY(topic_ids) AND ("said_on", "statement_id") >= (since_date, since_id);
  INSERT INTO "stance_shifts" ("speaker_id", "topic_id", "statement_id", "previous_statement_id", "from_stance", "to_stance", "said_on")
  SELECT speaker, x.topic_id, x.statement_id, x.previous_statement_id, x.from_stance, x.to_stance, x.said_on
  FROM (
    SELECT signed.topic_id, signed.statement_id, signed.stance AS to_stance, signed.said_on,
           lag(signed.stance) OVER w AS from_stance, lag(signed.statement_id) OVER w AS previous_statement_id
    FROM (
      SELECT t.topic_id, a.statement_id, a.stance, a.said_on
      FROM unnest(topic_ids) AS t(topic_id)
      CROSS JOIN LATERAL (
        SELECT p."statement_id", p."stance", p."said_on"
        FROM "positions" p JOIN "statements" s ON s."id" = p."statement_id"
        WHERE p."speaker_id" = speaker AND p."topic_id" = t.topic_id AND (p."said_on", p."statement_id") < (since_date, since_id)
          AND p."stance" IN ('supports', 'opposes') AND s."kind" <> 'no_comment'
        ORDER BY p."said_on" DESC NULLS LAST, p."statement_id" DESC
        LIMIT 1
      ) a
      UNION ALL
      SELECT p."topic_id", p."statement_id", p."stance", p."said_on"
      FROM "positions" p JOIN "statements" s ON s."id" = p."statement_id"
      WHERE p."speaker_id" = speaker AND p."topic_id" = ANY(topic_ids) AND (p."said_on", p."statement_id") >= (since_date, since_id)
        AND p."stance" IN ('supports', 'opposes') AND s."kind" <> 'no_comment'
    ) signed
    WINDOW w AS (PARTITION BY signed.topic_id ORDER BY signed.said_on, signed.statement_id)
  ) x
  WHERE (x.said_on, x.statement_id) >= (since_date, since_id) AND x.from_stance <> x.to_stance;
END $$;
