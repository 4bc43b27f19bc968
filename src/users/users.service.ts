import { forgetCheckedTokens } from '../auth/api-tokens.service';
import type { CurrentUser } from '../auth/guards';
import { decoyHash, hashPassword, randomPassword, verifyPassword } from '../auth/passwords';
import { SIGN_IN_EMAIL_PREFIX } from '../auth/attempt-limits';
import type { Db, PrismaClient } from '../db/client';
import { isUniqueViolation } from '../db/retry';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { NewUserInput, UserChangeInput } from './users.schema';

const currentUserSelect = { id: true, email: true, name: true, role: true } as const;

export type UserRow = CurrentUser & { disabled: boolean; createdAt: Date };

/** Creates an account; an email already in use is a field error, not a 500. */
export async function createUser(prisma: PrismaClient, input: NewUserInput): Promise<CurrentUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: currentUserSelect,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ email: 'An account with this email already exists' });
    throw error;
  }
}

/**
 * The account for these credentials, or null. It answers the same way, and
 * takes as long, whether the email is unknown, the password wrong or the
 * account disabled, so that nobody learns which accounts exist.
 */
export async function authenticate(prisma: PrismaClient, email: string, password: string): Promise<CurrentUser | null> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { ...currentUserSelect, passwordHash: true, disabledAt: true },
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The account behind a session or a token, unless it was disabled since. */
export async function activeUser(db: Db, id: number): Promise<CurrentUser | null> {
  return db.user.findFirst({ where: { id, disabledAt: null }, select: currentUserSelect });
}

/** Any account, active or disabled, by id; null when there is none. */
export async function findAccount(db: Db, id: number): Promise<CurrentUser | null> {
  return db.user.findUnique({ where: { id }, select: currentUserSelect });
}

export async function countUsers(prisma: PrismaClient): Promise<number> {
  return prisma.user.count();
}

export async function listUsers(prisma: PrismaClient): Promise<UserRow[]> {
  const users = await prisma.user.findMany({
    orderBy: [{ disabledAt: { sort: 'asc', nulls: 'first' } }, { email: 'asc' }],
    select: { ...currentUserSelect, disabledAt: true, createdAt: true },
  });
  return users.map(({ disabledAt, ...user }) => ({ ...user, disabled: disabledAt !== null }));
}

/**
 * Changes an account's role or disables it. The last active admin can be
 * neither demoted nor disabled: nobody could manage accounts afterwards.
 * Disabling an account also ends its sessions and revokes its API tokens.
 * A field left out keeps its value, read inside the same transaction.
 */
export async function changeUser(prisma: PrismaClient, id: number, change: Partial<UserChangeInput>): Promise<UserRow> {
  const changed = await prisma.$transaction(async (tx) => {
    // Serialises admin changes, so two admins demoting each other at once cannot leave none.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('users:admins'))`;
    const user = await tx.user.findUnique({ where: { id }, select: { role: true, disabledAt: true } });
    if (!user) throw new NotFoundError('No such account');
    const role = change.role ?? user.role;
    const disabled = change.disabled ?? user.disabledAt !== null;
    const losesAdmin = user.role === 'admin' && !user.disabledAt && (role !== 'admin' || disabled);
    if (losesAdmin && (await tx.user.count({ where: { role: 'admin', disabledAt: null } })) <= 1)
      throw new ConflictError('This is the last active admin: make another account an admin first.');
    const disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
    const updated = await tx.user.update({
      where: { id },
      data: { role, disabledAt },
      select: { ...currentUserSelect, disabledAt: true, createdAt: true },
    });
    if (disabled) {
      await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      await endSessions(tx, id);
    }
    const { disabledAt: at, ...rest } = updated;
    return { ...rest, disabled: at !== null };
  });
  // A token's user is remembered with its role (userForApiToken): a new role or a disabled account must apply at once.
  forgetCheckedTokens();
  return changed;
}

/**
 * Changes the user's own password after checking the current one (a wrong
 * one is a field error). Every other session of the account ends, so that a
 * password changed because it leaked also locks out whoever used it; the
 * session that made the change (keepSessionId) stays signed in.
 */
export async function changePassword(
  prisma: PrismaClient,
  id: number,
  change: { currentPassword: string; newPassword: string; keepSessionId: string },
): Promise<void> {
  const user = await prisma.user.findFirst({ where: { id, disabledAt: null }, select: { passwordHash: true } });
  if (!user) throw new NotFoundError('No such account');
  if (!(await verifyPassword(change.currentPassword, user.passwordHash)))
    throw new ValidationError({ current_password: 'This is not your current password' });
  const passwordHash = await hashPassword(change.newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id }, data: { passwordHash } }),
    endSessions(prisma, id, change.keepSessionId),
  ]);
}

/**
 * An admin's reset of someone else's password, for an owner who forgot it: a
 * new random password, returned to be shown once. Every session of the account
 * ends (whoever was signed in with the old password is out) and its failed
 * sign-ins are forgotten, so the owner can sign in at once with the new one.
 * API tokens stay: they are separate credentials, revoked one by one on the
 * account page (or all at once by disabling the account). Admins change their
 * own password on /account, which asks for the current one.
 */
export async function resetPassword(
  prisma: PrismaClient,
  id: number,
  actorId: number,
): Promise<{ user: CurrentUser; password: string }> {
  if (id === actorId) throw new ConflictError('Change your own password on your account page, which asks for the current one.');
  const password = randomPassword();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const user = await findAccount(tx, id);
    if (!user) throw new NotFoundError('No such account');
    await tx.user.update({ where: { id }, data: { passwordHash } });
    await endSessions(tx, id);
    await tx.rateLimit.deleteMany({ where: { key: SIGN_IN_EMAIL_PREFIX + user.email.toLowerCase() } });
    return { user, password };
  });
}

/** Signs the account out of every session (but `keepSessionId`'s, the one making the change). */
function endSessions(db: Db, userId: number, keepSessionId?: string) {
  return keepSessionId === undefined
    ? db.$executeRaw`DELETE FROM sessions WHERE (sess->>'userId')::int = ${userId}`
    : db.$executeRaw`DELETE FROM sessions WHERE (sess->>'userId')::int = ${userId} AND sid <> ${keepSessionId}`;
}
