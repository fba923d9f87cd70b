import { Card, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useDigestPreference, useUpdateDigestPreference } from './hooks';

/** The profile's opt-out of the daily digest email (sent only where the server has SMTP configured). */
export function DigestPreferenceCard() {
  const preference = useDigestPreference();
  const update = useUpdateDigestPreference();
  return (
    <Card>
      <Title order={4}>Email</Title>
      <Text size="sm" c="dimmed" mb="md">
        When your administrator has set up email, LP Desk sends one message a day with your due and overdue tasks and unread notifications.
      </Text>
      <Switch
        label="Daily digest email"
        checked={preference.data?.emailDigest ?? true}
        disabled={preference.isPending || update.isPending}
        onChange={(event) =>
          update.mutate(event.currentTarget.checked, {
            onSuccess: (saved) => notifications.show({ message: saved.emailDigest ? 'Daily digest turned on' : 'Daily digest turned off', color: 'teal' }),
          })
        }
        data-testid="digest-switch"
      />
    </Card>
  );
}
