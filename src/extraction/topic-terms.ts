// The words of a topic a statement can name, compared by their first five letters so that
// "nationalising", "nationalisation" and "national" meet, and short or function words do not.

const STOP = new Set([
  'about',
  'after',
  'against',
  'their',
  'there',
  'these',
  'those',
  'under',
  'which',
  'while',
  'with',
  'from',
  'into',
  'over',
  'should',
  'would',
  'could',
  'what',
  'whether',
  'this',
  'that',
]);
export const stems = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4 && !STOP.has(w))
    .map((w) => w.slice(0, 5));
