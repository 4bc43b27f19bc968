-- Written by hand: function settings cannot be said in schema.prisma.
-- What a new statement's write spends planning (perf at a million statements:
-- a quarter of the database's CPU per POST).
--
-- PL/pgSQL keeps each statement's plan per session, but re-plans it for every
-- call's values while its generic plan's estimate looks costlier than the
-- custom ones; for these functions the generic plans are as fast (the stance
-- refresh of a busy speaker: 0.7–1.4 ms generic, 1.7–3.4 ms re-planned).
ALTER FUNCTION "refresh_speaker_stances"(integer, integer[], date, integer, boolean, integer) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "statement_duplicates"(integer, text, date, real, integer, integer) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "positions_copy_statement"() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION "topic_stance_months_count"() SET plan_cache_mode = force_generic_plan;

-- An SQL function that is not a bare expression is planned again at every
-- call (PostgreSQL 15 keeps no plan for it); the same query in PL/pgSQL keeps
-- its plan. Same results: the search vector of every statement write, the
-- trigram signature of every statement's generated column and of every
-- duplicate check.
CREATE OR REPLACE FUNCTION "speaker_search_names"(speaker integer) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT sp."name" || coalesce(' ' || (SELECT string_agg(a."name", ' ' ORDER BY a."id") FROM "speaker_aliases" a WHERE a."speaker_id" = sp."id"), '')
    FROM "speakers" sp WHERE sp."id" = speaker
  );
END $$;

CREATE OR REPLACE FUNCTION "trigram_signature"(key text) RETURNS bit(256) LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (
    SELECT coalesce(bit_or(set_bit(repeat('0', 256)::bit(256), hashtext(t) & 255, 1)), repeat('0', 256)::bit(256))
    FROM unnest(show_trgm(key)) AS t
  );
END $$;
