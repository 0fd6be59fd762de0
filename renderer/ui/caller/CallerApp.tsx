import { useState } from 'react';
import type { DirectoryEntry } from '../../../signaling/protocol.js';
import { droppedNotice } from '../../logic/dropped.js';
import { useCall } from '../../stores/call.js';
import { useSession } from '../../stores/session.js';
import { CallEnded } from '../common/CallEnded.js';
import { InCall } from '../common/InCall.js';
import { OutcomeForm } from '../common/OutcomeForm.js';
import { UserBar } from '../common/UserBar.js';
import { Directory } from './Directory.js';
import { QueryForm } from './QueryForm.js';
import { Waiting } from './Waiting.js';

/** The caller's path: directory → query → waiting → call → patient outcome. */
export function CallerApp() {
  const view = useCall((s) => s.view);
  const dismiss = useCall((s) => s.dismiss);
  const me = useSession((s) => s.user?.id ?? '');
  const [line, setLine] = useState<DirectoryEntry | null>(null);

  const done = () => {
    dismiss();
    setLine(null);
  };

  let main;
  if (!view) main = line ? <QueryForm line={line} onBack={() => setLine(null)} /> : <Directory onChoose={setLine} />;
  else if (view.state === 'queued' || view.state === 'ringing') main = <Waiting view={view} />;
  else if (view.state === 'connected') main = <InCall view={view} />;
  else if ((view.state === 'wrap_up' || view.state === 'closed') && view.answeredAt) {
    main = (
      <OutcomeForm
        kind="patient"
        callId={view.id}
        title="What happens for your patient?"
        notice={droppedNotice(view, me)}
        intro={`After your call with ${view.specialist?.displayName ?? 'the specialist'} (${view.lineName}).`}
        codes={view.patientOutcomes}
        recorded={view.patientOutcome}
        doneLabel="Done — new query"
        onDone={done}
      />
    );
  } else main = <CallEnded view={view} actionLabel="Back to the directory" onDone={done} />;

  return (
    <div className="app">
      <UserBar />
      <main className="main main-narrow">{main}</main>
    </div>
  );
}
