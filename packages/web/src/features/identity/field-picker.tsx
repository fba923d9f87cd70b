import { Radio, Stack, Table, Text } from '@mantine/core';
import { useTeam } from '../../api/hooks';
import { humanize } from '../../ui/format';
import { useCompactLayout } from '../../ui/responsive';
import { displayValue, type IdentityComparisonView } from './identity-api';

export type Side = 'a' | 'b';
type FieldComparison = IdentityComparisonView['fields'][number];

interface FieldPickerProps {
  fields: FieldComparison[];
  /** Which side is shown left (the survivor). */
  left: Side;
  picks: Record<string, Side>;
  onPick(field: string, side: Side): void;
  leftLabel: string;
  rightLabel: string;
  /** What tells two same-named records apart (an email, a website), shown under each name. */
  leftHint?: string | undefined;
  rightHint?: string | undefined;
}

function SideHeading({ label, part, hint }: { label: string; part: string; hint?: string | undefined }) {
  return (
    <>
      <Text size="sm" fw={600} span>
        {label}{' '}
        <Text span c="dimmed" size="xs" fw={400}>
          ({part})
        </Text>
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" fw={400} truncate title={hint}>
          {hint}
        </Text>
      )}
    </>
  );
}

/** Values that mean "not filled in" besides empty (the server's defaults; core identity/merges/fields.ts). */
const EMPTY_VALUES: Record<string, string> = { accreditationStatus: 'unknown', kind: 'other' };
/** Fields whose stored values are codes a person reads humanized. */
const CODED_FIELDS = new Set(['accreditationStatus', 'accreditationMethod', 'preferredChannel', 'kind']);

type Formatter = (field: FieldComparison, side: Side) => string;

/** Owner ids become team members' names, codes become words. */
function useFieldFormatter(): Formatter {
  const team = useTeam();
  return (field, side) => {
    const value = side === 'a' ? field.a : field.b;
    if (field.field === 'ownerId' && typeof value === 'string') return team.data?.find((u) => u.id === value)?.name ?? 'A former team member';
    if (CODED_FIELDS.has(field.field) && typeof value === 'string') return humanize(value);
    return displayValue(value);
  };
}

interface PickCellProps {
  field: FieldComparison;
  side: Side;
  picks: Record<string, Side>;
  onPick(field: string, side: Side): void;
  format: Formatter;
}

function PickCell({ field, side, picks, onPick, format }: PickCellProps) {
  const text = format(field, side);
  if (!field.differs)
    return (
      <Text size="sm" c="dimmed">
        {text}
      </Text>
    );
  return (
    <Radio
      name={`pick-${field.field}`}
      value={side}
      checked={picks[field.field] === side}
      onChange={() => onPick(field.field, side)}
      label={text}
      data-testid={`pick-${field.field}-${side}`}
      styles={{ label: { wordBreak: 'break-word' } }}
    />
  );
}

/**
 * Side by side: left is the survivor, right the record merged into it. Each differing field has a radio
 * per side (native radios, so Tab and the arrow keys work); identical fields are shown muted, nothing to pick.
 */
export function FieldPicker({ fields: allFields, left, picks, onPick, leftLabel, rightLabel, leftHint, rightHint }: FieldPickerProps) {
  const compact = useCompactLayout();
  const format = useFieldFormatter();
  const right: Side = left === 'a' ? 'b' : 'a';
  // Fields empty on both sides have nothing to show or pick.
  const fields = allFields.filter((f) => f.differs || displayValue(f.a) !== '—');
  if (compact)
    return (
      <Stack gap="sm" data-testid="identity-fields">
        <Text size="xs" c="dimmed">
          First value: {leftLabel}
          {leftHint ? ` (${leftHint})` : ''}, kept. Second: {rightLabel}
          {rightHint ? ` (${rightHint})` : ''}, merged in.
        </Text>
        {fields.map((field) => (
          <Stack key={field.field} gap={4} data-field={field.field} style={{ opacity: field.differs ? 1 : 0.75 }}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {field.label}
            </Text>
            <PickCell field={field} side={left} picks={picks} onPick={onPick} format={format} />
            {field.differs && <PickCell field={field} side={right} picks={picks} onPick={onPick} format={format} />}
          </Stack>
        ))}
      </Stack>
    );
  return (
    <Table layout="fixed" verticalSpacing={6} data-testid="identity-fields">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">Field</Table.Th>
          <Table.Th>
            <SideHeading label={leftLabel} part="keeps" hint={leftHint} />
          </Table.Th>
          <Table.Th>
            <SideHeading label={rightLabel} part="merged in" hint={rightHint} />
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((field) => (
          <Table.Tr key={field.field} data-field={field.field}>
            <Table.Td>
              <Text size="sm" fw={500} c={field.differs ? undefined : 'dimmed'}>
                {field.label}
              </Text>
            </Table.Td>
            <Table.Td>
              <PickCell field={field} side={left} picks={picks} onPick={onPick} format={format} />
            </Table.Td>
            <Table.Td>
              <PickCell field={field} side={right} picks={picks} onPick={onPick} format={format} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The survivor keeps its own value unless it has none (the server's default too). */
export function defaultPicks(fields: FieldComparison[], survivor: Side): Record<string, Side> {
  const other: Side = survivor === 'a' ? 'b' : 'a';
  const picks: Record<string, Side> = {};
  for (const field of fields) {
    if (!field.differs) continue;
    const value = survivor === 'a' ? field.a : field.b;
    picks[field.field] = displayValue(value) === '—' || value === EMPTY_VALUES[field.field] ? other : survivor;
  }
  return picks;
}
