/**
 * ts_headline returns the stored text as it is, with the markers it was given
 * around each match: it must never reach HTML as it comes. The markers are two
 * private-use characters (stripped from the stored text before ts_headline
 * sees it), so the headline is escaped here first and only then are the
 * markers turned into <mark> elements.
 */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => ESCAPES[c]!);
}

/** The headline without markers. */
export function headlinePlain(marked: string): string {
  return marked.replace(/[\uE000\uE001]/g, '');
}

/** The headline as HTML: everything escaped, each marked span in <mark>, always balanced. */
export function headlineHtml(marked: string): string {
  let html = '';
  let open = false;
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === MARK_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MARK_STOP) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}

/** The marked ranges of the plain headline, as [start, end) offsets in UTF-16 code units (JavaScript string indices). */
export function headlineRanges(marked: string): [number, number][] {
  const ranges: [number, number][] = [];
  let at = 0;
  let start: number | undefined;
  for (const ch of marked) {
    if (ch === MARK_START) start ??= at;
    else if (ch === MARK_STOP) {
      if (start !== undefined && at > start) ranges.push([start, at]);
      start = undefined;
    } else at += ch.length;
  }
  if (start !== undefined && at > start) ranges.push([start, at]);
  return ranges;
}
