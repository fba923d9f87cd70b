// What the suites that drive the pipeline board share: a real pointer drag, and the board's cards.
import { api } from './session.mjs';

/** A real pointer drag: press, move in steps past dnd-kit's activation distance, release over the target. */
export async function drag(page, source, target) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 5, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.waitForTimeout(100);
  await page.mouse.up();
}

/** The board of the suite's server: a card by investor name, its commitment from the API, and opening the page. */
export function kanban(page, url) {
  return {
    card: (name) => page.getByTestId('kanban-card').filter({ hasText: name }),
    commitmentOf: async (name) => {
      const board = (await api(page, 'GET', `/api/reports/pipeline?q=${encodeURIComponent(name)}`)).body.data;
      return board.stages.flatMap((s) => s.cards).find((c) => c.organization.name === name);
    },
    openPipeline: async () => {
      await page.goto(`${url}/pipeline`);
      await page.getByTestId('column-meeting').getByTestId('kanban-card').first().waitFor();
    },
  };
}
