import {
  createEnvironmentSchema,
  updateEnvironmentSchema,
} from '@juanie/plugin-juanie-common';
import { environment } from '../../__testUtils__/fakeJuanieApi';
import {
  environmentFormValues,
  toCreateEnvironmentRequest,
  toUpdateEnvironmentRequest,
} from './environmentForm';

const suggestion = { kind: 'staging' as const, order: 10 };

describe('environment form', () => {
  it('leaves blank optional fields out of a new environment', () => {
    const values = {
      ...environmentFormValues(undefined, suggestion),
      slug: 'staging',
      title: 'Staging',
    };
    const request = toCreateEnvironmentRequest(values);
    expect(request).toEqual({
      slug: 'staging',
      title: 'Staging',
      description: '',
      kind: 'staging',
      order: 10,
      cluster: undefined,
      namespace: undefined,
      gitops: undefined,
      approval: {
        requiredApprovals: 0,
        approvers: [],
        allowSelfApproval: false,
        expiresAfter: 'P3D',
      },
    });
    expect(createEnvironmentSchema.safeParse(request).success).toBe(true);
  });

  it('suggests an approval for production', () => {
    const values = environmentFormValues(undefined, {
      kind: 'production',
      order: 20,
    });
    expect(values.requiredApprovals).toBe('1');
  });

  it('round-trips an existing environment, clearing blanks with null', () => {
    const existing = environment({
      cluster: 'eu-1',
      approval: {
        requiredApprovals: 1,
        approvers: ['user:default/bob', 'team:sre'],
        allowSelfApproval: true,
        expiresAfter: 'PT12H',
      },
    });
    const values = {
      ...environmentFormValues(existing, suggestion),
      cluster: ' ',
    };
    const request = toUpdateEnvironmentRequest(values);
    expect(request).toMatchObject({
      cluster: null,
      namespace: null,
      gitops: null,
      approval: existing.approval,
    });
    expect(updateEnvironmentSchema.safeParse(request).success).toBe(true);
  });

  it('lets zod reject a blank number instead of sending 0', () => {
    const values = {
      ...environmentFormValues(environment({}), suggestion),
      requiredApprovals: '',
    };
    const result = updateEnvironmentSchema.safeParse(
      toUpdateEnvironmentRequest(values),
    );
    expect(result.success).toBe(false);
  });
});
