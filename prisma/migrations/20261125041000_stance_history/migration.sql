-- Stance history (issue 3, items 5 and 6): why a current stance is unclear,
-- the shifts of each speaker's stance on each topic, and a topic's positions
-- counted per month and stance for its chart.
--
-- A stance's sign: supports = +, opposes = -; neutral, mixed, unclear and any
-- position of a no_comment statement carry none. Only dated positions count.

-- A current stance is `unclear` when the speaker's latest dated statement on
-- the topic and another dated one at most 30 days before it (CONTRADICTION_WINDOW_DAYS
-- in src/statements/current-stance.ts) have opposite signs; this names the other one.
ALTER TABLE "current_stances" ADD COLUMN "conflicting_statement_id" INTEGER;
ALTER TABLE "current_stances" ADD CONSTRAINT "current_stances_conflicting_statement_id_fkey" FOREIGN KEY ("conflicting_statement_id") REFERENCES "statements"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "current_stances_conflicting_statement_id_idx" ON "current_stances"("conflicting_statement_id");

-- One row per signed position whose sign differs from the speaker's previous
-- signed position on the topic (in date order, then statement id). Rewritten
-- for a (speaker, topic) pair in the same transaction as every statement write.
CREATE TABLE "stance_shifts" (
    "speaker_id" INTEGER NOT NULL,
    "topic_id" INTEGER NOT NULL,
    "statement_id" INTEGER NOT NULL,
    "previous_statement_id" INTEGER NOT NULL,
    "from_stance" "stance" NOT NULL,
    "to_stance" "stance" NOT NULL,
    "said_on" DATE NOT NULL,

    CONSTRAINT "stance_shifts_pkey" PRIMARY KEY ("speaker_id","topic_id","statement_id")
);
CREATE INDEX "stance_shifts_topic_id_said_on_statement_id_idx" ON "stance_shifts"("topic_id", "said_on" DESC, "statement_id" DESC);
CREATE INDEX "stance_shifts_said_on_statement_id_idx" ON "stance_shifts"("said_on" DESC, "statement_id" DESC);
CREATE INDEX "stance_shifts_statement_id_idx" ON "stance_shifts"("statement_id");
CREATE INDEX "stance_shifts_previous_statement_id_idx" ON "stance_shifts"("previous_statement_id");
ALTER TABLE "stance_shifts" ADD CONSTRAINT "stance_shifts_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stance_shifts" ADD CONSTRAINT "stance_shifts_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stance_shifts" ADD CONSTRAINT "stance_shifts_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stance_shifts" ADD CONSTRAINT "stance_shifts_previous_statement_id_fkey" FOREIGN KEY ("previous_statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A topic's dated positions counted per month (its first day) and stance: what
-- the topic page's chart reads, a few hundred rows however busy the topic.
-- Kept by a trigger on positions, in the writing transaction.
CREATE TABLE "topic_stance_months" (
    "topic_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "stance" "stance" NOT NULL,
    "positions" INTEGER NOT NULL,

    CONSTRAINT "topic_stance_months_pkey" PRIMARY KEY ("topic_id","month","stance")
);
ALTER TABLE "topic_stance_months" ADD CONSTRAINT "topic_stance_months_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "topic_stance_months_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."said_on" IS NOT NULL THEN
    UPDATE "topic_stance_months" SET "positions" = "positions" - 1
    WHERE "topic_id" = OLD."topic_id" AND "month" = OLD."said_on" - (extract(day FROM OLD."said_on")::int - 1)
      AND "stance" = OLD."stance";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."said_on" IS NOT NULL THEN
    INSERT INTO "topic_stance_months" ("topic_id", "month", "stance", "positions")
    VALUES (NEW."topic_id", NEW."said_on" - (extract(day FROM NEW."said_on")::int - 1), NEW."stance", 1)
    ON CONFLICT ("topic_id", "month", "stance") DO UPDATE SET "positions" = "topic_stance_months"."positions" + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "topic_stance_months_count" AFTER INSERT OR DELETE OR UPDATE OF "topic_id", "said_on", "stance" ON "positions"
  FOR EACH ROW EXECUTE FUNCTION "topic_stance_months_count"();

-- Backfill.
INSERT INTO "topic_stance_months" ("topic_id", "month", "stance", "positions")
SELECT "topic_id", "said_on" - (extract(day FROM "said_on")::int - 1), "stance", count(*)
FROM "positions" WHERE "said_on" IS NOT NULL
GROUP BY 1, 2, 3;

INSERT INTO "stance_shifts" ("speaker_id", "topic_id", "statement_id", "previous_statement_id", "from_stance", "to_stance", "said_on")
SELECT "speaker_id", "topic_id", "statement_id", "previous_statement_id", "from_stance", "to_stance", "said_on"
FROM (
  SELECT p."speaker_id", p."topic_id", p."statement_id", p."stance" AS "to_stance", p."said_on",
         lag(p."stance") OVER w AS "from_stance", lag(p."statement_id") OVER w AS "previous_statement_id"
  FROM "positions" p JOIN "statements" s ON s."id" = p."statement_id"
  WHERE p."said_on" IS NOT NULL AND p."stance" IN ('supports', 'opposes') AND s."kind" <> 'no_comment'
  WINDOW w AS (PARTITION BY p."speaker_id", p."topic_id" ORDER BY p."said_on", p."statement_id")
) x
WHERE "from_stance" <> "to_stance";

UPDATE "current_stances" cs
SET "stance" = 'unclear', "strength" = 1, "conflicting_statement_id" = c."id"
FROM (
  SELECT cur."speaker_id", cur."topic_id", (
    SELECT q."statement_id" FROM "positions" q JOIN "statements" qs ON qs."id" = q."statement_id"
    WHERE q."speaker_id" = cur."speaker_id" AND q."topic_id" = cur."topic_id"
      AND q."said_on" IS NOT NULL AND q."said_on" >= cur."said_on" - 30
      AND (q."said_on" < cur."said_on" OR (q."said_on" = cur."said_on" AND q."statement_id" < cur."statement_id"))
      AND q."stance" = (CASE cur."stance" WHEN 'supports' THEN 'opposes' ELSE 'supports' END)::"stance"
      AND qs."kind" <> 'no_comment'
    ORDER BY q."said_on" DESC, q."statement_id" DESC
    LIMIT 1
  ) AS "id"
  FROM "current_stances" cur JOIN "statements" s ON s."id" = cur."statement_id"
  WHERE cur."said_on" IS NOT NULL AND cur."stance" IN ('supports', 'opposes') AND s."kind" <> 'no_comment'
) c
WHERE c."id" IS NOT NULL AND cs."speaker_id" = c."speaker_id" AND cs."topic_id" = c."topic_id";
