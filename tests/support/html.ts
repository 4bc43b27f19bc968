const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x3D;': '=',
  '&#x60;': '`',
  '&lt;': '<',
  '&gt;': '>',
};

/** Every link target on the page as a browser reads it (Handlebars writes `=` in attributes as `&#x3D;`). */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) =>
    m[1]!.replace(/&(?:amp|quot|#x27|#x3D|#x60|lt|gt);/g, (e) => ENTITIES[e]!),
  );
}
