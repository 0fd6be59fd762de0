import { defineConfig, type TestProjectInlineConfiguration, type ViteUserConfig } from 'vitest/config';
import { clusterServicesMissing } from './tests/support/services-reachable.js';

const PG_URL = process.env.ONCALL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.ONCALL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * Tests that open a store run a second time on PostgreSQL (tests/support/test-store.ts picks it from
 * ONCALL_TEST_STORE): the integration suite, and the unit tests of the stores. Not the transition
 * table's (call-transitions.test.ts): it makes a store for each of ~100 cases, a minute and a half
 * on PostgreSQL, and its one query, the guarded UPDATE, runs in every PostgreSQL integration test.
 */
const ON_BOTH_STORES = [
  'tests/integration/**/*.test.ts',
  'tests/unit/server/{sessions,durable-transaction,lines}.test.ts',
  'tests/unit/reports/figures.test.ts',
];

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const pgMissing = await clusterServicesMissing(PG_URL, REDIS_URL);
  if (pgMissing !== null) {
    // CI (.ci/run) sets ONCALL_REQUIRE_POSTGRES: there, a skipped PostgreSQL run is a failure.
    if (process.env.ONCALL_REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL and Redis are required here: ${pgMissing}`);
    // Vitest reads this file more than once: say it once.
    if (!process.env.ONCALL_PG_SKIP_SAID) console.log(`Note: ${pgMissing}, so the PostgreSQL runs are skipped; SQLite runs as usual.`);
    process.env.ONCALL_PG_SKIP_SAID = '1';
  }
  const projects: TestProjectInlineConfiguration[] = [
    { extends: true, test: { name: 'sqlite', include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'] } },
  ];
  if (pgMissing === null) {
    projects.push({ extends: true, test: { name: 'postgres', include: ON_BOTH_STORES, env: { ONCALL_TEST_STORE: 'postgres', ONCALL_TEST_PG_URL: PG_URL, ONCALL_TEST_REDIS_URL: REDIS_URL } } });
  }
  return {
    test: {
      environment: 'node',
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 30_000,
      projects,
    },
  };
});
