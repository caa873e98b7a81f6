import {
  builtInPolicyRuleParamsSchemas,
  builtInPolicyRuleSchema,
} from '@juanie/plugin-juanie-common';
import { policy } from '../../__testUtils__/fakeJuanieApi';
import {
  createPolicyFormSchema,
  paramHelp,
  paramsOf,
  policyFormValues,
  PolicyFormValues,
  toCreatePolicyRequest,
} from './policyForm';

const valid: Record<string, object> = {
  noLatestTag: {},
  requireDigest: {},
  allowedRegistries: { patterns: ['ghcr.io/acme/*', 'nginx'] },
  requireResources: { requests: ['cpu', 'memory'], limits: ['memory'] },
  maxReplicas: { max: 5 },
  requiredLabels: { labels: ['app.kubernetes.io/name', 'team'] },
  freezeWindow: {
    timeZone: 'Europe/Paris',
    days: ['fri', 'sat'],
    from: '18:00',
    to: '08:00',
  },
  minApprovals: { byKind: { production: 2, staging: 1 } },
};

describe('the policy form', () => {
  it('has a valid example for every built-in rule type', () => {
    expect(Object.keys(valid)).toEqual(
      Object.keys(builtInPolicyRuleParamsSchemas),
    );
  });

  it.each(Object.entries(valid))(
    'reads the params of a %s policy into its fields and back unchanged',
    (type, params) => {
      const values = policyFormValues(policy({ type, params }));
      expect(paramsOf(values)).toEqual(params);
      expect(
        builtInPolicyRuleSchema.safeParse({ type, params: paramsOf(values) })
          .success,
      ).toBe(true);
    },
  );

  it('reads a one-off freeze window too', () => {
    const params = {
      timeZone: 'UTC',
      start: '2026-12-24T18:00',
      end: '2027-01-02T08:00',
    };
    expect(
      paramsOf(policyFormValues(policy({ type: 'freezeWindow', params }))),
    ).toEqual(params);
  });

  it.each([
    ['allowedRegistries', 'patterns'],
    ['requireResources', 'requests'],
    ['requireResources', 'limits'],
    ['maxReplicas', 'max'],
    ['requiredLabels', 'labels'],
    ['freezeWindow', 'timeZone'],
    ['freezeWindow', 'start'],
    ['freezeWindow', 'days'],
    ['freezeWindow', 'to'],
    ['minApprovals', 'byKind'],
  ])('helps with %s %s from the shared schema', (type, param) => {
    expect(paramHelp(type, param)).toEqual(expect.any(String));
  });

  it.each([
    [
      'allowedRegistries',
      { patterns: '' },
      'params.patterns',
      'must list at least one pattern',
    ],
    [
      'allowedRegistries',
      { patterns: 'ghcr.io/acme/web shop' },
      'params.patterns.0',
      'must be an image name pattern',
    ],
    ['maxReplicas', { max: '-1' }, 'params.max', '>=0'],
    [
      'requiredLabels',
      { labels: 'not a label!' },
      'params.labels.0',
      'must be a Kubernetes label key',
    ],
    [
      'freezeWindow',
      {
        window: 'weekly',
        timeZone: 'Mars/Olympus',
        days: ['mon'],
        from: '18:00',
        to: '08:00',
      },
      'params.timeZone',
      'must be an IANA time zone',
    ],
    [
      'freezeWindow',
      { window: 'weekly', days: [], from: '18:00', to: '08:00' },
      'params.days',
      'a weekly window needs days',
    ],
    ['minApprovals', {}, 'params.byKind', 'must name at least one of'],
    ['acme.custom', { paramsJson: '{ not json' }, 'params', 'must be JSON'],
  ])(
    'refuses a bad %s policy with the message the server gives',
    (type, fields, path, message) => {
      const values = {
        ...policyFormValues(),
        title: 'T',
        type,
        ...fields,
      } as PolicyFormValues;
      const result = createPolicyFormSchema.safeParse(
        toCreatePolicyRequest({ org: 'acme' })(values),
      );
      expect(result.success).toBe(false);
      const issues = result.success ? [] : result.error.issues;
      expect(issues).toContainEqual(
        expect.objectContaining({
          path: path.split('.').map(p => (/^\d+$/.test(p) ? Number(p) : p)),
          message: expect.stringContaining(message),
        }),
      );
    },
  );

  it('puts a new project policy on the chosen environment, or on the whole project', () => {
    const values = {
      ...policyFormValues(),
      title: 'Pinned',
      type: 'requireDigest',
    };
    const toRequest = toCreatePolicyRequest({ org: 'acme', project: 'shop' });
    expect(toRequest({ ...values, environment: 'prod' }).scope).toEqual({
      org: 'acme',
      project: 'shop',
      environment: 'prod',
    });
    expect(toRequest(values).scope).toEqual({ org: 'acme', project: 'shop' });
  });
});
