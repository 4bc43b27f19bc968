-- Written by hand: Prisma's schema language cannot say NULLS LAST in an index,
-- so these two live in the migration SQL only (see the comments in schema.prisma).
--
-- A speaker's profile lists their statements newest first with undated ones
-- last (said_on DESC NULLS LAST, id DESC). The index from the init migration
-- sorts DESC with NULLS FIRST, which cannot serve that order, so every profile
-- page would sort all of a speaker's statements (70k for the busiest).
CREATE INDEX "statements_speaker_id_said_on_nulls_last_idx" ON "statements"("speaker_id", "said_on" DESC NULLS LAST, "id" DESC);

-- A topic's comparison column lists speakers by their current stance, most
-- recent first and undated last, one page at a time.
CREATE INDEX "current_stances_topic_id_stance_said_on_nulls_last_idx" ON "current_stances"("topic_id", "stance", "said_on" DESC NULLS LAST, "speaker_id");
