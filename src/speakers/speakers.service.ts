import type { Db, Tx } from '../db/client';
import { uniqueSlug } from '../domain/slug';
import { ValidationError } from '../http/errors';
import type { SpeakerKind } from '../generated/prisma/enums';

export type NewSpeaker = {
  name: string;
  kind: SpeakerKind;
  description?: string | undefined;
  country?: string | undefined;
  aliases?: string[];
  memberOf?: string | undefined;
};

/** Creates a speaker inside the caller's transaction; `field` names the input when the parent slug is unknown. */
export async function createSpeaker(tx: Tx, input: NewSpeaker, field = 'member_of'): Promise<{ id: number; slug: string }> {
  let memberOfId: number | undefined;
  if (input.memberOf) {
    const parent = await tx.speaker.findUnique({ where: { slug: input.memberOf }, select: { id: true } });
    if (!parent) throw new ValidationError({ [field]: `No speaker with the slug "${input.memberOf}"` });
    memberOfId = parent.id;
  }
  const slug = await uniqueSlug(input.name, async (s) => (await tx.speaker.count({ where: { slug: s } })) > 0);
  return tx.speaker.create({
    data: {
      slug,
      name: input.name,
      kind: input.kind,
      description: input.description ?? null,
      country: input.country ?? null,
      memberOfId: memberOfId ?? null,
      aliases: { create: (input.aliases ?? []).filter((a) => a !== input.name).map((name) => ({ name })) },
    },
    select: { id: true, slug: true },
  });
}

export async function findSpeakerId(db: Db, slug: string): Promise<number | undefined> {
  const row = await db.speaker.findUnique({ where: { slug }, select: { id: true } });
  return row?.id;
}
