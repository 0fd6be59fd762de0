import type { Lines } from '../directory/lines.js';
import type { PresenceRegistry } from '../presence/registry.js';
import type { CallService } from './call-service.js';
import type { CallMachine } from './machine.js';
import type { Router } from './router.js';
import type { CallStore } from './store.js';

/**
 * After a restart, the calls the last run left open, each moved by the `restart` event:
 * - queued / ringing: offers were in memory, so a ringing call goes back to `queued` and keeps its
 *   place (arrival time unchanged) and its original maximum wait (already past → `unanswered` with a
 *   call-back request). The caller is expected back within the grace period, else `abandoned`.
 * - connected: both parties are expected back within the grace period; one who is not ends the
 *   call answered, in wrap-up (`caller_lost` / `specialist_lost`).
 * - wrap_up: untouched; the specialist records the advice outcome whenever they reconnect.
 */
export async function recoverOpenCalls(deps: {
  calls: CallStore;
  lines: Lines;
  presence: PresenceRegistry;
  machine: CallMachine;
  router: Router;
  callService: CallService;
}): Promise<{ resumed: number; expected: number }> {
  const { calls, lines, presence, machine, router, callService } = deps;
  let resumed = 0;
  const linesRead = lines.view();
  const expected = new Set<string>();
  for (const open of await calls.withStates(['queued', 'ringing', 'connected'])) {
    const row = await machine.restart(open);
    if (!row) continue;
    expected.add(row.caller_id);
    if (row.specialist_id) expected.add(row.specialist_id);
    if (row.state !== 'queued') continue;
    await callService.scheduleMaxWait(row, linesRead);
    if ((await calls.get(row.id))?.state === 'queued') resumed++;
  }
  for (const userId of expected) await presence.expect(userId);
  for (const line of await lines.list()) await router.route(line.id);
  return { resumed, expected: expected.size };
}
