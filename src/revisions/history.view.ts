import { diffWords } from 'diff';
import type { Diff, RevisionRow } from './revisions.service';
import type { Json } from './snapshots';

// The history page's view model: each revision with who, when, what it did,
// and its field-by-field diff made readable (a text's words struck through
// and highlighted, a list's lines removed and added). Values are passed to
// the template as strings, which Handlebars escapes.

const ACTIONS: Record<string, string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  restore: 'Restored from the trash',
  revert: 'Reverted',
  merge: 'Merged a speaker into this one',
  unmerge: 'Undid a merge',
};

const LABELS: Record<string, string> = {
  original_text: 'original text',
  original_language: 'original language',
  said_on: 'date said',
  source_unknown: 'source unknown',
  relations_to: 'related from other statements',
  member_of: 'member of',
};

// Long texts are diffed word by word; short values shown whole.
const WORD_DIFFED = new Set(['text', 'original_text', 'context', 'description']);

const show = (v: Json): string =>
  v === null ? '—' : typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'yes' : 'no') : JSON.stringify(v);

/** A snapshot field as readers see it named ("said_on" → "date said"); the page capitalises it. */
export const fieldLabel = (field: string): string => LABELS[field] ?? field.replace(/_/g, ' ');

function change(field: string, from: Json, to: Json) {
  const label = fieldLabel(field);
  if (Array.isArray(from) || Array.isArray(to)) {
    const a = (Array.isArray(from) ? from : []).map(show);
    const b = (Array.isArray(to) ? to : []).map(show);
    return { label, list: { removed: a.filter((x) => !b.includes(x)), added: b.filter((x) => !a.includes(x)) } };
  }
  if (WORD_DIFFED.has(field) && typeof from === 'string' && typeof to === 'string') {
    return { label, words: diffWords(from, to).map((p) => ({ value: p.value, added: p.added, removed: p.removed })) };
  }
  return { label, value: { from: show(from), to: show(to), hadValue: from !== null, hasValue: to !== null } };
}

/** The changed fields; a list that was absent and is now empty (at a create) changed nothing a reader can see. */
export function diffView(diff: Diff) {
  return Object.entries(diff)
    .map(([field, { from, to }]) => change(field, from, to))
    .filter((c) => !c.list || c.list.removed.length > 0 || c.list.added.length > 0);
}

export type HistoryOptions = {
  /** Where the revert form posts; undefined when the record cannot be reverted (deleted). */
  revertAction?: string;
  currentVersion?: number;
  /** Where an undo of a merge posts. */
  unmergeAction?: string;
  /** Merge revisions whose redirect is still in place, so that they can be undone. */
  undoableMerges?: Set<number>;
};

export function historyView(revisions: RevisionRow[], options: HistoryOptions) {
  const latest = revisions[0]?.id;
  return revisions.map((r) => ({
    id: r.id,
    action: r.action,
    actionLabel: ACTIONS[r.action] ?? r.action,
    version: r.version,
    who: r.actor?.name ?? 'the system',
    system: r.actor === null,
    at: r.createdAt.toISOString(),
    atLabel: r.createdAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    revertsRevisionId: r.revertsRevisionId,
    changes: diffView(r.diff),
    canRevert:
      options.revertAction !== undefined && r.id !== latest && ['create', 'update', 'revert', 'restore'].includes(r.action),
    canUndoMerge: r.action === 'merge' && (options.undoableMerges?.has(r.id) ?? false),
  }));
}
