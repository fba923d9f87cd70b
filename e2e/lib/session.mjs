// What every suite needs to act as a user: sign in through the UI, call the API from inside the page
// (its session cookie and CSRF token), wait for a condition, and save a screenshot.
import { join } from 'node:path';

/**
 * Sign in through the sign-in screen as the suite's admin (or any { username, password }). A user an
 * admin created has a temporary password: the change-password screen comes first, and the account's
 * password becomes `account.newPassword` (or the temporary one with " again" appended).
 */
export async function signIn(page, url, account) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.getByRole('textbox', { name: 'Username' }).fill(account.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const changeForm = page.getByTestId('change-password-form');
  await nav.or(changeForm).first().waitFor();
  if (await changeForm.isVisible()) {
    const next = account.newPassword ?? `${account.password} again`;
    await changeForm.getByLabel('Temporary password').fill(account.password);
    await changeForm.getByLabel('New password', { exact: true }).fill(next);
    await changeForm.getByLabel('Confirm new password').fill(next);
    await changeForm.getByRole('button', { name: 'Set password and continue' }).click();
    account.password = next;
  }
  await nav.waitFor();
}

/** Call the API from inside the page, with its session cookie and CSRF token. */
export async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.data.csrfToken },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed };
    },
    { method, path, body },
  );
}

export async function waitFor(fn, message, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > until) throw new Error(message);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const screenshot = (page, screenshotDir, name) => page.screenshot({ path: join(screenshotDir, `e2e-${name}.png`) });
