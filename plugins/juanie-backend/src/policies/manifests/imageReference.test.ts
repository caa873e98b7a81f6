import { DIGEST } from '../__testUtils__/manifestBuilders';
import { parseImageReference } from './imageReference';

const REFERENCES: Array<[string, ReturnType<typeof parseImageReference>]> = [
  ['nginx', { repository: 'nginx', canonicalRepository: 'docker.io/library/nginx', tag: null, digest: null }],
  ['nginx:1.27', { repository: 'nginx', canonicalRepository: 'docker.io/library/nginx', tag: '1.27', digest: null }],
  ['bitnami/redis:7', { repository: 'bitnami/redis', canonicalRepository: 'docker.io/bitnami/redis', tag: '7', digest: null }],
  ['docker.io/nginx:1', { repository: 'docker.io/nginx', canonicalRepository: 'docker.io/library/nginx', tag: '1', digest: null }],
  ['index.docker.io/acme/web', { repository: 'index.docker.io/acme/web', canonicalRepository: 'docker.io/acme/web', tag: null, digest: null }],
  ['localhost:5000/app:1.0', { repository: 'localhost:5000/app', canonicalRepository: 'localhost:5000/app', tag: '1.0', digest: null }],
  ['localhost:5000/app', { repository: 'localhost:5000/app', canonicalRepository: 'localhost:5000/app', tag: null, digest: null }],
  ['localhost/app', { repository: 'localhost/app', canonicalRepository: 'localhost/app', tag: null, digest: null }],
  ['ghcr.io/acme/team/web:2', { repository: 'ghcr.io/acme/team/web', canonicalRepository: 'ghcr.io/acme/team/web', tag: '2', digest: null }],
  [`app@${DIGEST}`, { repository: 'app', canonicalRepository: 'docker.io/library/app', tag: null, digest: DIGEST }],
  [`registry:5000/app:1@${DIGEST}`, { repository: 'registry:5000/app', canonicalRepository: 'registry:5000/app', tag: '1', digest: DIGEST }],
  ['app:', { repository: 'app', canonicalRepository: 'docker.io/library/app', tag: null, digest: null }],
  ['', undefined],
  ['app 1.0', undefined],
  [':1.0', undefined],
];

describe('parseImageReference', () => {
  it.each(REFERENCES)('%p', (reference, parsed) => {
    expect(parseImageReference(reference)).toEqual(parsed);
  });
});
