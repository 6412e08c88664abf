import { describe, expect, it } from 'vitest';
import type { ProvisionOptions } from '@/lib/domain/environments/provision-options';
import { provisionSchema } from '@/lib/validations/environments';
import { zodFieldMessages } from '@/lib/client/form-errors';
import { initialValues, provisionIntent, sourceFromKey, sourceGroups, sourceKey, toProvisionInput, withChange } from './provision-values';

const at = new Date('2026-11-21T09:30:00Z');
const options: ProvisionOptions = {
  teams: [
    { id: 't-qa', name: 'qa', displayName: 'QA', defaultTtlHours: 168 },
    { id: 't-ds', name: 'data-science', displayName: 'Data science', defaultTtlHours: 48 },
  ],
  environments: [
    { id: 'e-prod', name: 'production', isProduction: true, team: null },
    { id: 'e-qa', name: 'qa_run', isProduction: false, team: 'QA' },
  ],
  snapshots: [{ id: 's-1', name: 'pre_upgrade_v1', database: 'production', createdAt: '2026-11-20T08:00:00Z' }],
  maxTtlHours: 720,
  isAdmin: false,
};

describe('initialValues', () => {
  it('starts from production now, with no team chosen among several', () => {
    const values = initialValues(options, {}, at);
    expect(values).toMatchObject({ teamId: '', source: 'environment:e-prod', name: '', nameEdited: false });
  });

  it('takes the query parameters when they name something offered', () => {
    const values = initialValues(options, { snapshot: 's-1', team: 't-ds' }, at);
    expect(values).toMatchObject({ teamId: 't-ds', source: 'snapshot:s-1', ttl: '48', name: 'data_science_20261121_0930' });
    expect(initialValues(options, { source: 'e-qa' }, at).source).toBe('environment:e-qa');
    expect(initialValues(options, { snapshot: 'gone', team: 'other' }, at)).toMatchObject({ source: 'environment:e-prod', teamId: '' });
  });
});

describe('withChange', () => {
  it('suggests team_purpose_yyyymmdd_hhmm while the user has not typed a name', () => {
    let values = initialValues(options, {}, at);
    values = withChange(values, { teamId: 't-qa' }, options, at);
    values = withChange(values, { purpose: 'Regression run!' }, options, at);
    expect(values.name).toBe('qa_regression_run_20261121_0930');
    expect(values.ttl).toBe('168');
  });

  it('keeps the name the user typed, and brings the new team default expiry', () => {
    let values = withChange(initialValues(options, { team: 't-qa' }, at), { name: 'my_clone' }, options, at);
    values = withChange(values, { purpose: 'other', teamId: 't-ds' }, options, at);
    expect(values).toMatchObject({ name: 'my_clone', nameEdited: true, ttl: '48' });
  });
});

describe('sources', () => {
  it('labels production "production (now)" and snapshots with their database and time', () => {
    const labels = sourceGroups(options).flatMap((group) => group.options.map((option) => option.label));
    expect(labels).toEqual(['production (now)', 'qa_run (now) · QA', 'pre_upgrade_v1 · production at 2026-11-20 08:00 UTC']);
  });

  it('round-trips source keys', () => {
    expect(sourceFromKey(sourceKey({ kind: 'snapshot', snapshotId: 's-1' }))).toEqual({ kind: 'snapshot', snapshotId: 's-1' });
    expect(sourceFromKey('')).toBeNull();
    expect(sourceFromKey('table:x')).toBeNull();
  });
});

describe('toProvisionInput', () => {
  it('passes the shared schema once complete, and names the fields that are not', () => {
    const values = withChange(initialValues(options, { team: 't-qa' }, at), { purpose: 'nightly regression' }, options, at);
    expect(provisionSchema.safeParse(toProvisionInput(values)).success).toBe(true);
    const broken = provisionSchema.safeParse(toProvisionInput({ ...values, name: 'Bad Name', purpose: '', ttl: '', source: '' }));
    expect(broken.success).toBe(false);
    if (!broken.success) expect(Object.keys(zodFieldMessages(broken.error)).sort()).toEqual(['name', 'purpose', 'source', 'ttlHours']);
  });

  it('sends "never" as null', () => {
    expect(toProvisionInput({ ...initialValues(options, {}, at), ttl: 'never' }).ttlHours).toBeNull();
  });

  it('has a SQL preview intent only for a valid name and a source, with the team and the expiry when readable', () => {
    const values = initialValues(options, { team: 't-qa' }, at);
    expect(provisionIntent(values)).toEqual({
      kind: 'provision',
      name: 'qa_20261121_0930',
      source: { kind: 'environment', environmentId: 'e-prod' },
      teamId: 't-qa',
      ttlHours: 168,
    });
    expect(provisionIntent({ ...values, ttl: 'never' })).toMatchObject({ ttlHours: null });
    expect(provisionIntent({ ...values, ttl: 'soon-ish' })).not.toHaveProperty('ttlHours');
    expect(provisionIntent({ ...values, name: '9lives' })).toBeNull();
  });
});
