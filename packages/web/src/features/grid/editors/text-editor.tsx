import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';
import type { GridColumnView } from '@lpdesk/contracts';
import { editText } from '../cell-values';

/**
 * One editor for typed text (text, url, email, number, money, date typed as text, multi-select as a
 * comma list): it hands the raw text back, and the screen parses it by the column's type, as paste does.
 * Typing a character on a cell starts here with that character; Enter/F2 start with the current value.
 */
export function TextCellEditor(props: CustomCellEditorProps & { column: GridColumnView }) {
  const { column, eventKey, initialValue, onValueChange } = props;
  const typed = eventKey && eventKey.length === 1 ? eventKey : null;
  const [text, setText] = useState(() => typed ?? editText(column, initialValue));
  const ref = useRef<HTMLInputElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on open
  useEffect(() => {
    onValueChange(text);
    const input = ref.current;
    if (!input) return;
    input.focus();
    if (typed) input.setSelectionRange(input.value.length, input.value.length);
    else input.select();
  }, []);
  return (
    <input
      ref={ref}
      className="lp-grid-editor"
      data-testid="grid-editor"
      value={text}
      inputMode={column.type === 'money' || column.type === 'number' ? 'decimal' : undefined}
      placeholder={column.type === 'money' ? 'e.g. 1.25M' : column.type === 'date' ? 'YYYY-MM-DD' : column.type === 'multi_select' ? 'a, b, c' : undefined}
      onChange={(event) => {
        setText(event.target.value);
        onValueChange(event.target.value);
      }}
      style={{ textAlign: column.type === 'money' || column.type === 'number' ? 'right' : 'left' }}
    />
  );
}
