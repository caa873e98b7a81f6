import { InputError } from '@backstage/errors';
import {
  ENVIRONMENT_LABEL,
  environmentLabelValue,
} from '@juanie/plugin-juanie-common';
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
  /** Whether the overlay creates the namespace (only one Juanie chose; never a shared one). */
  createsNamespace: boolean;
}

/**
 * How the layout places an environment: in Juanie's cluster and namespace, or in
 * `clusters/default` and a namespace `<project>-<env>` of its own when Juanie names none.
 */
export function layoutEnvironmentOf(
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
    namespace: env.namespace ?? `${project}-${env.slug}`,
    createsNamespace: env.namespace === null,
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
/** Flux object names, as Juanie itself names the objects it applies. */
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

/** `apps/<project>/overlays/<env>` and `clusters/<cluster>/<project>-<env>.yaml`. */
export function environmentFiles(
  options: LayoutOptions,
  env: LayoutEnvironment,
): Record<string, string> {
  const { org, project, image, repositoryUrl, branch } = options;
  const dir = overlayPath(project, env.slug);
  const objectName = scalar(fluxObjectName(org, project, env.slug));
  const objectMetadata = `metadata:
  name: ${objectName}
  namespace: flux-system
  labels:
    ${ENVIRONMENT_LABEL}: ${scalar(
    environmentLabelValue(org, project, env.slug),
  )}
    app.kubernetes.io/managed-by: juanie`;
  const pin = image.tag
    ? `newTag: ${scalar(image.tag)}`
    : `digest: ${scalar(image.digest!)}`;
  const files: Record<string, string> = {
    [`${dir}/kustomization.yaml`]: `# ${env.title}, the ${
      env.kind
    } environment of ${org}/${project}: the base in namespace
# ${env.namespace}, running the image pinned below. Juanie deployments to ${
      env.slug
    } change the pin.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${scalar(env.namespace)}

resources:
  - ../../base
${env.createsNamespace ? '  - namespace.yaml\n' : ''}
images:
  - name: ${scalar(image.name)}
    ${pin}
`,
    [fluxFilePath(env.cluster, project, env.slug)]: `# How Flux deploys ${
      env.slug
    } of ${org}/${project}: it fetches ${branch} of the GitOps
# repository and applies ${dir}.
# Juanie finds both objects by their ${ENVIRONMENT_LABEL} label.
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
${objectMetadata}
spec:
  interval: 1m
  url: ${scalar(repositoryUrl)}
  ref:
    branch: ${scalar(branch)}
  # A private repository also needs secretRef: the name of a Secret in flux-system with its credentials.
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
${objectMetadata}
spec:
  interval: 5m
  sourceRef:
    kind: GitRepository
    name: ${objectName}
  path: ${scalar(`./${dir}`)}
  prune: true
  targetNamespace: ${scalar(env.namespace)}
`,
  };
  if (env.createsNamespace) {
    files[`${dir}/namespace.yaml`] = `# The namespace of ${
      env.slug
    }; it belongs to this environment, so Flux prunes it with it.
apiVersion: v1
kind: Namespace
metadata:
  name: ${scalar(env.namespace)}
`;
  }
  return files;
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
