import type { PrismaClient } from '../../src/db/client';

// Shared by the statement page, form and API tests.

export const XSS = '<script>alert(1)</script>';
export const ARABIC = '«ندعو جميع الدول الحرة» إلى الوقوف معنا';

/** How many rows each table holds: compare before and after to prove nothing was written. */
export async function rowCounts(prisma: PrismaClient) {
  const [speakers, topics, statements, positions, sources, currentStances] = await Promise.all([
    prisma.speaker.count(),
    prisma.topic.count(),
    prisma.statement.count(),
    prisma.position.count(),
    prisma.source.count(),
    prisma.currentStance.count(),
  ]);
  return { speakers, topics, statements, positions, sources, currentStances };
}

/** A complete, valid POST /api/v1/statements body; override any field. */
export function apiBody(speaker: unknown, topic: unknown, overrides: Record<string, unknown> = {}) {
  return {
    speaker,
    kind: 'quote',
    text: 'We will not accept any division of the country.',
    language: 'en',
    said_on: '2025-08',
    place: 'Riyadh',
    context: 'In reply to a call for a separate region.',
    attribution: 'A ministry spokesman',
    sources: [
      {
        publisher: 'The Gazette',
        title: 'Reactions to the call',
        url: 'https://example.org/reactions',
        published_on: '2025-08-05',
        archived_url: 'https://web.archive.org/web/2025/https://example.org/reactions',
      },
    ],
    positions: [{ topic, stance: 'opposes', strength: 2 }],
    ...overrides,
  };
}

/**
 * A complete, valid add-a-statement form as the browser posts it (flat
 * `positions[0][topic]` keys); `speaker` is what was typed in the Speaker field.
 */
export function formFields(speaker: string, topic: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    speaker,
    'new_speaker[kind]': '',
    kind: 'quote',
    text: 'We will not accept any division of the country.',
    language: 'en',
    original_text: '',
    original_language: '',
    said_on: '2025-08',
    place: 'Riyadh',
    attribution: '',
    context: '',
    'positions[0][topic]': topic,
    'positions[0][new_topic]': '',
    'positions[0][stance]': 'opposes',
    'positions[0][strength]': '2',
    'positions[1][topic]': '',
    'positions[1][new_topic]': '',
    'positions[1][stance]': '',
    'positions[1][strength]': '1',
    'sources[0][publisher]': 'The Gazette',
    'sources[0][title]': 'Reactions to the call',
    'sources[0][url]': 'https://example.org/form-reactions',
    'sources[0][published_on]': '2025-08-05',
    'sources[0][archived_url]': '',
    'sources[1][publisher]': '',
    'sources[1][title]': '',
    'sources[1][url]': '',
    'sources[1][published_on]': '',
    'sources[1][archived_url]': '',
    ...overrides,
  };
}

export const urlencoded = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x3D': '=', '#x60': '`' };

/** Text as the browser reads it back from Handlebars' escaped output. */
export const unescapeHtml = (html: string) => html.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (_, e: string) => ENTITIES[e]!);

/** A textarea's value as the browser sees it (the parser drops one newline right after the opening tag). */
export function textareaValue(html: string, id: string): string | undefined {
  const match = new RegExp(`<textarea id="${id}"[^>]*>\\n?([\\s\\S]*?)</textarea>`).exec(html);
  return match ? unescapeHtml(match[1]!) : undefined;
}

/** An input's value attribute, unescaped. */
export function inputValue(html: string, id: string): string | undefined {
  const match = new RegExp(`<input [^>]*id="${id}"[^>]*value="([^"]*)"`).exec(html);
  return match ? unescapeHtml(match[1]!) : undefined;
}

/** The value of the selected option of a select, or '' when none is selected. */
export function selectedValue(html: string, id: string): string | undefined {
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!select) return undefined;
  return /<option value="([^"]*)" selected>/.exec(select[1]!)?.[1] ?? '';
}

/** The values of a datalist's options, unescaped, in page order. */
export function datalistValues(html: string, id: string): string[] | undefined {
  const list = new RegExp(`<datalist id="${id}">([\\s\\S]*?)</datalist>`).exec(html);
  if (!list) return undefined;
  return [...list[1]!.matchAll(/<option value="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
}

/**
 * The message shown beside a field: the field-error paragraph of the same
 * `.field` block as the control, which also points at it with aria-describedby.
 */
export function errorBeside(html: string, id: string): string | undefined {
  const control = new RegExp(`<(?:input|select|textarea)[^>]* id="${id}"[^>]*>`).exec(html);
  if (!control) return undefined;
  const after = html.slice(control.index);
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(after);
  // Beside it: within the same field block (no other field starts in between), and linked by aria-describedby.
  if (!error || /<div class="field/.test(after.slice(0, error.index))) return undefined;
  if (!control[0].includes(`${id}-error`)) return undefined;
  return unescapeHtml(error[1]!);
}

/** The message shown inside a fieldset (a radio group, or a list of rows as a whole). */
export function errorInGroup(html: string, id: string): string | undefined {
  const start = html.indexOf(`<fieldset id="${id}"`);
  if (start < 0) return undefined;
  const group = html.slice(start, html.indexOf('</fieldset>', start));
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(group);
  return error ? unescapeHtml(error[1]!) : undefined;
}
