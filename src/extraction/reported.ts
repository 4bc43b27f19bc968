import type { Analysis, Token } from './nlp';
import { findSubject } from './subject';
import type { TextSpan } from './types';
import type { Resolver } from './who';

// Reported statements: a reporting verb ("called for", "demanded", "rejected",
// "described … as", "said that", "urged", "warned") with its subject and what
// was reported, kept as a paraphrase in the editor's usual form: "Demanded a
// civil constitution."

/** Reporting verbs by lemma, with the past form a paraphrase starts with. */
const VERBS: Record<string, { past: string; needs?: RegExp }> = {
  call: { past: 'Called', needs: /^\s+(?:for|on)\b/i },
  demand: { past: 'Demanded' },
  reject: { past: 'Rejected' },
  describe: { past: 'Described', needs: /^[^.;]{1,80}?\bas\b/i },
  urge: { past: 'Urged' },
  warn: { past: 'Warned' },
  condemn: { past: 'Condemned' },
  welcome: { past: 'Welcomed' },
  accuse: { past: 'Accused' },
  deny: { past: 'Denied' },
  vow: { past: 'Vowed' },
  pledge: { past: 'Pledged' },
  promise: { past: 'Promised' },
  defend: { past: 'Defended' },
  congratulate: { past: 'Congratulated' },
  signal: { past: 'Signalled', needs: /^\s+that\b/i },
  predict: { past: 'Predicted', needs: /^\s+that\b/i },
  reiterate: { past: 'Reiterated' },
  criticise: { past: 'Criticised' },
  criticize: { past: 'Criticized' },
  praise: { past: 'Praised' },
  oppose: { past: 'Opposed' },
  support: { past: 'Supported' },
  back: { past: 'Backed', needs: /^\s+(?:the|a|an|his|her|its|their|plans?|calls?|proposals?)\b/i },
  endorse: { past: 'Endorsed' },
  propose: { past: 'Proposed' },
  threaten: { past: 'Threatened' },
  dismiss: { past: 'Dismissed' },
  blame: { past: 'Blamed' },
  insist: { past: 'Insisted' },
  argue: { past: 'Argued', needs: /^\s+(?:that|for|against)\b/i },
  claim: { past: 'Claimed', needs: /^\s+(?:that)\b/i },
  say: { past: 'Said' },
  tell: { past: 'Told', needs: /^\s+[\p{L} ]{1,40}?\bthat\b/iu },
  announce: { past: 'Announced', needs: /^\s+(?:that|plans?)\b/i },
  stress: { past: 'Stressed', needs: /^\s+that\b/i },
  add: { past: 'Added', needs: /^\s+that\b/i },
  suggest: { past: 'Suggested', needs: /^\s+that\b/i },
  acknowledge: { past: 'Acknowledged', needs: /^\s+that\b/i },
  admit: { past: 'Admitted', needs: /^\s+that\b/i },
  ask: { past: 'Asked', needs: /^\s+[\p{L} ]{1,40}?\bto\b/iu },
};

const PASSIVE = /\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$/i;
const AUX =
  /(?:\b(?:has|have|had|also|later|then|again|repeatedly|publicly|once|previously|recently|strongly|firmly|did not|does not|do not|has not|have not|had not|never|would|will|would not|will not)\s+)+$/i;
