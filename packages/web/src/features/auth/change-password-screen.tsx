import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { PasswordChangeInput } from '@lpdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api } from '../../api/client';
import type { Session } from '../../api/types';
import { errorsFromApi, useFormState, validate } from '../../ui/forms';
import { AuthLayout } from './auth-layout';
import { SESSION_KEY, useLogout } from './session';

/**
 * Shown instead of the app while the signed-in user's password is one an admin set (a new account, a
 * reset): every other API call answers 403 password_change_required until it is replaced.
 */
export function ChangePasswordScreen({ username }: { username: string }) {
  const client = useQueryClient();
  const logout = useLogout();
  const form = useFormState({ currentPassword: '', newPassword: '', confirm: '' });
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post('/api/auth/password', body),
    onSuccess: () =>
      client.setQueryData(SESSION_KEY, (old: Session | null | undefined) => (old ? { ...old, user: { ...old.user, mustChangePassword: false } } : old)),
    onError: (error) => form.setErrors(errorsFromApi(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { confirm, ...body } = form.values;
    const result = validate(PasswordChangeInput, body);
    const errors = {
      ...(result.errors ?? {}),
      ...(body.newPassword && body.newPassword === body.currentPassword ? { newPassword: 'Choose a password different from the temporary one' } : {}),
      ...(confirm !== body.newPassword ? { confirm: 'Passwords do not match' } : {}),
    };
    if (Object.keys(errors).length) return form.setErrors(errors);
    change.mutate(body);
  };
  return (
    <AuthLayout title="Choose a new password" subtitle={`Signed in as ${username} with a temporary password set by an admin. Choose your own to continue.`}>
      <form onSubmit={submit} noValidate data-testid="change-password-form">
        <Stack>
          {form.errors._form && (
            <Alert color="red" variant="light" data-testid="form-error">
              {form.errors._form}
            </Alert>
          )}
          <PasswordInput
            label="Temporary password"
            autoComplete="current-password"
            autoFocus
            value={form.values.currentPassword}
            error={form.errors.currentPassword}
            onChange={(e) => form.set('currentPassword', e.currentTarget.value)}
          />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            value={form.values.newPassword}
            error={form.errors.newPassword}
            onChange={(e) => form.set('newPassword', e.currentTarget.value)}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            value={form.values.confirm}
            error={form.errors.confirm}
            onChange={(e) => form.set('confirm', e.currentTarget.value)}
          />
          <Button type="submit" loading={change.isPending} fullWidth mt="xs">
            Set password and continue
          </Button>
          <Button variant="subtle" color="gray" onClick={() => logout.mutate()}>
            Sign out
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
