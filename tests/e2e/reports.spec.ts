import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { ReportResponse } from '../../signaling/protocol.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { adminFetch, seedReportCalls, seedReportHistory, type Seeded } from '../integration/reports.seed.js';
import { openApp, shot, signInUI } from './helpers.js';

let server: TestServer;
let seed: Seeded;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web', timeScale: 0.05 });
  seed = await seedReportCalls(server.url);
  await withTestData(server, (data) => seedReportHistory(data, seed.lines));
});
test.afterAll(async () => {
  await server?.close();
});

const pct = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toLocaleString('en-GB')}%`);

test('an admin sees the reports with the same numbers as the API, downloads a CSV, and edits a line with clear errors', async ({ browser }) => {
  const { page, context } = await openApp(browser, server.url);
  await signInUI(page, 'admin');
  await expect(page.getByTestId('reports-view')).toBeVisible();
  const tile = page.getByTestId('tile-avoided');
  await expect(tile).toBeVisible();

  // The tiles show what the API computes for the same (default: twelve months) range.
  const from = await page.getByTestId('filter-from').inputValue();
  const to = await page.getByTestId('filter-to').inputValue();
  const api = (await adminFetch<ReportResponse>(server.url, seed.adminToken, 'GET', `/api/reports?from=${from}&to=${to}`)).body.summary;
  expect(api.offered).toBeGreaterThan(80);
  await expect(tile).toContainText(pct(api.avoidedShare.value));
  await expect(tile).toContainText(`${api.avoidedShare.numerator} of ${api.avoidedShare.denominator} answered calls with a patient outcome recorded`);
  await expect(page.getByTestId('tile-answer-rate')).toContainText(`${api.answered} answered of ${api.offered} offered`);
  await expect(page.getByTestId('tile-service-level')).toContainText(pct(api.serviceLevel.value));
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Topics per line' })).toBeVisible();
  await expect(page.locator('.report-topics figcaption').filter({ hasText: 'Reports Cardiology' })).toBeVisible();
  await shot(page, 'reports');

  // "Download CSV" fetches with the token and saves the same table the API serves.
  const download = page.waitForEvent('download');
  await page.getByTestId('csv-by-specialty').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`oncall-by-specialty-${from}-to-${to}.csv`);
  const saved = await readFile((await file.path())!, 'utf8');
  const direct = await adminFetch<string>(server.url, seed.adminToken, 'GET', `/api/reports/by-specialty.csv?from=${from}&to=${to}`);
  expect(saved).toBe(direct.body);
  expect(saved.split('\r\n')[0]).toBe('specialty,offered,answered,abandoned,unanswered,failed,waiting,withPatientOutcome,avoided');

  // Narrowing to one line re-queries.
  await page.getByTestId('filter-line').selectOption({ label: 'Reports Dermatology' });
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.getByTestId('tile-answer-rate')).toContainText('0 answered of');

  // Administration: a bad edit is refused with the server's issues shown, and nothing changes.
  await page.getByRole('button', { name: 'Administration' }).click();
  await expect(page.getByTestId('admin-view')).toBeVisible();
  await page.getByRole('button', { name: 'Edit Reports Cardiology' }).click();
  await page.getByTestId('line-name').fill('');
  await page.getByLabel('Answer target (seconds)').fill('2');
  await page.getByTestId('line-save').click();
  const errors = page.getByTestId('admin-errors');
  await expect(errors).toContainText('Invalid line.');
  await expect(errors).toContainText('Name');
  await expect(errors).toContainText('Answer target');
  await expect(page.getByTestId('line-name')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'reports-admin-line-errors');
  await page.getByTestId('line-name').fill('Reports Cardiology (adult)');
  await page.getByLabel('Answer target (seconds)').fill('45');
  await page.getByTestId('line-save').click();
  await expect(page.getByTestId(`line-row-${seed.lines.L1.id}`)).toContainText('Reports Cardiology (adult)');
  await context.close();
});
