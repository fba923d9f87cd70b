import type { KeyboardEvent } from 'react';
import classes from './clickable.module.css';

/**
 * Props that make a card or row open its record by click, Enter or Space. Links and buttons inside
 * keep their own behaviour: keys only count on the element itself, and inner clicks stop propagation.
 */
export function clickableProps(onOpen: () => void, label: string) {
  return {
    role: 'button' as const,
    tabIndex: 0,
    'aria-label': label,
    className: classes.clickable,
    onClick: onOpen,
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        onOpen();
      }
    },
  };
}
