import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Role } from '../../src/auth/guards';
import type { PrismaClient } from '../../src/db/client';
import { tableCounts } from '../support/hostile';
import { signInThroughForm } from '../support/sign-in';
import { apiBody, formFields } from '../support/statement-fixtures';
import { reviewFields } from '../support/from-article';

// Shared by the security tests: a browser-like session with no default
// headers, fresh records for every write route to act on, and the table of
// those routes with a body each would accept.

export const unique = () => randomBytes(4).toString('hex');

/**
 * Everything a write changes: rows per table, revisions (every edit, delete,
 * revert, merge and restore writes one), merge redirects, and the sum of the
 * records' versions. Equal before and after proves a refused write did nothing.
 */
export async function writeState(prisma: PrismaClient) {
  const [counts, revisions, redirects, [versions]] = await Promise.all([
    tableCounts(prisma),
    prisma.revision.count(),
    prisma.speakerRedirect.count(),
    prisma.$queryRaw<[{ sum: string }]>`SELECT (
        (SELECT coalesce(sum(version), 0) FROM statements) +
        (SELECT coalesce(sum(version), 0) FROM speakers) +
        (SELECT coalesce(sum(version), 0) FROM topics))::text AS sum`,
  ]);
  return { ...counts, revisions, redirects, versions: versions!.sum };
}

export type Browser = { agent: TestAgent; user: { id: number; email: string }; password: string; csrf: string };

/** A new account signed in through the form by an agent that keeps cookies and sends no token unless told. */
export const browserSignIn: (app: Express, prisma: PrismaClient, role?: Role) => Promise<Browser> = signInThroughForm;

/** Records for every write route to act on, each at version 2 with a revision to go back to. */
export type Targets = {
  statement: number;
  statementRevision: number;
  speaker: string;
  speakerRevision: number;
  topic: string;
  topicRevision: number;
  loneSpeaker: string;
  loneTopic: string;
  mergeFrom: string;
  mergeInto: string;
  mergeRevision: number;
  trashRevision: number;
};

