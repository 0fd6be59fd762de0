import { useState } from 'react';
import { AdminView } from '../admin/AdminView.js';
import { ReportsView } from '../reports/ReportsView.js';
import { UserBar } from './common/UserBar.js';

/** Administrators: reports and administration (issue 5's views) inside the common shell. */
export function AdminApp() {
  const [tab, setTab] = useState<'reports' | 'admin'>('reports');
  return (
    <div className="app">
      <UserBar />
      <div className="main">
        <nav className="tabs" aria-label="Views">
          <button type="button" className={tab === 'reports' ? 'tab active' : 'tab'} aria-current={tab === 'reports'} onClick={() => setTab('reports')}>
            Reports
          </button>
          <button type="button" className={tab === 'admin' ? 'tab active' : 'tab'} aria-current={tab === 'admin'} onClick={() => setTab('admin')}>
            Administration
          </button>
        </nav>
        {tab === 'reports' ? <ReportsView /> : <AdminView />}
      </div>
    </div>
  );
}
