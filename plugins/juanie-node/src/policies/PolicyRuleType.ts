import { EnvironmentKind } from '@juanie/plugin-juanie-common';
import { z } from 'zod';

/** One YAML document of a manifest file, as plain data. @public */
export interface ManifestDocument {
  /** The file, relative to the environment's path. */
  file: string;
  /** The document's position in its file (0 for the first). */
  index: number;
  kind?: string;
  apiVersion?: string;
  /** `metadata.name`, when there is one. */
  name?: string;
  content: Record<string, unknown>;
}

/** A container (or init container) of a workload's pod spec. @public */
export interface ContainerInManifest {
  name: string;
  /** E.g. `spec.template.spec.initContainers[0]`. */
  path: string;
  init: boolean;
  content: Record<string, unknown>;
}

/** A Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod. @public */
export interface WorkloadInManifest {
  document: ManifestDocument;
  kind: string;
  name: string;
  /** Where the pod template's metadata is, e.g. `spec.template.metadata`; null for a Pod. */
  templateMetadataPath: string | null;
  /** Where the pod spec is, e.g. `spec.template.spec`. */
  podSpecPath: string;
  containers: ContainerInManifest[];
}

/** Where an image reference is used, after Kustomize `images:` overrides are applied. @public */
export interface ImageInManifest {
  file: string;
  /** Where the reference is written (a container's `image`, an `images:` entry, Helm values). */
  path: string;
  /** For messages: `Deployment web, container app`, `Kustomize images entry app`. */
  usedBy: string;
  source: 'container' | 'kustomize' | 'helm';
  /** The effective reference, e.g. `localhost:5000/app:1.0`. */
  reference: string;
  /** The name without tag and digest, as written (`nginx`, `ghcr.io/acme/web`). */
  repository: string;
  /** The name as the container runtime reads it (`docker.io/library/nginx`). */
  canonicalRepository: string;
  tag: string | null;
  digest: string | null;
  /** False when tag and digest are decided outside these files (an override that only renames). */
  pinningKnown: boolean;
  /** The Kustomize `images:` entry that rewrote a container's image, and what it set. */
  override?: { file: string; path: string; sets: Array<'name' | 'tag' | 'digest'> };
}

/** The environment's manifests, parsed once for every rule. @public */
export interface ManifestSet {
  documents: ManifestDocument[];
  /** Kustomize `kustomization.yaml` documents. */
  kustomizations: ManifestDocument[];
  workloads: WorkloadInManifest[];
  images: ImageInManifest[];
}

/** What a rule sees of a requested change. @public */
export interface PolicyRuleContext<TParams = unknown> {
  params: TParams;
  org: string;
  project: string;
  /** The environment and its approval rule (`allowSelfApproval` is absent only for callers that predate it). */
  environment: { slug: string; kind: EnvironmentKind; requiredApprovals: number; allowSelfApproval?: boolean };
  /** When the deployment is requested. */
  at: Date;
  /** The environment path's manifests after the change: relative path → YAML text. */
  files: Record<string, string>;
  manifests: ManifestSet;
}

/** Something a rule found wrong; the policy's id, title and enforcement are added for it. @public */
export interface PolicyRuleFinding {
  /** The file, or null for findings about the request itself (e.g. a freeze window). */
  file: string | null;
  /** Where in the document, e.g. `spec.template.spec.containers[0].image`. */
  path: string | null;
  message: string;
}

/**
 * A kind of check a policy can make. Built-in rule types and those of other backend modules
 * (added through `juaniePolicyRulesExtensionPoint`) share this interface.
 * @public
 */
export interface PolicyRuleType<TParams = unknown> {
  /** Unique name, stored with each policy, e.g. `noLatestTag` or `acme.noPrivileged`. */
  type: string;
  title: string;
  description: string;
  /** Validates the policy's params when it is written and when it is read back. */
  paramsSchema: z.ZodType<TParams>;
  evaluate(ctx: PolicyRuleContext<TParams>): PolicyRuleFinding[] | Promise<PolicyRuleFinding[]>;
}

/** Declares a rule type with its params typed by its schema. @public */
export function createPolicyRuleType<TSchema extends z.ZodType>(ruleType: {
  type: string;
  title: string;
  description: string;
  paramsSchema: TSchema;
  evaluate(
    ctx: PolicyRuleContext<z.output<TSchema>>,
  ): PolicyRuleFinding[] | Promise<PolicyRuleFinding[]>;
}): PolicyRuleType<z.output<TSchema>> {
  return ruleType as PolicyRuleType<z.output<TSchema>>;
}
