-- Sign-in attempts counted per key (an address, or an email) in a fixed
-- window, in the database rather than in a process, so that every app process
-- behind a load balancer counts the same attempts.
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "rate_limits_reset_at_idx" ON "rate_limits"("reset_at");
