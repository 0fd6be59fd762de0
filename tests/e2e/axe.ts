import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG 2.0 and 2.1 A/AA rules axe knows (2.1 A adds e.g. "label in name"); a screen fails on any serious or critical violation. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING = new Set(['serious', 'critical']);

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One readable block per violation: rule, impact, help link, and each offending element with why. */
export function describeViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n\s*/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/**
 * Runs axe on the page as it is now and records (softly, so the walk goes on and every screen
 * reports) a failure listing each serious or critical violation.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Check animated elements (a pulsing "Ringing") at mid-animation, where our pulses are faintest,
  // so contrast is judged at its worst and not at whatever frame axe happens to catch.
  await page.evaluate(() => {
    for (const a of document.getAnimations()) {
      a.pause();
      a.currentTime = Number(a.effect?.getComputedTiming().duration ?? 0) / 2;
    }
  });
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  await page.evaluate(() => document.getAnimations().forEach((a) => a.play()));
  const failing = violations.filter((v) => FAILING.has(v.impact ?? ''));
  const report = failing.length ? `\n${screen}: ${failing.length} serious/critical axe violation(s)\n${describeViolations(failing)}\n` : '';
  expect.soft(report, `axe on "${screen}"`).toBe('');
}
