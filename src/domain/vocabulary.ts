import type { RelationKind, SpeakerKind, Stance, StatementKind } from '../generated/prisma/enums';

// The labels readers see for each domain value, in the order forms list them.
export const SPEAKER_KINDS: Record<SpeakerKind, string> = {
  person: 'Person',
  government: 'Government',
  ministry: 'Ministry',
  organisation: 'Organisation',
  armed_group: 'Armed group',
  media_outlet: 'Media outlet',
};

export const STATEMENT_KINDS: Record<StatementKind, string> = {
  quote: 'Quote (verbatim)',
  paraphrase: 'Paraphrase (reported speech)',
  official_position: 'Official position',
  no_comment: 'No comment',
};

export const STANCES: Record<Stance, string> = {
  supports: 'Supports',
  opposes: 'Opposes',
  neutral: 'Neutral',
  mixed: 'Mixed',
  unclear: 'Unclear',
};

export const RELATION_KINDS: Record<RelationKind, { forward: string; backward: string }> = {
  responds_to: { forward: 'Responds to', backward: 'Responded to by' },
  rejects: { forward: 'Rejects', backward: 'Rejected by' },
  endorses: { forward: 'Endorses', backward: 'Endorsed by' },
  contradicts: { forward: 'Contradicts', backward: 'Contradicted by' },
};

/** The columns of a topic's comparison, each gathering one or more stances. */
export const STANCE_COLUMNS = [
  { key: 'supports', label: 'Supports', stances: ['supports'] },
  { key: 'opposes', label: 'Opposes', stances: ['opposes'] },
  { key: 'neutral-mixed', label: 'Neutral or mixed', stances: ['neutral', 'mixed'] },
  { key: 'unclear', label: 'Unclear or no comment', stances: ['unclear'] },
] as const satisfies ReadonlyArray<{ key: string; label: string; stances: readonly Stance[] }>;

export function stanceLabel(stance: Stance, strength: number, kind?: StatementKind): string {
  if (kind === 'no_comment') return 'No comment';
  const label = STANCES[stance];
  return strength >= 2 ? `Strongly ${label.toLowerCase()}` : label;
}
