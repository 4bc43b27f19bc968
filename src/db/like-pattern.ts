/**
 * Prisma's `contains` puts the text inside an ILIKE pattern as it is, so `%`
 * and `_` typed into a search box would act as wildcards. Escaped, they match
 * themselves (backslash is PostgreSQL's default LIKE escape).
 */
export function literalLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
