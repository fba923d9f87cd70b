// The Reports area (issue 16): every report opens on the demo data, shows the API's numbers, and
// downloads its CSV; the investor tear sheet renders and prints to a PDF of about one page.
// Screenshots: e2e/screenshots/e2e-reports-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true };

/** Minor units as the tables show them: $1,500,000 (the demo is in whole dollars). */
const full = (minor) => `$${(minor / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
const share = (ratio) => (ratio === null ? '—' : `${Math.round(ratio * 100)}%`);

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `e2e-reports-${name}.png`), fullPage: true });
  const download = async (click) => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
  };
  const csvRows = (text) =>
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter(Boolean);
  const rows = (testId) => page.getByTestId(testId);
  const openReport = async (slug, ready) => {
    await page.getByTestId(`report-tab-${slug}`).click();
    await page.waitForURL(`**/reports/${slug}**`);
    await page.getByTestId(ready).first().waitFor();
  };

  test('sign in; Reports opens on fund progress with the API numbers and a CSV of the series', async () => {
    await signIn(page, url, admin);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL('**/reports/fund-progress');
    await page.getByTestId('fund-progress-table').waitFor();
    const { body } = await api(page, 'GET', '/api/reports/fund-progress');
    const report = body.data;
    expect(report.committedAmount > 0, 'the demo fund has commitments');
    const committedRow = rows('fund-progress-row').filter({ hasText: 'Committed' });
    await waitFor(async () => (await committedRow.textContent()).includes(full(report.committedAmount)), `committed row shows ${full(report.committedAmount)}`);
    expect((await rows('fund-progress-row').filter({ hasText: 'Funded' }).textContent()).includes(full(report.fundedAmount)), 'funded matches the API');
    const areas = await page.getByTestId('fund-progress-series-chart').locator('.recharts-area').count();
    expect(areas === 2, `committed and closed are drawn (${areas} areas)`);
    const file = await download(() => page.getByTestId('report-csv').click());
    expect(file.name.endsWith('.csv'), `file name ${file.name}`);
    expect(csvRows(file.text).length - 1 === report.series.length, `${csvRows(file.text).length - 1} CSV rows for ${report.series.length} points`);
    await shot('fund-progress');
  });

  test('pipeline: every stage row and its amount match the API; the CSV has one row a stage', async () => {
    await openReport('pipeline', 'pipeline-stage-table');
    const report = (await api(page, 'GET', '/api/reports/pipeline-analysis')).body.data;
    await waitFor(async () => (await rows('pipeline-stage-row').count()) === report.byStage.length, `${report.byStage.length} stage rows`);
    const committed = report.byStage.find((s) => s.stage === 'committed');
    const text = await rows('pipeline-stage-row').filter({ hasText: 'Committed' }).textContent();
    expect(text.includes(full(committed.amount)), `committed stage shows ${full(committed.amount)} (row: ${text})`);
    const file = await download(() => page.getByTestId('report-csv').click());
    expect(csvRows(file.text).length - 1 === report.byStage.length, 'one CSV row a stage');
    await shot('pipeline');
  });

  test('conversion: the rates shown are the API rates', async () => {
    await openReport('conversion', 'conversion-table');
    const report = (await api(page, 'GET', '/api/reports/conversion')).body.data;
    const shown = await rows('conversion-rate').allTextContents();
    expect(JSON.stringify(shown) === JSON.stringify(report.stages.map((s) => share(s.conversion))), `rates ${shown} vs API`);
    expect((await page.getByTestId('win-rate').textContent()) === share(report.winRate.rate), 'win rate matches');
    await shot('conversion');
  });

  test('LP breakdown: top-10 share and the kind table match the API', async () => {
    await openReport('lp-breakdown', 'breakdown-kind-table');
    const report = (await api(page, 'GET', '/api/reports/lp-breakdown')).body.data;
    expect((await page.getByTestId('breakdown-top10').textContent()) === share(report.concentration.top10Share), 'top-10 share matches');
    const kindRows = await page.getByTestId('breakdown-kind-table').locator('tbody tr').count();
    expect(kindRows === report.byKind.length, `${kindRows} kind rows for ${report.byKind.length}`);
    const file = await download(() => page.getByTestId('csv-byGeography').click());
    expect(csvRows(file.text).length - 1 === report.byGeography.length, 'the geography CSV has a row a location');
    await shot('lp-breakdown');
  });

  test('re-ups: every Fund I LP is listed with its status', async () => {
    await openReport('reups', 'reups-table');
    // The screen's default: the newest vintage is the new fund, the one before it the prior fund.
    const funds = (await api(page, 'GET', '/api/funds?limit=100')).body.data.sort((a, b) => b.vintage - a.vintage);
    expect(funds[0].name === 'Fund II' && funds[1].name === 'Fund I', 'the demo has Fund I then Fund II');
    const report = (await api(page, 'GET', `/api/reports/reups?fromFundId=${funds[1].id}&toFundId=${funds[0].id}`)).body.data;
    await waitFor(async () => (await rows('reup-row').count()) === report.length, `${report.length} re-up rows`);
    const committed = report.filter((r) => r.status === 'committed').length;
    expect((await page.getByTestId('reup-count-committed').textContent()) === `Re-upped: ${committed}`, 'the re-upped count matches');
    const file = await download(() => page.getByTestId('report-csv').click());
    expect(csvRows(file.text).length - 1 === report.length, 'one CSV row a prior LP');
    await shot('reups');
  });

  test('activity: a shorter cold window goes to the URL and the cold list follows the API', async () => {
    await openReport('activity', 'report-cold');
    await page.getByTestId('report-cold').fill('14');
    await page.waitForURL('**cold=14**');
    const report = (await api(page, 'GET', '/api/reports/activity?coldDays=14')).body.data;
    await waitFor(
      async () => (report.cold.length === 0 ? (await page.getByTestId('cold-empty').count()) === 1 : (await rows('cold-row').count()) === report.cold.length),
      `${report.cold.length} cold investors`,
    );
    await shot('activity');
  });

  test('tear sheet: opens from the organization page, shows its commitments and prints to about one page', async () => {
    const org = (await api(page, 'GET', '/api/organizations?q=Summit&limit=1')).body.data[0];
    await page.goto(`${url}/organizations/${org.id}`);
    await page.getByTestId('open-tear-sheet').click();
    await page.getByTestId('tear-sheet').waitFor();
    const sheet = (await api(page, 'GET', `/api/reports/tear-sheet/${org.id}`)).body.data;
    expect((await rows('tear-sheet-commitment').count()) === sheet.commitments.length, 'every commitment is listed');
    expect((await page.getByTestId('tear-sheet-name').textContent()) === org.name, 'the name heads the sheet');
    await shot('tear-sheet');
    const pdf = await page.pdf({ format: 'Letter', printBackground: false });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages >= 1 && pages <= 2, `the tear sheet prints on ${pages} page(s)`);
    await page.emulateMedia({ media: 'print' });
    expect(!(await page.locator('#lp-navbar').isVisible()), 'no sidebar in print');
    expect(!(await page.getByTestId('tear-sheet-print').isVisible()), 'no Print button in print');
    await page.emulateMedia({ media: 'screen' });
  });
}
