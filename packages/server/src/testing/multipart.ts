import type { Caller, Loose, TestApi, TestResponse } from './harness.js';

/** A multipart/form-data body with one file and text fields, as a browser's FormData sends it. */
export function multipartBody(file: { name: string; content: string; type?: string }, fields: Record<string, string> = {}): { rawBody: string; headers: Record<string, string> } {
  const boundary = `----lpdesk-test-${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n${file.content}\r\n`);
  return { rawBody: `${parts.join('')}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** POST /api/imports with a CSV text as the uploaded file. */
export function uploadCsv(api: TestApi, as: Caller, csv: string, options: { name?: string; entity?: string } = {}): Promise<TestResponse<Loose>> {
  const body = multipartBody({ name: options.name ?? 'upload.csv', content: csv }, options.entity ? { entity: options.entity } : {});
  return api.request('POST', '/api/imports', { as, ...body });
}
