import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { extractStatements } from '../../src/extraction/extract';
import type { Proposal } from '../../src/extraction/types';

// One test per shape the extraction must recognise. Each builds a short
// article and checks who is said to have said what, and how.

const brief = (p: Proposal) => ({ speaker: p.speaker.name, kind: p.kind, text: p.text });
const extract = (text: string) => extractStatements(text).map(brief);

describe('direct quotes', () => {
  test.each([
    ['“…” marks', 'Ana Silva said “the harbour must reopen”.', 'the harbour must reopen'],
    ['straight marks', 'Ana Silva said "the harbour must reopen".', 'the harbour must reopen'],
    ['guillemets', 'Ana Silva said «the harbour must reopen».', 'the harbour must reopen'],
    ['single curly marks', 'Ana Silva said ‘the harbour must reopen’.', 'the harbour must reopen'],
  ])('in %s', (_name, text, words) => {
    expect(extract(text)).toEqual([{ speaker: 'Ana Silva', kind: 'quote', text: words }]);
  });

  test('X said “…”, with a colon', () => {
    expect(extract('The mayor of Porto, Ana Silva, said: “We will not close the port.”')).toEqual([
      { speaker: 'Ana Silva', kind: 'quote', text: 'We will not close the port.' },
    ]);
  });

  test('“…”, X said', () => {
    expect(extract('“We will not close the port”, Ana Silva said on Monday.')).toEqual([
      { speaker: 'Ana Silva', kind: 'quote', text: 'We will not close the port' },
    ]);
  });

  test('“…,” said X, the group’s leader', () => {
    expect(extract('“The strike goes ahead,” said Jean-Luc Martin, the group’s leader.')).toEqual([
      { speaker: 'Jean-Luc Martin', kind: 'quote', text: 'The strike goes ahead' },
    ]);
  });

  test('X said it “…”: a quote inside reported speech, by a state, is its official position', () => {
    const [p] = extractStatements(
      'However, Saudi Arabia, a major supporter of current Syrian leader Ahmad Al Shara, said it “categorically rejects any separatist calls that [would] divide Syria”.',
    );
    expect(p && brief(p)).toEqual({
      speaker: 'Saudi Arabia',
      kind: 'official_position',
      text: 'categorically rejects any separatist calls that [would] divide Syria',
    });
    expect(p?.verbatim).toBe(true);
  });

  test('a quote that runs over several sentences is one statement', () => {
    expect(extract('“We are ready. We have been ready for years. Now it is up to them,” said Ana Silva.')).toEqual([
      { speaker: 'Ana Silva', kind: 'quote', text: 'We are ready. We have been ready for years. Now it is up to them' },
    ]);
  });

  test('a quote that runs over two paragraphs (the first left open, the next reopened) is one statement', () => {
    const text =
      'Ana Silva, the union’s leader, said: “We asked for talks for a year.\n\n“Nobody answered, so we stop work on Monday.”';
    const [p, ...rest] = extractStatements(text);
    expect(rest).toEqual([]);
    expect(p?.speaker.name).toBe('Ana Silva');
    expect(p?.text).toBe('We asked for talks for a year.\n\nNobody answered, so we stop work on Monday.');
    expect(text.slice(p!.span.start, p!.span.end)).toBe(
      'We asked for talks for a year.\n\n“Nobody answered, so we stop work on Monday.',
    );
  });

  test('an unattributed quote after an attributed one continues its speaker', () => {
    const text =
      '“We have enough doses,” Grace Wanjiru told reporters. “Parents should not wait.”\n\n“Every county is on board.”';
    expect(extract(text).map((p) => [p.speaker, p.text])).toEqual([
      ['Grace Wanjiru', 'We have enough doses'],
      ['Grace Wanjiru', 'Parents should not wait.'],
      ['Grace Wanjiru', 'Every county is on board.'],
    ]);
  });

  test('spans point at the quoted words in the article', () => {
    const text = 'Ana Silva said “the harbour must reopen”.';
    const [p] = extractStatements(text);
    expect(text.slice(p!.span.start, p!.span.end)).toBe('the harbour must reopen');
  });

  test('scare quotes, titles and unattributed quotes are not statements', () => {
    expect(extract('The so-called “reform” passed. Her book, “The Long Road”, sold well. The figure was “12”.')).toEqual([]);
  });
});

