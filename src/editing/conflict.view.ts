import { readableFields } from '../revisions/revisions.service';
import type { Json } from '../revisions/snapshots';
import type { StatementFormValues } from '../statements/statements.form';

// A stale save shown side by side: what the editor typed (kept in the form
// below) and what is stored now, each field that differs marked.

const show = (v: Json | undefined): string =>
  v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.map((x) => String(x)).join('\n') : String(v);

export function conflictRows(mine: object, current: object) {
  const a = readableFields(mine as Record<string, Json>);
  const b = readableFields(current as Record<string, Json>);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'slug' || a.slug !== undefined);
  return keys.map((key) => {
    const [m, c] = [show(a[key]), show(b[key])];
    return { label: key.replace(/_/g, ' '), mine: m, current: c, differs: m !== c };
  });
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
