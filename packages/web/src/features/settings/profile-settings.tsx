import { Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PasswordChangeInput } from '@lpdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { humanize } from '../../ui/format';
import { blankToNull, errorsFromApi, useFormState, validate } from '../../ui/forms';
import { SESSION_KEY, useCurrentUser } from '../auth/session';
import { DigestPreferenceCard } from '../notifications/digest-preference';

export function ProfileSettings() {
  const me = useCurrentUser();
  const client = useQueryClient();
  const profile = useFormState({ fullName: me.fullName ?? '', email: me.email ?? '' });
  const password = useFormState({ currentPassword: '', newPassword: '', confirm: '' });
  const saveProfile = useMutation({
    mutationFn: (body: { fullName: string | null; email: string | null }) => api.patch<{ data: User }>('/api/auth/me', body).then((r) => r.data),
    onSuccess: (user) => {
      client.setQueryData(SESSION_KEY, (old: { user: User; csrfToken: string } | null | undefined) => (old ? { ...old, user: { ...old.user, ...user } } : old));
      notifications.show({ message: 'Profile saved', color: 'teal' });
    },
    onError: (error) => profile.setErrors(errorsFromApi(error)),
  });
  const changePassword = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post('/api/auth/password', body),
    onSuccess: () => {
      password.reset();
      notifications.show({ message: 'Password changed; other sessions were signed out', color: 'teal' });
    },
    onError: (error) => password.setErrors(errorsFromApi(error)),
  });
  const submitProfile = (e: FormEvent) => {
    e.preventDefault();
    saveProfile.mutate({ fullName: blankToNull(profile.values.fullName), email: blankToNull(profile.values.email) });
  };
  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    const { confirm, ...body } = password.values;
    const result = validate(PasswordChangeInput, body);
    const errors = { ...(result.errors ?? {}), ...(confirm !== body.newPassword ? { confirm: 'Passwords do not match' } : {}) };
    if (Object.keys(errors).length) return password.setErrors(errors);
    changePassword.mutate(body);
  };
  return (
    <Stack gap="lg">
      <Card>
        <Title order={4}>Profile</Title>
        <Text size="sm" c="dimmed" mb="md">
          Signed in as {me.username} · {humanize(me.role)}
        </Text>
        <form onSubmit={submitProfile} noValidate>
          <Stack gap="sm" maw={420}>
            <TextInput
              label="Full name"
              value={profile.values.fullName}
              error={profile.errors.fullName}
              onChange={(e) => profile.set('fullName', e.currentTarget.value)}
            />
            <TextInput
              label="Email"
              type="email"
              value={profile.values.email}
              error={profile.errors.email}
              onChange={(e) => profile.set('email', e.currentTarget.value)}
            />
            {profile.errors._form && (
              <Text c="red" size="sm">
                {profile.errors._form}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={saveProfile.isPending}>
                Save profile
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <DigestPreferenceCard />
      <Card>
        <Title order={4} mb="md">
          Password
        </Title>
        <form onSubmit={submitPassword} noValidate>
          <Stack gap="sm" maw={420}>
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              value={password.values.currentPassword}
              error={password.errors.currentPassword}
              onChange={(e) => password.set('currentPassword', e.currentTarget.value)}
            />
            <PasswordInput
              label="New password"
              description="At least 10 characters"
              autoComplete="new-password"
              value={password.values.newPassword}
              error={password.errors.newPassword}
              onChange={(e) => password.set('newPassword', e.currentTarget.value)}
            />
            <PasswordInput
              label="Confirm new password"
              autoComplete="new-password"
              value={password.values.confirm}
              error={password.errors.confirm}
              onChange={(e) => password.set('confirm', e.currentTarget.value)}
            />
            {password.errors._form && (
              <Text c="red" size="sm">
                {password.errors._form}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={changePassword.isPending}>
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
