import { ConflictError } from '@backstage/errors';
import { detectConflicts, GitOpsConflictError } from './detectConflicts';
import { FieldChange } from './FieldChange';

const manifest = (replicas: number, image: string) => `# web
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: web
          image: ${image}
`;

const replicasTo4: FieldChange = {
  file: 'web.yaml',
  document: 'Deployment/web',
  path: 'spec.replicas',
  old: 2,
  new: 4,
};

describe('detectConflicts', () => {
  const base = { 'web.yaml': manifest(2, 'web:1') };

  it.each<{
    name: string;
    theirs: Record<string, string>;
    conflicts: object[];
  }>([
    {
      name: 'upstream changed another field',
      theirs: { 'web.yaml': manifest(2, 'web:2') },
      conflicts: [],
    },
    { name: 'upstream changed nothing', theirs: base, conflicts: [] },
    {
      name: 'upstream made the same change',
      theirs: { 'web.yaml': manifest(4, 'web:1') },
      conflicts: [],
    },
    {
      name: 'upstream changed the same field',
      theirs: { 'web.yaml': manifest(3, 'web:1') },
      conflicts: [
        {
          file: 'web.yaml',
          document: 'Deployment/web',
          path: 'spec.replicas',
          base: 2,
          theirs: 3,
          yours: 4,
        },
      ],
    },
    {
      name: 'upstream deleted the file',
      theirs: {},
      conflicts: [
        {
          file: 'web.yaml',
          document: 'Deployment/web',
          path: 'spec.replicas',
          base: 2,
          theirs: undefined,
          yours: 4,
        },
      ],
    },
  ])('$name', ({ theirs, conflicts }) => {
    expect(detectConflicts(base, theirs, [replicasTo4, replicasTo4])).toEqual(
      conflicts,
    );
  });

  it('compares fields inside inline patches', () => {
    const kustomization = (level: string) =>
      `patches:\n  - patch: |-\n      kind: Deployment\n      metadata:\n        name: web\n      spec:\n        level: ${level}\n`;
    const change: FieldChange = {
      file: 'kustomization.yaml',
      document: '#0',
      path: 'patches[0].patch',
      embeddedPath: 'spec.level',
      old: 'a',
      new: 'c',
    };
    const conflicts = detectConflicts(
      { 'kustomization.yaml': kustomization('a') },
      { 'kustomization.yaml': kustomization('b') },
      [change],
    );
    expect(conflicts).toEqual([
      {
        file: 'kustomization.yaml',
        document: '#0',
        path: 'patches[0].patch',
        embeddedPath: 'spec.level',
        base: 'a',
        theirs: 'b',
        yours: 'c',
      },
    ]);
  });

  it('is a Backstage ConflictError carrying the list', () => {
    const error = new GitOpsConflictError([
      {
        file: 'web.yaml',
        document: 'Deployment/web',
        path: 'spec.replicas',
        base: 2,
        theirs: 3,
        yours: 4,
      },
    ]);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.name).toBe('ConflictError');
    expect(error.message).toMatch(/web.yaml Deployment\/web spec.replicas/);
    expect(error.conflicts).toHaveLength(1);
  });
});
