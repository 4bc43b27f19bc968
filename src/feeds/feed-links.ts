// The feeds a page offers: the layout puts each in a <link rel="alternate"> in
// the head, and the partial feed-links.hbs shows a visible link.

export type FeedLink = { title: string; href: string };

export function speakerFeedLink(speaker: { slug: string; name: string }): FeedLink {
  return { title: `Statements by ${speaker.name} (Atom)`, href: `/speakers/${encodeURIComponent(speaker.slug)}/feed.atom` };
}

export function topicFeedLink(topic: { slug: string; name: string }): FeedLink {
  return { title: `Statements on ${topic.name} (Atom)`, href: `/topics/${encodeURIComponent(topic.slug)}/feed.atom` };
}

/** The feed of a search: the same parameters as the page (without its paging), newest first. */
export function searchFeedLink(params: Record<string, string | undefined>, words: string): FeedLink {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]?.trim()));
  query.delete('sort');
  const q = query.toString();
  return { title: words ? `Search “${words}” (Atom)` : 'This search (Atom)', href: `/search/feed.atom${q ? `?${q}` : ''}` };
}
