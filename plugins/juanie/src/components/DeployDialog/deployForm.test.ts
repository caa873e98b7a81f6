import {
  emptyDeployForm,
  toDeploymentRequest,
  toPreviewRequest,
} from './deployForm';

describe('the deploy form', () => {
  it('sends only what was filled in, trimmed, with numbers and lists', () => {
    expect(
      toDeploymentRequest(
        {
          ...emptyDeployForm,
          imageTag: ' 1.4.2 ',
          replicas: '3',
          envSet: [
            { name: 'LOG_LEVEL ', value: 'debug' },
            { name: '', value: '' },
          ],
          envRemove: 'OLD_FLAG, LEGACY',
          limitsMemory: '512Mi',
          message: '  Ship it ',
        },
        'a'.repeat(40),
      ),
    ).toStrictEqual({
      changes: {
        image: { tag: '1.4.2' },
        replicas: 3,
        env: { set: { LOG_LEVEL: 'debug' }, remove: ['OLD_FLAG', 'LEGACY'] },
        resources: { limits: { memory: '512Mi' } },
      },
      workload: undefined,
      message: 'Ship it',
      baseRevision: 'a'.repeat(40),
    });
  });

  it('names the HelmRelease values paths typed, and refuses them alone or hostile', () => {
    const form = {
      ...emptyDeployForm,
      replicas: '2',
      valuesReplicas: ' controller.replicaCount ',
    };
    expect(toDeploymentRequest(form).changes).toStrictEqual({
      replicas: 2,
      valuesPaths: { replicas: 'controller.replicaCount' },
    });
    expect(
      toPreviewRequest({ ...emptyDeployForm, valuesImage: 'image' }),
    ).toEqual({
      problem: expect.stringMatching(/a change needs at least one of image/),
    });
    expect(
      toPreviewRequest({ ...form, valuesReplicas: '__proto__.x' }),
    ).toEqual({
      problem: expect.stringMatching(
        /valuesPaths\.replicas: must not name __proto__/,
      ),
    });
  });

  it('previews the change without the message, once it is a valid change', () => {
    expect(
      toPreviewRequest({
        ...emptyDeployForm,
        imageName: 'ghcr.io/acme/web',
        workload: 'Deployment/web',
        message: 'typing…',
      }),
    ).toEqual({
      request: {
        changes: { image: { name: 'ghcr.io/acme/web' } },
        workload: 'Deployment/web',
      },
    });
  });

  it('says why there is nothing to preview yet', () => {
    expect(toPreviewRequest(emptyDeployForm)).toEqual({
      problem: expect.stringMatching(/^Change the image, replicas/),
    });
    expect(
      toPreviewRequest({ ...emptyDeployForm, requestsCpu: 'lots' }),
    ).toEqual({
      problem: expect.stringMatching(
        /^Fix the form to see a preview: resources\.requests\.cpu: must be a Kubernetes quantity/,
      ),
    });
    expect(toPreviewRequest({ ...emptyDeployForm, replicas: 'three' })).toEqual(
      { problem: expect.stringMatching(/replicas: .*expected number/i) },
    );
  });
});
