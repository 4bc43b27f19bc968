/** A speaker's whole record on one topic: the stance history page (src/history), timeline with shifts. */
export function recordHref(speakerSlug: string, topicSlug: string): string {
  return `/speakers/${encodeURIComponent(speakerSlug)}/topics/${encodeURIComponent(topicSlug)}`;
}
