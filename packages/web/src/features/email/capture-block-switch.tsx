import { Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { ConfirmDialog } from '../records/confirm-dialog';
import { type EmailLinkEntityType, useCanLinkEmail, useCaptureBlock, useSetCaptureBlock } from './email-api';

/**
 * "Do not capture email" on a contact or organization. Turning it on removes what was captured for the
 * record, so it asks first and says what goes; turning it off only lets future mail (and re-matches) in.
 */
export function CaptureBlockSwitch({ entityType, entityId, name }: { entityType: EmailLinkEntityType; entityId: string; name: string }) {
  const block = useCaptureBlock(entityType, entityId);
  const change = useSetCaptureBlock(entityType, entityId);
  const canLink = useCanLinkEmail();
  const [confirming, setConfirming] = useState(false);
  const blocked = block.data?.blocked ?? false;
  const set = (next: boolean) =>
    change.mutate(next, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'teal', message: next ? `Email is no longer captured for ${name}` : `Email is captured for ${name} again` });
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  return (
    <>
      <Switch
        size="xs"
        label="Do not capture email"
        checked={blocked}
        disabled={!canLink || block.isPending || block.isError || change.isPending}
        onChange={(event) => (event.currentTarget.checked ? setConfirming(true) : set(false))}
        data-testid="email-capture-block"
      />
      {confirming && (
        <ConfirmDialog
          title={`Stop capturing email for ${name}?`}
          confirmLabel="Do not capture"
          loading={change.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => set(true)}
          testId="email-capture-block-confirm"
        >
          <Text size="sm">
            Mail from and to {name} will no longer be linked to this {entityType}, by address, by domain or by hand. Threads linked now are unlinked, and the
            bodies and attachments of messages that were kept only because of this {entityType} are removed; their headers stay.
          </Text>
          <Text size="sm" c="dimmed">
            Turning this off later lets mail be matched to it again.
          </Text>
        </ConfirmDialog>
      )}
    </>
  );
}
