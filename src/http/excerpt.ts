/**
 * The start of a long text for a list or table, cut at a word boundary where
 * one is near; whole characters only (Array.from), so no script is split mid-letter.
 */
export function excerpt(text: string, max = 400): { text: string; cut: boolean } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, cut: false };
  const head = chars.slice(0, max).join('');
  const space = head.lastIndexOf(' ');
  return { text: `${(space > max * 0.7 ? head.slice(0, space) : head).trimEnd()}…`, cut: true };
}
