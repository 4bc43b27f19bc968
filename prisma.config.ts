import { defineConfig } from 'prisma/config';

// The connection URL is only read by CLI commands that talk to a database
// (`migrate`, `db`), which need Prisma's schema engine; the app builds its own
// connection in src/db/. `generate` needs no URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/on_record' },
});
