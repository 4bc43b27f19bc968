import { highlightSegments } from '../src/from-article/from-article.view';
import { normaliseLineEnds } from '../src/from-article/from-article.form';

// The article cut into plain and marked pieces (the review page escapes each one).

const joined = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

describe('highlightSegments', () => {
  test('when marks are given out of order, then the pieces follow the text and join back into it', () => {
    const text = 'He said “yes”. She said “no”.';

    const segments = highlightSegments(text, [
      { number: 2, start: 25, end: 27 },
      { number: 1, start: 9, end: 12 },
    ]);

    expect(segments).toEqual([
      { text: 'He said “' },
      { text: 'yes', number: 1 },
      { text: '”. She said “' },
      { text: 'no', number: 2 },
      { text: '”.' },
    ]);
    expect(joined(segments)).toBe(text);
  });

  test('when a mark overlaps the one before, then it starts where that one ends; one inside it is left out', () => {
    const text = 'abcdefghij';

    const segments = highlightSegments(text, [
      { number: 1, start: 0, end: 5 },
      { number: 2, start: 3, end: 8 },
      { number: 3, start: 4, end: 6 },
    ]);

    expect(segments).toEqual([{ text: 'abcde', number: 1 }, { text: 'fgh', number: 2 }, { text: 'ij' }]);
  });

  test('when offsets are not whole numbers inside the text, then those marks are left out and the text is whole', () => {
    const text = 'short text';

    const segments = highlightSegments(text, [
      { number: 1, start: NaN, end: 3 },
      { number: 2, start: -1, end: 3 },
      { number: 3, start: 2, end: 99 },
      { number: 4, start: 5, end: 5 },
      { number: 5, start: 1.5, end: 3 },
    ]);

    expect(segments).toEqual([{ text }]);
  });

  test('when the text holds markup and characters beyond the basic plane, then the pieces keep them as text', () => {
    const text = '<b>😀</b> said “<script>”';
    const start = text.indexOf('<script>');

    const segments = highlightSegments(text, [{ number: 1, start, end: start + 8 }]);

    expect(segments[1]).toEqual({ text: '<script>', number: 1 });
    expect(joined(segments)).toBe(text);
  });
});

describe('normaliseLineEnds', () => {
  test('when a browser sends CR LF or a lone CR, then each is one LF, as the offsets were counted', () => {
    expect(normaliseLineEnds('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
});
