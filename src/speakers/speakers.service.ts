import type { Db, Prisma, PrismaClient, Tx } from '../db/client';
import { literalLike } from '../db/like-pattern';
import { retryOnUniqueViolation } from '../db/retry';
import { uniqueSlug } from '../domain/slug';
import { NotFoundError, ValidationError } from '../http/errors';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import type { SpeakerKind } from '../generated/prisma/enums';
import { refuseSimilarSpeaker } from './speakers.lookup';
import type { SpeakerFilter, SpeakerFormInput } from './speakers.schema';
import { recordRevision } from '../revisions/revisions.service';
import { speakerSnapshot } from '../revisions/snapshots';

export type NewSpeaker = {
  name: string;
  kind: SpeakerKind;
  description?: string | undefined;
  country?: string | undefined;
  aliases?: string[];
  memberOf?: string | undefined;
};

/** Slugs that name a route beside /speakers/:slug (the form, the API's lookup), so no speaker gets them. */
export const RESERVED_SLUGS = new Set(['new', 'lookup']);

/** Creates a speaker inside the caller's transaction; `field` names the input when the parent slug is unknown. */
export async function createSpeaker(
  tx: Tx,
  input: NewSpeaker,
  field = 'member_of',
  actorId: number | null = null,
): Promise<{ id: number; slug: string; name: string; kind: SpeakerKind }> {
  let memberOfId: number | undefined;
  if (input.memberOf) {
    const parent = await tx.speaker.findUnique({ where: { slug: input.memberOf }, select: { id: true } });
    if (!parent) throw new ValidationError({ [field]: `No speaker with the slug "${input.memberOf}"` });
    memberOfId = parent.id;
  }
  const slug = await uniqueSlug(
    input.name,
    async (s) => RESERVED_SLUGS.has(s) || (await tx.speaker.count({ where: { slug: s } })) > 0,
  );
  const created = await tx.speaker.create({
    data: {
      slug,
      name: input.name,
      kind: input.kind,
      description: input.description ?? null,
      country: input.country ?? null,
      memberOfId: memberOfId ?? null,
      aliases: { create: (input.aliases ?? []).filter((a) => a !== input.name).map((name) => ({ name })) },
    },
    select: { id: true, slug: true, name: true, kind: true },
  });
  const after = await speakerSnapshot(tx, { id: created.id });
  await recordRevision(tx, {
    entity: 'speaker',
    entityId: created.id,
    action: 'create',
    version: 1,
    actorId,
    before: null,
    after,
  });
  return created;
}

/**
 * The speaker form and the API: one speaker, in its own transaction. A name
 * very close to an existing speaker's name or alias is a SimilarSpeakerError
 * unless `allow_similar_name` says this is a different speaker.
 */
export async function addSpeaker(
  prisma: PrismaClient,
  input: SpeakerFormInput,
  actorId: number | null = null,
): Promise<{ id: number; slug: string }> {
  return retryOnUniqueViolation(() =>
    prisma.$transaction(async (tx) => {
      await refuseSimilarSpeaker(tx, input.name, input.allow_similar_name);
      return createSpeaker(
        tx,
        {
          name: input.name,
          kind: input.kind,
          description: input.description,
          country: input.country,
          aliases: input.aliases,
          memberOf: input.member_of,
        },
        'member_of',
        actorId,
      );
    }),
  );
}

export async function findSpeakerId(db: Db, slug: string): Promise<number | undefined> {
  const row = await db.speaker.findUnique({ where: { slug }, select: { id: true } });
  return row?.id;
}

const summarySelect = {
  slug: true,
  name: true,
  kind: true,
  description: true,
  country: true,
  aliases: { select: { name: true }, orderBy: { id: 'asc' } },
  memberOf: { select: { slug: true, name: true } },
} satisfies Prisma.SpeakerSelect;

type SummaryRow = Prisma.SpeakerGetPayload<{ select: typeof summarySelect }>;

export type SpeakerSummary = Omit<SummaryRow, 'aliases'> & { aliases: string[] };

const toSummary = ({ aliases, ...row }: SummaryRow): SpeakerSummary => ({ ...row, aliases: aliases.map((a) => a.name) });

/** Speakers by name, optionally of one kind and matching a name or alias; one page, no count. */
export async function listSpeakers(db: Db, filter: SpeakerFilter, page: PageRequest): Promise<Page<SpeakerSummary>> {
  const where: Prisma.SpeakerWhereInput = {};
  if (filter.kind) where.kind = filter.kind;
  if (filter.q) {
    const match = { contains: literalLike(filter.q), mode: 'insensitive' } as const;
    where.OR = [{ name: match }, { aliases: { some: { name: match } } }];
  }
  const rows = await db.speaker.findMany({
    where,
    select: summarySelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    ...pageWindow(page),
  });
  return toPage(rows.map(toSummary), page);
}

export const MEMBERS_SHOWN = 50;

export type SpeakerDetail = SpeakerSummary & { id: number; members: { slug: string; name: string }[] };

/** One speaker with aliases, the body it belongs to and (the first of) its members; NotFoundError when unknown. */
export async function findSpeaker(db: Db, slug: string): Promise<SpeakerDetail> {
  const row = await db.speaker.findUnique({
    where: { slug },
    select: {
      ...summarySelect,
      id: true,
      members: { select: { slug: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: MEMBERS_SHOWN },
    },
  });
  if (!row) throw new NotFoundError(`No speaker with the slug "${slug}" is on record`);
  return { ...toSummary(row), id: row.id, members: row.members };
}

export const PARENT_CHOICES = 200;

/** Bodies a speaker can belong to, offered as suggestions on the form (the field takes any slug). */
export async function memberOfChoices(db: Db): Promise<{ slug: string; name: string }[]> {
  return db.speaker.findMany({
    where: { kind: { not: 'person' } },
    select: { slug: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: PARENT_CHOICES,
  });
}
