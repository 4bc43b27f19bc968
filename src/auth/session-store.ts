import session, { type SessionData } from 'express-session';
import type { PrismaClient } from '../db/client';

type Callback = (error?: unknown) => void;

/** At most one write per session per this interval just to push its expiry on. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

/**
 * express-session's store on the `sessions` table (connect-pg-simple's
 * layout), through the app's own Prisma client. connect-pg-simple would need
 * a `pg.Pool` of its own: a second pool to a server, and on the embedded
 * database a second connection, which its single-session socket server cannot
 * serve alongside the first.
 */
export class PrismaSessionStore extends session.Store {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.prisma.session
      .findFirst({ where: { sid, expire: { gt: new Date() } }, select: { sess: true } })
      .then((row) => callback(null, row ? (row.sess as unknown as SessionData) : null), callback);
  }

  override set(sid: string, sess: SessionData, callback?: Callback): void {
    const data = { sess: JSON.parse(JSON.stringify(sess)) as object, expire: expiry(sess) };
    this.prisma.session.upsert({ where: { sid }, create: { sid, ...data }, update: data }).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.prisma.session.deleteMany({ where: { sid } }).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  /**
   * Pushes the expiry on, but only once an hour: a write on every page an
   * editor opens would be wasted work, and each commit also retires the page
   * cache for every reader.
   */
  override touch(sid: string, sess: SessionData, callback?: Callback): void {
    const expire = expiry(sess);
    this.prisma.session
      .updateMany({ where: { sid, expire: { lt: new Date(expire.getTime() - TOUCH_EVERY_MS) } }, data: { expire } })
      .then(
        () => callback?.(),
        (error: unknown) => callback?.(error),
      );
  }
}

function expiry(sess: SessionData): Date {
  const expires = sess.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + 24 * 60 * 60 * 1000);
}
