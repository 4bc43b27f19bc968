-- Full-text search over statements (issue 3, item 1).
--
-- statements.search_vector is kept by the database: the statement's text and
-- original text (weight A), its speaker's name and aliases (B) and its context
-- (C). Every part is indexed twice, stemmed by the English configuration and
-- as written by `simple` (so that words of any script are found as typed),
-- and a third time with the `arabic` stemmer when it holds Arabic script.
-- The query side (src/search/search.query.ts) looks each term up in the same
-- configurations, term by term, so that a negated word stays negated.

ALTER TABLE "statements" ADD COLUMN "search_vector" tsvector;

CREATE FUNCTION "search_words"(body text, weight "char") RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN body IS NULL OR body = '' THEN ''::tsvector ELSE
    setweight(to_tsvector('english'::regconfig, body) || to_tsvector('simple'::regconfig, body)
      || CASE WHEN body ~ '[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]' THEN to_tsvector('arabic'::regconfig, body) ELSE ''::tsvector END,
      weight)
  END
$$;

CREATE FUNCTION "speaker_search_names"(speaker integer) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT sp."name" || coalesce(' ' || (SELECT string_agg(a."name", ' ' ORDER BY a."id") FROM "speaker_aliases" a WHERE a."speaker_id" = sp."id"), '')
  FROM "speakers" sp WHERE sp."id" = speaker
$$;

CREATE FUNCTION "statement_search_vector"(body text, original text, speaker integer, context text) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT "search_words"(body, 'A') || "search_words"(original, 'A') || "search_words"("speaker_search_names"(speaker), 'B')
    || "search_words"(context, 'C')
$$;

CREATE FUNCTION "statements_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_vector" := "statement_search_vector"(NEW."text", NEW."original_text", NEW."speaker_id", NEW."context");
  RETURN NEW;
END $$;
CREATE TRIGGER "statements_search_vector" BEFORE INSERT OR UPDATE OF "text", "original_text", "context", "speaker_id", "search_vector"
  ON "statements" FOR EACH ROW EXECUTE FUNCTION "statements_search_vector"();

-- A speaker's names live in other tables: a new name or alias refreshes the
-- vectors of that speaker's statements.
CREATE FUNCTION "refresh_speaker_search"(speaker integer) RETURNS void LANGUAGE sql AS $$
  UPDATE "statements" SET "search_vector" = NULL WHERE "speaker_id" = speaker
$$;

CREATE FUNCTION "speakers_refresh_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_speaker_search"(NEW."id");
  RETURN NULL;
END $$;
CREATE TRIGGER "speakers_refresh_search" AFTER UPDATE OF "name" ON "speakers"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "speakers_refresh_search"();

CREATE FUNCTION "speaker_aliases_refresh_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "refresh_speaker_search"(OLD."speaker_id"); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."speaker_id" <> OLD."speaker_id") THEN
    PERFORM "refresh_speaker_search"(NEW."speaker_id");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "speaker_aliases_refresh_search" AFTER INSERT OR UPDATE OR DELETE ON "speaker_aliases"
  FOR EACH ROW EXECUTE FUNCTION "speaker_aliases_refresh_search"();

-- One word or phrase of a search, in every form the vectors hold it: the
-- English stem, as written, and the Arabic stem when in Arabic script; a form
-- equal to another is left out (a phrase rechecked twice costs twice).
CREATE FUNCTION "search_term"(term text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  english tsquery := phraseto_tsquery('english'::regconfig, term);
  simple tsquery := phraseto_tsquery('simple'::regconfig, term);
  arabic tsquery;
  result tsquery := english;
BEGIN
  IF numnode(result) = 0 THEN result := simple;
  ELSIF numnode(simple) > 0 AND simple <> english THEN result := result || simple;
  END IF;
  IF term ~ '[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]' THEN
    arabic := phraseto_tsquery('arabic'::regconfig, term);
    IF numnode(arabic) > 0 AND arabic <> simple AND arabic <> english THEN result := result || arabic; END IF;
  END IF;
  RETURN result;
END $$;

-- Backfill (the trigger computes the vector), then index.
UPDATE "statements" SET "search_vector" = NULL;

CREATE INDEX "statements_search_vector_idx" ON "statements" USING GIN ("search_vector");
