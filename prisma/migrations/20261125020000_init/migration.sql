-- CreateEnum
CREATE TYPE "speaker_kind" AS ENUM ('person', 'government', 'ministry', 'organisation', 'armed_group', 'media_outlet');

-- CreateEnum
CREATE TYPE "statement_kind" AS ENUM ('quote', 'paraphrase', 'official_position', 'no_comment');

-- CreateEnum
CREATE TYPE "date_precision" AS ENUM ('day', 'month', 'year');

-- CreateEnum
CREATE TYPE "stance" AS ENUM ('supports', 'opposes', 'neutral', 'mixed', 'unclear');

-- CreateEnum
CREATE TYPE "relation_kind" AS ENUM ('responds_to', 'rejects', 'endorses', 'contradicts');

-- CreateTable
CREATE TABLE "speakers" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "speaker_kind" NOT NULL,
    "description" TEXT,
    "country" TEXT,
    "member_of_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "speakers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "speaker_aliases" (
    "id" SERIAL NOT NULL,
    "speaker_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "speaker_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topics" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "parent_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "topics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statements" (
    "id" SERIAL NOT NULL,
    "speaker_id" INTEGER NOT NULL,
    "kind" "statement_kind" NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "original_text" TEXT,
    "original_language" TEXT,
    "said_on" DATE,
    "said_on_precision" "date_precision",
    "place" TEXT,
    "context" TEXT,
    "attribution" TEXT,
    "source_unknown" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "statements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" SERIAL NOT NULL,
    "publisher" TEXT NOT NULL,
    "title" TEXT,
    "url" TEXT,
    "published_on" DATE,
    "published_on_precision" "date_precision",
    "archived_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statement_sources" (
    "statement_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,

    CONSTRAINT "statement_sources_pkey" PRIMARY KEY ("statement_id","source_id")
);

-- CreateTable
CREATE TABLE "positions" (
    "id" SERIAL NOT NULL,
    "statement_id" INTEGER NOT NULL,
    "topic_id" INTEGER NOT NULL,
    "stance" "stance" NOT NULL,
    "strength" SMALLINT NOT NULL DEFAULT 1,
    "speaker_id" INTEGER NOT NULL,
    "said_on" DATE,

    CONSTRAINT "positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statement_relations" (
    "id" SERIAL NOT NULL,
    "from_id" INTEGER NOT NULL,
    "to_id" INTEGER NOT NULL,
    "kind" "relation_kind" NOT NULL,

    CONSTRAINT "statement_relations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "current_stances" (
    "speaker_id" INTEGER NOT NULL,
    "topic_id" INTEGER NOT NULL,
    "statement_id" INTEGER NOT NULL,
    "stance" "stance" NOT NULL,
    "strength" SMALLINT NOT NULL,
    "said_on" DATE,
    "said_on_precision" "date_precision",

    CONSTRAINT "current_stances_pkey" PRIMARY KEY ("speaker_id","topic_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "speakers_slug_key" ON "speakers"("slug");

-- CreateIndex
CREATE INDEX "speakers_member_of_id_idx" ON "speakers"("member_of_id");

-- CreateIndex
CREATE INDEX "speakers_name_idx" ON "speakers"("name");

-- CreateIndex
CREATE INDEX "speakers_updated_at_id_idx" ON "speakers"("updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "speaker_aliases_speaker_id_name_key" ON "speaker_aliases"("speaker_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "topics_slug_key" ON "topics"("slug");

-- CreateIndex
CREATE INDEX "topics_parent_id_idx" ON "topics"("parent_id");

-- CreateIndex
CREATE INDEX "topics_name_idx" ON "topics"("name");

-- CreateIndex
CREATE INDEX "topics_updated_at_id_idx" ON "topics"("updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "statements_speaker_id_said_on_id_idx" ON "statements"("speaker_id", "said_on" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "statements_said_on_id_idx" ON "statements"("said_on" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "statements_created_at_id_idx" ON "statements"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "sources_url_idx" ON "sources"("url");

-- CreateIndex
CREATE INDEX "statement_sources_source_id_idx" ON "statement_sources"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "positions_statement_id_topic_id_key" ON "positions"("statement_id", "topic_id");

-- CreateIndex
CREATE INDEX "positions_topic_id_statement_id_idx" ON "positions"("topic_id", "statement_id");

-- CreateIndex
CREATE INDEX "positions_speaker_id_topic_id_said_on_statement_id_idx" ON "positions"("speaker_id", "topic_id", "said_on" DESC NULLS LAST, "statement_id" DESC);

-- CreateIndex
CREATE INDEX "positions_topic_id_said_on_statement_id_idx" ON "positions"("topic_id", "said_on", "statement_id");

-- CreateIndex
CREATE UNIQUE INDEX "statement_relations_from_id_to_id_kind_key" ON "statement_relations"("from_id", "to_id", "kind");

-- CreateIndex
CREATE INDEX "statement_relations_to_id_idx" ON "statement_relations"("to_id");

-- CreateIndex
CREATE INDEX "current_stances_topic_id_stance_said_on_speaker_id_idx" ON "current_stances"("topic_id", "stance", "said_on" DESC NULLS LAST, "speaker_id");

-- CreateIndex
CREATE INDEX "current_stances_statement_id_idx" ON "current_stances"("statement_id");

-- AddForeignKey
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_member_of_id_fkey" FOREIGN KEY ("member_of_id") REFERENCES "speakers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_aliases" ADD CONSTRAINT "speaker_aliases_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topics" ADD CONSTRAINT "topics_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "topics"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statements" ADD CONSTRAINT "statements_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_sources" ADD CONSTRAINT "statement_sources_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_sources" ADD CONSTRAINT "statement_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_relations" ADD CONSTRAINT "statement_relations_from_id_fkey" FOREIGN KEY ("from_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_relations" ADD CONSTRAINT "statement_relations_to_id_fkey" FOREIGN KEY ("to_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "current_stances" ADD CONSTRAINT "current_stances_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "current_stances" ADD CONSTRAINT "current_stances_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "current_stances" ADD CONSTRAINT "current_stances_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: rules Prisma's schema language cannot express.
-- (The DESC date indexes above also say NULLS LAST, which Prisma cannot say
-- either: lists are newest first with undated statements last.)
ALTER TABLE "positions" ADD CONSTRAINT "positions_strength_check" CHECK ("strength" IN (1, 2));
ALTER TABLE "current_stances" ADD CONSTRAINT "current_stances_strength_check" CHECK ("strength" IN (1, 2));
ALTER TABLE "statements" ADD CONSTRAINT "statements_said_on_precision_check" CHECK (("said_on" IS NULL) = ("said_on_precision" IS NULL));
ALTER TABLE "sources" ADD CONSTRAINT "sources_published_on_precision_check" CHECK (("published_on" IS NULL) = ("published_on_precision" IS NULL));
ALTER TABLE "statements" ADD CONSTRAINT "statements_text_check" CHECK (length("text") BETWEEN 1 AND 20000);
ALTER TABLE "statement_relations" ADD CONSTRAINT "statement_relations_not_self_check" CHECK ("from_id" <> "to_id");
ALTER TABLE "topics" ADD CONSTRAINT "topics_not_own_parent_check" CHECK ("parent_id" <> "id");
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_not_own_member_check" CHECK ("member_of_id" <> "id");
CREATE INDEX "speaker_aliases_lower_name_idx" ON "speaker_aliases"(lower("name"));
CREATE INDEX "speakers_lower_name_idx" ON "speakers"(lower("name"));

-- A position carries its statement's speaker and date (see schema.prisma).
-- Whatever a writer passes, the copy is taken from the statement, and a
-- statement that changes speaker or date carries its positions along.
CREATE FUNCTION "positions_copy_statement"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT s."speaker_id", s."said_on" INTO NEW."speaker_id", NEW."said_on" FROM "statements" s WHERE s."id" = NEW."statement_id";
  RETURN NEW;
END $$;
CREATE TRIGGER "positions_copy_statement" BEFORE INSERT OR UPDATE OF "statement_id", "speaker_id", "said_on" ON "positions"
  FOR EACH ROW EXECUTE FUNCTION "positions_copy_statement"();

CREATE FUNCTION "statements_carry_positions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "positions" SET "speaker_id" = NEW."speaker_id", "said_on" = NEW."said_on" WHERE "statement_id" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "statements_carry_positions" AFTER UPDATE OF "speaker_id", "said_on" ON "statements"
  FOR EACH ROW WHEN (OLD."speaker_id" IS DISTINCT FROM NEW."speaker_id" OR OLD."said_on" IS DISTINCT FROM NEW."said_on")
  EXECUTE FUNCTION "statements_carry_positions"();
