import { useEffect } from 'react';
import type { CallState } from '../../../signaling/protocol.js';
import { PRESENCE } from '../../logic/labels.js';
import { useCall } from '../../stores/call.js';
import { usePresence } from '../../stores/presence.js';
import { ringingItems, useQueue } from '../../stores/queue.js';
import { useSession } from '../../stores/session.js';
import { announce, useAnnouncer } from './announce.js';

const CALL_TEXT: Partial<Record<CallState, string>> = {
  queued: 'Query placed. Waiting in the queue.',
  ringing: 'Ringing the specialists.',
  connected: 'Call connected.',
  wrap_up: 'Call ended. Please record the outcome.',
  closed: 'Call closed.',
  abandoned: 'Query cancelled.',
  unanswered: 'No answer within the maximum wait. A call-back has been requested.',
  failed: 'The call failed.',
};

/** Announces state changes (call, presence, ringing, connection) through one aria-live region. */
export function Announcer() {
  const { text, n } = useAnnouncer();
  const callState = useCall((s) => s.view?.state);
  const muted = useCall((s) => s.muted);
  const presence = usePresence((s) => s.status);
  const ringing = useQueue((s) => ringingItems(s).length);
  const connection = useSession((s) => s.status);

  useEffect(() => {
    if (callState && CALL_TEXT[callState]) announce(CALL_TEXT[callState]);
  }, [callState]);
  useEffect(() => {
    if (presence !== 'offline') announce(`Your status: ${PRESENCE[presence]}.`);
  }, [presence]);
  useEffect(() => {
    if (ringing > 0) announce(`${ringing} ${ringing === 1 ? 'call is' : 'calls are'} ringing for you. Press A to answer.`);
  }, [ringing]);
  useEffect(() => {
    if (callState === 'connected') announce(muted ? 'Microphone muted.' : 'Microphone on.');
  }, [muted, callState]);
  useEffect(() => {
    if (connection === 'reconnecting') announce('Connection to the server lost. Reconnecting.');
  }, [connection]);

  return (
    // The region stays mounted (screen readers only watch live regions that already exist); a
    // zero-width space makes a repeated message count as a change.
    <div className="sr-only" aria-live="polite" aria-atomic="true" role="status">
      {text}
      {n % 2 ? '\u200b' : ''}
    </div>
  );
}
