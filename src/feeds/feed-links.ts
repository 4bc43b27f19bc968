// The feeds a page offers: the layout puts each in a <link rel="alternate"> in
// the head, and the partial feed-links.hbs shows a visible link.

export type FeedLink = { title: string; href: string };

export function speakerFeedLink(speaker: { slug: string; name: string }): FeedLink {
  return { title: `Statements by ${speaker.name} (Atom)`, href: `/speakers/${encodeURIComponent(speaker.slug)}/feed.atom` };
}

export function topicFeedLink(topic: { slug: string; name: string }): FeedLink {
  return { title: `Statements on ${topic.name} (Atom)`, href: `/topics/${encodeURIComponent(topic.slug)}/feed.atom` };
}
