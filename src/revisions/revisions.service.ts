import { Prisma, type Db, type Tx } from '../db/client';
import type { RevisionAction, RevisionEntity } from '../generated/prisma/enums';
import { ConflictError } from '../http/errors';
import type { Json } from './snapshots';

export type Entity = RevisionEntity;
export type FieldChange = { from: Json; to: Json };
export type Diff = Record<string, FieldChange>;

// Fields that say nothing to a reader of the history (the version is shown on
// its own; ids are repeated by the slugs beside them).
const HIDDEN = new Set(['id', 'version', 'speaker_id', 'member_of_id', 'parent_id']);

const STRENGTH = (n: unknown) => (n === 2 ? ' (strong)' : '');
type Item = Record<string, Json>;

/** Lists as lines a reader can compare: "civil-constitution: supports (strong)", "rejects #12". */
const READABLE_LISTS: Record<string, (item: Item) => string> = {
  positions: (p) => `${String(p.topic)}: ${String(p.stance)}${STRENGTH(p.strength)}`,
  sources: (s) => [s.publisher, s.title && `“${String(s.title)}”`, s.url, s.published_on].filter(Boolean).join(', '),
  relations: (r) => `${String(r.kind).replace('_', ' ')} #${String(r.to_id)}`,
  relations_to: (r) => `#${String(r.from_id)} ${String(r.kind).replace('_', ' ')} this`,
};

/** A snapshot's fields as a reader sees them: ids left out, lists as readable lines. */
export function readableFields(snapshot: Record<string, Json> | null | undefined): Record<string, Json> {
  const fields: Record<string, Json> = {};
  for (const [key, value] of Object.entries(snapshot ?? {})) {
    if (HIDDEN.has(key)) continue;
    const readable = READABLE_LISTS[key];
    fields[key] = readable && Array.isArray(value) ? value.map((item) => readable(item as Item)) : value;
  }
  return fields;
}

/** `{field: {from, to}}` for the fields that differ between two snapshots (null = the record did not exist). */
export function diffSnapshots(before: object | null, after: object | null): Diff {
  const from = readableFields(before as Record<string, Json> | null);
  const to = readableFields(after as Record<string, Json> | null);
  const diff: Diff = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const a = from[key] ?? null;
    const b = to[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = { from: a, to: b };
  }
  return diff;
}

export type RevisionInput = {
  entity: Entity;
  entityId: number;
  action: RevisionAction;
  /** The record's version after the change (at the delete, for a delete). */
  version: number;
  /** Null when the system made the change (demo data). */
  actorId: number | null;
  before: object | null;
  after: object | null;
  revertsRevisionId?: number;
  /** The snapshot to keep when it is not simply `after ?? before` (a merge keeps what moved). */
  snapshot?: object;
  diff?: Diff;
};

/**
 * Writes one revision inside the caller's transaction, so that a change and
 * its revision are committed, or rolled back, together. The snapshot is the
 * record after the change, or before it for a delete (what a restore needs).
 */
export async function recordRevision(tx: Tx, input: RevisionInput): Promise<{ id: number }> {
  const [row] = await tx.$queryRaw<{ id: number }[]>`${revisionInsert(input)} RETURNING id`;
  return row!;
}

/**
 * recordRevision's INSERT, for a writer that sends it in one statement with
 * the change itself; `from` (a FROM clause) writes it once per row it gives,
 * so not at all when the change wrote nothing. `newId`, an expression over
 * `from`, is the id of a record the same statement creates: the revision's
 * entity id and its snapshot's `id` (input.entityId is then not read).
 */
export function revisionInsert(input: RevisionInput, from: Prisma.Sql = Prisma.empty, newId?: Prisma.Sql): Prisma.Sql {
  const snapshot = Prisma.sql`${JSON.stringify(input.snapshot ?? input.after ?? input.before ?? {})}::jsonb`;
  const diff = input.diff ?? diffSnapshots(input.before, input.after);
  return Prisma.sql`
    INSERT INTO revisions (entity, entity_id, action, version, actor_id, diff, snapshot, reverts_revision_id)
    SELECT ${input.entity}::revision_entity, ${newId ?? input.entityId}::int, ${input.action}::revision_action, ${input.version}::int,
           ${input.actorId}::int, ${JSON.stringify(diff)}::jsonb,
           ${newId ? Prisma.sql`jsonb_set(${snapshot}, '{id}', to_jsonb(${newId}))` : snapshot}, ${input.revertsRevisionId ?? null}::int ${from}`;
}

export type RevisionRow = {
  id: number;
  entity: Entity;
  entityId: number;
  action: RevisionAction;
  version: number;
  diff: Diff;
  snapshot: Record<string, Json>;
  revertsRevisionId: number | null;
  createdAt: Date;
  actor: { id: number; name: string } | null;
};

const revisionSelect = {
  id: true,
  entity: true,
  entityId: true,
  action: true,
  version: true,
  diff: true,
  snapshot: true,
  revertsRevisionId: true,
  createdAt: true,
  actor: { select: { id: true, name: true } },
} satisfies Prisma.RevisionSelect;

export const HISTORY_LIMIT = 200;

/** A record's revisions, newest first (the latest HISTORY_LIMIT). */
export async function listRevisions(db: Db, entity: Entity, entityId: number): Promise<RevisionRow[]> {
  const rows = await db.revision.findMany({
    where: { entity, entityId },
    select: revisionSelect,
    orderBy: { id: 'desc' },
    take: HISTORY_LIMIT,
  });
  return rows as RevisionRow[];
}

export async function findRevision(db: Db, id: number): Promise<RevisionRow | null> {
  return (await db.revision.findUnique({ where: { id }, select: revisionSelect })) as RevisionRow | null;
}

/**
 * A save based on a version that is no longer the stored one. `current` is
 * the stored record, so that the editor can compare and save again on it.
 */
export class EditConflictError extends ConflictError {
  constructor(
    readonly entity: Entity,
    readonly current: Record<string, Json>,
  ) {
    super(
      `This ${entity} was changed by someone else (it is now at version ${String(current.version)}). Nothing of yours was saved.`,
      {
        current,
      },
    );
  }
}

/** A stale version: throws EditConflictError with the stored record. */
export function checkVersion(entity: Entity, current: { version: number }, expected: number | undefined): void {
  if (expected !== undefined && current.version !== expected) throw new EditConflictError(entity, current);
}
