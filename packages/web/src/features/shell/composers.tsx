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
  /** Open a communication in the side drawer: full text, people, history, Edit and Delete. */
  openCommunication(id: string): void;
  /** Open a task in the side drawer: edit, reassign, complete or reopen, delete. */
  openTask(id: string): void;
}

const ComposerContext = createContext<Composers | null>(null);

const TaskFormModal = lazy(() => import('../tasks/task-form-modal').then((m) => ({ default: m.TaskFormModal })));
const CommunicationFormModal = lazy(() => import('../communications/communication-form-modal').then((m) => ({ default: m.CommunicationFormModal })));
const CommunicationDrawer = lazy(() => import('../communications/communication-drawer').then((m) => ({ default: m.CommunicationDrawer })));
const TaskDrawer = lazy(() => import('../tasks/task-drawer').then((m) => ({ default: m.TaskDrawer })));

type Open = { kind: 'task'; defaults: TaskDefaults; key: number } | { kind: 'communication'; defaults: CommunicationDefaults; key: number } | null;
type Opened = { kind: 'communication' | 'task'; id: string } | null;

/**
 * "New task" and "Log communication" can be started from anywhere, and any communication or task can
 * be opened from anywhere (feed, timeline, dashboard); the forms and drawers load on first use.
 */
export function ComposerProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open>(null);
  const [opened, setOpened] = useState<Opened>(null);
  const value = useMemo<Composers>(
    () => ({
      newTask: (defaults = {}) => setOpen({ kind: 'task', defaults, key: Date.now() }),
      logCommunication: (defaults = {}) => setOpen({ kind: 'communication', defaults, key: Date.now() }),
      openCommunication: (id) => setOpened({ kind: 'communication', id }),
      openTask: (id) => setOpened({ kind: 'task', id }),
    }),
    [],
  );
  const close = () => setOpen(null);
  const closeOpened = () => setOpened(null);
  return (
    <ComposerContext.Provider value={value}>
      {children}
      <Suspense fallback={null}>
        {opened?.kind === 'communication' && <CommunicationDrawer id={opened.id} onClose={closeOpened} />}
        {opened?.kind === 'task' && <TaskDrawer id={opened.id} onClose={closeOpened} />}
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

/** For pieces also rendered outside the app shell (component tests): opening a record is then a no-op. */
export function useRecordOpeners(): Pick<Composers, 'openCommunication' | 'openTask'> {
  const value = useContext(ComposerContext);
  return value ?? { openCommunication: () => {}, openTask: () => {} };
}
