import { pageHref } from './page-links';

/** The statements list filtered to one speaker on one topic: everything behind a stance, newest first. */
export function recordHref(speakerSlug: string, topicSlug: string): string {
  return pageHref('/statements', 1, { params: { speaker: speakerSlug, topic: topicSlug } });
}
