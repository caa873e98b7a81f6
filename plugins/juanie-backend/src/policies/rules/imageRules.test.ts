import {
  DIGEST,
  documents,
  ExpectedFinding,
  findingsLike,
  findingsOf,
  helmRelease,
  kustomization,
  workload,
} from '../__testUtils__/manifestBuilders';
import { allowedRegistriesRule, noLatestTagRule, requireDigestRule } from './imageRules';

interface ImageCase {
  name: string;
  files: Record<string, string>;
  findings: ExpectedFinding[];
}

const IMAGE = 'spec.template.spec.containers[0].image';
const deployment = (...images: string[]) => ({ 'app.yaml': workload({ images }) });
const at = (path: string, message: RegExp, file = 'app.yaml'): ExpectedFinding => ({ file, path, message });

const NO_LATEST_TAG: ImageCase[] = [
  { name: 'a version tag passes', files: deployment('nginx:1.27'), findings: [] },
  { name: 'the latest tag fails', files: deployment('nginx:latest'), findings: [at(IMAGE, /container c0: image nginx:latest uses the latest tag/)] },
  { name: 'an untagged image fails', files: deployment('nginx'), findings: [at(IMAGE, /image nginx has no tag/)] },
  { name: 'a registry port is not a tag', files: deployment('localhost:5000/app:1.0'), findings: [] },
  { name: 'an untagged image behind a registry port fails', files: deployment('localhost:5000/app'), findings: [at(IMAGE, /localhost:5000\/app has no tag/)] },
  { name: 'a digest-only image passes', files: deployment(`app@${DIGEST}`), findings: [] },
  { name: 'latest pinned by a digest passes: the digest is pulled', files: deployment(`app:latest@${DIGEST}`), findings: [] },
  {
    name: 'an untagged init container fails',
    files: { 'app.yaml': workload({ initContainers: [{ name: 'migrate', image: 'busybox' }] }) },
    findings: [at('spec.template.spec.initContainers[0].image', /init container migrate: image busybox has no tag/)],
  },
  {
    name: 'a CronJob with latest fails at its job template',
    files: { 'job.yaml': workload({ kind: 'CronJob', name: 'nightly', images: ['job:latest'] }) },
    findings: [at('spec.jobTemplate.spec.template.spec.containers[0].image', /CronJob nightly/, 'job.yaml')],
  },
  { name: 'a bare Pod with latest fails', files: { 'pod.yaml': workload({ kind: 'Pod', images: ['app:latest'] }) }, findings: [at('spec.containers[0].image', /Pod web/, 'pod.yaml')] },
  {
    name: 'the second document of a file is read too',
    files: { 'app.yaml': documents(workload({ name: 'api' }), workload({ name: 'worker', images: ['worker:latest'] })) },
    findings: [at(IMAGE, /Deployment worker, container c0/)],
  },
  {
    name: 'a Kustomize entry setting latest for a base elsewhere fails at the entry',
    files: { 'kustomization.yaml': kustomization({ images: [{ name: 'app', newTag: 'latest' }] }) },
    findings: [at('images[0]', /Kustomize images entry app: image app:latest uses the latest tag/, 'kustomization.yaml')],
  },
  {
    name: 'a Kustomize digest pins a container written with latest',
    files: { 'app.yaml': workload({ images: ['app:latest'] }), 'kustomization.yaml': kustomization({ images: [{ name: 'app', digest: DIGEST }] }) },
    findings: [],
  },
  {
    name: 'a Kustomize newTag of latest over a pinned container fails at the entry',
    files: { 'app.yaml': workload({ images: ['app:1.0'] }), 'kustomization.yaml': kustomization({ images: [{ name: 'app', newTag: 'latest' }] }) },
    findings: [at('images[0]', /container c0: image app:latest \(set by a Kustomize images entry\) uses the latest tag/, 'kustomization.yaml')],
  },
  {
    name: 'a Kustomize rename keeps the container’s own tag, and blame',
    files: { 'app.yaml': workload({ images: ['app'] }), 'kustomization.yaml': kustomization({ images: [{ name: 'app', newName: 'ghcr.io/acme/app' }] }) },
    findings: [at(IMAGE, /image ghcr.io\/acme\/app has no tag/)],
  },
  { name: 'a Kustomize rename of an image elsewhere decides no tag here', files: { 'kustomization.yaml': kustomization({ images: [{ name: 'app', newName: 'ghcr.io/acme/app' }] }) }, findings: [] },
  {
    name: 'a kustomization in a sibling directory does not rewrite a container',
    files: { 'base/app.yaml': workload({ images: ['app:latest'] }), 'other/kustomization.yaml': kustomization({ images: [{ name: 'app', newTag: '1.0' }] }) },
    findings: [at(IMAGE, /image app:latest uses the latest tag/, 'base/app.yaml')],
  },
  {
    name: 'an overlay’s kustomization rewrites the containers of its subdirectories',
    files: { 'base/app.yaml': workload({ images: ['app:latest'] }), 'kustomization.yaml': kustomization({ images: [{ name: 'app', newTag: '1.0' }] }) },
    findings: [],
  },
  { name: 'HelmRelease values with tag latest fail', files: { 'release.yaml': helmRelease({ image: { repository: 'ghcr.io/acme/web', tag: 'latest' } }) }, findings: [at('spec.values.image', /HelmRelease web: image ghcr.io\/acme\/web:latest/, 'release.yaml')] },
  { name: 'HelmRelease values without a tag leave it to the chart', files: { 'release.yaml': helmRelease({ image: { repository: 'ghcr.io/acme/web' } }) }, findings: [] },
  { name: 'HelmRelease values with an image string are read', files: { 'release.yaml': helmRelease({ image: 'ghcr.io/acme/web:latest' }) }, findings: [at('spec.values.image', /uses the latest tag/, 'release.yaml')] },
  { name: 'files that are not YAML are not read', files: { 'README.md': 'image: nginx:latest', 'app.yaml': workload({}) }, findings: [] },
];

