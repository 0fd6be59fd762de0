import { useEffect, useState } from 'react';
import { isFinished, useCall } from '../../stores/call.js';
import { CallEnded } from '../common/CallEnded.js';
import { InCall } from '../common/InCall.js';
import { UserBar } from '../common/UserBar.js';
import { CoveredLines } from './CoveredLines.js';
import { History } from './History.js';
import { OnCallToggle } from './OnCallToggle.js';
import { QueueList } from './QueueList.js';
import { RingSound } from './RingSound.js';
import { WrapUp } from './WrapUp.js';

/** The specialist's desk: on-call toggle and lines beside the live queue, or the current call. */
export function SpecialistApp() {
  const view = useCall((s) => s.view);
  const [tab, setTab] = useState<'queue' | 'history'>('queue');
  // Back from a call, focus goes to the queue; a tab switch leaves it on the tab.
  const [fromCall, setFromCall] = useState(false);
  useEffect(() => {
    if (view) setFromCall(true);
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
          <button type="button" className={tab === 'queue' ? 'tab active' : 'tab'} aria-current={tab === 'queue'} onClick={() => show('queue')}>
            Queue
          </button>
          <button
            type="button"
            className={tab === 'history' ? 'tab active' : 'tab'}
            aria-current={tab === 'history'}
            onClick={() => show('history')}
          >
            History
          </button>
        </nav>
        {tab === 'queue' ? <QueueList focusTitle={fromCall} /> : <History />}
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
