/** What views/partials/pagination.hbs renders. */
export type PageLinks = {
  page: number;
  prevHref?: string;
  nextHref?: string;
  prevLabel: string;
  nextLabel: string;
  label: string;
};

export type PageLinkOptions = {
  /** Query parameters to keep on every link (filters); empty values are dropped. */
  params?: Record<string, string | number | undefined>;
  /** The query parameter that carries the page number. */
  pageParam?: string;
  /** Appended to each link (`#statements`), so that a page turn lands on the list it turns. */
  fragment?: string;
  prevLabel?: string;
  nextLabel?: string;
  /** The navigation's accessible name, when a page has more than one paged list. */
  label?: string;
};

/** Previous/next links for a list paged with `?page=`, keeping its filters. */
export function pageLinks(path: string, current: { page: number; hasNext: boolean }, options: PageLinkOptions = {}): PageLinks {
  const href = (page: number) => pageHref(path, page, options);
  return {
    page: current.page,
    prevHref: current.page > 1 ? href(current.page - 1) : undefined,
    nextHref: current.hasNext ? href(current.page + 1) : undefined,
    prevLabel: options.prevLabel ?? 'Previous',
    nextLabel: options.nextLabel ?? 'Next',
    label: options.label ?? 'Pages',
  };
}

export function pageHref(path: string, page: number, options: PageLinkOptions = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  if (page > 1) query.set(options.pageParam ?? 'page', String(page));
  const search = query.toString();
  return `${path}${search ? `?${search}` : ''}${options.fragment ? `#${options.fragment}` : ''}`;
}