const REQUIRE_DIGEST: ImageCase[] = [
  { name: 'a tag alone fails', files: deployment('app:1.0'), findings: [at(IMAGE, /image app:1.0 is not pinned by digest/)] },
  { name: 'a sha256 digest passes', files: deployment(`app@${DIGEST}`), findings: [] },
  { name: 'tag, registry port and digest pass', files: deployment(`localhost:5000/app:1.0@${DIGEST}`), findings: [] },
  { name: 'a short digest fails', files: deployment('app@sha256:abc'), findings: [at(IMAGE, /has digest sha256:abc, which is not sha256: followed by 64/)] },
  {
    name: 'a Kustomize digest pins a tagged container',
    files: { 'app.yaml': workload({ images: ['app:1.0'] }), 'kustomization.yaml': kustomization({ images: [{ name: 'app', digest: DIGEST }] }) },
    findings: [],
  },
  {
    name: 'a Kustomize newTag replaces a container’s digest',
    files: { 'app.yaml': workload({ images: [`app@${DIGEST}`] }), 'kustomization.yaml': kustomization({ images: [{ name: 'app', newTag: '2.0' }] }) },
    findings: [at('images[0]', /image app:2.0 \(set by a Kustomize images entry\) is not pinned/, 'kustomization.yaml')],
  },
  { name: 'HelmRelease values with a digest pass', files: { 'release.yaml': helmRelease({ image: { repository: 'web', tag: '1.0', digest: DIGEST } }) }, findings: [] },
  { name: 'HelmRelease values with only a tag fail', files: { 'release.yaml': helmRelease({ image: { repository: 'web', tag: '1.0' } }) }, findings: [at('spec.values.image', /image web:1.0 is not pinned/, 'release.yaml')] },
];

const ACME_ONLY = { patterns: ['ghcr.io/acme/*', 'localhost:5000/*', 'docker.io/library/*'] };

const ALLOWED_REGISTRIES: Array<ImageCase & { params?: object }> = [
  { name: 'an image of the allowed organisation passes', files: deployment('ghcr.io/acme/web:1.0'), findings: [] },
  { name: '* does not cross a path segment', files: deployment('ghcr.io/acme/team/web:1.0'), findings: [at(IMAGE, /ghcr.io\/acme\/team\/web:1.0 comes from a registry that is not allowed \(allowed: ghcr.io\/acme\/\*/)] },
  { name: '** crosses path segments', params: { patterns: ['ghcr.io/acme/**'] }, files: deployment('ghcr.io/acme/team/web:1.0'), findings: [] },
  { name: 'a look-alike organisation fails', files: deployment('ghcr.io/acmecorp/web:1.0'), findings: [at(IMAGE, /not allowed/)] },
  { name: 'a Docker Hub official image matches docker.io/library/*', files: deployment('nginx:1.27'), findings: [] },
  { name: 'a Docker Hub user image does not', files: deployment('bitnami/redis:7'), findings: [at(IMAGE, /bitnami\/redis:7 comes from a registry/)] },
  { name: 'a registry with a port matches', files: deployment('localhost:5000/app:1.0'), findings: [] },
  { name: 'another registry fails', files: deployment('quay.io/evil/miner:1'), findings: [at(IMAGE, /quay.io\/evil\/miner/)] },
  { name: 'a pattern matches the name as written too', params: { patterns: ['nginx'] }, files: deployment('nginx:1.27'), findings: [] },
  {
    name: 'an init container from elsewhere fails',
    files: { 'app.yaml': workload({ initContainers: [{ name: 'init', image: 'quay.io/x/init:1' }], images: ['ghcr.io/acme/web:1'] }) },
    findings: [at('spec.template.spec.initContainers[0].image', /init container init/)],
  },
  {
    name: 'a Kustomize newName moving an image elsewhere fails at the entry',
    files: { 'app.yaml': workload({ images: ['ghcr.io/acme/app:1'] }), 'kustomization.yaml': kustomization({ images: [{ name: 'ghcr.io/acme/app', newName: 'quay.io/evil/app' }] }) },
    findings: [at('images[0]', /image quay.io\/evil\/app:1 \(set by a Kustomize images entry\)/, 'kustomization.yaml')],
  },
  {
    name: 'HelmRelease values with a registry field fail when it is not allowed',
    files: { 'release.yaml': helmRelease({ image: { registry: 'quay.io', repository: 'acme/web', tag: '1' } }) },
    findings: [at('spec.values.image', /quay.io\/acme\/web:1 comes from/, 'release.yaml')],
  },
];

describe('image rules', () => {
  describe('noLatestTag', () => {
    it.each(NO_LATEST_TAG)('$name', async ({ files, findings }) => {
      expect(await findingsOf(noLatestTagRule, {}, files)).toEqual(findingsLike(findings));
    });
  });

  describe('requireDigest', () => {
    it.each(REQUIRE_DIGEST)('$name', async ({ files, findings }) => {
      expect(await findingsOf(requireDigestRule, undefined, files)).toEqual(findingsLike(findings));
    });
  });

  describe('allowedRegistries', () => {
    it.each(ALLOWED_REGISTRIES)('$name', async ({ params, files, findings }) => {
      expect(await findingsOf(allowedRegistriesRule, params ?? ACME_ONLY, files)).toEqual(findingsLike(findings));
    });
  });
});
