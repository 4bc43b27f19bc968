// Languages written right to left, by primary subtag.
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

export function textDirection(language: string | null | undefined): 'rtl' | 'ltr' {
  const primary = (language ?? '').split('-')[0]!.toLowerCase();
  return RTL.has(primary) ? 'rtl' : 'ltr';
}
