import type { Core } from '../core.js';
import type { Dispatcher } from './dispatcher.js';
import type { Lifecycle } from './lifecycle.js';

/**
 * After a restart, the calls the last run left open. Nothing stored is changed except state:
 * - queued / ringing: offers were in memory, so a ringing call goes back to `queued` and keeps its
 *   place (arrival time unchanged) and its original maximum wait (already past → `unanswered` with a
 *   call-back request). The caller is expected back within the grace period, else `abandoned`.
 * - connected: both parties are expected back within the grace period; if either is not, `failed`.
 * - wrap_up: untouched; the specialist records the advice outcome whenever they reconnect.
 */
export function recoverOpenCalls(core: Core, lifecycle: Lifecycle, dispatcher: Dispatcher): { resumed: number; expected: number } {
  const now = core.now();
  let resumed = 0;
  const expected = new Set<string>();
  for (const row of core.calls.withStates(['queued', 'ringing'])) {
    if (row.state === 'ringing') core.calls.transition(row.id, ['ringing'], 'queued', now, null, {}, 'server restarted: offers reset');
    else core.calls.note(row.id, 'queued', now, null, 'server restarted');
    const current = core.calls.get(row.id)!;
    lifecycle.scheduleMaxWait(current);
    if (core.calls.get(row.id)!.state === 'queued') {
      resumed++;
      expected.add(row.caller_id);
    }
  }
  for (const row of core.calls.withStates(['connected'])) {
    core.calls.note(row.id, 'connected', now, null, 'server restarted');
    expected.add(row.caller_id);
    if (row.specialist_id) expected.add(row.specialist_id);
  }
  for (const userId of expected) core.presence.expect(userId);
  for (const line of core.lines.list()) dispatcher.dispatch(line.id);
  return { resumed, expected: expected.size };
}
