import { QUALITY_LABEL, type QualityLevel } from '../../logic/quality.js';

export function QualityBadge({ level }: { level: QualityLevel }) {
  return (
    <span className={`quality quality-${level}`} data-testid="quality" title={QUALITY_LABEL[level]}>
      <span className="quality-bars" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {QUALITY_LABEL[level]}
    </span>
  );
}
