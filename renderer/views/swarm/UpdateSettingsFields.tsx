/**
 * The rolling-update fields (`--update-parallelism`, `--update-delay`, `--update-failure-action`,
 * `--update-order`), in the Create service and the Update image dialogs.
 */
import { Row } from '../containers/RunDialog';
import type { UpdateFields } from './service-form';

export function UpdateSettingsFields({ value, errors, onChange }: { value: UpdateFields; errors: Partial<Record<keyof UpdateFields, string | undefined>>; onChange<K extends keyof UpdateFields>(field: K, v: UpdateFields[K]): void }) {
  const text = (field: 'parallelism' | 'delay', label: string, hint: string) => (
    <Row label={label} error={errors[field]} hint={hint}>
      {({ id, describedBy }) => <input id={id} value={value[field]} onChange={(e) => onChange(field, e.target.value)} aria-invalid={!!errors[field] || undefined} aria-describedby={describedBy} autoComplete="off" spellCheck={false} />}
    </Row>
  );
  return (
    <div className="grid-4">
      {text('parallelism', 'Parallelism', 'tasks at once; 0: all')}
      {text('delay', 'Delay', 'between batches: 10s, 1m30s')}
      <Row label="Failure action">
        {({ id }) => (
          <select id={id} value={value.failureAction} onChange={(e) => onChange('failureAction', e.target.value as UpdateFields['failureAction'])}>
            <option value="pause">pause</option>
            <option value="continue">continue</option>
            <option value="rollback">rollback</option>
          </select>
        )}
      </Row>
      <Row label="Order">
        {({ id }) => (
          <select id={id} value={value.order} onChange={(e) => onChange('order', e.target.value as UpdateFields['order'])}>
            <option value="stop-first">stop-first</option>
            <option value="start-first">start-first</option>
          </select>
        )}
      </Row>
    </div>
  );
}
