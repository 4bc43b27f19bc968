import type { PrismaClient } from '../src/db/client';
import { makeStatement, makeTopic } from './support/factories';
import { XSS } from './support/statement-fixtures';

// The comparison tests' records, with dates where the latest stance matters.

type Kind = 'person' | 'government' | 'organisation';

export async function speaker(prisma: PrismaClient, name: string, kind: Kind, country: string | null, aliases: string[] = []) {
  return prisma.speaker.create({
    data: {
      name,
      slug: name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
      kind,
      country,
      aliases: { create: aliases.map((a) => ({ name: a })) },
    },
  });
}

export const said = (
  prisma: PrismaClient,
  speakerSlug: string,
  topic: string,
  stance: string,
  said_on: string | undefined,
  extra: Record<string, unknown> = {},
) =>
  makeStatement(prisma, {
    speaker: speakerSlug,
    said_on,
    positions: [{ topic, stance, strength: extra.strength ?? 1 }],
    ...extra,
  });

/**
 * Three speakers on two topics (and a third topic for the hostile names):
 * - Al Hijri on the region: opposes (15 May 2025), then supports (August 2025, over 30 days later, so no contradiction): supports wins;
 * - Al Hijri on the constitution: supports (undated), opposes (1 January 2023): the dated one wins;
 * - Saudi Arabia: strongly opposes the region (4 August 2025), supports the constitution (2024);
 * - the Syrian government: no comment on the region (August 2025), nothing on the constitution.
 */
export async function compareFixture(prisma: PrismaClient) {
  const region = await makeTopic(prisma, { name: 'Separate region' });
  const constitution = await makeTopic(prisma, { name: 'Civil constitution' });
  const hostileTopic = await prisma.topic.create({ data: { slug: 'formula-water', name: '=SUM(1+1) Water rights' } });
  const hijri = await speaker(prisma, 'Hikmat Al Hijri', 'person', 'Syria', ['Hikmat al-Hijri']);
  const saudi = await speaker(prisma, 'Saudi Arabia', 'government', 'Saudi Arabia');
  const damascus = await speaker(prisma, 'Syrian government', 'government', 'Syria', ['Damascus']);
  const hostile = await prisma.speaker.create({
    data: { slug: 'hostile-front', name: `${XSS} Front`, kind: 'organisation', country: 'Nowhere' },
  });
  const formula = await prisma.speaker.create({ data: { slug: 'formula', name: '@SUM(A1) Movement', kind: 'organisation' } });

  const s = {
    hijriRegionOld: await said(prisma, hijri.slug, region.slug, 'opposes', '2025-05-15'),
    hijriRegion: await said(prisma, hijri.slug, region.slug, 'supports', '2025-08', {
      text: 'All free countries and people must stand with us to announce a separate region',
    }),
    hijriUndated: await said(prisma, hijri.slug, constitution.slug, 'supports', undefined, { kind: 'paraphrase' }),
    hijriConstitution: await said(prisma, hijri.slug, constitution.slug, 'opposes', '2023-01-01'),
    saudiRegion: await said(prisma, saudi.slug, region.slug, 'opposes', '2025-08-04', {
      kind: 'official_position',
      strength: 2,
      text: 'categorically rejects any separatist calls that [would] divide Syria',
    }),
    saudiConstitution: await said(prisma, saudi.slug, constitution.slug, 'supports', '2024'),
    damascusRegion: await said(prisma, damascus.slug, region.slug, 'unclear', '2025-08', {
      kind: 'no_comment',
      text: 'There was no immediate reaction from Damascus.',
    }),
    hostileWater: await said(prisma, hostile.slug, hostileTopic.slug, 'supports', '2025-01', { text: `${XSS} says yes` }),
    formulaWater: await said(prisma, formula.slug, hostileTopic.slug, 'opposes', '2025-02-03', { text: '=HYPERLINK("x")' }),
  };
  return {
    topics: { region, constitution, hostileTopic },
    speakers: { hijri, saudi, damascus, hostile, formula },
    statements: s,
  };
}

export type CompareFixture = Awaited<ReturnType<typeof compareFixture>>;

/** The canonical address of the fixture's main grid. */
export const MAIN_GRID =
  '/compare?topics=separate-region,civil-constitution&speakers=hikmat-al-hijri,saudi-arabia,syrian-government';
