import type { ReportSummary } from '../../signaling/protocol.js';
import { duration, percent } from './format.js';

function Tile(props: { label: string; value: string; detail: string; testId: string; headline?: boolean }) {
  return (
    <div className={`tile${props.headline ? ' tile-headline' : ''}`} data-testid={props.testId}>
      <div className="tile-label">{props.label}</div>
      <div className="tile-value">{props.value}</div>
      <div className="tile-detail">{props.detail}</div>
    </div>
  );
}

/** The headline figures, each with what it was computed from. */
export function HeadlineTiles({ s }: { s: ReportSummary }) {
  const notYet = s.answeredWithoutPatientOutcome;
  return (
    <div className="tiles" role="group" aria-label="Headline figures">
      <Tile
        headline
        testId="tile-avoided"
        label="Referral or transfer avoided"
        value={percent(s.avoidedShare.value)}
        detail={`${s.avoidedShare.numerator} of ${s.avoidedShare.denominator} answered calls with a patient outcome recorded${
          notYet ? ` · ${notYet} answered call${notYet === 1 ? '' : 's'} without one yet` : ''
        }`}
      />
      <Tile
        testId="tile-answer-rate"
        label="Answer rate"
        value={percent(s.answerRate.value)}
        detail={`${s.answered} answered of ${s.offered} offered · ${s.abandoned} abandoned · ${s.unanswered} unanswered · ${s.failed} failed${
          s.waiting ? ` · ${s.waiting} waiting` : ''
        }`}
      />
      <Tile
        testId="tile-time-to-answer"
        label="Time to answer"
        value={duration(s.timeToAnswer.averageMs)}
        detail={`average · 90th percentile ${duration(s.timeToAnswer.p90Ms)} · ${s.timeToAnswer.count} answered`}
      />
      <Tile
        testId="tile-service-level"
        label="Service level"
        value={percent(s.serviceLevel.value)}
        detail={`${s.answeredWithinTarget} of ${s.offered} offered answered within the line's target`}
      />
      <Tile
        testId="tile-call-length"
        label="Median call length"
        value={duration(s.callLength.medianMs)}
        detail={`over ${s.callLength.count} answered call${s.callLength.count === 1 ? '' : 's'} that ended`}
      />
    </div>
  );
}
