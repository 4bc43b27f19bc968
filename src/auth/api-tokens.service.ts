import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { CACHED_PLAN } from '../db/cached-plans';
import { NotFoundError } from '../http/errors';
import type { CurrentUser } from './guards';

const PREFIX = 'ork_';
/** last_used_at is written at most this often: a write per API call would be wasted work. */
const LAST_USED_EVERY_MS = 60 * 60 * 1000;

/**
 * How long a token checked against the database is trusted without checking
 * again. Every API call starts with the check, and at a million statements a
 * POST spends about a seventh of its time on that round trip (BENCHMARKS.md).
 * This process forgets every token at once when it revokes one or changes an
 * account (forgetCheckedTokens); a change made by another process (a second
 * app instance, or SQL by hand) takes effect within this time.
 */
export const CHECKED_TOKEN_MS = 5_000;
/** At most this many tokens are remembered; past it the oldest go first. */
const CHECKED_TOKENS_KEPT = 1_000;
const checkedTokens = new Map<string, { user: CurrentUser; until: number }>();
// Bumped by forgetCheckedTokens, so that a check that read the database before a change is not remembered after it.
let generation = 0;

/** Makes every token be checked against the database again: called after any change to tokens or accounts. */
export function forgetCheckedTokens(): void {
  generation++;
  checkedTokens.clear();
}

// The token is 32 random bytes, so nobody can guess it from its hash: a fast
// hash is enough (a slow one would only slow down every API call).
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export type ApiTokenRow = {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revoked: boolean;
};

/** Makes a token for the user; the token itself is returned this once and only its hash is kept. */
export async function createApiToken(prisma: PrismaClient, userId: number, name: string) {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = await prisma.apiToken.create({
    data: { userId, name, tokenHash: digest(token), tokenPrefix: token.slice(0, PREFIX.length + 6) },
    select: { id: true },
  });
  return { id: row.id, token };
}

export async function listApiTokens(prisma: PrismaClient, userId: number): Promise<ApiTokenRow[]> {
  const rows = await prisma.apiToken.findMany({ where: { userId }, orderBy: { id: 'desc' } });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.tokenPrefix,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revoked: t.revokedAt !== null,
  }));
}

/** Revokes one of the user's own tokens (another user's token is "not found"). */
export async function revokeApiToken(prisma: PrismaClient, userId: number, id: number): Promise<void> {
  const token = await prisma.apiToken.findFirst({ where: { id, userId }, select: { revokedAt: true } });
  if (!token) throw new NotFoundError('No such token');
  if (!token.revokedAt) await prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  forgetCheckedTokens();
}

/** The active user a token belongs to, or null for an unknown, revoked or disabled one. */
export async function userForApiToken(prisma: PrismaClient, token: string): Promise<CurrentUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const hash = digest(token);
  const checked = checkedTokens.get(hash);
  if (checked && checked.until > Date.now()) return checked.user;
  const readAt = generation;
  // One round trip for the token and its user: every API write starts here.
  const [row] = await prisma.$queryRaw<(CurrentUser & { tokenId: number; lastUsedAt: Date | null })[]>`${CACHED_PLAN}
    SELECT t.id AS "tokenId", t.last_used_at AS "lastUsedAt", u.id, u.email, u.name, u.role::text AS role
    FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL AND u.disabled_at IS NULL`;
  checkedTokens.delete(hash);
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS)
    await prisma.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } });
  const { tokenId: _id, lastUsedAt: _used, ...user } = row;
  if (readAt !== generation) return user;
  if (checkedTokens.size >= CHECKED_TOKENS_KEPT) checkedTokens.delete(checkedTokens.keys().next().value!);
  checkedTokens.set(hash, { user, until: Date.now() + CHECKED_TOKEN_MS });
  return user;
}