/** Makes fresh targets through the API with an admin's (or editor's) bearer token. */
export async function makeTargets(app: Express, prisma: PrismaClient, apiToken: string): Promise<Targets> {
  const api = async (method: 'post' | 'put' | 'delete', path: string, body: object = {}) => {
    const res = await request(app)[method](path).set('authorization', `Bearer ${apiToken}`).send(body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
    return res.body as { slug: string; id: number; revision_id: number; revisionId: number };
  };
  const created = (entity: 'statement' | 'speaker' | 'topic', entityId: number) =>
    prisma.revision.findFirstOrThrow({ where: { entity, entityId, action: 'create' }, select: { id: true } }).then((r) => r.id);
  const speaker = (name: string) =>
    api('post', '/api/v1/speakers', { name: `${name} ${unique()}`, kind: 'person', allow_similar_name: true }).then(
      (s) => s.slug,
    );
  const topic = (name: string) => api('post', '/api/v1/topics', { name: `${name} ${unique()}` }).then((t) => t.slug);

  const [s, t, loneSpeaker, loneTopic, mergeFrom, mergeInto, merged] = await Promise.all([
    speaker('Orator'),
    topic('Subject'),
    speaker('Loner'),
    topic('Lonely subject'),
    speaker('Absorbed'),
    speaker('Absorber'),
    speaker('Merged'),
  ]);
  const statement = (await api('post', '/api/v1/statements', apiBody(s, t, { text: `Words ${unique()}`, allow_duplicate: true })))
    .id;
  const doomed = (await api('post', '/api/v1/statements', apiBody(s, t, { text: `Doomed ${unique()}`, allow_duplicate: true })))
    .id;
  await api('put', `/api/v1/statements/${statement}`, { ...apiBody(s, t, { text: `Edited ${unique()}` }), version: 1 });
  await api('put', `/api/v1/speakers/${s}`, { name: `Orator ${unique()}`, slug: s, kind: 'person', version: 1 });
  await api('put', `/api/v1/topics/${t}`, { name: `Subject ${unique()}`, slug: t, version: 1 });
  const mergeRevision = (await api('post', `/api/v1/speakers/${merged}/merge`, { into: mergeInto })).revisionId;
  const trashRevision = (await api('delete', `/api/v1/statements/${doomed}`)).revision_id;
  const [sp, tp] = await Promise.all([
    prisma.speaker.findUniqueOrThrow({ where: { slug: s } }),
    prisma.topic.findUniqueOrThrow({ where: { slug: t } }),
  ]);
  return {
    statement,
    statementRevision: await created('statement', statement),
    speaker: s,
    speakerRevision: await created('speaker', sp.id),
    topic: t,
    topicRevision: await created('topic', tp.id),
    loneSpeaker,
    loneTopic,
    mergeFrom,
    mergeInto,
    mergeRevision,
    trashRevision,
  };
}

type Form = Record<string, string>;

/** Every page write route (but sign-in and sign-out), with a form it accepts from a signed-in admin. */
export const PAGE_WRITES: [name: string, make: (t: Targets) => [path: string, form: Form]][] = [
  ['/statements/new', (t) => ['/statements/new', formFields(t.speaker, t.topic, { text: `New words ${unique()}` })]],
  ['/speakers/new', () => ['/speakers/new', { name: `Newcomer ${unique()}`, kind: 'person', confirm_new_speaker: 'on' }]],
  ['/topics/new', () => ['/topics/new', { name: `Theme ${unique()}` }]],
  [
    '/statements/:id/edit',
    (t) => [`/statements/${t.statement}/edit`, { ...formFields(t.speaker, t.topic, { text: 'Changed' }), version: '2' }],
  ],
  ['/statements/:id/delete', (t) => [`/statements/${t.statement}/delete`, { version: '2' }]],
  [
    '/statements/:id/revert',
    (t) => [`/statements/${t.statement}/revert`, { revision_id: String(t.statementRevision), version: '2' }],
  ],
  [
    '/speakers/:slug/edit',
    (t) => [`/speakers/${t.speaker}/edit`, { name: 'Renamed', slug: t.speaker, kind: 'person', version: '2' }],
  ],
  ['/speakers/:slug/delete', (t) => [`/speakers/${t.loneSpeaker}/delete`, {}]],
  ['/speakers/:slug/revert', (t) => [`/speakers/${t.speaker}/revert`, { revision_id: String(t.speakerRevision), version: '2' }]],
  ['/speakers/:slug/merge', (t) => [`/speakers/${t.mergeFrom}/merge`, { into: t.mergeInto }]],
  ['/speakers/:slug/unmerge', (t) => [`/speakers/${t.mergeInto}/unmerge`, { revision_id: String(t.mergeRevision) }]],
  ['/topics/:slug/edit', (t) => [`/topics/${t.topic}/edit`, { name: 'Renamed topic', slug: t.topic, version: '2' }]],
  ['/topics/:slug/delete', (t) => [`/topics/${t.loneTopic}/delete`, {}]],
  ['/topics/:slug/revert', (t) => [`/topics/${t.topic}/revert`, { revision_id: String(t.topicRevision), version: '2' }]],
  ['/admin/trash/:id/restore', (t) => [`/admin/trash/${t.trashRevision}/restore`, {}]],
  [
    '/statements/from-article',
    (t) => [
      '/statements/from-article',
      Object.fromEntries(reviewFields([{ speaker: t.speaker, text: `Reviewed words ${unique()}`, topic: t.topic }])),
    ],
  ],
];

type Method = 'post' | 'put' | 'delete';

/** Every API write route, with a body it accepts from an admin's token. */
export const API_WRITES: [name: string, make: (t: Targets) => [method: Method, path: string, body: object]][] = [
  [
    'POST /api/v1/statements',
    (t) => ['post', '/api/v1/statements', apiBody(t.speaker, t.topic, { text: `Fresh ${unique()}`, allow_duplicate: true })],
  ],
  [
    'POST /api/v1/speakers',
    () => ['post', '/api/v1/speakers', { name: `Arrival ${unique()}`, kind: 'person', allow_similar_name: true }],
  ],
  ['POST /api/v1/topics', () => ['post', '/api/v1/topics', { name: `Matter ${unique()}` }]],
  [
    'PUT /api/v1/statements/:id',
    (t) => ['put', `/api/v1/statements/${t.statement}`, { ...apiBody(t.speaker, t.topic, { text: 'Changed' }), version: 2 }],
  ],
  ['DELETE /api/v1/statements/:id', (t) => ['delete', `/api/v1/statements/${t.statement}`, { version: 2 }]],
  [
    'POST /api/v1/statements/:id/revert',
    (t) => ['post', `/api/v1/statements/${t.statement}/revert`, { revision_id: t.statementRevision, version: 2 }],
  ],
  [
    'PUT /api/v1/speakers/:slug',
    (t) => ['put', `/api/v1/speakers/${t.speaker}`, { name: 'Renamed', slug: t.speaker, kind: 'person', version: 2 }],
  ],
  ['DELETE /api/v1/speakers/:slug', (t) => ['delete', `/api/v1/speakers/${t.loneSpeaker}`, {}]],
  [
    'POST /api/v1/speakers/:slug/revert',
    (t) => ['post', `/api/v1/speakers/${t.speaker}/revert`, { revision_id: t.speakerRevision, version: 2 }],
  ],
  ['POST /api/v1/speakers/:slug/merge', (t) => ['post', `/api/v1/speakers/${t.mergeFrom}/merge`, { into: t.mergeInto }]],
  ['POST /api/v1/revisions/:id/unmerge', (t) => ['post', `/api/v1/revisions/${t.mergeRevision}/unmerge`, {}]],
  ['PUT /api/v1/topics/:slug', (t) => ['put', `/api/v1/topics/${t.topic}`, { name: 'Renamed', slug: t.topic, version: 2 }]],
  ['DELETE /api/v1/topics/:slug', (t) => ['delete', `/api/v1/topics/${t.loneTopic}`, {}]],
  [
    'POST /api/v1/topics/:slug/revert',
    (t) => ['post', `/api/v1/topics/${t.topic}/revert`, { revision_id: t.topicRevision, version: 2 }],
  ],
  ['POST /api/v1/trash/:id/restore', (t) => ['post', `/api/v1/trash/${t.trashRevision}/restore`, {}]],
];

/** The `<form method="post">` elements of a page: action and `_csrf` value (undefined when the field is missing). */
export function postForms(html: string): { action: string; csrf: string | undefined }[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)]
    .filter(([, attrs]) => /\bmethod="post"/i.test(attrs!))
    .map(([, attrs, body]) => ({
      action: /\baction="([^"]*)"/.exec(attrs!)?.[1] ?? '',
      csrf: /<input type="hidden" name="_csrf" value="([^"]*)"/.exec(body!)?.[1],
    }));
}