describe('quoted words that are not statements', () => {
  test('titles, slogans and labels written in capitals are not recorded', () => {
    const text =
      'Dr Amira Haddad, whose book “Machines That See” came out last year, spoke. The mayor has branded the scheme “Breathe Verrin”. Newspapers called it “Concretegate”.';
    expect(extract(text)).toEqual([]);
  });

  test('a one-word quote opening its sentence is still a statement', () => {
    expect(extract('“Never,” said Ana Silva.')).toEqual([{ speaker: 'Ana Silva', kind: 'quote', text: 'Never' }]);
  });

  test('a slogan quoted in the middle of a sentence does not continue the last speaker', () => {
    const text = '“This is wrong,” said Ana Silva. Someone had painted “puffins not rockets” on the harbour wall.';
    expect(extract(text).map((p) => p.text)).toEqual(['This is wrong']);
  });

  test('a second quote in the same sentence continues its speaker', () => {
    const text =
      "The Professional Footballers' Alliance said it was «deeply disappointed» and warned that players would «break down under the strain».";
    expect(extract(text).map((p) => p.text)).toEqual(['deeply disappointed', 'break down under the strain']);
    expect(new Set(extract(text).map((p) => p.speaker))).toEqual(new Set(["Professional Footballers' Alliance"]));
  });

  test('names inside a quoted slogan are not the subject of what follows', () => {
    const text =
      'Aerovista and Korvian Airways said the merger was needed. The airlines promoted the deal under the slogan "One Korvia, One Airline" and promised savings of 300 million crowns.';
    expect(extract(text).map((p) => p.speaker)).not.toContain('Airline');
  });
});

