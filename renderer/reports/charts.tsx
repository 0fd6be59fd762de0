import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CallCounts, OutcomeCategory, OutcomeCategoryRow, OutcomeMixRow, TopicRow } from '../../signaling/protocol.js';

/** Calm, colour-blind-aware colours; every chart also has its table and a legend in words. */
export const STATE_COLOURS = {
  answered: '#2f7d5b',
  abandoned: '#c98a12',
  unanswered: '#b8423a',
  failed: '#6b7280',
  waiting: '#3f6fa8',
} as const;
export const CATEGORY_COLOURS: Record<OutcomeCategory, string> = {
  avoided: '#2f7d5b',
  referral: '#c98a12',
  transfer: '#b8423a',
  follow_up: '#3f6fa8',
  redirected: '#7a5aa6',
  other: '#6b7280',
};
export const CATEGORY_LABEL: Record<OutcomeCategory, string> = {
  avoided: 'Avoided',
  referral: 'Referral',
  transfer: 'Transfer',
  follow_up: 'Follow-up',
  redirected: 'Redirected',
  other: 'Other',
};

const STATES = ['answered', 'abandoned', 'unanswered', 'failed', 'waiting'] as const;
const axis = { fontSize: 12, fill: '#374151' };

/** Calls per group, stacked by how they ended. Horizontal when labels are long (organisations). */
export function StackedCallsChart<T extends CallCounts>(props: { rows: T[]; label: (r: T) => string; horizontal?: boolean }) {
  const data = props.rows.map((r) => ({ ...r, name: props.label(r) }));
  // Only the ways calls actually ended, so the legend lists nothing that is not on the chart.
  const states = STATES.filter((s) => props.rows.some((r) => r[s] > 0));
  const height = props.horizontal ? Math.max(160, 44 * data.length + 60) : 280;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout={props.horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        {props.horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} tick={axis} />
            <YAxis type="category" dataKey="name" width={180} tick={axis} />
          </>
        ) : (
          <>
            <XAxis dataKey="name" tick={axis} interval={0} />
            <YAxis allowDecimals={false} tick={axis} />
          </>
        )}
        <Tooltip />
        <Legend itemSorter={null} />
        {states.map((s) => (
          <Bar key={s} dataKey={s} name={s[0]!.toUpperCase() + s.slice(1)} stackId="calls" fill={STATE_COLOURS[s]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Offered, answered and avoided per month. */
export function TrendChart({ rows }: { rows: (CallCounts & { month: string })[] }) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="month" tick={axis} />
        <YAxis allowDecimals={false} tick={axis} />
        <Tooltip />
        <Legend itemSorter={null} />
        <Line dataKey="offered" name="Offered" stroke="#374151" strokeWidth={2} isAnimationActive={false} />
        <Line dataKey="answered" name="Answered" stroke={STATE_COLOURS.answered} strokeWidth={2} isAnimationActive={false} />
        <Line dataKey="avoided" name="Referral / transfer avoided" stroke="#3f6fa8" strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** One side's outcome codes as horizontal bars coloured by category. */
export function OutcomeCodesChart({ rows, title }: { rows: OutcomeMixRow[]; title: string }) {
  const data = rows.map((r) => ({ ...r, name: r.label }));
  return (
    <figure className="report-subchart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(120, 36 * data.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis type="number" allowDecimals={false} tick={axis} />
          <YAxis type="category" dataKey="name" width={230} tick={axis} />
          <Tooltip />
          <Bar dataKey="count" name="Calls" isAnimationActive={false}>
            {data.map((r) => (
              <Cell key={`${r.side}-${r.code}-${r.category}`} fill={CATEGORY_COLOURS[r.category]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Categories side by side: advice (specialist) and patient (caller). */
export function OutcomeCategoriesChart({ rows }: { rows: OutcomeCategoryRow[] }) {
  const categories = [...new Set(rows.map((r) => r.category))];
  const data = categories.map((c) => ({
    name: CATEGORY_LABEL[c],
    advice: rows.find((r) => r.side === 'advice' && r.category === c)?.count ?? 0,
    patient: rows.find((r) => r.side === 'patient' && r.category === c)?.count ?? 0,
  }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="name" tick={axis} interval={0} />
        <YAxis allowDecimals={false} tick={axis} />
        <Tooltip />
        <Legend itemSorter={null} />
        <Bar dataKey="advice" name="Advice outcome (specialist)" fill="#3f6fa8" isAnimationActive={false} />
        <Bar dataKey="patient" name="Patient outcome (caller)" fill="#2f7d5b" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** The most asked topics of each line, top `limit` per line. */
export function TopicsChart({ rows, limit = 6 }: { rows: TopicRow[]; limit?: number }) {
  const lines = [...new Map(rows.map((r) => [r.lineId, r.lineName])).entries()];
  return (
    <div className="report-topics">
      {lines.map(([lineId, lineName]) => {
        const data = rows.filter((r) => r.lineId === lineId && r.rank <= limit);
        return (
          <figure key={lineId} className="report-subchart">
            <figcaption>{lineName}</figcaption>
            <ResponsiveContainer width="100%" height={32 * data.length + 40}>
              <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
                <XAxis type="number" allowDecimals={false} tick={axis} />
                <YAxis type="category" dataKey="topic" width={200} tick={axis} />
                <Tooltip />
                <Bar dataKey="count" name="Calls" fill="#3f6fa8" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        );
      })}
    </div>
  );
}
