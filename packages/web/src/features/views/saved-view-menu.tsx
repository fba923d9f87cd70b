import type { SavedView, ViewScreen, ViewState } from '@lpdesk/contracts';
import { Button, Checkbox, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBookmark,
  IconCheck,
  IconChevronDown,
  IconDeviceFloppy,
  IconDownload,
  IconPencil,
  IconPlus,
  IconShare,
  IconTrash,
  IconUsers,
  IconLock,
} from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useCurrentUser } from '../auth/session';
import { ConfirmDialog } from '../records/confirm-dialog';
import { sameState } from './view-state';
import { useSavedViews } from './use-saved-views';

export interface SavedViewMenuProps {
  screen: ViewScreen;
  currentState: ViewState;
  activeViewId: string | null;
  onApply(view: SavedView | null): void;
  /** Where the active view's CSV downloads from; screens without a server export leave it out. */
  exportHref?(view: SavedView): string;
}

type Dialog = { kind: 'save' } | { kind: 'rename'; view: SavedView } | { kind: 'delete'; view: SavedView } | null;

function download(url: string) {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** The screen's saved views: pick one, save the current state as a new one, or change the active one. */
export function SavedViewMenu({ screen, currentState, activeViewId, onApply, exportHref }: SavedViewMenuProps) {
  const user = useCurrentUser();
  const { views, create, update, remove } = useSavedViews(screen);
  const [dialog, setDialog] = useState<Dialog>(null);
  const active = views.find((view) => view.id === activeViewId) ?? null;
  const shared = views.filter((view) => view.shared);
  const mine = views.filter((view) => !view.shared);
  const canChange = (view: SavedView) => view.ownerId === user.id || user.role === 'admin';
  const changed = active !== null && !sameState(active.state, currentState);
  const fail = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });

  const item = (view: SavedView) => (
    <Menu.Item
      key={view.id}
      onClick={() => onApply(view)}
      leftSection={view.id === activeViewId ? <IconCheck size={14} /> : <span style={{ width: 14, display: 'inline-block' }} />}
      rightSection={
        view.shared && view.ownerId !== user.id && view.owner ? (
          <Text size="xs" c="dimmed">
            {view.owner.name}
          </Text>
        ) : null
      }
      data-testid="saved-view-item"
      data-view-id={view.id}
    >
      {view.name}
    </Menu.Item>
  );

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md">
        <Menu.Target>
          <Button
            variant={active ? 'light' : 'default'}
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid="saved-view-menu"
          >
            {active ? active.name : 'All records'}
            {changed && (
              <Text span c="dimmed" ml={4} title="The screen no longer matches this view">
                (changed)
              </Text>
            )}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="saved-view-dropdown">
          <Menu.Item
            onClick={() => onApply(null)}
            leftSection={activeViewId ? <span style={{ width: 14, display: 'inline-block' }} /> : <IconCheck size={14} />}
            data-testid="saved-view-none"
          >
            All records
          </Menu.Item>
          {shared.length > 0 && <Menu.Label>Shared</Menu.Label>}
          {shared.map(item)}
          {mine.length > 0 && <Menu.Label>Mine</Menu.Label>}
          {mine.map(item)}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'save' })} data-testid="saved-view-save-new">
            Save as new view…
          </Menu.Item>
          {active && changed && canChange(active) && (
            <Menu.Item
              leftSection={<IconDeviceFloppy size={14} />}
              onClick={() =>
                update.mutate(
                  { id: active.id, changes: { state: currentState } },
                  { onError: fail, onSuccess: () => notifications.show({ color: 'teal', message: `Updated “${active.name}”` }) },
                )
              }
              data-testid="saved-view-update"
            >
              Update “{active.name}”
            </Menu.Item>
          )}
          {active && canChange(active) && (
            <>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setDialog({ kind: 'rename', view: active })} data-testid="saved-view-rename">
                Rename…
              </Menu.Item>
              <Menu.Item
                leftSection={active.shared ? <IconLock size={14} /> : <IconShare size={14} />}
                onClick={() => update.mutate({ id: active.id, changes: { shared: !active.shared } }, { onError: fail })}
                data-testid="saved-view-share"
              >
                {active.shared ? 'Make private' : 'Share with the team'}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => setDialog({ kind: 'delete', view: active })}
                data-testid="saved-view-delete"
              >
                Delete…
              </Menu.Item>
            </>
          )}
          {active && exportHref && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconDownload size={14} />} onClick={() => download(exportHref(active))} data-testid="saved-view-export">
                Export CSV
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {dialog?.kind === 'save' && (
        <ViewNameDialog
          title="Save as new view"
          initialName=""
          withShare
          loading={create.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(name, isShared) =>
            create.mutate(
              { name, shared: isShared, state: currentState },
              {
                onError: fail,
                onSuccess: (view) => {
                  setDialog(null);
                  onApply(view);
                },
              },
            )
          }
        />
      )}
      {dialog?.kind === 'rename' && (
        <ViewNameDialog
          title="Rename view"
          initialName={dialog.view.name}
          loading={update.isPending}
          onCancel={() => setDialog(null)}
          onSubmit={(name) => update.mutate({ id: dialog.view.id, changes: { name } }, { onError: fail, onSuccess: () => setDialog(null) })}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete “${dialog.view.name}”?`}
          confirmLabel="Delete view"
          loading={remove.isPending}
          onCancel={() => setDialog(null)}
          onConfirm={() =>
            remove.mutate(dialog.view.id, {
              onError: fail,
              onSuccess: () => {
                setDialog(null);
                onApply(null);
              },
            })
          }
          testId="saved-view-delete-dialog"
        >
          <Text size="sm">
            {dialog.view.shared
              ? 'The view disappears for everyone on the team. The records it shows are not touched.'
              : 'The records it shows are not touched.'}
          </Text>
        </ConfirmDialog>
      )}
    </>
  );
}

function ViewNameDialog({
  title,
  initialName,
  withShare = false,
  loading,
  onCancel,
  onSubmit,
}: {
  title: string;
  initialName: string;
  withShare?: boolean;
  loading: boolean;
  onCancel(): void;
  onSubmit(name: string, shared: boolean): void;
}) {
  const [name, setName] = useState(initialName);
  const [shared, setShared] = useState(false);
  const trimmed = name.trim();
  return (
    <Modal opened onClose={onCancel} title={title} size="sm" data-testid="saved-view-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed) onSubmit(trimmed, shared);
        }}
      >
        <Stack gap="md">
          <TextInput
            label="Name"
            value={name}
            maxLength={100}
            data-autofocus
            required
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="saved-view-name"
          />
          {withShare && (
            <Checkbox
              label={
                <Group gap={4}>
                  <IconUsers size={14} /> Share with the team
                </Group>
              }
              description="Everyone can see and apply a shared view; only you and admins can change it."
              checked={shared}
              onChange={(e) => setShared(e.currentTarget.checked)}
              data-testid="saved-view-shared"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} disabled={!trimmed} data-testid="saved-view-submit">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
