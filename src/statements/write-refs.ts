import { LRUCache } from 'lru-cache';
import type { SpeakerRef, TopicRef } from './statements.insert';

// Nearly every API write names its speaker and topics by slug, the same few
// again and again, and their rows rarely change: the rows the last write by a
// slug used are kept, so that the next one sends no lookup (on this machine
// each message to PostgreSQL costs CPU on both sides: BENCHMARKS.md). A kept
// row is never trusted on its own: the write checks, in the statement that
// writes, that the speaker and topics still have exactly these ids, slugs,
// names and kinds (insertUnlessDuplicate), writes nothing otherwise, and the
// rows are then read again. So a renamed, re-slugged or deleted speaker or
// topic, in this process or another, is never recorded as it was.

const KEPT = 5000;
const speakers = new LRUCache<string, SpeakerRef>({ max: KEPT });
const topics = new LRUCache<string, TopicRef>({ max: KEPT });

/** The kept rows of a speaker and topics by slug, when every one is kept. */
export function keptRefs(speakerSlug: string, topicSlugs: string[]): { speaker: SpeakerRef; topics: TopicRef[] } | undefined {
  const speaker = speakers.get(speakerSlug);
  if (!speaker) return undefined;
  const found: TopicRef[] = [];
  for (const slug of topicSlugs) {
    const topic = topics.get(slug);
    if (!topic) return undefined;
    found.push(topic);
  }
  return { speaker, topics: found };
}

/** Keeps the rows a write is about to use, by the slugs they were asked for. */
export function keepRefs(speakerSlug: string, speaker: SpeakerRef, topicSlugs: string[], found: TopicRef[]): void {
  speakers.set(speakerSlug, speaker);
  topicSlugs.forEach((slug, i) => topics.set(slug, found[i]!));
}

/** Forgets the rows kept for these slugs (a write found one of them changed). */
export function forgetRefs(speakerSlug: string, topicSlugs: string[]): void {
  speakers.delete(speakerSlug);
  for (const slug of topicSlugs) topics.delete(slug);
}
