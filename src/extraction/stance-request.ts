import { UNDOING, type Polarity } from './stance-words';

// A request ("called for", "urged", "demanded") supports what it asks for. What it asks for
// can itself undo something ("urged lawmakers to delay the law") or be negated ("called on
// the president not to sign it"); each turns the request against the topic. But a topic can
// be phrased the same way ("Exempting cabs from the charge", "A guarantee that no station
// closes"): the same undoing or negation in the topic is what is asked for, not against it.

const NEGATED = /\b(?:not|never|no)\b|n[’']t\b/i;

/** The polarity of a request on the topic, given the words that follow the asking verb. */
export function requested(after: string, topic?: string): Polarity {
  const object = after.slice(0, 90).split(/[.;,]/)[0] ?? '';
  const topicWords = (topic ?? '').toLowerCase().split(/[^\p{L}]+/u);
  let polarity: Polarity = 1;
  const undoing = UNDOING.exec(object)?.[0].toLowerCase();
  if (undoing && !topicWords.some((w) => w.startsWith(undoing))) polarity = -1;
  if (NEGATED.test(object) && !(topic && NEGATED.test(topic))) polarity = polarity === 1 ? -1 : 1;
  return polarity;
}
