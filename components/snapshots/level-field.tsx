'use client';

import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

export interface LevelFieldProps {
  /** The chosen environment's engine can snapshot one table; otherwise only the database level is offered. */
  tableLevel: boolean;
  level: 'database' | 'table';
  table: string;
  onChange: (change: { level?: 'database' | 'table'; table?: string }) => void;
  tableErrors?: string[];
}

const radioClasses = 'size-4 border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600';

export function LevelField({ tableLevel, level, table, onChange, tableErrors }: LevelFieldProps) {
  if (!tableLevel) {
    return <p className="text-sm text-slate-600">Level: the whole database (this engine snapshots whole databases only).</p>;
  }
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">Level</legend>
      <div className="mt-2 flex flex-wrap items-start gap-6 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="level"
            value="database"
            className={radioClasses}
            checked={level === 'database'}
            onChange={() => onChange({ level: 'database' })}
          />
          Whole database
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="level"
            value="table"
            className={radioClasses}
            checked={level === 'table'}
            onChange={() => onChange({ level: 'table' })}
          />
          One table
        </label>
        {level === 'table' && (
          <div className="min-w-56">
            <Label htmlFor="snapshot-table" className="sr-only">
              Table
            </Label>
            <Input
              id="snapshot-table"
              className="font-mono"
              placeholder="table name"
              value={table}
              autoComplete="off"
              onChange={(event) => onChange({ table: event.target.value })}
              invalid={Boolean(tableErrors)}
              aria-describedby={tableErrors ? 'snapshot-table-error' : undefined}
            />
            <FieldError id="snapshot-table-error" messages={tableErrors} />
          </div>
        )}
      </div>
    </fieldset>
  );
}
