import { formatIsoPartial } from '../domain/partial-date';
import { headlineHtml, headlinePlain, headlineRanges } from './highlight';
import type { SearchHit, SearchResult } from './search.service';

/**
 * A search hit in the API: the statement's card fields, and its headline three
 * ways: `headline` (plain text, no markup), `highlights` ([start, end) offsets
 * into `headline`, in JavaScript string indices) and `headline_html` (the
 * headline HTML-escaped, each match in <mark>).
 */
export function searchHitJson(hit: SearchHit) {
  return {
    id: hit.id,
    url: `/statements/${hit.id}`,
    speaker: { slug: hit.speaker.slug, name: hit.speaker.name, kind: hit.speaker.kind },
    kind: hit.kind,
    text: hit.text,
    language: hit.language,
    original_text: hit.originalText,
    original_language: hit.originalLanguage,
    said_on: hit.saidOn && hit.saidOnPrecision ? formatIsoPartial(hit.saidOn, hit.saidOnPrecision) : null,
    said_on_precision: hit.saidOnPrecision,
    positions: hit.positions.map((p) => ({
      topic: { slug: p.topic.slug, name: p.topic.name },
      stance: p.stance,
      strength: p.strength,
    })),
    rank: hit.rank,
    headline: headlinePlain(hit.headline),
    highlights: headlineRanges(hit.headline),
    headline_html: headlineHtml(hit.headline),
    original_headline: hit.originalHeadline === null ? null : headlinePlain(hit.originalHeadline),
    original_highlights: hit.originalHeadline === null ? null : headlineRanges(hit.originalHeadline),
    original_headline_html: hit.originalHeadline === null ? null : headlineHtml(hit.originalHeadline),
  };
}

export function searchResultJson(result: SearchResult) {
  return {
    data: result.hits.map(searchHitJson),
    pagination: { page: result.page, limit: result.limit, next_page: result.hasNext ? result.page + 1 : null },
    search: {
      order: result.order,
      matches: result.matches,
      matches_capped: result.matchesCapped,
      ranking_skipped: result.rankingSkipped,
      speaker: result.speaker ?? null,
      topic: result.topic ?? null,
    },
  };
}
