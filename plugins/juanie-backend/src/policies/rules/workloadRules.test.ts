import {
  ExpectedFinding,
  findingsLike,
  findingsOf,
  helmRelease,
  kustomization,
  resource,
  workload,
} from '../__testUtils__/manifestBuilders';
import { maxReplicasRule, requiredLabelsRule, requireResourcesRule } from './workloadRules';

interface WorkloadCase {
  name: string;
  params?: object;
  files: Record<string, string>;
  findings: ExpectedFinding[];
}

const at = (path: string, message: RegExp, file = 'app.yaml'): ExpectedFinding => ({ file, path, message });
const app = (yaml: string) => ({ 'app.yaml': yaml });
const sized = (requests: object, limits: object = {}) => ({
  name: 'app',
  image: 'app:1',
  resources: { requests, limits },
});
const FULL = sized({ cpu: '100m', memory: '128Mi' }, { memory: '256Mi' });

const REQUIRE_RESOURCES: WorkloadCase[] = [
  { name: 'a container with every required value passes', files: app(workload({ containers: [FULL] })), findings: [] },
  {
    name: 'a missing memory limit fails',
    files: app(workload({ containers: [sized({ cpu: '100m', memory: '128Mi' })] })),
    findings: [at('spec.template.spec.containers[0].resources', /Deployment web, container app: sets no memory limit$/)],
  },
  {
    name: 'a container without resources names everything it lacks',
    files: app(workload({ images: ['app:1'] })),
    findings: [at('spec.template.spec.containers[0].resources', /sets no cpu request, memory request, memory limit/)],
  },
  {
    name: 'an init container counts',
    files: app(workload({ containers: [FULL], initContainers: [{ name: 'migrate', image: 'm:1' }] })),
    findings: [at('spec.template.spec.initContainers[0].resources', /init container migrate/)],
  },
  { name: 'an empty value is no value', files: app(workload({ containers: [sized({ cpu: '', memory: '1Gi' }, { memory: '1Gi' })] })), findings: [at('spec.template.spec.containers[0].resources', /sets no cpu request$/)] },
  { name: 'only what is required is checked', params: { limits: ['cpu'] }, files: app(workload({ containers: [sized({}, { cpu: '1' })] })), findings: [] },
  { name: 'a StatefulSet counts', files: app(workload({ kind: 'StatefulSet', name: 'db', images: ['pg:16'] })), findings: [at('spec.template.spec.containers[0].resources', /StatefulSet db/)] },
  { name: 'a DaemonSet counts', files: app(workload({ kind: 'DaemonSet', name: 'agent', images: ['a:1'] })), findings: [at('spec.template.spec.containers[0].resources', /DaemonSet agent/)] },
  { name: 'a Job counts', files: app(workload({ kind: 'Job', name: 'once', images: ['a:1'] })), findings: [at('spec.template.spec.containers[0].resources', /Job once/)] },
  { name: 'a Service is not a workload', files: app(resource('Service', { ports: [{ port: 80 }] })), findings: [] },
];

const MAX_REPLICAS: WorkloadCase[] = [
  { name: 'the maximum passes', files: app(workload({ replicas: 3 })), findings: [] },
  { name: 'one more fails', files: app(workload({ replicas: 4 })), findings: [at('spec.replicas', /Deployment web asks for 4 replicas; at most 3 are allowed/)] },
  { name: 'no replicas field means one', files: app(workload({})), findings: [] },
  { name: 'no replicas field fails a maximum of zero', params: { max: 0 }, files: app(workload({})), findings: [at('spec.replicas', /asks for 1 replicas; at most 0/)] },
  { name: 'a StatefulSet counts', files: app(workload({ kind: 'StatefulSet', name: 'db', replicas: 5 })), findings: [at('spec.replicas', /StatefulSet db asks for 5/)] },
  { name: 'a DaemonSet has no replicas', files: app(workload({ kind: 'DaemonSet' })), findings: [] },
  {
    name: 'an autoscaler’s maximum counts',
    files: { 'hpa.yaml': resource('HorizontalPodAutoscaler', { minReplicas: 1, maxReplicas: 10 }) },
    findings: [at('spec.maxReplicas', /HorizontalPodAutoscaler web asks for 10/, 'hpa.yaml')],
  },
  {
    name: 'a Kustomize replicas entry counts',
    files: { 'kustomization.yaml': kustomization({ replicas: [{ name: 'web', count: 5 }] }) },
    findings: [at('replicas[0].count', /Kustomize replicas entry web asks for 5/, 'kustomization.yaml')],
  },
  {
    name: 'a Kustomize replicas entry replaces the workload’s own count',
    files: { 'base/app.yaml': workload({ replicas: 10 }), 'kustomization.yaml': kustomization({ replicas: [{ name: 'web', count: 2 }] }) },
    findings: [],
  },
  { name: 'HelmRelease replicaCount counts', files: { 'release.yaml': helmRelease({ replicaCount: 4 }) }, findings: [at('spec.values.replicaCount', /HelmRelease web asks for 4/, 'release.yaml')] },
  {
    name: 'HelmRelease autoscaling maximum counts',
    files: { 'release.yaml': helmRelease({ replicaCount: 1, autoscaling: { enabled: true, maxReplicas: 6 } }) },
    findings: [at('spec.values.autoscaling.maxReplicas', /HelmRelease web autoscaling asks for 6/, 'release.yaml')],
  },
];