describe('speakers resolved within the article', () => {
  test('a title and family name ("Mr Al Hijri") is the full name introduced earlier', () => {
    const text = 'Syrian Druze spiritual leader Hikmat Al Hijri spoke on Monday. Mr Al Hijri said “we must stand together”.';
    expect(extract(text)).toEqual([{ speaker: 'Hikmat Al Hijri', kind: 'quote', text: 'we must stand together' }]);
  });

  test('a role noun ("the sheikh", "the minister") is the person given that role', () => {
    const text =
      'Sheikh Hikmat Al Hijri met Foreign Minister Ana Silva. “Talks went well,” the minister said. “We will meet again,” the sheikh added.';
    expect(extract(text).map((p) => p.speaker)).toEqual(['Ana Silva', 'Hikmat Al Hijri']);
  });

  test('pronouns ("he said", "she added") are the person last speaking or named', () => {
    const text =
      'Ms Okafor chairs the committee. “We need more time,” she said. Mr Bello disagreed. “We have had enough time,” he said.';
    expect(extract(text).map((p) => p.speaker)).toEqual(['Okafor', 'Bello']);
  });

  test('a statement of a state ("an official statement said") is the state named before', () => {
    const text =
      'Saudi Arabia said it was watching. An official statement said “all components of the Syrian people must co-operate”.';
    const proposals = extractStatements(text);
    const official = proposals.find((p) => p.verbatim);
    expect(official && brief(official)).toEqual({
      speaker: 'Saudi Arabia',
      kind: 'official_position',
      text: 'all components of the Syrian people must co-operate',
    });
    expect(official?.speaker.mention).toBe('An official statement');
  });

  test('"X, who said …" attributes to the name before the relative pronoun', () => {
    const text =
      'The decision was criticised by Finance Minister Omar Khalil, who said higher costs would "strangle the recovery".';
    expect(extract(text)).toEqual([{ speaker: 'Omar Khalil', kind: 'quote', text: 'strangle the recovery' }]);
  });

  test('an institution keeps the possessive in its name, and a describing noun is not part of it', () => {
    const text =
      "The Automotive Manufacturers' Association said “the tariff will cost jobs”. Broadcaster Continental Sports Network declined to comment.";
    expect(extract(text).map((p) => [p.speaker, p.kind])).toEqual([
      ["Automotive Manufacturers' Association", 'official_position'],
      ['Continental Sports Network', 'no_comment'],
    ]);
  });

  test('no comment from a name in apposition is that name', () => {
    const text = "There was no immediate reaction from Meridia's prime minister, Oskar Lind.";
    expect(extract(text).map((p) => p.speaker)).toEqual(['Oskar Lind']);
  });

  test('a capitalised common noun opening a sentence is not a speaker', () => {
    expect(extract('Tenants welcomed the move. Thousands rejected the offer.')).toEqual([]);
  });

  test('a named road, treaty or stadium is never the one speaking, even for "he" or "she"', () => {
    const text =
      'Residents of Ferrand Road met on Monday. Helen Okoro spoke first. Ferrand Road has two shops. “It is a siege,” she said.';
    expect(extract(text).map((p) => p.speaker)).toEqual(['Helen Okoro']);
  });

  test('a named treaty opening a sentence is no speaker, and names no one', () => {
    expect(extract('The Drava Waters Treaty declined to comment. The Drava Waters Treaty said the river was shared.')).toEqual(
      [],
    );
  });

  test('a name inside someone’s quote is not who "he" is after it', () => {
    const text =
      'Its director, Henrik Aalto, said the ban would cost jobs. “Porto Vell is punishing the cleanest ships ever built,” he said.';
    expect(extract(text).map((p) => p.speaker)).toEqual(['Henrik Aalto', 'Henrik Aalto']);
  });

  test('"Mr Marek" is the person, not the company that carries his name', () => {
    const text = 'Teodor Marek sued the paper. His firm, Marek Developments, won 14 contracts. “I am cleared,” said Mr Marek.';
    expect(extract(text).map((p) => p.speaker)).toEqual(['Teodor Marek']);
  });

  test('a name followed by a description in apposition is the name', () => {
    const text = '“Smokers will buy abroad,” said Viktor Halasz, a Liberty Party MP who voted against the bill.';
    expect(extract(text).map((p) => p.speaker)).toEqual(['Viktor Halasz']);
  });

  test('a one-word name of no known kind is the institution a later noun means ("the company")', () => {
    const text =
      'Harwick General Hospital will be sold. Medivance said it would invest in the hospital. The company also promised to ‘keep every clinical post’.';
    expect(extractStatements(text).find((p) => p.verbatim)?.speaker.name).toBe('Medivance');
  });

  test('a day of the week is not a speaker', () => {
    expect(
      extract('Ardenia voted on Thursday to raise the age, after a debate in which the minister accused shops of lying.').map(
        (p) => p.speaker,
      ),
    ).not.toContain('Thursday');
  });
  test('a description, then the name, then the verb after a quote is that name', () => {
    const text = '‘We have followed the science,’ the agency’s director, Mats Ekholm, said at a briefing.';
    expect(extract(text).map((p) => p.speaker)).toEqual(['Mats Ekholm']);
  });

  test('names with "&" and with particles in a row are whole', () => {
    const text =
      'Marlow & Finch declined to comment. There was no immediate reaction from the national Ministry for the Environment.';
    expect(extract(text).map((p) => p.speaker)).toEqual(['Marlow & Finch', 'Ministry for the Environment']);
  });

  test('"the prime minister\'s office" is that office', () => {
    expect(extract("There was no immediate reaction from the prime minister's office.").map((p) => p.speaker)).toEqual([
      "Prime Minister's Office",
    ]);
  });

  test('"it" after a one-word name that spoke is that name', () => {
    const text =
      'The Locomotive Drivers\' Association called the strike. Norrail said in a statement that the strike was "disproportionate". It said the new rosters complied with every rule.';
    const reported = extractStatements(text).filter((p) => !p.verbatim);
    expect(reported.at(-1)?.speaker.name).toBe('Norrail');
  });

  test('a spokesperson speaks for the institution', () => {
    const text = 'A spokesperson for the Ministry of Health said “vaccines are safe”.';
    expect(extract(text)).toEqual([{ speaker: 'Ministry of Health', kind: 'official_position', text: 'vaccines are safe' }]);
  });
});