/** Markup that would run: in one string, so that every field carries all of it. */
export const ATTACK = `"><img src=x onerror=alert(1)></textarea><script>alert(1)</script>{{constructor}}`;
/** For the long text fields: also a single-quoted attribute, an SVG handler, template text, and a title break-out. */
export const LONG_ATTACK = `${ATTACK} ' onmouseover='alert(2)' <svg/onload=alert(3)> {{#each this}}{{@key}}{{/each}} </title><script>alert(4)</script>`;
/** A field's hostile value, named so that a page can be shown to carry it. */
export const hostile = (field: string, long = false) => `${field} ${long ? LONG_ATTACK : ATTACK}`;

/** What an attacker hoped would reach the page as markup; each must only ever appear escaped. */
const RAW = ['<script>alert', '<img src=x', '</textarea><script', "' onmouseover='", '<svg/onload', '</title><script'];
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x3D': '=', '#x60': '`' };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (_, e: string) => ENTITIES[e]!);

/**
 * What in a page could run script: a raw payload, a script element that is
 * not one of the site's own files, an inline event handler, or a link, source
 * or form target with a javascript:, vbscript: or data: address.
 */
export function scriptProblems(html: string): string[] {
  const problems = RAW.filter((raw) => html.includes(raw)).map((raw) => `raw ${raw}`);
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi))
    if (!/\bsrc="\/static\/[\w.-]+"/.test(tag)) problems.push(`inline script ${tag}`);
  for (const [tag] of html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=[^>]*>/gi)) problems.push(`handler ${tag.slice(0, 80)}`);
  for (const [, attr, value] of html.matchAll(/\b(href|src|action|formaction)="([^"]*)"/gi))
    if (/^\s*(javascript|vbscript|data):/i.test(decode(value!))) problems.push(`${attr}=${value}`);
  return problems;
}

/** The page's text as a reader sees it. */
export const shownText = (html: string) => decode(html);
