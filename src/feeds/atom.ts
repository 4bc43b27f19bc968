import { create, fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Prisma } from '../db/client';
import { SPEAKER_KINDS, STATEMENT_KINDS } from '../domain/vocabulary';
import { textDirection } from '../domain/language';
import { excerpt } from '../http/excerpt';
import { cardSelect, dateLabel, stanceBadge, type CardRow } from '../statements/statement-card';

// Atom 1.0 (RFC 4287) for any list of statements: a speaker's, a topic's, a search's.
// The XML is written by xmlbuilder2, which escapes every text and attribute and
// replaces the characters XML 1.0 forbids (U+0001, U+FFFE, lone surrogates…)
// with U+FFFD. One quirk: xmlbuilder2 leaves an "&" that already starts an
// entity ("&amp;", "&lt;", "&nbsp;") as it is, so stored text "&lt;script&gt;"
// would come out as markup in the entry's HTML, and "&nbsp;" would make the XML
// invalid. Every text and attribute therefore goes through `add`/`addText`,
// which escape each "&" first; the library then leaves those "&amp;" alone.

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** How many statements a feed holds. */
export const FEED_ENTRIES = 50;
/** How many of a statement's sources an entry names. */
export const FEED_SOURCES = 5;

/** A card row (statement-card.ts) with what a feed adds: when it was recorded and updated, and more sources. */
export const feedSelect = {
  ...cardSelect,
  createdAt: true,
  updatedAt: true,
  originalText: true,
  originalLanguage: true,
  sources: { ...cardSelect.sources, take: FEED_SOURCES },
} satisfies Prisma.StatementSelect;

/** `originalText` is optional so that rows read with another select still fit; `feedSelect` reads it. */
export type FeedRow = CardRow & {
  createdAt: Date;
  updatedAt: Date;
  originalText?: string | null;
  originalLanguage?: string | null;
};

export type StatementsFeedOptions = {
  /** The feed's own title ("Statements by Saudi Arabia · On Record"). */
  title: string;
  subtitle?: string;
  /** Absolute URL of the feed itself; also its atom:id. */
  selfUrl: string;
  /** Absolute URL of the HTML page the feed follows. */
  alternateUrl: string;
  /** Absolute origin (and path prefix, if any) that /statements/:id, /speakers/:slug… are resolved against. */
  baseUrl: string;
  /** Newest first; the feed keeps this order. */
  statements: FeedRow[];
  /** The feed's `updated` is at least this (the speaker's or topic's own updatedAt: a rename changes the entries). */
  minUpdated: Date;
  /** An entry's title; by default "Speaker: “the words…”". */
  entryTitle?: (row: FeedRow) => string;
};

const literal = (value: string) => value.replace(/&/g, '&amp;');

/** Appends a child element with attributes and, optionally, text; returns the child. */
function add(parent: XMLBuilder, name: string, attributes: Record<string, string> = {}, text?: string): XMLBuilder {
  const element = parent.ele(name, Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, literal(v)])));
  if (text !== undefined) element.txt(literal(text));
  return element;
}

function addText(parent: XMLBuilder, text: string): XMLBuilder {
  return parent.txt(literal(text));
}