describe('reported statements', () => {
  test.each([
    ['called for', 'Ana Silva called for new elections.', 'Called for new elections.'],
    ['demanded', 'Ana Silva demanded a recount in the capital.', 'Demanded a recount in the capital.'],
    ['rejected', 'Ana Silva rejected the proposed budget cuts.', 'Rejected the proposed budget cuts.'],
    ['described … as', 'Ana Silva described the new law as dangerous.', 'Described the new law as dangerous.'],
    ['said that', 'Ana Silva said that the strike would go ahead.', 'Said that the strike would go ahead.'],
    ['said, without that', 'Ana Silva said the strike would go ahead next week.', 'Said the strike would go ahead next week.'],
    ['urged', 'Ana Silva urged parliament to reject the bill.', 'Urged parliament to reject the bill.'],
    ['warned', 'Ana Silva warned that prices would rise.', 'Warned that prices would rise.'],
  ])('with "%s"', (_verb, text, paraphrase) => {
    expect(extract(text)).toEqual([{ speaker: 'Ana Silva', kind: 'paraphrase', text: paraphrase }]);
  });

  test('a time before "that" ("said on Tuesday that") is still a report', () => {
    expect(extract('Dr Grace Wanjiru said on Tuesday that the drive would begin next month.')).toEqual([
      { speaker: 'Grace Wanjiru', kind: 'paraphrase', text: 'Said on Tuesday that the drive would begin next month.' },
    ]);
  });

  test('two reports joined by "and" share their speaker', () => {
    const text =
      'Mr Al Hijri has angered Damascus by demanding a civil constitution and describing the authorities as extremists.';
    expect(extract(text)).toEqual([
      { speaker: 'Al Hijri', kind: 'paraphrase', text: 'Demanded a civil constitution.' },
      { speaker: 'Al Hijri', kind: 'paraphrase', text: 'Described the authorities as extremists.' },
    ]);
  });

  test('a report that opens its sentence, its speaker named after it, is the whole clause', () => {
    expect(
      extract(
        'Estrania will impose a 25 per cent tariff on imported steel from next month, Trade Minister Paolo Brenner announced on Thursday.',
      ),
    ).toEqual([
      {
        speaker: 'Paolo Brenner',
        kind: 'paraphrase',
        text: 'Estrania will impose a 25 per cent tariff on imported steel from next month.',
      },
    ]);
    const text =
      "The National Museum of Ostrevia will return 42 bronze figures to Maluri, more than a century after they were taken, the museum's director, Helga Marr, announced on Monday, calling it a debt repaid.";
    expect(extract(text)).toEqual([
      {
        speaker: 'Helga Marr',
        kind: 'paraphrase',
        text: 'The National Museum of Ostrevia will return 42 bronze figures to Maluri, more than a century after they were taken.',
      },
    ]);
  });

  test('a fronted report may be followed by where it was said and by a participle clause', () => {
    const text =
      'Valmora will tax soft drinks by their sugar from January, Finance Minister Rafael Quintero announced in his budget speech on Wednesday, making it the first such tax in the region.';
    expect(extract(text).map((p) => [p.speaker, p.text])).toEqual([
      ['Rafael Quintero', 'Valmora will tax soft drinks by their sugar from January.'],
    ]);
  });

  test('a quote after "calling" belongs to the subject of the clause before it', () => {
    const text =
      'Voters will decide in June whether to adopt a new constitution, President Matthias Kerr announced on Saturday, calling the draft «a constitution written by citizens».';
    expect(extract(text).find((p) => p.kind === 'quote')?.speaker).toBe('Matthias Kerr');
  });

  test('what was said ends where a naming of it begins, but a backing keeps its naming', () => {
    expect(
      extract('The Nordic Wolf Trust said it would ask the courts to halt the cull, calling it ‘a political decision’.').map(
        (p) => p.text,
      ),
    ).toEqual(['Said it would ask the courts to halt the cull.', 'a political decision']);
    expect(
      extract("The Employers' Federation backed the bill, describing it as a “difficult but necessary step”.").map((p) => p.text),
    ).toEqual(['difficult but necessary step']);
  });

  test('a report after a quote is not its speaker ("…», said it would challenge the law")', () => {
    const text =
      'The Sovereignty Party, whose leader once called vaccines «an experiment», said it would challenge the mandate in court.';
    expect(extract(text).map((p) => p.text)).toContain('Said it would challenge the mandate in court.');
  });

  test('"said in its assessment that" reports what follows', () => {
    expect(
      extract('The Radiation Protection Authority said in its assessment that the design met every standard.').map((p) => p.kind),
    ).toEqual(['official_position']);
  });

  test('a passive ("was described as") reports no one', () => {
    expect(extract('The plan was described as reckless.')).toEqual([]);
  });
});

