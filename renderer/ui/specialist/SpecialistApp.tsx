import { useEffect, useState } from 'react';
import { isFinished, useCall } from '../../stores/call.js';
import { ringingItems, useQueue } from '../../stores/queue.js';
import { CallEnded } from '../common/CallEnded.js';
import { InCall } from '../common/InCall.js';
import { UserBar } from '../common/UserBar.js';
import { CoveredLines } from './CoveredLines.js';
import { History } from './History.js';
import { OnCallToggle } from './OnCallToggle.js';
import { QueueList } from './QueueList.js';
import { RingSound } from './RingSound.js';
import { Settings } from './Settings.js';
import { WrapUp } from './WrapUp.js';

type Tab = 'queue' | 'history' | 'settings';
const TABS: [Tab, string][] = [
  ['queue', 'Queue'],
  ['history', 'History'],
  ['settings', 'Settings'],
];

/** The specialist's desk: on-call toggle and lines beside the live queue, or the current call. */
export function SpecialistApp() {
  const view = useCall((s) => s.view);
  const [tab, setTab] = useState<Tab>('queue');
  // Back from a call, the queue is shown with focus on it; a tab switch leaves focus on the tab.
  const [fromCall, setFromCall] = useState(false);
  useEffect(() => {
    if (!view) return;
    setFromCall(true);
    setTab('queue');
  }, [view]);
  const show = (t: typeof tab) => {
    setFromCall(false);
    setTab(t);
  };

  let main;
  if (view && !isFinished(view)) main = <InCall view={view} />;
  else if (view && (view.state === 'wrap_up' || (view.state === 'closed' && view.answeredAt))) main = <WrapUp view={view} />;
  else if (view) main = <CallEnded view={view} actionLabel="Back to the queue" />;
  else {
    main = (
      <>
        <nav className="tabs" aria-label="Views">
          {TABS.map(([t, label]) => (
            <button key={t} type="button" className={tab === t ? 'tab active' : 'tab'} aria-current={tab === t} onClick={() => show(t)}>
              {label}
              {t === 'queue' && <QueueTabCount />}
            </button>
          ))}
        </nav>
        {tab === 'queue' ? <QueueList focusTitle={fromCall} /> : tab === 'history' ? <History /> : <Settings />}
      </>
    );
  }

  return (
    <div className="app">
      <UserBar />
      <div className="desk">
        <aside className="sidebar">
          <OnCallToggle />
          <h2 className="sidebar-title">Your lines</h2>
          <CoveredLines />
        </aside>
        <main className="main">{main}</main>
      </div>
      <RingSound />
    </div>
  );
}

/** On the History or Settings tab a ringing call must still be visible at a glance. */
function QueueTabCount() {
  const waiting = useQueue((s) => s.items.length);
  const ringing = useQueue((s) => ringingItems(s).length);
  if (waiting === 0) return null;
  return (
    <span className={ringing > 0 ? 'count count-ringing' : 'count'}>
      {waiting}
      <span className="sr-only">{ringing > 0 ? ` waiting, ${ringing} ringing for you` : ' waiting'}</span>
    </span>
  );
}
