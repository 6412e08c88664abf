import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { AUDIT_ACTOR_TYPES } from '@/lib/validations/audit';

export interface AuditFilterFormProps {
  /** The raw values from the URL, shown back in the fields. */
  values: Record<string, string>;
  teams: Array<{ id: string; displayName: string }>;
  actions: string[];
  fieldErrors: Record<string, string[] | undefined>;
}

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilterForm({ values, teams, actions, fieldErrors }: AuditFilterFormProps) {
  const invalid = (field: string) => ({
    invalid: Boolean(fieldErrors[field]),
    'aria-describedby': fieldErrors[field] ? `audit-${field}-error` : undefined,
  });
  return (
    <form method="get" action="/audit" aria-label="Filter the audit log" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <div>
        <Label htmlFor="audit-team">Team</Label>
        <Select
          id="audit-team"
          name="team"
          className="mt-1.5"
          defaultValue={values.team ?? ''}
          placeholder="All teams"
          options={teams.map((team) => ({ value: team.id, label: team.displayName }))}
        />
      </div>
      <div>
        <Label htmlFor="audit-actor">Actor</Label>
        <Input
          id="audit-actor"
          name="actor"
          className="mt-1.5"
          defaultValue={values.actor ?? ''}
          placeholder="e-mail, token name or system"
          {...invalid('actor')}
        />
        <FieldError id="audit-actor-error" messages={fieldErrors.actor} />
      </div>
      <div>
        <Label htmlFor="audit-actor-type">Actor type</Label>
        <Select
          id="audit-actor-type"
          name="actorType"
          className="mt-1.5"
          defaultValue={values.actorType ?? ''}
          placeholder="Any"
          options={AUDIT_ACTOR_TYPES.map((type) => ({ value: type, label: type }))}
          {...invalid('actorType')}
        />
        <FieldError id="audit-actorType-error" messages={fieldErrors.actorType} />
      </div>
      <div>
        <Label htmlFor="audit-action">Action (prefix)</Label>
        <Input
          id="audit-action"
          name="action"
          list="audit-actions"
          className="mt-1.5"
          defaultValue={values.action ?? ''}
          placeholder="environment."
          {...invalid('action')}
        />
        <datalist id="audit-actions">
          {actions.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <FieldError id="audit-action-error" messages={fieldErrors.action} />
      </div>
      <div>
        <Label htmlFor="audit-from">From (UTC)</Label>
        <Input id="audit-from" name="from" type="datetime-local" className="mt-1.5" defaultValue={values.from ?? ''} {...invalid('from')} />
        <FieldError id="audit-from-error" messages={fieldErrors.from} />
      </div>
      <div>
        <Label htmlFor="audit-to">To (UTC, inclusive)</Label>
        <Input id="audit-to" name="to" type="datetime-local" className="mt-1.5" defaultValue={values.to ?? ''} {...invalid('to')} />
        <FieldError id="audit-to-error" messages={fieldErrors.to} />
      </div>
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" className={buttonClasses('primary')}>
          Filter
        </button>
        <Link href="/audit" className={buttonClasses('ghost')}>
          Clear filters
        </Link>
      </div>
    </form>
  );
}
