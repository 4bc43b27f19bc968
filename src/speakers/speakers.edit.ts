import { z } from 'zod';
import type { PrismaClient, Tx } from '../db/client';
import { retryOnUniqueViolation } from '../db/retry';
import { slugify } from '../domain/slug';
import type { SpeakerKind } from '../generated/prisma/enums';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { checkVersion, EditConflictError, findRevision, recordRevision } from '../revisions/revisions.service';
import { speakerSnapshot, type SpeakerSnapshot } from '../revisions/snapshots';
import { optionalLine } from '../statements/statements.schema';
import { speakerFormInput } from './speakers.schema';
import { RESERVED_SLUGS } from './speakers.service';

/** A slug an editor may type: what slugify would make of it, so links stay clean. */
export const editableSlug = optionalLine(80).refine(
  (s) => s === undefined || slugify(s) === s,
  'Use lower-case letters, digits and hyphens only (e.g. hikmat-al-hijri)',
);

/** The speaker edit form and `PUT /api/v1/speakers/:slug`: the speaker form's fields plus the slug. */
export const speakerEditInput = speakerFormInput.omit({ allow_similar_name: true }).extend({ slug: editableSlug });
export type SpeakerEditInput = z.output<typeof speakerEditInput>;

type SpeakerFields = {
  slug: string;
  name: string;
  kind: SpeakerKind;
  description: string | null;
  country: string | null;
  memberOfId: number | null;
  aliases: string[];
};

type Change = { action: 'update' | 'revert'; actorId: number | null; revertsRevisionId?: number };

export async function requireSpeaker(tx: Tx, slug: string): Promise<SpeakerSnapshot> {
  const found = await speakerSnapshot(tx, { slug });
  if (!found) throw new NotFoundError(`No speaker with the slug "${slug}" is on record`);
  return found;
}

/** A new slug must be free: not another speaker's, not a route's, not a merged speaker's old one (it redirects). */
export async function checkSpeakerSlug(tx: Tx, slug: string, self: number): Promise<void> {
  const taken =
    RESERVED_SLUGS.has(slug) ||
    (await tx.speaker.count({ where: { slug, id: { not: self } } })) > 0 ||
    (await tx.speakerRedirect.count({ where: { oldSlug: slug } })) > 0;
  if (taken) throw new ConflictError(`The slug "${slug}" is taken: choose another one.`, { field: 'slug' });
}

async function writeSpeaker(tx: Tx, before: SpeakerSnapshot, f: SpeakerFields, expected: number, change: Change) {
  if (f.slug !== before.slug) await checkSpeakerSlug(tx, f.slug, before.id);
  const { aliases, ...fields } = f;
  const { count } = await tx.speaker.updateMany({
    where: { id: before.id, version: expected },
    data: { ...fields, version: { increment: 1 } },
  });
  if (count === 0) throw new EditConflictError('speaker', (await speakerSnapshot(tx, { id: before.id })) ?? before);
  await tx.speakerAlias.deleteMany({ where: { speakerId: before.id } });
  const kept = [...new Set(aliases)].filter((a) => a !== f.name);
  if (kept.length > 0) await tx.speakerAlias.createMany({ data: kept.map((name) => ({ speakerId: before.id, name })) });
  const after = (await speakerSnapshot(tx, { id: before.id }))!;
  await recordRevision(tx, {
    entity: 'speaker',
    entityId: before.id,
    action: change.action,
    version: after.version,
    actorId: change.actorId,
    before,
    after,
    revertsRevisionId: change.revertsRevisionId,
  });
  return { id: before.id, slug: after.slug, version: after.version };
}

async function memberOfId(tx: Tx, slug: string | undefined, self: number): Promise<number | null> {
  if (!slug) return null;
  const parent = await tx.speaker.findUnique({ where: { slug }, select: { id: true } });
  if (!parent) throw new ValidationError({ member_of: `No speaker with the slug "${slug}"` });
  if (parent.id === self) throw new ValidationError({ member_of: 'A speaker cannot be a member of itself' });
  return parent.id;
}