const XML_OPTIONS = { version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' } as const;

/** A BCP 47-looking tag, safe for xml:lang / lang; anything else is left out. */
const LANGUAGE = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

const quoteExcerpt = (text: string) => `“${excerpt(text.replace(/\s+/g, ' ').trim(), 120).text}”`;

export function defaultEntryTitle(row: FeedRow): string {
  return row.kind === 'no_comment' ? `${row.speaker.name}: no comment` : `${row.speaker.name}: ${quoteExcerpt(row.text)}`;
}

/** "Saudi Arabia strongly opposes: “…”": the stance a statement takes on one topic, for that topic's feed. */
export function stanceEntryTitle(row: FeedRow, topicSlug: string): string {
  const position = row.positions.find((p) => p.topic.slug === topicSlug);
  if (row.kind === 'no_comment') return `${row.speaker.name} declines to comment`;
  if (!position) return defaultEntryTitle(row);
  const strongly = position.strength >= 2 ? 'strongly ' : '';
  const verb = {
    supports: `${strongly}supports`,
    opposes: `${strongly}opposes`,
    neutral: 'is neutral',
    mixed: 'is mixed',
    unclear: 'takes an unclear stance',
  }[position.stance];
  return `${row.speaker.name} ${verb}: ${quoteExcerpt(row.text)}`;
}

/** The entry's body as an HTML fragment (serialized by xmlbuilder2, so escaped), carried as type="html". */
function entryHtml(row: FeedRow, baseUrl: string): string {
  const html = fragment({ invalidCharReplacement: XML_OPTIONS.invalidCharReplacement });
  const date = dateLabel(row.saidOn, row.saidOnPrecision);
  const intro = add(html, 'p');
  add(intro, 'a', { href: absoluteUrl(baseUrl, `/speakers/${encodeURIComponent(row.speaker.slug)}`) }, row.speaker.name);
  addText(intro, ` (${SPEAKER_KINDS[row.speaker.kind]}), ${STATEMENT_KINDS[row.kind].toLowerCase()}, `);
  if (date.iso) add(intro, 'time', { datetime: date.iso }, date.label);
  else addText(intro, date.label);
  addText(intro, ':');

  const quoteAttrs: Record<string, string> = { dir: textDirection(row.language) };
  if (LANGUAGE.test(row.language)) quoteAttrs.lang = row.language;
  add(html, row.kind === 'no_comment' ? 'p' : 'blockquote', quoteAttrs, row.text);
  if (row.originalText) {
    const originalAttrs: Record<string, string> = { dir: textDirection(row.originalLanguage) };
    if (row.originalLanguage && LANGUAGE.test(row.originalLanguage)) originalAttrs.lang = row.originalLanguage;
    add(html, 'p', {}, row.originalLanguage ? `Original (${row.originalLanguage}):` : 'Original:');
    add(html, 'blockquote', originalAttrs, row.originalText);
  }

  if (row.positions.length > 0) {
    const list = add(html, 'ul');
    for (const p of row.positions) {
      const item = add(list, 'li', {}, `${stanceBadge(p.stance, p.strength, row.kind).label}: `);
      add(item, 'a', { href: absoluteUrl(baseUrl, `/topics/${encodeURIComponent(p.topic.slug)}`) }, p.topic.name);
    }
  }

  for (const { source } of row.sources) {
    const line = add(html, 'p', {}, 'Source: ');
    const name = source.title ? `${source.publisher}, “${source.title}”` : source.publisher;
    if (source.url && /^https?:\/\//i.test(source.url)) add(line, 'a', { href: source.url }, name);
    else addText(line, name);
    if (source.publishedOn && source.publishedOnPrecision)
      addText(line, `, published ${dateLabel(source.publishedOn, source.publishedOnPrecision).label}`);
  }
  return html.end();
}

function addEntry(feed: XMLBuilder, row: FeedRow, options: StatementsFeedOptions): void {
  const permalink = absoluteUrl(options.baseUrl, `/statements/${row.id}`);
  const entry = add(feed, 'entry');
  add(entry, 'id', {}, permalink);
  add(entry, 'title', { type: 'text' }, (options.entryTitle ?? defaultEntryTitle)(row));
  add(entry, 'updated', {}, row.updatedAt.toISOString());
  add(entry, 'published', {}, row.createdAt.toISOString());
  add(entry, 'link', { rel: 'alternate', type: 'text/html', href: permalink });
  const author = add(entry, 'author');
  add(author, 'name', {}, row.speaker.name);
  add(author, 'uri', {}, absoluteUrl(options.baseUrl, `/speakers/${encodeURIComponent(row.speaker.slug)}`));
  for (const p of row.positions)
    add(entry, 'category', { term: p.topic.slug, label: p.topic.name, scheme: absoluteUrl(options.baseUrl, '/topics/') });
  // The words alone, in their own language; the content adds who, when, stances and sources.
  const summaryAttrs: Record<string, string> = { type: 'text' };
  if (LANGUAGE.test(row.language)) summaryAttrs['xml:lang'] = row.language;
  add(entry, 'summary', summaryAttrs, row.text);
  add(entry, 'content', { type: 'html' }, entryHtml(row, options.baseUrl));
}

/**
 * An Atom 1.0 document for the statements given, in the order given. Every
 * entry's id is its absolute permalink; `updated` is when the record was last
 * changed and `published` when it was recorded (the date the words were said,
 * which may be only a month or a year, is in the content).
 */
export function statementsFeed(options: StatementsFeedOptions): string {
  const updated = feedUpdated(options.statements, options.minUpdated);
  const doc = create(XML_OPTIONS);
  const feed = doc.ele(ATOM_NS, 'feed', { 'xml:lang': 'en' });
  add(feed, 'id', {}, options.selfUrl);
  add(feed, 'title', { type: 'text' }, options.title);
  if (options.subtitle) add(feed, 'subtitle', { type: 'text' }, options.subtitle);
  add(feed, 'updated', {}, updated.toISOString());
  const author = add(feed, 'author');
  add(author, 'name', {}, 'On Record');
  add(author, 'uri', {}, absoluteUrl(options.baseUrl, '/'));
  add(feed, 'link', { rel: 'self', type: 'application/atom+xml', href: options.selfUrl });
  add(feed, 'link', { rel: 'alternate', type: 'text/html', href: options.alternateUrl });
  add(feed, 'generator', { uri: absoluteUrl(options.baseUrl, '/') }, 'On Record');
  for (const row of options.statements) addEntry(feed, row, options);
  return doc.end({ prettyPrint: true });
}

/** When the feed last changed, for its `updated` and Last-Modified: the newest of its entries and `minUpdated`. */
export function feedUpdated(statements: FeedRow[], minUpdated: Date): Date {
  return statements.reduce<Date>((latest, row) => (row.updatedAt > latest ? row.updatedAt : latest), minUpdated);
}
