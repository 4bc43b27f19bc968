-- Written by hand: functions cannot be said in schema.prisma.
-- The stance refresh read and deleted a busy speaker's stance shifts whole
-- on every write (its kept, generic plan could only seek the speaker:
-- 16,602 shifts for the busiest speaker of the million-statement corpus,
-- 1.7 ms of a POST's 4.6 ms of database time). The shifts it rewrites are
-- now found by speaker, topic and date (the new index), and the positions it
-- reads by date as well as by the (date, id) place. Same rows as before.
CREATE INDEX "stance_shifts_speaker_id_topic_id_said_on_statement_id_idx"
  ON "stance_shifts" ("speaker_id", "topic_id", "said_on", "statement_id");

CREATE OR REPLACE FUNCTION "refresh_speaker_stances"(
  speaker integer, topic_ids integer[], since_date date, since_id integer, skip_shifts boolean, window_days integer
) RETURNS void LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $$
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
  DELETE FROM "stance_shifts" s USING unnest(topic_ids) AS t(topic_id)
  WHERE s."speaker_id" = speaker AND s."topic_id" = t.topic_id AND s."said_on" >= since_date
    AND (s."said_on", s."statement_id") >= (since_date, since_id);
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
      WHERE p."speaker_id" = speaker AND p."topic_id" = ANY(topic_ids) AND p."said_on" >= since_date
        AND (p."said_on", p."statement_id") >= (since_date, since_id)
        AND p."stance" IN ('supports', 'opposes') AND s."kind" <> 'no_comment'
    ) signed
    WINDOW w AS (PARTITION BY signed.topic_id ORDER BY signed.said_on, signed.statement_id)
  ) x
  WHERE (x.said_on, x.statement_id) >= (since_date, since_id) AND x.from_stance <> x.to_stance;
END $$;
