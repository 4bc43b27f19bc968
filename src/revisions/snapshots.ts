import type { Db, Prisma } from '../db/client';
import { formatIsoPartial } from '../domain/partial-date';
import type { DatePrecision } from '../generated/prisma/enums';

// What a revision keeps of a record: JSON-safe (dates as the partial ISO
// strings the forms take, lists as arrays), holding the ids needed to put a
// deleted record back, and the slugs and names needed to read it.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type StatementSnapshot = {
  id: number;
  version: number;
  speaker_id: number;
  speaker: string;
  kind: string;
  text: string;
  language: string;
  original_text: string | null;
  original_language: string | null;
  said_on: string | null;
  place: string | null;
  context: string | null;
  attribution: string | null;
  source_unknown: boolean;
  positions: { topic_id: number; topic: string; stance: string; strength: number }[];
  sources: {
    source_id: number;
    publisher: string;
    title: string | null;
    url: string | null;
    published_on: string | null;
    archived_url: string | null;
  }[];
  relations: { kind: string; to_id: number }[];
  relations_to: { kind: string; from_id: number }[];
};

export type SpeakerSnapshot = {
  id: number;
  version: number;
  slug: string;
  name: string;
  kind: string;
  description: string | null;
  country: string | null;
  member_of_id: number | null;
  member_of: string | null;
  aliases: string[];
};

export type TopicSnapshot = {
  id: number;
  version: number;
  slug: string;
  name: string;
  description: string | null;
  parent_id: number | null;
  parent: string | null;
};

export const partialText = (date: Date | null, precision: DatePrecision | null): string | null =>
  date ? formatIsoPartial(date, precision ?? 'day') : null;

/** What statementSnapshot reads of a statement. */
export const statementSnapshotSelect = {
  id: true,
  version: true,
  speakerId: true,
  speaker: { select: { slug: true } },
  kind: true,
  text: true,
  language: true,
  originalText: true,
  originalLanguage: true,
  saidOn: true,
  saidOnPrecision: true,
  place: true,
  context: true,
  attribution: true,
  sourceUnknown: true,
  positions: {
    select: { topicId: true, stance: true, strength: true, topic: { select: { slug: true } } },
    orderBy: { id: 'asc' },
  },
  sources: { select: { source: true }, orderBy: { sourceId: 'asc' } },
  relationsFrom: { select: { kind: true, toId: true }, orderBy: { id: 'asc' } },
  relationsTo: { select: { kind: true, fromId: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.StatementSelect;

export async function statementSnapshot(db: Db, id: number): Promise<StatementSnapshot | null> {
  const s = await db.statement.findUnique({ where: { id }, select: statementSnapshotSelect });
  return s ? toStatementSnapshot(s) : null;
}

/** The snapshot of a statement already read (with at least statementSnapshotSelect's fields). */
export function toStatementSnapshot(
  s: Prisma.StatementGetPayload<{ select: typeof statementSnapshotSelect }>,
): StatementSnapshot {
  return {
    id: s.id,
    version: s.version,
    speaker_id: s.speakerId,
    speaker: s.speaker.slug,
    kind: s.kind,
    text: s.text,
    language: s.language,
    original_text: s.originalText,
    original_language: s.originalLanguage,
    said_on: partialText(s.saidOn, s.saidOnPrecision),
    place: s.place,
    context: s.context,
    attribution: s.attribution,
    source_unknown: s.sourceUnknown,
    positions: s.positions.map((p) => ({ topic_id: p.topicId, topic: p.topic.slug, stance: p.stance, strength: p.strength })),
    sources: s.sources.map(({ source: x }) => ({
      source_id: x.id,
      publisher: x.publisher,
      title: x.title,
      url: x.url,
      published_on: partialText(x.publishedOn, x.publishedOnPrecision),
      archived_url: x.archivedUrl,
    })),
    relations: s.relationsFrom.map((r) => ({ kind: r.kind, to_id: r.toId })),
    relations_to: s.relationsTo.map((r) => ({ kind: r.kind, from_id: r.fromId })),
  };
}

export async function speakerSnapshot(db: Db, where: { id: number } | { slug: string }): Promise<SpeakerSnapshot | null> {
  const s = await db.speaker.findUnique({
    where,
    select: {
      id: true,
      version: true,
      slug: true,
      name: true,
      kind: true,
      description: true,
      country: true,
      memberOfId: true,
      memberOf: { select: { slug: true } },
      aliases: { select: { name: true }, orderBy: { id: 'asc' } },
    },
  });
  if (!s) return null;
  return {
    id: s.id,
    version: s.version,
    slug: s.slug,
    name: s.name,
    kind: s.kind,
    description: s.description,
    country: s.country,
    member_of_id: s.memberOfId,
    member_of: s.memberOf?.slug ?? null,
    aliases: s.aliases.map((a) => a.name),
  };
}

export async function topicSnapshot(db: Db, where: { id: number } | { slug: string }): Promise<TopicSnapshot | null> {
  const t = await db.topic.findUnique({
    where,
    select: {
      id: true,
      version: true,
      slug: true,
      name: true,
      description: true,
      parentId: true,
      parent: { select: { slug: true } },
    },
  });
  if (!t) return null;
  return {
    id: t.id,
    version: t.version,
    slug: t.slug,
    name: t.name,
    description: t.description,
    parent_id: t.parentId,
    parent: t.parent?.slug ?? null,
  };
}
