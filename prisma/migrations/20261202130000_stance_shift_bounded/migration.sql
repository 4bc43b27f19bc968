-- Written by hand: functions cannot be said in schema.prisma.
-- A new statement written before other positions of its speaker on a topic
-- (back-dated: an editor records what was said days ago) rewrote every later
-- stance shift of the pair. Only two can change: the new statement's own and
-- the next signed position's (which now follows it); every later shift still
-- follows the same position. The write of one new statement now says so
-- (one_statement) and the rewrite stops there; edits still rewrite from the
-- point they give. The six-argument function is replaced by this one.
DROP FUNCTION "refresh_speaker_stances"(integer, integer[], date, integer, boolean, integer);

CREATE FUNCTION "refresh_speaker_stances"(
  speaker integer, topic_ids integer[], since_date date, since_id integer, skip_shifts boolean, window_days integer,
  one_statement boolean
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
  -- position before it. When one statement was written there (one_statement),
  -- only its own shift and the next signed position's can change (every later
  -- one still follows the same position as before), so the rewrite stops at
  -- the second signed position from (since_date, since_id): `upto`.
  DELETE FROM "stance_shifts" s
  USING unnest(topic_ids) AS t(topic_id)
  LEFT JOIN LATERAL (
    SELECT p."said_on", p."statement_id"
    FROM "positions" p JOIN "statements" st ON st."id" = p."statement_id"
    WHERE one_statement AND p."speaker_id" = speaker AND p."topic_id" = t.topic_id AND p."said_on" >= since_date
      AND (p."said_on", p."statement_id") >= (since_date, since_id)
      AND p."stance" IN ('supports', 'opposes') AND st."kind" <> 'no_comment'
    ORDER BY p."said_on" NULLS FIRST, p."statement_id"
    OFFSET 1 LIMIT 1
  ) upto ON true
  WHERE s."speaker_id" = speaker AND s."topic_id" = t.topic_id AND s."said_on" >= since_date
    AND (s."said_on", s."statement_id") >= (since_date, since_id)
    AND (NOT one_statement OR upto.said_on IS NULL OR (s."said_on", s."statement_id") <= (upto.said_on, upto.statement_id));
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
      SELECT t.topic_id, b.statement_id, b.stance, b.said_on
      FROM unnest(topic_ids) AS t(topic_id)
      CROSS JOIN LATERAL (
        SELECT p."statement_id", p."stance", p."said_on"
        FROM "positions" p JOIN "statements" s ON s."id" = p."statement_id"
        WHERE p."speaker_id" = speaker AND p."topic_id" = t.topic_id AND p."said_on" >= since_date
          AND (p."said_on", p."statement_id") >= (since_date, since_id)
          AND p."stance" IN ('supports', 'opposes') AND s."kind" <> 'no_comment'
        ORDER BY p."said_on" NULLS FIRST, p."statement_id"
        LIMIT CASE WHEN one_statement THEN 2 END
      ) b
    ) signed
    WINDOW w AS (PARTITION BY signed.topic_id ORDER BY signed.said_on, signed.statement_id)
  ) x
  WHERE (x.said_on, x.statement_id) >= (since_date, since_id) AND x.from_stance <> x.to_stance;
END $$;