const CLAUSE_END =
  /;|\s+but\s|\s+while\s|,?\s+and\s+(?=(?:\S+\s+){0,5}[“"«‘])|,\s+(?:so that|more than|after|before|as|while|when|which|who|amid|despite|saying|in a|in an|during|according|although|though|following|ahead|given|since|because|prompting|adding|with|where|even)\b|,?\s+and\s+(?:\w+\s+)?(?=(?:call|demand|reject|describ|urg|warn|condemn|welcom|accus|den|vow|pledg|promis|critici|prais|oppos|support|back|endors|propos|threaten|dismiss|blam|insist|argu|claim|said|told|announc|stress|add)\w*\b)/i;

export type Reported = {
  span: TextSpan;
  text: string;
  cue: string;
  verbAt: number;
  speaker: NonNullable<ReturnType<Resolver['resolve']>>;
};

export function reportedStatements(
  analysis: Analysis,
  resolver: Resolver,
  isQuoted: (at: number) => boolean,
  isAttribution: (at: number) => boolean,
  sentenceIndex: number,
): Reported[] {
  const { text, tokens, sentences } = analysis;
  const sentence = sentences[sentenceIndex]!;
  const found: Reported[] = [];
  for (let i = sentence.firstToken; i <= sentence.lastToken; i++) {
    const t = tokens[i]!;
    const verb = VERBS[t.lemma];
    if (!verb || t.pos !== 'VERB' || isQuoted(t.start) || isAttribution(t.start)) continue;
    // "urged parliament to reject the bill" is one report, not two.
    if (found.some((f) => t.start > f.span.start && t.start < f.span.end)) continue;
    // "the proposed cuts": a participle used as an adjective.
    if (/\b(?:the|a|an|its|his|her|their|this|that|these|those)\s+$/i.test(text.slice(Math.max(0, t.start - 8), t.start)))
      continue;
    const after = text.slice(t.end, Math.min(sentence.end, t.end + 400));
    if (verb.needs && !verb.needs.test(after)) continue;
    const before = text.slice(Math.max(sentence.start, t.start - 400), t.start);
    if (PASSIVE.test(before)) continue;
    const reported = clauseAfter(text, t, sentence.end);
    // A quote inside the reported clause makes it a quote, which the quote pass records.
    if (/[“”"«»]/.test(reported.text) || reported.text.trim().split(/\s+/).length < 2) continue;
    if (t.lemma === 'say' && !saysSomething(reported.text)) continue;
    const aux = before.match(AUX)?.[0] ?? '';
    const verbStart = t.start - aux.length;
    const speaker = findSubject(resolver, text, sentence.start, verbStart);
    if (!speaker) continue;
    const negated = /\bnot\b|\bnever\b/i.test(aux);
    const words = text
      .slice(t.end, reported.end)
      .trim()
      .replace(/[.,;:]+$/, '');
    // The article's own past form keeps its spelling ("criticised"); other forms take the usual one.
    const paraphrase = negated
      ? capitalise(
          text
            .slice(verbStart, reported.end)
            .trim()
            .replace(/[.,;:]+$/, ''),
        )
      : `${/(?:ed|said|told)$/i.test(t.text) ? capitalise(t.text) : verb.past} ${words}`;
    found.push({
      span: { start: verbStart, end: reported.end },
      text: `${paraphrase}.`,
      cue: text.slice(verbStart, t.end).trim(),
      verbAt: t.start,
      speaker,
    });
  }
  return found;
}

// "said it would go to court, calling the cull ‘a political decision’": what was said ends where
// the naming begins (the quote is a statement of its own). "backed the bill, describing it as
// “a necessary step”" stays whole: the naming is what the backing said.
const NAMING_AFTER_A_REPORT = /,\s+(?:calling|describing|branding|labelling|labeling|dubbing)\b/i;
const SAYING = new Set(['say', 'tell', 'warn', 'add', 'announce', 'insist', 'argue', 'claim', 'stress']);

function clauseAfter(text: string, verb: Token, sentenceEnd: number): { text: string; end: number } {
  const rest = text.slice(verb.end, Math.min(sentenceEnd, verb.end + 400));
  const m = rest.match(CLAUSE_END);
  const naming = SAYING.has(verb.lemma) ? rest.match(NAMING_AFTER_A_REPORT) : null;
  const cut = Math.min(m?.index ?? rest.length, naming?.index ?? rest.length);
  let end = verb.end + cut;
  while (end > verb.end && /[\s.,;:!?]/.test(text[end - 1]!)) end--;
  return { text: text.slice(verb.end, end), end };
}

// "said on Monday." reports nothing; "said the strike would go ahead" and
// "said on Tuesday that …" do.
function saysSomething(clause: string): boolean {
  const rest = clause.replace(
    /^\s*(?:(?:on|last|this|late|early) \w+|yesterday|today|earlier|later|in (?:a|an|its|his|her|their|the) [\p{L}-]+(?: [\p{L}-]+)?|\w+ly)\s*,?\s*/iu,
    '',
  );
  if (/^that\s/i.test(rest)) return true;
  const words = rest.split(/\s+/).filter(Boolean);
  return words.length >= 3 && !/^(?:on|in|at|during|after|before|to|so|this)$/i.test(words[0] ?? '');
}

// "Estrania will impose a tariff on steel, Trade Minister Paolo Brenner announced on Thursday":
// the report comes first and its speaker after it, closing the sentence (or before ", calling …").
const FRONTED_VERB =
  /\s(announced|said|confirmed|declared|stated|told reporters)(?:\s+(?:on|in|at|during|late on|early on|last|this|yesterday|today)\b[^,.;:“”"«»]{0,40})?\s*(?:[.!]?\s*$|,\s+(?:\p{Ll}+ing|in|as|after|amid|while|which)\b)/u;

/** A report that opens its sentence, its speaker named after it. */
export function frontedReport(analysis: Analysis, resolver: Resolver, sentenceIndex: number): Reported | null {
  const { text, tokens, sentences } = analysis;
  const sentence = sentences[sentenceIndex]!;
  const words = text.slice(sentence.start, sentence.end);
  const m = words.match(FRONTED_VERB);
  if (m?.index === undefined || !m[1]) return null;
  const verbAt = sentence.start + m.index + 1;
  // Only this sentence's tokens: a long article must not be walked once per sentence.
  const own = tokens.slice(sentence.firstToken, sentence.lastToken + 1);
  // The subject stretch runs back over commas ("the museum's director, Helga Marr,") but no verb.
  let comma = -1;
  for (let at = text.lastIndexOf(',', verbAt); at > sentence.start; at = text.lastIndexOf(',', at - 1)) {
    if (text[at] !== ',') break;
    const stretch = own.filter((t) => t.start > at && t.end <= verbAt && t.pos !== 'SPACE');
    if (stretch.some((t) => t.pos === 'VERB' || t.pos === 'AUX') || stretch.length > 12) break;
    if (!/^\s*(?:the|a|an|its|his|her|their|\p{Lu})/iu.test(text.slice(at + 1, at + 12))) break;
    comma = at;
  }
  if (comma <= sentence.start) return null;
  const clause = text.slice(sentence.start, comma).trim();
  // A fronted report is a whole clause of its own, with no quote in it.
  if (/[“”"«»]/u.test(clause) || clause.split(/\s+/).length < 6) return null;
  if (!own.some((t) => t.end <= comma && (t.pos === 'VERB' || t.pos === 'AUX'))) return null;
  const speaker = findSubject(resolver, text, comma + 1, verbAt);
  if (!speaker) return null;
  return {
    span: { start: sentence.start, end: sentence.start + clause.length },
    text: `${capitalise(clause.replace(/[.,;:]+$/, ''))}.`,
    cue: m[1],
    verbAt,
    speaker,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