export async function updateSpeaker(
  prisma: PrismaClient,
  slug: string,
  input: SpeakerEditInput,
  expected: number,
  actorId: number | null,
) {
  return retryOnUniqueViolation(() =>
    prisma.$transaction(async (tx) => {
      const before = await requireSpeaker(tx, slug);
      checkVersion('speaker', before, expected);
      const fields: SpeakerFields = {
        slug: input.slug ?? before.slug,
        name: input.name,
        kind: input.kind,
        description: input.description ?? null,
        country: input.country ?? null,
        memberOfId: await memberOfId(tx, input.member_of, before.id),
        aliases: input.aliases,
      };
      return writeSpeaker(tx, before, fields, expected, { action: 'update', actorId });
    }),
  );
}

export async function revertSpeaker(
  prisma: PrismaClient,
  slug: string,
  revisionId: number,
  expected: number,
  actorId: number | null,
) {
  return retryOnUniqueViolation(() =>
    prisma.$transaction(async (tx) => {
      const before = await requireSpeaker(tx, slug);
      const revision = await findRevision(tx, revisionId);
      if (
        !revision ||
        revision.entity !== 'speaker' ||
        revision.entityId !== before.id ||
        !['create', 'update', 'revert'].includes(revision.action)
      )
        throw new NotFoundError(`This speaker has no revision ${revisionId} to go back to`);
      checkVersion('speaker', before, expected);
      const snap = revision.snapshot as unknown as SpeakerSnapshot;
      const parent =
        snap.member_of_id === null
          ? null
          : await tx.speaker.findUnique({ where: { id: snap.member_of_id }, select: { id: true } });
      const fields: SpeakerFields = {
        slug: snap.slug,
        name: snap.name,
        kind: snap.kind as SpeakerKind,
        description: snap.description,
        country: snap.country,
        memberOfId: parent && parent.id !== before.id ? parent.id : null,
        aliases: snap.aliases,
      };
      return writeSpeaker(tx, before, fields, expected, { action: 'revert', actorId, revertsRevisionId: revisionId });
    }),
  );
}

export const DEPENDANTS_SHOWN = 20;

/** What stops a speaker from being deleted: its statements and the speakers that are its members. */
export async function speakerDependants(tx: Tx, id: number) {
  const [statements, statementCount, members, memberCount] = await Promise.all([
    tx.statement.findMany({
      where: { speakerId: id },
      select: { id: true, text: true },
      orderBy: { id: 'asc' },
      take: DEPENDANTS_SHOWN,
    }),
    tx.statement.count({ where: { speakerId: id } }),
    tx.speaker.findMany({
      where: { memberOfId: id },
      select: { slug: true, name: true },
      orderBy: { id: 'asc' },
      take: DEPENDANTS_SHOWN,
    }),
    tx.speaker.count({ where: { memberOfId: id } }),
  ]);
  return {
    statements: statements.map((s) => ({ id: s.id, text: s.text.slice(0, 140), href: `/statements/${s.id}` })),
    statement_count: statementCount,
    members: members.map((m) => ({ ...m, href: `/speakers/${encodeURIComponent(m.slug)}` })),
    member_count: memberCount,
  };
}

export type Dependants = Awaited<ReturnType<typeof speakerDependants>>;

/** Refused (409, with what depends on it) while it has statements or members; otherwise deleted with a `delete` revision. */
export async function deleteSpeaker(prisma: PrismaClient, slug: string, expected: number | undefined, actorId: number | null) {
  return prisma.$transaction(async (tx) => {
    const before = await requireSpeaker(tx, slug);
    checkVersion('speaker', before, expected);
    // The speaker's lock: a statement recorded for it at this moment waits, and is then refused (no speaker).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7301, ${before.id}::int)`;
    const dependants = await speakerDependants(tx, before.id);
    if (dependants.statement_count > 0 || dependants.member_count > 0)
      throw new ConflictError(`${before.name} still has statements or members: move or delete them first.`, { dependants });
    const { count } = await tx.speaker.deleteMany({ where: { id: before.id, version: before.version } });
    if (count === 0) throw new EditConflictError('speaker', (await speakerSnapshot(tx, { id: before.id })) ?? before);
    return recordRevision(tx, {
      entity: 'speaker',
      entityId: before.id,
      action: 'delete',
      version: before.version,
      actorId,
      before,
      after: null,
    });
  });
}
