import type { CallView } from '../../../signaling/protocol.js';
import { AGE_BAND, CARE_SETTING, PROFESSIONAL_GROUP, URGENCY } from '../../logic/labels.js';
import { elapsedSec, formatDuration } from '../../logic/queue.js';
import { useCall } from '../../stores/call.js';
import { useSession } from '../../stores/session.js';
import { DevicePicker } from './DevicePicker.js';
import { useFocusOnMount, useNow } from './hooks.js';
import { Kbd } from './Kbd.js';
import { Photo } from './Photo.js';
import { QualityBadge } from './QualityBadge.js';

const MEDIA_TEXT = {
  idle: '',
  starting: 'Opening the microphone…',
  connecting: 'Connecting audio…',
  connected: 'Audio connected',
  reconnecting: 'Reconnecting audio…',
  failed: 'Audio failed',
  closed: 'Call ended',
  elsewhere: 'Audio is on the screen that took the call',
} as const;

/** The in-call screen for either role: who is on the line, the query, and the call controls. */
export function InCall({ view }: { view: CallView }) {
  const { media, muted, quality, error, toggleMute, hangup } = useCall();
  const me = useSession((s) => s.user?.id);
  const offset = useSession((s) => s.clockOffsetMs);
  const now = useNow();
  const other = view.caller.userId === me ? view.specialist : view.caller;
  const seconds = view.answeredAt ? elapsedSec(view.answeredAt, now, offset) : 0;
  // Focus starts on who is on the line, not on Hang up: a stray Enter or Space must not end the call.
  const title = useFocusOnMount<HTMLHeadingElement>();

  return (
    <section className="incall" aria-labelledby="incall-title" data-testid="in-call">
      <div className="incall-top">
        <div>
          <p className="eyebrow">In call · {view.lineName}</p>
          <h2 id="incall-title" ref={title} tabIndex={-1}>{other?.displayName ?? 'Connecting…'}</h2>
          {other && (
            <p className="muted">
              {PROFESSIONAL_GROUP[other.professionalGroup]} · {other.organisationName}
            </p>
          )}
        </div>
        <div className="incall-status">
          <span className="timer">
            <span className="sr-only">Call length </span>
            <time data-testid="call-timer">{formatDuration(seconds)}</time>
          </span>
          <span className={`media media-${media}`} data-testid="media-state">
            {MEDIA_TEXT[media]}
          </span>
          {media !== 'elsewhere' && <QualityBadge level={media === 'connected' ? quality : 'unknown'} />}
        </div>
      </div>

      <div className="incall-query">
        <div>
          <p>
            <span className={`urgency urgency-${view.urgency}`}>{URGENCY[view.urgency]}</span>{' '}
            <span className="muted">
              {AGE_BAND[view.patient.ageBand]} · {CARE_SETTING[view.patient.setting]}
            </span>
          </p>
          <p className="question">{view.question}</p>
        </div>
        {view.photoId && <Photo photoId={view.photoId} size="large" />}
      </div>

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {media === 'elsewhere' && (
        <p className="muted elsewhere-hint" data-testid="elsewhere-hint">
          You are signed in on another screen too, and the call was taken there. If that screen is
          closed, hang up here.
        </p>
      )}

      {muted && media !== 'elsewhere' && (
        <p className="muted-banner" role="status" data-testid="muted-banner">
          <MicOffIcon /> You are muted — the other side cannot hear you. Press <Kbd k="M" /> to unmute.
        </p>
      )}

      <div className="controls">
        {media !== 'elsewhere' && (
          <button
            type="button"
            className={`btn btn-big ${muted ? 'btn-muted' : ''}`}
            aria-pressed={muted}
            aria-keyshortcuts="M"
            onClick={toggleMute}
            data-testid="mute"
          >
            {muted && <MicOffIcon />}
            {muted ? 'Unmute' : 'Mute'} <Kbd k="M" />
          </button>
        )}
        <button type="button" className="btn btn-big btn-danger" aria-keyshortcuts="H" onClick={() => void hangup()} data-testid="hangup">
          Hang up <Kbd k="H" />
        </button>
      </div>
      {media !== 'elsewhere' && <DevicePicker />}
    </section>
  );
}

/** A microphone struck through: muted, readable without colour. */
function MicOffIcon() {
  return (
    <svg className="mic-off" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <path d="M4 4l16 16" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
