import type { Db } from '../db/client';
import type { FieldErrors } from '../http/errors';
import { lookupSpeakers } from '../speakers/speakers.lookup';
import { ambiguousSpeaker } from '../statements/statements.form';
import { resolveSpeakerReference } from '../statements/statements.choices';
import { findTopicIdBySlugOrName } from '../topics/topics.service';
import type { SpeakerKind } from '../generated/prisma/enums';

// Turns what was typed in the comparison's rows into topics and speakers.
// A slug is looked up for all rows in one query (the shareable address holds
// slugs only); any other text goes through the same resolution as the
// statement form (name, then alias) one row at a time, which only happens on
// the way to a redirect to the slug address.

export type ChosenTopic = { id: number; slug: string; name: string; fieldText: string };
export type ChosenSpeaker = { id: number; slug: string; name: string; kind: SpeakerKind; fieldText: string };

type Row = { id: number; slug: string; name: string; name_leads_back: boolean };
type SpeakerRow = Row & { kind: SpeakerKind };

/** What a form row shows for a chosen item: its name, or its slug when the name would lead elsewhere. */
const fieldText = (row: Row) => (row.name_leads_back ? row.name : row.slug);

function topicsBy(db: Db, slugs: string[], ids: number[]): Promise<Row[]> {
  // A name leads back when no topic has it as slug and no older topic has the same name (the oldest wins).
  return db.$queryRaw<Row[]>`
    SELECT t.id, t.slug, t.name,
      NOT EXISTS (SELECT 1 FROM topics o WHERE o.slug = t.name)
      AND NOT EXISTS (SELECT 1 FROM topics o WHERE lower(o.name) = lower(t.name) AND o.id < t.id) AS name_leads_back
    FROM topics t
    WHERE t.id IN (SELECT id FROM topics WHERE slug = ANY(${slugs}::text[]) UNION ALL SELECT unnest(${ids}::int[]))`;
}

function speakersBy(db: Db, slugs: string[]): Promise<SpeakerRow[]> {
  // A name leads back when no speaker has it as slug and no other speaker has the same name.
  return db.$queryRaw<SpeakerRow[]>`
    SELECT s.id, s.slug, s.name, s.kind::text AS kind,
      NOT EXISTS (SELECT 1 FROM speakers o WHERE o.slug IN (s.name, lower(s.name)))
      AND NOT EXISTS (SELECT 1 FROM speakers o WHERE lower(o.name) = lower(s.name) AND o.id <> s.id) AS name_leads_back
    FROM speakers s
    WHERE s.slug = ANY(${slugs}::text[])`;
}

/** Each item once, in the order first named. */
function distinct<T extends { id: number }>(items: T[]): T[] {
  const seen = new Set<number>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}

export type Resolved<T> = { chosen: T[]; errors: FieldErrors };

export async function resolveTopics(db: Db, typed: string[]): Promise<Resolved<ChosenTopic>> {
  if (typed.length === 0) return { chosen: [], errors: {} };
  const bySlug = new Map((await topicsBy(db, typed, [])).map((t) => [t.slug, t]));
  const ids = await Promise.all(typed.map((text) => bySlug.get(text)?.id ?? findTopicIdBySlugOrName(db, text)));
  const missing = ids.filter((id): id is number => id !== undefined && ![...bySlug.values()].some((t) => t.id === id));
  const byId = new Map(
    [...bySlug.values(), ...(missing.length > 0 ? await topicsBy(db, [], missing) : [])].map((t) => [t.id, t]),
  );
  const errors: FieldErrors = {};
  const chosen = ids.flatMap((id, i) => {
    const row = id === undefined ? undefined : byId.get(id);
    if (!row) {
      errors[`topics.${i}`] = `No topic has the slug or the name "${typed[i]}"`;
      return [];
    }
    return [{ id: row.id, slug: row.slug, name: row.name, fieldText: fieldText(row) }];
  });
  return { chosen: distinct(chosen), errors };
}

/** A speaker's slug for what was typed, or the message to show beside the row. */
async function speakerSlug(db: Db, text: string, known: Map<string, SpeakerRow>): Promise<{ slug?: string; error?: string }> {
  const direct = known.get(text) ?? known.get(text.toLowerCase());
  if (direct) return { slug: direct.slug };
  const found = await resolveSpeakerReference(db, text);
  if (found.match === 'one') return { slug: found.speaker.slug };
  if (found.match === 'several') return { error: ambiguousSpeaker(text, found) };
  const close = await lookupSpeakers(db, text, SUGGESTED);
  const suggestion = close.length > 0 ? ` Did you mean ${orList(close.map((m) => m.name))}?` : '';
  return { error: `No speaker called "${text}" is on record.${suggestion}` };
}

/** How many close names a "no such speaker" message offers. */
const SUGGESTED = 3;

const orList = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;

export async function resolveSpeakers(db: Db, typed: string[]): Promise<Resolved<ChosenSpeaker>> {
  if (typed.length === 0) return { chosen: [], errors: {} };
  const known = new Map((await speakersBy(db, [...new Set(typed.flatMap((t) => [t, t.toLowerCase()]))])).map((s) => [s.slug, s]));
  const found = await Promise.all(typed.map((text) => speakerSlug(db, text, known)));
  const missing = found.flatMap((f) => (f.slug && !known.has(f.slug) ? [f.slug] : []));
  if (missing.length > 0) for (const s of await speakersBy(db, missing)) known.set(s.slug, s);
  const errors: FieldErrors = {};
  const chosen = found.flatMap((f, i) => {
    const row = f.slug === undefined ? undefined : known.get(f.slug);
    if (!row) {
      errors[`speakers.${i}`] = f.error ?? `No speaker called "${typed[i]}" is on record.`;
      return [];
    }
    return [{ id: row.id, slug: row.slug, name: row.name, kind: row.kind, fieldText: fieldText(row) }];
  });
  return { chosen: distinct(chosen), errors };
}
