import { loadConfig } from '../src/config';
import { textDirection } from '../src/domain/language';
import { formatHumanPartial, formatIsoPartial, parsePartialDate } from '../src/domain/partial-date';
import { slugify, uniqueSlug } from '../src/domain/slug';

describe('partial dates', () => {
  test.each([
    ['2025', 'year', '2025', '2025'],
    ['2025-08', 'month', '2025-08', 'August 2025'],
    ['2025-08-04', 'day', '2025-08-04', '4 August 2025'],
  ])('when "%s" is given, then its precision is %s and it reads back as given', (text, precision, iso, human) => {
    const parsed = parsePartialDate(text)!;
    expect(parsed.precision).toBe(precision);
    expect(formatIsoPartial(parsed.date, parsed.precision)).toBe(iso);
    expect(formatHumanPartial(parsed.date, parsed.precision)).toBe(human);
  });

  test.each(['2025-02-30', '2025-13', '25-08-04', 'yesterday', '2025/08/04', '0999', ''])(
    'when "%s" is given, then it is refused',
    (text) => {
      expect(parsePartialDate(text)).toBeUndefined();
    },
  );
});

describe('slugs', () => {
  test('when a name has accents, apostrophes and spaces, then the slug is plain and readable', () => {
    expect(slugify("Syria's new central authorities")).toBe('syria-s-new-central-authorities');
    expect(slugify('  Hikmat Al Hijrí ')).toBe('hikmat-al-hijri');
  });

  test('when a name is in Arabic, then its letters are kept', () => {
    expect(slugify('حكمت الهجري')).toBe('حكمت-الهجري');
  });

  test('when the slug is taken, then the lowest free suffix is used', async () => {
    const taken = new Set(['saudi-arabia', 'saudi-arabia-2']);
    await expect(uniqueSlug('Saudi Arabia', async (s) => taken.has(s))).resolves.toBe('saudi-arabia-3');
  });
});

describe('text direction', () => {
  test('when the language is written right to left, then the direction is rtl', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('he-IL')).toBe('rtl');
    expect(textDirection('en')).toBe('ltr');
    expect(textDirection(null)).toBe('ltr');
  });
});

describe('configuration', () => {
  test('when nothing is set, then the defaults run the app on the embedded database', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.demoData).toBe(true);
  });

  test('when a variable is empty, then it counts as unset', () => {
    expect(loadConfig({ PUBLIC_URL: '', DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  test('when a variable is invalid, then loading fails with its name', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });
});
