import type { Prisma } from '../db/client';
import { textDirection } from '../domain/language';
import { formatHumanPartial, formatIsoPartial } from '../domain/partial-date';
import { STATEMENT_KINDS, stanceLabel } from '../domain/vocabulary';
import type { Stance, StatementKind } from '../generated/prisma/enums';

/** The part of a statement every view of it shows: the words, who, when and the stances. */
export const statementCoreSelect = {
  id: true,
  kind: true,
  text: true,
  language: true,
  saidOn: true,
  saidOnPrecision: true,
  speaker: { select: { slug: true, name: true, kind: true } },
  positions: { select: { stance: true, strength: true, topic: { select: { slug: true, name: true } } }, orderBy: { id: 'asc' } },
} satisfies Prisma.StatementSelect;

/** What every list of statements loads: enough for a card (its first source), nothing more. */
export const cardSelect = {
  ...statementCoreSelect,
  sources: {
    select: { source: { select: { publisher: true, title: true, url: true, publishedOn: true, publishedOnPrecision: true } } },
    orderBy: { sourceId: 'asc' },
    take: 1,
  },
} satisfies Prisma.StatementSelect;

export type CardRow = Prisma.StatementGetPayload<{ select: typeof cardSelect }>;

export type StanceBadge = { stance: Stance; strong: boolean; noComment: boolean; label: string };

export function stanceBadge(stance: Stance, strength: number, kind?: StatementKind): StanceBadge {
  return { stance, strong: strength >= 2, noComment: kind === 'no_comment', label: stanceLabel(stance, strength, kind) };
}

export function dateLabel(date: Date | null, precision: CardRow['saidOnPrecision']): { label: string; iso: string } {
  return date && precision
    ? { label: formatHumanPartial(date, precision), iso: formatIsoPartial(date, precision) }
    : { label: 'date not given', iso: '' };
}

export type StatementCard = ReturnType<typeof toCard>;

export function toCard(row: CardRow) {
  const date = dateLabel(row.saidOn, row.saidOnPrecision);
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: STATEMENT_KINDS[row.kind],
    text: row.text,
    language: row.language,
    dir: textDirection(row.language),
    saidOnLabel: date.label,
    saidOnIso: date.iso,
    speaker: row.speaker,
    positions: row.positions.map((p) => ({ topic: p.topic, badge: stanceBadge(p.stance, p.strength, row.kind) })),
    source: row.sources[0]?.source ?? null,
  };
}
