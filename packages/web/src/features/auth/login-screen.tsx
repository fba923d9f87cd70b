import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { LoginInput } from '@lpdesk/contracts';
import type { FormEvent } from 'react';
import { errorsFromApi, useFormState, validate } from '../../ui/forms';
import { AuthLayout } from './auth-layout';
import { useLogin } from './session';

export function LoginScreen() {
  const form = useFormState({ username: '', password: '' });
  const login = useLogin();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(LoginInput, form.values);
    if (result.errors) return form.setErrors(result.errors);
    login.mutate(result.data, { onError: (error) => form.setErrors(errorsFromApi(error)) });
  };
  return (
    <AuthLayout title="Sign in" subtitle="Welcome back. Sign in to your fundraising workspace.">
      <form onSubmit={submit} noValidate>
        <Stack>
          {form.errors._form && (
            <Alert color="red" variant="light" data-testid="form-error">
              {form.errors._form}
            </Alert>
          )}
          <TextInput
            label="Username"
            autoComplete="username"
            autoFocus
            value={form.values.username}
            error={form.errors.username}
            onChange={(e) => form.set('username', e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={form.values.password}
            error={form.errors.password}
            onChange={(e) => form.set('password', e.currentTarget.value)}
          />
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
