import type { QueueItem } from '../../../signaling/protocol.js';
import { AGE_BAND, CARE_SETTING, PROFESSIONAL_GROUP, URGENCY } from '../../logic/labels.js';
import { elapsedSec, formatDuration } from '../../logic/queue.js';
import { Kbd } from '../common/Kbd.js';
import { Photo } from '../common/Photo.js';

interface Props {
  item: QueueItem;
  now: number;
  clockOffsetMs: number;
  /** Only the first ringing call carries the A shortcut. */
  shortcut: boolean;
  canAnswer: boolean;
  onAnswer(callId: string): void;
}

export function QueueCard({ item, now, clockOffsetMs, shortcut, canAnswer, onAnswer }: Props) {
  const waited = elapsedSec(item.createdAt, now, clockOffsetMs);
  return (
    <li
      className={`qcard urgency-${item.urgency} ${item.offeredToYou ? 'qcard-ringing' : ''}`}
      data-testid="queue-item"
      data-call-id={item.callId}
      aria-label={`${URGENCY[item.urgency]} call from ${item.caller.displayName}${item.offeredToYou ? ', ringing' : ''}`}
    >
      <div className="qcard-head">
        <span className={`urgency urgency-${item.urgency}`}>{URGENCY[item.urgency]}</span>
        <span className="qcard-line">{item.lineName}</span>
        <span className="qcard-wait" title="Waited for">
          <span className="sr-only">Waited </span>
          <time data-testid="waited">{formatDuration(waited)}</time>
        </span>
      </div>
      <div className="qcard-body">
        <div className="qcard-text">
          <p className="qcard-caller">
            <strong>{item.caller.displayName}</strong> · {PROFESSIONAL_GROUP[item.caller.professionalGroup]} ·{' '}
            {item.caller.organisationName}
          </p>
          <p className="qcard-question">{item.question}</p>
          <p className="muted small-text">
            {AGE_BAND[item.patient.ageBand]} · {CARE_SETTING[item.patient.setting]}
          </p>
        </div>
        {item.photoId && <Photo photoId={item.photoId} />}
      </div>
      {item.offeredToYou && (
        <div className="qcard-actions">
          <span className="ringing-label" aria-hidden="true">
            Ringing
          </span>
          <button
            type="button"
            className="btn btn-answer"
            disabled={!canAnswer}
            onClick={() => onAnswer(item.callId)}
            aria-keyshortcuts={shortcut ? 'A' : undefined}
            data-testid="answer"
          >
            Answer {shortcut && <Kbd k="A" />}
          </button>
        </div>
      )}
    </li>
  );
}
