import { createContext, lazy, type ReactNode, Suspense, useContext, useMemo, useState } from 'react';

export interface TaskDefaults {
  entityType?: 'contact' | 'organization' | 'commitment';
  entityId?: string;
  entityName?: string;
}

export interface CommunicationDefaults {
  contacts?: { id: string; name: string }[];
  organizations?: { id: string; name: string }[];
}

interface Composers {
  newTask(defaults?: TaskDefaults): void;
  logCommunication(defaults?: CommunicationDefaults): void;
}

const ComposerContext = createContext<Composers | null>(null);

const TaskFormModal = lazy(() => import('../tasks/task-form-modal').then((m) => ({ default: m.TaskFormModal })));
const CommunicationFormModal = lazy(() => import('../communications/communication-form-modal').then((m) => ({ default: m.CommunicationFormModal })));

type Open = { kind: 'task'; defaults: TaskDefaults; key: number } | { kind: 'communication'; defaults: CommunicationDefaults; key: number } | null;

/** "New task" and "Log communication" can be started from anywhere; the forms load on first use. */
export function ComposerProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open>(null);
  const value = useMemo<Composers>(
    () => ({
      newTask: (defaults = {}) => setOpen({ kind: 'task', defaults, key: Date.now() }),
      logCommunication: (defaults = {}) => setOpen({ kind: 'communication', defaults, key: Date.now() }),
    }),
    [],
  );
  const close = () => setOpen(null);
  return (
    <ComposerContext.Provider value={value}>
      {children}
      <Suspense fallback={null}>
        {open?.kind === 'task' && <TaskFormModal key={open.key} defaults={open.defaults} onClose={close} />}
        {open?.kind === 'communication' && <CommunicationFormModal key={open.key} defaults={open.defaults} onClose={close} />}
      </Suspense>
    </ComposerContext.Provider>
  );
}

export function useComposers(): Composers {
  const value = useContext(ComposerContext);
  if (!value) throw new Error('useComposers needs ComposerProvider');
  return value;
}
