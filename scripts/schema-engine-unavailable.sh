#!/bin/sh
# Stand-in for Prisma's schema engine, which cannot be downloaded on this
# machine. `prisma generate`, `validate` and `format` only check that the file
# exists; anything that really needs the engine fails here with this message.
echo "Prisma's schema engine is not installed here. Migrations are applied by 'npm run db:migrate' (src/db/migrations.ts)." >&2
exit 1