const BOTH = { 'app.kubernetes.io/name': 'web', team: 'shop' };
const REQUIRED_LABELS: WorkloadCase[] = [
  { name: 'labels on the workload and its pod template pass', files: app(workload({ labels: BOTH, templateLabels: BOTH })), findings: [] },
  {
    name: 'a pod template without a label fails',
    files: app(workload({ labels: BOTH, templateLabels: { 'app.kubernetes.io/name': 'web' } })),
    findings: [at('spec.template.metadata.labels', /^The pod template of Deployment web has no label team$/)],
  },
  {
    name: 'a workload without labels fails on both',
    files: app(workload({})),
    findings: [
      at('metadata.labels', /Deployment web has no label app.kubernetes.io\/name, team/),
      at('spec.template.metadata.labels', /pod template of Deployment web has no label app.kubernetes.io\/name, team/),
    ],
  },
  {
    name: 'a CronJob’s pod template is in its job template',
    files: app(workload({ kind: 'CronJob', name: 'nightly', labels: BOTH })),
    findings: [at('spec.jobTemplate.spec.template.metadata.labels', /pod template of CronJob nightly/)],
  },
  { name: 'a Pod has only its own labels', files: app(workload({ kind: 'Pod', labels: { team: 'shop' } })), findings: [at('metadata.labels', /Pod web has no label app.kubernetes.io\/name$/)] },
  { name: 'Kustomize commonLabels count for both', files: { 'base/app.yaml': workload({}), 'kustomization.yaml': kustomization({ commonLabels: BOTH }) }, findings: [] },
  {
    name: 'Kustomize labels without includeTemplates leave the pod template out',
    files: { 'base/app.yaml': workload({}), 'kustomization.yaml': kustomization({ labels: [{ pairs: BOTH }] }) },
    findings: [at('spec.template.metadata.labels', /pod template of Deployment web has no label/, 'base/app.yaml')],
  },
  {
    name: 'Kustomize labels with includeTemplates count for both',
    files: { 'base/app.yaml': workload({}), 'kustomization.yaml': kustomization({ labels: [{ pairs: BOTH, includeTemplates: true }] }) },
    findings: [],
  },
  { name: 'a ConfigMap is not a workload', files: app(resource('ConfigMap', {})), findings: [] },
];

describe('workload rules', () => {
  describe('requireResources', () => {
    it.each(REQUIRE_RESOURCES)('$name', async ({ params, files, findings }) => {
      const required = params ?? { requests: ['cpu', 'memory'], limits: ['memory'] };
      expect(await findingsOf(requireResourcesRule, required, files)).toEqual(findingsLike(findings));
    });
  });

  describe('maxReplicas', () => {
    it.each(MAX_REPLICAS)('$name', async ({ params, files, findings }) => {
      expect(await findingsOf(maxReplicasRule, params ?? { max: 3 }, files)).toEqual(findingsLike(findings));
    });
  });

  describe('requiredLabels', () => {
    it.each(REQUIRED_LABELS)('$name', async ({ params, files, findings }) => {
      const required = params ?? { labels: ['app.kubernetes.io/name', 'team'] };
      expect(await findingsOf(requiredLabelsRule, required, files)).toEqual(findingsLike(findings));
    });
  });
});
