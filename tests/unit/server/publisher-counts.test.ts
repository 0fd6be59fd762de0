import { afterEach, expect, it, vi } from 'vitest';
import type { Views } from '../../../signaling/calls/views.js';
import { Publisher } from '../../../signaling/calls/publisher.js';
import type { Core } from '../../../signaling/core.js';

const REFRESH_MS = 100;
const line = { id: 'line-1', name: 'Cardiology', specialty: 'cardiology', specialistIds: ['u-1'] };

/** A publisher over one line with one specialist whose colleague count the test sets. */
function publisherWithCounts() {
  const state = { available: 1, sent: [] as number[] };
  const core = {
    notify: {
      onDropped: () => undefined,
      toUser: (_userId: string, event: string, payload: { lines: { availableSpecialists: number }[] }) => {
        if (event === 'queue:snapshot') state.sent.push(payload.lines[0]!.availableSpecialists);
      },
    },
    presence: { isLive: () => true },
    lines: { view: () => ({ coveredBy: () => [line.id], get: () => line, specialistIds: () => line.specialistIds }) },
    calls: { waiting: () => [] },
    users: { party: () => ({}) },
  } as unknown as Core;
  const views = { coveredLine: () => ({ id: line.id, name: line.name, specialty: line.specialty, availableSpecialists: state.available }) } as unknown as Views;
  const publisher = new Publisher(core, views, REFRESH_MS);
  return { publisher, state };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => vi.restoreAllMocks());

it('sends a counts-only change after the refresh interval, even if the wall clock steps back meanwhile', async () => {
  const { publisher, state } = publisherWithCounts();
  publisher.sendSnapshot('u-1');
  state.available = 2;
  publisher.sendSnapshot('u-1'); // only the count changed: it waits for the refresh
  expect(state.sent).toEqual([1]);
  const realNow = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => realNow - 3600_000); // NTP steps the clock back an hour
  await sleep(REFRESH_MS * 4);
  expect(state.sent).toEqual([1, 2]);
  publisher.close();
});

it('sends nothing after close, and a change that reverted before its refresh not at all', async () => {
  const { publisher, state } = publisherWithCounts();
  publisher.sendSnapshot('u-1');
  state.available = 2;
  publisher.sendSnapshot('u-1');
  state.available = 1;
  publisher.sendSnapshot('u-1'); // back to what the client holds: the refresh is cancelled
  await sleep(REFRESH_MS * 2);
  expect(state.sent).toEqual([1]);
  state.available = 3;
  publisher.sendSnapshot('u-1');
  publisher.close();
  await sleep(REFRESH_MS * 2);
  expect(state.sent).toEqual([1]);
});
