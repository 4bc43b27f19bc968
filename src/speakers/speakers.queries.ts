import type { Db } from '../db/client';
import { pageWindow, toPage, type Page, type PageRequest } from '../http/pagination';
import type { DatePrecision, Stance, StatementKind } from '../generated/prisma/enums';
import { cardSelect, type CardRow } from '../statements/statement-card';
import { findSpeaker } from './speakers.service';

// What a speaker's profile and API entry read besides the speaker row itself.

export type SpeakerStance = {
  topic: { slug: string; name: string };
  stance: Stance;
  strength: number;
  saidOn: Date | null;
  saidOnPrecision: DatePrecision | null;
  statement: { id: number; kind: StatementKind; text: string; language: string };
};

/** The speaker's current stance on each topic (table current_stances), by topic name. */
export async function speakerStances(db: Db, speakerId: number, page: PageRequest): Promise<Page<SpeakerStance>> {
  const rows = await db.currentStance.findMany({
    where: { speakerId },
    select: {
      stance: true,
      strength: true,
      saidOn: true,
      saidOnPrecision: true,
      topic: { select: { slug: true, name: true } },
      statement: { select: { id: true, kind: true, text: true, language: true } },
    },
    orderBy: [{ topic: { name: 'asc' } }, { topicId: 'asc' }],
    ...pageWindow(page),
  });
  return toPage(rows, page);
}

/** The speaker's statements, newest first, undated last (index statements_speaker_id_said_on_id_idx). */
export async function speakerStatements(db: Db, speakerId: number, page: PageRequest): Promise<Page<CardRow>> {
  const rows = await db.statement.findMany({
    where: { speakerId },
    select: cardSelect,
    orderBy: [{ saidOn: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    ...pageWindow(page),
  });
  return toPage(rows, page);
}

/** A profile shows this many current stances; past it, the page says the list is cut and the API pages on. */
export const PROFILE_STANCES = 200;

/** Everything the profile page reads, in three bounded queries after the speaker row. */
export async function speakerProfile(db: Db, slug: string, statementsPage: PageRequest) {
  const speaker = await findSpeaker(db, slug);
  const [stances, statements] = await Promise.all([
    speakerStances(db, speaker.id, { page: 1, limit: PROFILE_STANCES }),
    speakerStatements(db, speaker.id, statementsPage),
  ]);
  return { speaker, stances, statements };
}
