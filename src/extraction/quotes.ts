// Quoted passages, found character by character: quote marks are punctuation
// that tokenisers split inconsistently (wink-nlp ends a sentence before a
// closing mark), and an apostrophe is only told from a closing single quote by
// the letters around it.

export type Quote = {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just past the closing mark (or the paragraph's end when unclosed). */
  close: number;
  /** The quoted words, without the marks or the punctuation that ends the quote inside them. */
  innerStart: number;
  innerEnd: number;
  /** The quoted words; the marks that reopen a quote at a new paragraph are left out. */
  text: string;
  /** The opening mark. */
  mark: string;
};

const PAIRS: Record<string, string> = { '“': '”', '«': '»', '„': '“', '"': '"', '‘': '’', "'": "'" };
const DOUBLE = new Set(['“', '«', '„', '"']);
const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

type Open = { mark: string; at: number; segments: [number, number][]; segmentStart: number };

export function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  let double: Open | null = null;
  let single: Open | null = null;
  let i = 0;
  const finish = (o: Open, closeAt: number, closed: boolean) => {
    o.segments.push([o.segmentStart, closeAt]);
    quotes.push(build(text, o, closed ? closeAt + 1 : closeAt));
  };
  while (i < text.length) {
    const c = text[i]!;
    const before = text[i - 1];
    const after = text[i + 1];
    if (c === '\n' && text.slice(i).match(/^\n\s*\n/)) {
      const next = text.slice(i).match(/^\n\s*\n\s*/)![0].length + i;
      single = null;
      // A quote that runs on to the next paragraph reopens it with the same mark.
      if (double && text[next] === double.mark) {
        double.segments.push([double.segmentStart, trimEnd(text, i)]);
        double.segmentStart = next + 1;
        i = next + 1;
        continue;
      }
      if (double) finish(double, trimEnd(text, i), false);
      double = null;
      i = next;
      continue;
    }
    if (double && (c === PAIRS[double.mark] || (double.mark === '"' && c === '"'))) {
      if (c !== '"' || !isLetter(after)) {
        finish(double, i, true);
        double = null;
        single = null;
      }
    } else if (!double && DOUBLE.has(c) && !isSpace(after) && (c !== '"' || !isLetter(before))) {
      double = { mark: c, at: i, segments: [], segmentStart: i + 1 };
    } else if (!double && (c === '‘' || c === "'") && isSpace(before) !== false && !isLetter(before) && isLetter(after)) {
      single = { mark: c, at: i, segments: [], segmentStart: i + 1 };
    } else if (!double && single && c === PAIRS[single.mark] && !isSpace(before) && !isLetter(after)) {
      finish(single, i, true);
      single = null;
    }
    i++;
  }
  if (double) finish(double, trimEnd(text, text.length), false);
  return quotes.sort((a, b) => a.open - b.open);
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function build(text: string, o: Open, close: number): Quote {
  const first = o.segments[0]!;
  const last = o.segments[o.segments.length - 1]!;
  let innerStart = first[0];
  let innerEnd = last[1];
  while (innerStart < innerEnd && /\s/.test(text[innerStart]!)) innerStart++;
  // The comma before a closing mark belongs to the sentence around the quote, not to the words.
  while (innerEnd > innerStart && /[\s,;:—–-]/.test(text[innerEnd - 1]!)) innerEnd--;
  const parts = o.segments.map(([a, b], k) => {
    const from = k === 0 ? innerStart : a;
    const to = k === o.segments.length - 1 ? innerEnd : b;
    return text.slice(from, to).trim();
  });
  return { open: o.at, close, innerStart, innerEnd, text: parts.join('\n\n'), mark: o.mark };
}
