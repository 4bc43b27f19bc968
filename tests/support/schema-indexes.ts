import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** An index schema.prisma declares: the table and its columns, in order. */
export type DeclaredIndex = { model: string; table: string; columns: string[]; unique: boolean };

const FIELD = /^\s+(\w+)\s+\w+(\[\]|\?)?\s*(.*)$/;
const MAP = /@map\("([^"]+)"\)/;

/**
 * Reads the indexes schema.prisma declares (@id, @unique, @@id, @@unique,
 * @@index), with field names turned into the column names they @map to. A
 * small reader for this project's schema style, not a Prisma schema parser.
 */
export async function declaredIndexes(schemaPath = path.resolve('prisma', 'schema.prisma')): Promise<DeclaredIndex[]> {
  const schema = await readFile(schemaPath, 'utf8');
  const indexes: DeclaredIndex[] = [];
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? model!;
    const columns = new Map<string, string>();
    for (const line of body!.split('\n')) {
      const field = FIELD.exec(line);
      if (!field || line.trim().startsWith('@@') || line.trim().startsWith('//')) continue;
      const [, name, , attributes] = field;
      columns.set(name!, MAP.exec(attributes!)?.[1] ?? name!);
      if (/@id\b|@unique\b/.test(attributes!))
        indexes.push({ model: model!, table, columns: [columns.get(name!)!], unique: true });
    }
    for (const [, kind, list] of body!.matchAll(/@@(id|unique|index)\(\[([^\]]*)\]/g)) {
      const fields = list!.split(',').map((f) => f.trim().replace(/\(.*\)$/, ''));
      indexes.push({ model: model!, table, columns: fields.map((f) => columns.get(f) ?? f), unique: kind !== 'index' });
    }
  }
  return indexes;
}
