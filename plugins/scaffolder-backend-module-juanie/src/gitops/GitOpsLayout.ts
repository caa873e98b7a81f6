import { InputError } from '@backstage/errors';
import {
  DEFAULT_TENANT_ROLE,
  ENVIRONMENT_LABEL,
  environmentLabelValue,
  tenantFluxObjects,
} from '@juanie/plugin-juanie-common';
import { createHash } from 'node:crypto';
import yaml from 'yaml';

/** A container image split into repository, tag and digest. */
export interface ImageReference {
  name: string;
  tag?: string;
  digest?: string;
}

const IMAGE_NAME =
  /^[a-z0-9]+(?:(?:[._-]|__|-+)[a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._-]|__|-+)[a-z0-9]+)*)*$/;
const IMAGE_TAG = /^\w[\w.-]{0,127}$/;
const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Splits `registry:5000/team/app:1.2@sha256:…` (a colon before the last slash is a port).
 * A tag or digest is required: every environment pins what it runs.
 */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const ref = {
    name: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
    ...(hasTag ? { tag: withoutDigest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
  const problem =
    (!IMAGE_NAME.test(ref.name) &&
      `${ref.name} is not an image repository name`) ||
    (ref.tag !== undefined &&
      !IMAGE_TAG.test(ref.tag) &&
      `${ref.tag} is not an image tag`) ||
    (ref.digest !== undefined &&
      !IMAGE_DIGEST.test(ref.digest) &&
      `${ref.digest} is not a sha256 digest`) ||
    (!ref.tag &&
      !ref.digest &&
      'it has neither tag nor digest (e.g. ghcr.io/acme/checkout:0.1.0)');
  if (problem) throw new InputError(`Invalid image ${image}: ${problem}`);
  return ref;
}

/** One environment as the layout needs it. */
export interface LayoutEnvironment {
  slug: string;
  title: string;
  kind: string;
  /** The cluster directory under `clusters/`. */
  cluster: string;
  namespace: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The namespace of an environment Juanie names none for: `<org>-<project>-<env>`, inside the
 * `{org}-*` namespaces clusters grant organisations (docs/tenancy.md). A name that is no DNS
 * label (over 63 characters, or ending in a dash) is cut to 56 and ends in 6 hex of its hash,
 * so it stays unique and keeps the `<org>-` prefix (unless the org slug alone is that long).
 */
export function defaultNamespace(
  org: string,
  project: string,
  env: string,
): string {
  const name = `${org}-${project}-${env}`;
  if (name.length <= 63 && DNS_LABEL.test(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  return `${name.slice(0, 56).replace(/-+$/, '')}-${hash}`;
}

/**
 * How the layout places an environment: in Juanie's cluster and namespace, or in
 * `clusters/default` and the namespace `<org>-<project>-<env>` when Juanie names none (the
 * bootstrap then gives Juanie that namespace; Juanie's Flux apply creates it).
 */
export function layoutEnvironmentOf(
  org: string,
  project: string,
  env: {
    slug: string;
    title: string;
    kind: string;
    cluster: string | null;
    namespace: string | null;
  },
): LayoutEnvironment {
  return {
    slug: env.slug,
    title: env.title,
    kind: env.kind,
    cluster: env.cluster ?? 'default',
    namespace: env.namespace ?? defaultNamespace(org, project, env.slug),
  };
}

/** What the layout of a project is made from. */
export interface LayoutOptions {
  org: string;
  project: string;
  image: ImageReference;
  containerPort: number;
  /** The GitOps repository as Flux fetches it. */
  repositoryUrl: string;
  branch: string;
}

/** `apps/<project>`: everything of the project's own. */
export const projectDirectory = (project: string) => `apps/${project}`;
/** The environment's path in the GitOps repository (its Juanie GitOps target). */
export const overlayPath = (project: string, env: string) =>
  `apps/${project}/overlays/${env}`;
/** The file with the environment's Flux objects. */
export const fluxFilePath = (cluster: string, project: string, env: string) =>
  `clusters/${cluster}/${project}-${env}.yaml`;
/**
 * The name of the objects in the Flux file. Juanie names the objects it applies itself
 * `juanie-<environment id>`; the API does not give the scaffolder that id, so the file names
 * them by slugs and labels them with the environment's slugs (found by that label in its
 * namespace).
 */
export const fluxObjectName = (org: string, project: string, env: string) =>
  `${org}-${project}-${env}`.slice(0, 253);

/** A YAML scalar, quoted when YAML would otherwise read it as something else. */
const scalar = (value: string | number | boolean) =>
  yaml.stringify(value).trimEnd();

const imageString = ({ name, tag, digest }: ImageReference) =>
  `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;

function labels(project: string, indent: string) {
  return [
    `${indent}app.kubernetes.io/name: ${scalar(project)}`,
    `${indent}app.kubernetes.io/part-of: ${scalar(project)}`,
  ].join('\n');
}

/** `apps/<project>/base`: what every environment runs. */
export function baseFiles(options: LayoutOptions): Record<string, string> {
  const { org, project, image, containerPort } = options;
  const dir = `${projectDirectory(project)}/base`;
  const name = scalar(project);
  return {
    [`${dir}/kustomization.yaml`]: `# ${project} as every environment runs it. What differs per environment (image tag,
# replicas, settings) belongs in ../overlays/<env>, never here.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - deployment.yaml
  - service.yaml
`,
    [`${dir}/deployment.yaml`]: `# ${project} of organisation ${org}, as the Juanie project template created it.
# The image below is the initial one; each environment pins its own tag in
# ../overlays/<env>/kustomization.yaml, and Juanie deployments change it there.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
${labels(project, '    ')}
spec:
  replicas: 1
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
${labels(project, '        ')}
    spec:
      containers:
        - name: ${name}
          image: ${scalar(imageString(image))}
          ports:
            - name: http
              containerPort: ${containerPort}
          # Starting values: size them from what the service really uses.
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 256Mi
`,
    [`${dir}/service.yaml`]: `# Cluster-internal entry point of ${project}; expose it with your platform's Ingress or Gateway.
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  labels:
${labels(project, '    ')}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
`,
  };
}

/**
 * The Flux objects of an environment as a file for clusters Juanie does not manage (where it
 * does, it applies its own, `juanie-<environment id>`, and this file is not read): the same
 * flux2-multi-tenancy objects (`tenantFluxObjects`, one definition with the back end), all in
 * the environment's namespace. A proposal for the platform team: its cluster's tenant
 * ClusterRole may not be `admin`, and the namespace must exist (the platform owns namespaces).
 */
function fluxFile(options: LayoutOptions, env: LayoutEnvironment): string {
  const { org, project, repositoryUrl, branch } = options;
  const path = overlayPath(project, env.slug);
  const objects = tenantFluxObjects({
    name: fluxObjectName(org, project, env.slug),
    namespace: env.namespace,
    labels: {
      [ENVIRONMENT_LABEL]: environmentLabelValue(org, project, env.slug),
      'app.kubernetes.io/managed-by': 'juanie',
    },
    repositoryUrl,
    branch,
    path,
    tenantRole: DEFAULT_TENANT_ROLE,
  });
  return `# How Flux deploys ${
    env.slug
  } of ${org}/${project}: it fetches ${branch} of the
# GitOps repository and applies ${path}, acting as the ServiceAccount below,
# which may write only in namespace ${
    env.namespace
  } (Flux multi-tenancy: nothing here
# lives in flux-system).
# Where Juanie manages the cluster, it applies these objects itself (named
# juanie-<environment id>) and this file is not needed. Elsewhere it is a proposal for the
# platform team to review and apply: the namespace must exist, the RoleBinding's ClusterRole
# is the platform's tenant role (${DEFAULT_TENANT_ROLE} here), and a private repository needs
# spec.secretRef on the GitRepository (a Secret in ${env.namespace}).
# Juanie finds the objects by their ${ENVIRONMENT_LABEL} label.
${objects.map(object => yaml.stringify(object)).join('---\n')}`;
}

/** `apps/<project>/overlays/<env>` and `clusters/<cluster>/<project>-<env>.yaml`. */
export function environmentFiles(
  options: LayoutOptions,
  env: LayoutEnvironment,
): Record<string, string> {
  const { org, project, image } = options;
  const dir = overlayPath(project, env.slug);
  const pin = image.tag
    ? `newTag: ${scalar(image.tag)}`
    : `digest: ${scalar(image.digest!)}`;
  return {
    [`${dir}/kustomization.yaml`]: `# ${env.title}, the ${
      env.kind
    } environment of ${org}/${project}: the base in namespace
# ${env.namespace}, running the image pinned below. Juanie deployments to ${
      env.slug
    } change the pin.
# Only objects of this namespace belong here: the cluster lets this environment's Flux objects
# write nowhere else (no Namespace or other cluster-wide object; the platform owns those).
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${scalar(env.namespace)}

resources:
  - ../../base

images:
  - name: ${scalar(image.name)}
    ${pin}
`,
    [fluxFilePath(env.cluster, project, env.slug)]: fluxFile(options, env),
  };
}

/** The whole layout of a new project: its base, and an overlay and Flux objects per environment. */
export function projectLayout(
  options: LayoutOptions,
  envs: LayoutEnvironment[],
): Record<string, string> {
  return Object.assign(
    {},
    baseFiles(options),
    ...envs.map(env => environmentFiles(options, env)),
  );
}
