// The demo data: what shared/seed-article.txt reports, attributed as the article
// attributes it. The article names no outlet, headline, URL or day; it dates
// itself to August 2025 ("more than a month after" the July events in Sweida),
// so dates carry month precision and Al Hijri's earlier demands, which the
// article reports without a date, carry none.

const ARTICLE = { publisher: 'Unnamed news outlet (the reference article)', published_on: '2025-08' };
const AUGUST_2025 = '2025-08';

export const DEMO_TOPICS = [
  { slug: 'syria', name: 'Syria', description: "Syria's politics after the fall of the Assad regime." },
  {
    slug: 'separate-druze-region-in-southern-syria',
    name: 'Separate Druze region in southern Syria',
    description: 'Whether the Druze of southern Syria (Sweida) should have a separate region or homeland.',
    parent: 'syria',
  },
  { slug: 'civil-constitution-for-syria', name: 'Civil constitution for Syria', parent: 'syria' },
  {
    slug: 'syria-s-new-central-authorities',
    name: "Syria's new central authorities",
    description: 'The authorities in Damascus led by Ahmad Al Shara, and their rule over the country.',
    parent: 'syria',
  },
  { slug: 'locally-recruited-security-forces-in-sweida', name: 'Locally recruited security forces in Sweida', parent: 'syria' },
];

export const DEMO_SPEAKERS = [
  {
    slug: 'hikmat-al-hijri',
    name: 'Hikmat Al Hijri',
    kind: 'person',
    description: 'Syrian Druze spiritual leader',
    country: 'Syria',
    aliases: ['Hikmat al-Hijri', 'Sheikh Hikmat Al Hijri', 'Mr Al Hijri'],
  },
  {
    slug: 'saudi-arabia',
    name: 'Saudi Arabia',
    kind: 'government',
    description: 'A major supporter of Syrian leader Ahmad Al Shara',
    country: 'Saudi Arabia',
    aliases: [],
  },
  {
    slug: 'syrian-government',
    name: 'Syrian government',
    kind: 'government',
    description: 'The central authorities in Damascus, led by Ahmad Al Shara',
    country: 'Syria',
    aliases: ['Damascus'],
  },
];

type DemoStatement = {
  key: string;
  speaker: string;
  kind: string;
  text: string;
  language: string;
  said_on?: string;
  place?: string;
  context?: string;
  attribution?: string;
  sources: (typeof ARTICLE)[];
  positions: { topic: string; stance: string; strength: number }[];
  relations: { kind: string; to: string }[];
};

const SEPARATE_REGION = 'separate-druze-region-in-southern-syria';

// Recorded in this order so that, of Al Hijri's two August quotes, his explicit
// call for a separate region is the later entry and backs his current stance.
export const DEMO_STATEMENTS: DemoStatement[] = [
  {
    key: 'hijri-new-banner',
    speaker: 'hikmat-al-hijri',
    kind: 'quote',
    text: 'Our path begins under a new banner after the recent ordeal that aimed to exterminate the Druze community in Syria',
    language: 'en',
    said_on: AUGUST_2025,
    context: 'He did not elaborate on how the Druze could separate from Syria.',
    sources: [ARTICLE],
    positions: [{ topic: SEPARATE_REGION, stance: 'supports', strength: 1 }],
    relations: [],
  },
  {
    key: 'hijri-separate-region',
    speaker: 'hikmat-al-hijri',
    kind: 'quote',
    text: 'all free countries and people must stand with us as the Druze sect in southern Syria, to announce a separate region to protect us',
    language: 'en',
    said_on: AUGUST_2025,
    place: 'His headquarters in Qanawat, southern Syria',
    context:
      'Said at a meeting with supporters on a Monday, according to widely circulated video footage; the first such call by a major Druze figure since Sweida was a separate entity under the French mandate.',
    sources: [ARTICLE],
    positions: [{ topic: SEPARATE_REGION, stance: 'supports', strength: 1 }],
    relations: [],
  },
  {
    key: 'hijri-civil-constitution',
    speaker: 'hikmat-al-hijri',
    kind: 'paraphrase',
    text: 'Demanded a civil constitution.',
    language: 'en',
    context: 'Reported as one of the demands by which he has angered Damascus; the article gives no date.',
    sources: [ARTICLE],
    positions: [{ topic: 'civil-constitution-for-syria', stance: 'supports', strength: 1 }],
    relations: [],
  },
  {
    key: 'hijri-extremists',
    speaker: 'hikmat-al-hijri',
    kind: 'paraphrase',
    text: 'Described the authorities as extremists.',
    language: 'en',
    context: 'Reported as having angered Damascus; the article gives no date.',
    sources: [ARTICLE],
    positions: [{ topic: 'syria-s-new-central-authorities', stance: 'opposes', strength: 1 }],
    relations: [],
  },
  {
    key: 'hijri-local-troops',
    speaker: 'hikmat-al-hijri',
    kind: 'paraphrase',
    text: 'Demanded that security troops in Sweida are drawn from the local communities.',
    language: 'en',
    context: 'The article gives no date.',
    sources: [ARTICLE],
    positions: [{ topic: 'locally-recruited-security-forces-in-sweida', stance: 'supports', strength: 1 }],
    relations: [],
  },
  {
    key: 'saudi-rejects-separatism',
    speaker: 'saudi-arabia',
    kind: 'official_position',
    text: 'categorically rejects any separatist calls that [would] divide Syria',
    language: 'en',
    said_on: AUGUST_2025,
    context: "Saudi Arabia's reaction to Al Hijri's call for a separate region.",
    sources: [ARTICLE],
    positions: [{ topic: SEPARATE_REGION, stance: 'opposes', strength: 2 }],
    relations: [{ kind: 'rejects', to: 'hijri-separate-region' }],
  },
  {
    key: 'saudi-new-syrian-state',
    speaker: 'saudi-arabia',
    kind: 'official_position',
    text: 'all components of the Syrian people must co-operate to continue building the new Syrian state',
    language: 'en',
    said_on: AUGUST_2025,
    attribution: 'An official statement',
    sources: [ARTICLE],
    positions: [{ topic: 'syria-s-new-central-authorities', stance: 'supports', strength: 1 }],
    relations: [],
  },
  {
    key: 'damascus-no-comment',
    speaker: 'syrian-government',
    kind: 'no_comment',
    text: 'There was no immediate reaction from Damascus.',
    language: 'en',
    said_on: AUGUST_2025,
    attribution: 'Damascus',
    context: "No immediate reaction to Al Hijri's call for a separate region.",
    sources: [ARTICLE],
    positions: [{ topic: SEPARATE_REGION, stance: 'unclear', strength: 1 }],
    relations: [{ kind: 'responds_to', to: 'hijri-separate-region' }],
  },
];