describe('recorded silence', () => {
  test.each([
    ['There was no immediate reaction from Damascus.', 'Damascus'],
    ['The Ministry of Finance declined to comment.', 'Ministry of Finance'],
    ['Ana Silva did not respond to a request for comment.', 'Ana Silva'],
    ['Ana Silva could not be reached for comment.', 'Ana Silva'],
  ])('%s', (text, speaker) => {
    expect(extract(text)).toEqual([{ speaker, kind: 'no_comment', text }]);
  });
});

describe('odd input', () => {
  test.each([
    '',
    '   ',
    '“',
    '"an unclosed quote',
    '«»',
    'He said “”.',
    '\n\n\n',
    'x'.repeat(50_000),
    'قال الوزير "نحن مستعدون"',
  ])('proposes nothing and does not throw: %j', (text) => {
    expect(extractStatements(text)).toEqual([]);
  });
});

describe('the seed article', () => {
  test.each([
    ["Mr Wyss's office did not respond when asked whether the senate would go to court.", 'Wyss'],
    ['The Central Bank of Arkenland said it would not comment on the draft.', 'Central Bank of Arkenland'],
  ])('%s → no comment by %s', (text, speaker) => {
    expect(extract(text).map((p) => [p.speaker, p.kind])).toEqual([[speaker, 'no_comment']]);
  });

  test('proposes every statement the article attributes, to the right speaker', async () => {
    const text = await readFile(join(__dirname, '../fixtures/seed-article.txt'), 'utf8');
    const found = extractStatements(text).map((p) => [p.speaker.name, p.kind, p.text.slice(0, 30)]);
    expect(found).toEqual([
      ['Hikmat Al Hijri', 'paraphrase', 'Called for the creation of a s'],
      ['Hikmat Al Hijri', 'quote', 'all free countries and people '],
      ['Hikmat Al Hijri', 'quote', 'Our path begins under a new ba'],
      ['Damascus', 'no_comment', 'There was no immediate reactio'],
      ['Saudi Arabia', 'official_position', 'categorically rejects any sepa'],
      ['Saudi Arabia', 'official_position', 'all components of the Syrian p'],
      ['Hikmat Al Hijri', 'paraphrase', 'Demanded a civil constitution.'],
      ['Hikmat Al Hijri', 'paraphrase', 'Described the authorities as e'],
      ['Hikmat Al Hijri', 'paraphrase', 'Demanded that security troops '],
    ]);
  });
});

