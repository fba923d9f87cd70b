import { createContext, lazy, type ReactNode, Suspense, useContext, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

export interface TaskDefaults {
  entityType?: 'contact' | 'organization' | 'commitment';
  entityId?: string;
  entityName?: string;
}

export interface CommunicationDefaults {
  contacts?: { id: string; name: string }[];
  organizations?: { id: string; name: string }[];
  /** Also append the communication to each organization's notes log (the grid's "Log communication"). */
  appendToNotesLog?: boolean;
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
/** Search parameters that open a drawer on any screen, so a link (a notification, a mention) can point at one. */
export const OPEN_COMMUNICATION_PARAM = 'communication';
export const OPEN_TASK_PARAM = 'task';

/**
 * "New task" and "Log communication" can be started from anywhere, and any communication or task can
 * be opened from anywhere (feed, timeline, dashboard); the forms and drawers load on first use.
 */
export function ComposerProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open>(null);
  // The opened communication or task lives in the URL: Back closes it, and the link can be shared.
  const [params, setParams] = useSearchParams();
  const value = useMemo<Composers>(() => {
    const show = (param: string, id: string | null) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.delete(OPEN_COMMUNICATION_PARAM);
        next.delete(OPEN_TASK_PARAM);
        if (id) next.set(param, id);
        return next;
      });
    return {
      newTask: (defaults = {}) => setOpen({ kind: 'task', defaults, key: Date.now() }),
      logCommunication: (defaults = {}) => setOpen({ kind: 'communication', defaults, key: Date.now() }),
      openCommunication: (id) => show(OPEN_COMMUNICATION_PARAM, id),
      openTask: (id) => show(OPEN_TASK_PARAM, id),
    };
  }, [setParams]);
  const openCommunicationId = params.get(OPEN_COMMUNICATION_PARAM);
  const openTaskId = params.get(OPEN_TASK_PARAM);
  const close = () => setOpen(null);
  const closeOpened = () =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete(OPEN_COMMUNICATION_PARAM);
      next.delete(OPEN_TASK_PARAM);
      return next;
    });
  return (
    <ComposerContext.Provider value={value}>
      {children}
      <Suspense fallback={null}>
        {openCommunicationId && <CommunicationDrawer key={openCommunicationId} id={openCommunicationId} onClose={closeOpened} />}
        {openTaskId && !openCommunicationId && <TaskDrawer key={openTaskId} id={openTaskId} onClose={closeOpened} />}
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
