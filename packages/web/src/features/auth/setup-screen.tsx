import { Alert, Button, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { SetupInput } from '@lpdesk/contracts';
import type { FormEvent } from 'react';
import { errorsFromApi, useFormState, validate } from '../../ui/forms';
import { AuthLayout } from './auth-layout';
import { useSetup } from './session';

export function SetupScreen() {
  const form = useFormState({ username: '', fullName: '', email: '', password: '', confirm: '' });
  const setup = useSetup();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { confirm, ...rest } = form.values;
    const input = {
      username: rest.username,
      password: rest.password,
      ...(rest.email.trim() ? { email: rest.email } : {}),
      ...(rest.fullName.trim() ? { fullName: rest.fullName } : {}),
    };
    const result = validate(SetupInput, input);
    const errors = { ...(result.errors ?? {}) };
    if (confirm !== rest.password) errors.confirm = 'Passwords do not match';
    if (result.errors || errors.confirm) return form.setErrors(errors);
    setup.mutate(input, { onError: (error) => form.setErrors(errorsFromApi(error)) });
  };
  return (
    <AuthLayout title="Set up LP Desk" subtitle="Create the first administrator account. You can invite the rest of the team afterwards.">
      <form onSubmit={submit} noValidate>
        <Stack>
          {form.errors._form && (
            <Alert color="red" variant="light">
              {form.errors._form}
            </Alert>
          )}
          <SimpleGrid cols={2}>
            <TextInput
              label="Full name"
              value={form.values.fullName}
              error={form.errors.fullName}
              onChange={(e) => form.set('fullName', e.currentTarget.value)}
            />
            <TextInput
              label="Username"
              required
              autoComplete="username"
              value={form.values.username}
              error={form.errors.username}
              onChange={(e) => form.set('username', e.currentTarget.value)}
            />
          </SimpleGrid>
          <TextInput
            label="Email"
            type="email"
            value={form.values.email}
            error={form.errors.email}
            onChange={(e) => form.set('email', e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            required
            description="At least 10 characters; a passphrase is best."
            autoComplete="new-password"
            value={form.values.password}
            error={form.errors.password}
            onChange={(e) => form.set('password', e.currentTarget.value)}
          />
          <PasswordInput
            label="Confirm password"
            required
            autoComplete="new-password"
            value={form.values.confirm}
            error={form.errors.confirm}
            onChange={(e) => form.set('confirm', e.currentTarget.value)}
          />
          <Button type="submit" loading={setup.isPending} fullWidth mt="xs">
            Create admin account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
