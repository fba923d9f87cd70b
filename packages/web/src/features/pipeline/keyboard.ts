import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Arrow keys jump a picked-up card one whole column left or right (Space picks up and drops,
 * Escape cancels), so the board works without a mouse; Up/Down nudge within the column.
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const rect = context.collisionRect;
  if (!rect) return undefined;
  const columns = context.droppableContainers
    .getEnabled()
    .map((container) => ({ id: container.id, rect: context.droppableRects.get(container.id) }))
    .filter((c): c is { id: string | number; rect: NonNullable<typeof c.rect> } => Boolean(c.rect));
  const centre = rect.left + rect.width / 2;
  switch (event.code) {
    case 'ArrowRight': {
      event.preventDefault();
      const next = columns.filter((c) => c.rect.left > centre).sort((a, b) => a.rect.left - b.rect.left)[0];
      return next ? { x: next.rect.left + (next.rect.width - rect.width) / 2, y: currentCoordinates.y } : currentCoordinates;
    }
    case 'ArrowLeft': {
      event.preventDefault();
      const previous = columns.filter((c) => c.rect.left + c.rect.width < centre).sort((a, b) => b.rect.left - a.rect.left)[0];
      return previous ? { x: previous.rect.left + (previous.rect.width - rect.width) / 2, y: currentCoordinates.y } : currentCoordinates;
    }
    case 'ArrowDown':
      event.preventDefault();
      return { x: currentCoordinates.x, y: currentCoordinates.y + 40 };
    case 'ArrowUp':
      event.preventDefault();
      return { x: currentCoordinates.x, y: currentCoordinates.y - 40 };
    default:
      return undefined;
  }
};
