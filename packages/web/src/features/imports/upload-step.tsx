import { IMPORT_ENTITIES, type ImportEntity } from '@lpdesk/contracts';
import { Alert, Box, Button, Group, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertCircle, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { type DragEvent, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { ENTITY_LABELS, formatBytes } from './import-labels';
import classes from './imports.module.css';

const ACCEPT = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain';
/** The server refuses larger uploads; saying so before sending saves a long wait for an error. */
const MAX_BYTES = 50 * 1024 * 1024;
const GUESS = 'guess';

/** Step 1: the file (dropped or picked) and what it holds. */
export function UploadStep({
  entity,
  onEntityChange,
  uploading,
  error,
  onUpload,
}: {
  entity: ImportEntity | null;
  onEntityChange: (entity: ImportEntity | null) => void;
  uploading: boolean;
  error: unknown;
  onUpload: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const choose = (picked: File | undefined) => {
    if (!picked) return;
    if (picked.size > MAX_BYTES) {
      setProblem(`${picked.name} is ${formatBytes(picked.size)}; files up to ${formatBytes(MAX_BYTES)} can be imported. Split it and import the parts.`);
      setFile(null);
      return;
    }
    if (picked.size === 0) {
      setProblem(`${picked.name} is empty.`);
      setFile(null);
      return;
    }
    setProblem(null);
    setFile(picked);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  const entityOptions = [{ value: GUESS, label: 'Detect from the column names' }, ...IMPORT_ENTITIES.map((e) => ({ value: e, label: ENTITY_LABELS[e].label }))];
  const shownError = problem ?? (error ? errorMessage(error) : null);
  return (
    <Stack gap="md">
      <Select
        label="What does the file hold?"
        description="One row per record. Contacts can name their organization; commitments name the investor and the fund."
        data={entityOptions}
        value={entity ?? GUESS}
        onChange={(value) => onEntityChange(value && value !== GUESS ? (value as ImportEntity) : null)}
        allowDeselect={false}
        maw={420}
        data-testid="import-entity"
      />
      <UnstyledButton
        className={classes.dropzone}
        data-dragging={dragging || undefined}
        data-testid="import-dropzone"
        onClick={() => input.current?.click()}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Stack align="center" gap={6}>
          {file ? <IconFileSpreadsheet size={32} stroke={1.5} /> : <IconUpload size={32} stroke={1.5} />}
          {file ? (
            <>
              <Text fw={600} data-testid="import-file-name" style={{ wordBreak: 'break-all' }}>
                {file.name}
              </Text>
              <Text size="sm" c="dimmed">
                {formatBytes(file.size)} · click or drop another file to replace it
              </Text>
            </>
          ) : (
            <>
              <Text fw={600}>Drop a CSV or TSV file here, or click to choose one</Text>
              <Text size="sm" c="dimmed" ta="center">
                Exports from Airtable, Excel or Google Sheets work as they are: the delimiter, the encoding and a BOM are detected.
              </Text>
            </>
          )}
        </Stack>
      </UnstyledButton>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="import-file-input"
        onChange={(event) => {
          choose(event.currentTarget.files?.[0]);
          event.currentTarget.value = '';
        }}
      />
      {shownError && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} title="The file was not uploaded" data-testid="import-upload-error">
          {shownError}
        </Alert>
      )}
      <Group justify="flex-end">
        <Box>
          <Button disabled={!file} loading={uploading} onClick={() => file && onUpload(file)} data-testid="import-upload">
            Upload and map columns
          </Button>
        </Box>
      </Group>
    </Stack>
  );
}
