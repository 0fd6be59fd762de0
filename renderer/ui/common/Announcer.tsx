import { useEffect, useRef } from 'react';
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
  const elsewhere = useCall((s) => s.media === 'elsewhere');
  const media = useCall((s) => s.media);
  const audioLost = useRef(false);
  const presence = usePresence((s) => s.status);
  const ringing = useQueue((s) => ringingItems(s).length);
  const connection = useSession((s) => s.status);

  useEffect(() => {
    // A connected call is announced with where its audio is (below), in one message.
    if (callState && callState !== 'connected' && CALL_TEXT[callState]) announce(CALL_TEXT[callState]);
  }, [callState]);
  useEffect(() => {
    if (callState !== 'connected') return;
    announce(elsewhere ? 'Call connected. Its audio is on the screen that took the call.' : `Call connected. Microphone ${muted ? 'muted' : 'on'}.`);
  }, [callState, elsewhere]); // not on `muted`: a mute toggle is announced on its own (below)
  useEffect(() => {
    // Busy and wrap-up come with a call connecting or ending, which is announced instead: a second
    // message would replace that one before it is read.
    if (presence !== 'offline' && presence !== 'busy' && presence !== 'wrap_up') announce(`Your status: ${PRESENCE[presence]}.`);
  }, [presence]);
  useEffect(() => {
    if (ringing > 0) announce(`${ringing} ${ringing === 1 ? 'call is' : 'calls are'} ringing for you. Press A to answer.`);
  }, [ringing]);
  useEffect(() => {
    if (callState === 'connected' && !elsewhere) announce(muted ? 'Microphone muted.' : 'Microphone on.');
  }, [muted]); // only a mute toggle: the call connecting is announced above, with the microphone's state
  useEffect(() => {
    if (connection === 'reconnecting') announce('Connection to the server lost. Reconnecting.');
  }, [connection]);
  useEffect(() => {
    if (media === 'reconnecting') announce('Call audio lost. Reconnecting.');
    else if (media === 'connected' && audioLost.current) announce('Call audio back.');
    audioLost.current = media === 'reconnecting';
  }, [media]);

  return (
    // The region stays mounted (screen readers only watch live regions that already exist); a
    // zero-width space makes a repeated message count as a change.
    <div className="sr-only" aria-live="polite" aria-atomic="true" role="status">
      {text}
      {n % 2 ? '\u200b' : ''}
    </div>
  );
}
