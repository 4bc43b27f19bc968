import type { Stance } from '../generated/prisma/enums';

/** Character offsets into the article text; `end` is exclusive. */
export type TextSpan = { start: number; end: number };

/**
 * What kind of statement a proposal is. `official_position` is a government's
 * or organisation's stated position (often "in a statement"); `no_comment` is
 * recorded silence ("declined to comment", "no immediate reaction from").
 */
export type ProposedKind = 'quote' | 'paraphrase' | 'official_position' | 'no_comment';

export type SpeakerKindGuess = 'person' | 'government' | 'organisation';

export type ProposedSpeaker = {
  /** The fullest name the article gives for the speaker ("Hikmat Al Hijri"). */
  name: string;
  /** How this statement names the speaker ("Mr Al Hijri", "he", "an official statement"). */
  mention: string;
  mentionSpan: TextSpan | null;
  kind: SpeakerKindGuess;
};

export type StanceSuggestion = {
  stance: Stance;
  /** 1 = plain, 2 = strong ("categorically rejects"). */
  strength: 1 | 2;
  /** The words of the statement that led to the suggestion, as written. */
  cues: string[];
  /** True when a negation turned the cue around ("does not oppose"). */
  negated: boolean;
};

export type Proposal = {
  kind: ProposedKind;
  /** True when `text` is the speaker's own words, taken from inside quote marks. */
  verbatim: boolean;
  /**
   * What an editor would record: the quoted words without their marks, or the
   * reported statement as a paraphrase ("Demanded a civil constitution."), or
   * for no comment the sentence that records the silence.
   */
  text: string;
  /** Where the statement sits in the article (the quoted words, the reported clause). */
  span: TextSpan;
  speaker: ProposedSpeaker;
  /** The reporting words that tie the statement to its speaker ("said", "called for"). */
  cue: string;
  stance: StanceSuggestion;
};

export type ExtractOptions = {
  /** A topic name; the stance suggestion is about this topic when given. */
  topic?: string;
};
