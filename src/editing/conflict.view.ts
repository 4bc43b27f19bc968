import { fieldLabel } from '../revisions/history.view';
import { readableFields } from '../revisions/revisions.service';
import type { Json } from '../revisions/snapshots';
import type { StatementFormValues } from '../statements/statements.form';

// A stale save shown side by side: what the editor typed (kept in the form
// below) and what is stored now, each field that differs marked.

const show = (v: Json | undefined): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((x) => String(x)).join('\n');
  return String(v);
};

/**
 * One row per field of the form, in the stored record's order: those that
 * differ, to compare side by side, and those that are the same (folded away on
 * the page). Fields the form does not edit (a statement's incoming relations, a
 * slug not on the form) are left out: nothing the editor typed can differ there.
 */
export function conflictRows(mine: object, current: object) {
  const a = readableFields(mine as Record<string, Json>);
  const b = readableFields(current as Record<string, Json>);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k in a);
  const rows = keys.map((key) => {
    const [m, c] = [show(a[key]), show(b[key])];
    return { label: fieldLabel(key), mine: m, current: c, differs: m !== c };
  });
  return { differing: rows.filter((r) => r.differs), same: rows.filter((r) => !r.differs) };
}

const orNull = (s: string) => (s.trim() === '' ? null : s);

/** The statement form's values in a snapshot's shape, to compare with the stored one. */
export function statementValuesAsSnapshot(v: StatementFormValues) {
  return {
    speaker: v.speaker.trim(),
    kind: v.kind,
    text: v.text,
    language: v.language,
    original_text: orNull(v.original_text),
    original_language: orNull(v.original_language),
    said_on: orNull(v.said_on),
    place: orNull(v.place),
    context: orNull(v.context),
    attribution: orNull(v.attribution),
    source_unknown: v.source_unknown,
    positions: v.positions.map((p) => ({
      topic: p.new_topic.trim() || p.topic,
      stance: p.stance,
      strength: Number(p.strength || 1),
    })),
    sources: v.sources.map((s) => ({
      publisher: s.publisher,
      title: orNull(s.title),
      url: orNull(s.url),
      published_on: orNull(s.published_on),
    })),
    relations: v.relations.map((r) => ({ kind: r.kind, to_id: r.statement.replace(/\D/g, '') })),
  };
}
