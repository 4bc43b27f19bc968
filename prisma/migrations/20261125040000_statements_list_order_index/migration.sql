-- Written by hand: Prisma's schema language cannot say NULLS LAST in an index
-- (see the comment in schema.prisma).
--
-- The statements list (GET /statements and GET /api/v1/statements, unfiltered
-- or filtered by kind, stance or topic) is ordered said_on DESC NULLS LAST,
-- id DESC. The init migration's (said_on DESC, id DESC) index sorts NULLS
-- FIRST and cannot serve that order, so every page would sort the whole table.
CREATE INDEX "statements_said_on_nulls_last_id_idx" ON "statements"("said_on" DESC NULLS LAST, "id" DESC);
