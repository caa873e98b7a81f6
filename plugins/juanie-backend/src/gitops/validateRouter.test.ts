import { startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
`;

const ALIAS_BOMB = `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
`;

describe('POST /gitops/validate', () => {
  const databases = createJuanieTestDatabases();

  it('answers each problem with its file, line and column, and refuses bad requests', async () => {
    const { as, anonymous, stop } = await startJuanieTestBackend(
      await databases.init('SQLITE_3'),
    );
    try {
      const alice = as('alice');
      expect(
        (
          await alice
            .post('/gitops/validate', {
              files: { 'deployment.yaml': DEPLOYMENT },
            })
            .expect(200)
        ).body,
      ).toEqual({
        valid: true,
        errors: [],
      });

      const { body } = await alice
        .post('/gitops/validate', {
          files: {
            'broken.yaml': 'kind: Service\nmetadata:\n  name: [web\n',
            'bomb.yaml': ALIAS_BOMB,
            'shape.yaml':
              'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: many\n',
          },
        })
        .expect(200);
      expect(body.valid).toBe(false);
      const byFile = (file: string) =>
        body.errors.filter((e: { file: string }) => e.file === file);
      expect(byFile('broken.yaml')).toEqual([
        expect.objectContaining({
          line: expect.any(Number),
          column: expect.any(Number),
        }),
      ]);
      expect(byFile('bomb.yaml')[0].message).toMatch(/alias/i);
      expect(byFile('shape.yaml')[0]).toMatchObject({
        line: 6,
        message: expect.stringMatching(/replicas/),
      });

      await alice.post('/gitops/validate', { files: {} }).expect(400);
      await alice.post('/gitops/validate', { manifests: 'x' }).expect(400);
      await alice
        .post('/gitops/validate', {
          files: { 'a.yaml': 'x'.repeat(1_100_000) },
        })
        .expect(413);
      await anonymous
        .post('/api/juanie/gitops/validate')
        .set('Authorization', 'Bearer not-a-backstage-token')
        .send({ files: { 'a.yaml': DEPLOYMENT } })
        .expect(401);
    } finally {
      await stop();
    }
  });
});
