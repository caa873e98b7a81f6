import { stringify } from 'yaml';
import { documents, kustomization, workload } from '../__testUtils__/manifestBuilders';
import { readManifestSet } from './readManifestSet';

describe('readManifestSet', () => {
  it('reads every document of every YAML file, and names each workload', () => {
    const set = readManifestSet({
      'apps/web.yaml': documents(workload({ name: 'web' }), stringify({ kind: 'Service', metadata: { name: 'web' } })),
      'apps/jobs.yml': workload({ kind: 'CronJob', name: 'nightly' }),
      'notes.txt': 'kind: Deployment',
    });
    expect(set.documents.map(d => `${d.file}#${d.index} ${d.kind} ${d.name}`)).toEqual([
      'apps/jobs.yml#0 CronJob nightly',
      'apps/web.yaml#0 Deployment web',
      'apps/web.yaml#1 Service web',
    ]);
    expect(set.workloads.map(w => `${w.kind} ${w.name} ${w.podSpecPath}`)).toEqual([
      'CronJob nightly spec.jobTemplate.spec.template.spec',
      'Deployment web spec.template.spec',
    ]);
  });

  it('skips empty documents, comments and scalars', () => {
    const set = readManifestSet({ 'a.yaml': `# only a comment\n---\n---\njust text\n---\n${workload({})}` });
    expect(set.documents.map(d => d.kind)).toEqual(['Deployment']);
  });

  it('refuses a file that is not valid YAML, naming it and the document', () => {
    expect(() => readManifestSet({ 'ok.yaml': workload({}), 'broken.yaml': `${workload({})}---\nspec: [unclosed\n` })).toThrow(
      /broken.yaml \(document 2\) is not valid YAML/,
    );
  });

  it('refuses duplicate keys, which Kubernetes would read differently from a reviewer', () => {
    expect(() => readManifestSet({ 'a.yaml': 'kind: Pod\nkind: Deployment\n' })).toThrow(/a.yaml \(document 1\) is not valid YAML/);
  });

  it('refuses a YAML bomb instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) bomb.push(`${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(9).fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`).join(',')}]`);
    expect(() => readManifestSet({ 'bomb.yaml': bomb.join('\n') })).toThrow();
  });

  it('tells Kustomize kustomizations from Flux Kustomization resources', () => {
    const flux = stringify({ apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'apps' } });
    const set = readManifestSet({ 'kustomization.yaml': kustomization({}), 'clusters/Kustomization': flux, 'flux/apps.yaml': flux });
    expect(set.kustomizations.map(k => k.file)).toEqual(['kustomization.yaml']);
  });

  it('lists container images with where they are written', () => {
    const set = readManifestSet({ 'app.yaml': workload({ images: ['web:1'], initContainers: [{ name: 'init', image: 'init:2' }] }) });
    expect(set.images.map(i => `${i.path} ${i.reference} (${i.usedBy})`)).toEqual([
      'spec.template.spec.initContainers[0].image init:2 (Deployment web, init container init)',
      'spec.template.spec.containers[0].image web:1 (Deployment web, container c0)',
    ]);
  });

  it('reads images that YAML merge keys bring in, as Kubernetes users mean them', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - &web {name: web, image: web:1}',
      '        - {<<: *web, name: canary}',
      '',
    ].join('\n');
    const set = readManifestSet({ 'app.yaml': text });
    expect(set.images.map(i => `${i.path} ${i.reference}`)).toEqual([
      'spec.template.spec.containers[0].image web:1',
      'spec.template.spec.containers[1].image web:1',
    ]);
  });
});