describe('stance from the article around a statement', () => {
  const stanceOf = (text: string, topic: string, words: string) =>
    extractStatements(text, { topic }).find((p) => p.text.includes(words))?.stance;

  test('a speaker with no cue words of their own takes the lean of the sentence that places them', () => {
    const text =
      'The rate rise was criticised by Finance Minister Omar Khalil, who said higher borrowing costs would "hit the recovery hard".';
    const stance = stanceOf(text, 'Raising interest rates', 'hit the recovery');
    expect(stance?.stance).toBe('opposes');
    expect(stance?.cues.join(' ')).toMatch(/around: criticised/);
  });

  test('a speaker’s other statements decide one with no cue words', () => {
    const text = 'Ana Silva condemned the plan. "We will see them at the council meeting on Monday," she said.';
    const stance = stanceOf(text, 'The plan', 'We will see them');
    expect(stance?.stance).toBe('opposes');
    expect(stance?.cues.join(' ')).toMatch(/Ana Silva elsewhere/);
  });

  test('someone who speaks for the institution just named stands with it', () => {
    const text =
      'The Air Travel Council rejected the levy. Its chief executive, Mark Ellery, described the levy as "a tax on holidays".';
    const stance = stanceOf(text, 'Levy on frequent flyers', 'a tax on holidays');
    expect(stance?.stance).toBe('opposes');
    expect(stance?.cues.join(' ')).toMatch(/around: rejected/);
  });

  test('with nothing to go on, the commonest stance is suggested and says so', () => {
    const text = '"The meeting starts on Tuesday at noon," said Ana Silva.';
    const stance = stanceOf(text, 'The plan', 'The meeting');
    expect(stance).toEqual({ stance: 'supports', strength: 1, cues: ['no cue words (the commonest stance)'], negated: false });
  });

  test('whoever announces a measure supports it, whatever words describe it', () => {
    const text =
      'Tarvik will stop issuing permits for new coal boilers from March, Energy Minister Lea Holm announced on Friday.';
    const stance = stanceOf(text, 'Phasing out coal boilers in Tarvik', 'stop issuing permits');
    expect(stance?.stance).toBe('supports');
    expect(stance?.cues[0]).toBe('announced');
  });

  test("a government's plan stated as what it will do is announced, whatever the reporting verb", () => {
    const text =
      "Vellund's government will end the contracts of the failed rail franchises next year, Transport Minister Oskar Haldane said on Wednesday.";
    const stance = stanceOf(text, 'Bringing the rail franchises into public ownership', 'end the contracts');
    expect(stance?.stance).toBe('supports');
    expect(stance?.cues[0]).toBe('said');
  });

  test('a government saying what it will not do has not announced it', () => {
    const text = 'The government will not reintroduce tolls on the bridge, Transport Minister Oskar Haldane said on Wednesday.';
    expect(stanceOf(text, 'Reintroduction of tolls on the bridge', 'reintroduce tolls')?.cues[0]).not.toBe('said');
  });

  test('an announced vote on whether to do something takes no side', () => {
    const text = 'Residents will decide in May whether to merge the two villages, the county council announced.';
    expect(stanceOf(text, 'Merging the two villages', 'merge the two')?.stance).toBe('neutral');
  });

  test('a quote opening with "But" qualifies what the speaker said before it', () => {
    const text = '"We backed the new library from the start," said Ana Silva. "But who will pay to keep it open at night?"';
    const stance = stanceOf(text, 'The new library', 'who will pay');
    expect(stance?.stance).toBe('mixed');
    expect(stance?.cues[0]).toBe('But');
  });

  test('after a disclaimer, a quote opening with "But" is the speaker’s own position', () => {
    const text =
      'Ana Silva condemned the plan. "Nobody wants to close a library," she said. "But this one has had four visitors a week."';
    expect(stanceOf(text, 'The plan', 'four visitors')?.stance).toBe('opposes');
  });

  test('a warning set off by "however" is still a warning', () => {
    const text =
      'The Chamber of Commerce welcomed the tram plan. It warned, however, that the works would harm shops on the high street.';
    expect(stanceOf(text, 'The tram plan', 'harm shops')?.stance).toBe('opposes');
  });

  test('words that settle a stance themselves are not overridden by the speaker’s lean', () => {
    const text = 'Ana Silva condemned the violence. She urged both sides to return to the talks.';
    expect(stanceOf(text, 'The talks', 'both sides')?.stance).toBe('neutral');
  });
});
