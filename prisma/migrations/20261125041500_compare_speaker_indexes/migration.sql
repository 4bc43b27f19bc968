-- The comparison grid (/compare) lists, by name, the speakers of a kind or a
-- country that hold a stance on the chosen topics. Walking speakers_name_idx
-- and filtering read every speaker before the page (10,000 rows for page 21 of
-- the governments); these walk only the speakers of that kind or country.

-- CreateIndex
CREATE INDEX "speakers_kind_name_id_idx" ON "speakers"("kind", "name", "id");

-- Countries are free text ("Syria", "SY"), matched ignoring case; also serves
-- the country suggestions (one index probe per distinct country).
CREATE INDEX "speakers_lower_country_name_id_idx" ON "speakers"(lower("country"), "name", "id");
