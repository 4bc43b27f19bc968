import winkNLP, { type ItemSentence, type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

// wink-nlp does the linguistics (sentence boundaries, tokens, parts of speech,
// lemmas); everything here only adds character offsets, which the extraction
// needs to point at the exact words in the article.

export type Token = {
  text: string;
  /** Lower-cased lemma ("said" → "say"). */
  lemma: string;
  pos: string;
  start: number;
  end: number;
  sentence: number;
};

export type Sentence = { start: number; end: number; firstToken: number; lastToken: number; paragraph: number };

export type Analysis = { text: string; tokens: Token[]; sentences: Sentence[] };

let nlp: ReturnType<typeof winkNLP> | undefined;

// Loading the model takes a third of a second, so it happens once, on first use.
function engine(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model);
  return nlp;
}

export function analyse(text: string): Analysis {
  // A run of hundreds of characters without a space is no word; wink spends seconds on one,
  // so it is blanked for wink alone (offsets are kept: the blanks are as long as the run).
  const doc = engine().readDoc(text.replace(/\S{200,}/g, (run) => ' '.repeat(run.length)));
  const its = engine().its;
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  // The lemma helper's declared type does not fit out()'s overloads, though wink documents the call.
  const lemmas = doc.tokens().out(its.lemma as unknown as ItsFunction<string>) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    // wink keeps each token's characters but not their offsets; finding each in
    // turn from the previous one's end recovers them.
    const at = text.indexOf(value, cursor);
    const start = at === -1 ? cursor : at;
    const end = at === -1 ? cursor : at + value.length;
    cursor = end;
    tokens.push({ text: value, lemma: (lemmas[i] ?? value).toLowerCase(), pos: pos[i] ?? 'X', start, end, sentence: -1 });
  });
  const sentences: Sentence[] = [];
  doc.sentences().each((s: ItemSentence) => {
    const [first, last] = s.out(its.span) as unknown as [number, number];
    let firstToken = first;
    while (firstToken < last && tokens[firstToken]?.pos === 'SPACE') firstToken++;
    const a = tokens[firstToken];
    const b = tokens[last];
    if (!a || !b) return;
    sentences.push({ start: a.start, end: b.end, firstToken, lastToken: last, paragraph: 0 });
  });
  let paragraph = 0;
  sentences.forEach((s, i) => {
    const previous = sentences[i - 1];
    if (previous && /\n\s*\n/.test(text.slice(previous.end, s.start))) paragraph++;
    s.paragraph = paragraph;
    for (let t = s.firstToken; t <= s.lastToken; t++) {
      const token = tokens[t];
      if (token) token.sentence = i;
    }
  });
  return { text, tokens, sentences };
}

/** True for an English plural ("Critics", "Tenants"), as opposed to a name that ends in s ("Nordgas"). */
export function isPlural(word: string): boolean {
  const lower = word.toLowerCase();
  const lemma = (
    engine()
      .readDoc(lower)
      .tokens()
      .out(engine().its.lemma as unknown as ItsFunction<string>) as string[]
  )[0];
  return lemma !== undefined && lemma !== lower;
}

/** The index of the sentence holding a character offset (or the last one before it). */
export function sentenceAt(analysis: Analysis, offset: number): number {
  let lo = 0;
  let hi = analysis.sentences.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((analysis.sentences[mid]?.start ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Tokens whose characters lie within [start, end). */
export function tokensIn(analysis: Analysis, start: number, end: number): Token[] {
  return analysis.tokens.filter((t) => t.start >= start && t.end <= end && t.pos !== 'SPACE');
}
