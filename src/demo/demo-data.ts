import type { PrismaClient } from '../db/client';
import { createSpeaker, type NewSpeaker } from '../speakers/speakers.service';
import { createStatement } from '../statements/statements.service';
import { newStatementInput } from '../statements/statements.schema';
import { createTopic } from '../topics/topics.service';
import { DEMO_SPEAKERS, DEMO_STATEMENTS, DEMO_TOPICS } from './seed-article';

/** Loads the demo data when the database holds no statement yet; true when it did. */
export async function loadDemoDataIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.statement.count()) > 0) return false;
  await loadDemoData(prisma);
  return true;
}

/**
 * Loads the demo data built from shared/seed-article.txt. Safe to run again:
 * speakers and topics are matched by slug, statements by speaker and text, so
 * nothing is duplicated.
 */
export async function loadDemoData(prisma: PrismaClient): Promise<{ created: number }> {
  for (const topic of DEMO_TOPICS) {
    if (!(await prisma.topic.findUnique({ where: { slug: topic.slug } }))) {
      await prisma.$transaction((tx) => createTopic(tx, topic));
    }
  }
  for (const speaker of DEMO_SPEAKERS) {
    if (!(await prisma.speaker.findUnique({ where: { slug: speaker.slug } }))) {
      await prisma.$transaction((tx) => createSpeaker(tx, speaker as NewSpeaker));
    }
  }
  const ids = new Map<string, number>();
  let created = 0;
  for (const { key, relations, ...statement } of DEMO_STATEMENTS) {
    const existing = await prisma.statement.findFirst({
      where: { speaker: { slug: statement.speaker }, text: statement.text },
      select: { id: true },
    });
    if (existing) {
      ids.set(key, existing.id);
      continue;
    }
    const input = newStatementInput.parse({
      ...statement,
      relations: relations.map((r) => ({ kind: r.kind, statement_id: ids.get(r.to) })),
    });
    ids.set(key, (await createStatement(prisma, input)).id);
    created++;
  }
  return { created };
}
