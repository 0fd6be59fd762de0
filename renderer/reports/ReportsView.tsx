import { useCallback, useEffect, useState } from 'react';
import { reportTable, type Line, type Organisation, type ReportResponse } from '../../signaling/protocol.js';
import { PROFESSIONAL_GROUP } from '../logic/labels.js';
import { apiJson } from './api.js';
import { ChartCard } from './ChartCard.js';
import { OutcomeCategoriesChart, OutcomeCodesChart, StackedCallsChart, TopicsChart, TrendChart } from './charts.js';
import { defaultRange, reportPath, type ReportFilterState } from './format.js';
import { HeadlineTiles } from './HeadlineTiles.js';
import { ReportFilters } from './ReportFilters.js';
import './reports.css';

const emptyFilters = (): ReportFilterState => ({ ...defaultRange(), lineId: '', providerOrgId: '', callerOrgId: '', professionalGroup: '' });

/** Admin: usage reports for a date range, with charts and the CSV behind each one. */
export function ReportsView({ initialFilters }: { initialFilters?: Partial<ReportFilterState> } = {}) {
  const [filters, setFilters] = useState<ReportFilterState>(() => ({ ...emptyFilters(), ...initialFilters }));
  const [report, setReport] = useState<ReportResponse | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([apiJson<Line[]>('GET', '/api/admin/lines'), apiJson<Organisation[]>('GET', '/api/admin/organisations')])
      .then(([l, o]) => (setLines(l), setOrgs(o)))
      .catch((e: Error) => setError(e.message));
  }, []);

  const load = useCallback((f: ReportFilterState) => {
    setBusy(true);
    setError(null);
    apiJson<ReportResponse>('GET', reportPath(f))
      .then((r) => (setReport(r), setFilters(f)))
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  }, []);
  // First load only; later loads come from the filter form.
  useEffect(() => load(filters), []);

  const patientOutcomes = report?.outcomes.filter((o) => o.side === 'patient') ?? [];
  const adviceOutcomes = report?.outcomes.filter((o) => o.side === 'advice') ?? [];
  return (
    <main className="reports" aria-busy={busy} data-testid="reports-view">
      <h2>Reports</h2>
      <ReportFilters value={filters} lines={lines} organisations={orgs} busy={busy} onApply={load} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <HeadlineTiles s={report.summary} />
          <p className="muted small report-definitions">
            A call counts on the day it was placed (UK time). Answer rate and service level are shares of calls offered; time to
            answer runs from the request to the specialist accepting (90th percentile by nearest rank); call length from answer
            to hang-up. The avoided share counts answered calls whose caller recorded a patient outcome of referral or transfer
            avoided, out of answered calls with a patient outcome recorded.
          </p>
          <div className="report-grid">
            <ChartCard title="Calls per specialty" table="by-specialty" filters={filters} data={reportTable(report, 'by-specialty')}>
              <StackedCallsChart rows={report.bySpecialty} label={(r) => r.specialty} />
            </ChartCard>
            <ChartCard title="Monthly trend" table="by-month" filters={filters} data={reportTable(report, 'by-month')}>
              <TrendChart rows={report.byMonth} />
            </ChartCard>
            <ChartCard
              wide
              title="Outcome mix"
              description="Outcome codes recorded for answered calls, coloured by category (green: referral or transfer avoided)."
              table="outcomes"
              filters={filters}
              data={reportTable(report, 'outcomes')}
            >
              <div className="report-pair">
                <OutcomeCodesChart title="Patient outcome (caller)" rows={patientOutcomes} />
                <OutcomeCodesChart title="Advice outcome (specialist)" rows={adviceOutcomes} />
              </div>
            </ChartCard>
            <ChartCard title="Outcome categories" table="outcome-categories" filters={filters} data={reportTable(report, 'outcome-categories')}>
              <OutcomeCategoriesChart rows={report.outcomeCategories} />
            </ChartCard>
            <ChartCard
              title="Topics per line"
              description="From the topic the specialist chose on the advice outcome: where clinicians may need training."
              table="topics"
              filters={filters}
              data={reportTable(report, 'topics')}
            >
              <TopicsChart rows={report.topics} />
            </ChartCard>
            <ChartCard title="Calls per caller organisation" table="by-caller-organisation" filters={filters} data={reportTable(report, 'by-caller-organisation')}>
              <StackedCallsChart horizontal rows={report.byCallerOrganisation} label={(r) => r.organisationName} />
            </ChartCard>
            <ChartCard title="Calls per professional group" table="by-professional-group" filters={filters} data={reportTable(report, 'by-professional-group')}>
              <StackedCallsChart
                horizontal
                rows={report.byProfessionalGroup}
                label={(r) => PROFESSIONAL_GROUP[r.professionalGroup as keyof typeof PROFESSIONAL_GROUP] ?? r.professionalGroup}
              />
            </ChartCard>
          </div>
        </>
      )}
    </main>
  );
}
