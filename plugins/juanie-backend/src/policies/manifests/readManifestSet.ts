import {
  ContainerInManifest,
  ImageInManifest,
  ManifestDocument,
  ManifestSet,
  WorkloadInManifest,
} from '@juanie/plugin-juanie-node';
import {
  arrayAt,
  isKustomization,
  kustomizationsOf,
  objectAt,
  parseManifestDocuments,
  pathOf,
} from './manifestDocuments';
import { formatImageReference, ImageReference, parseImageReference } from './imageReference';

/** Where each kind of workload keeps its pod template. */
const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

const valueAt = (content: unknown, path: string[]) =>
  path.reduce<unknown>((value, key) => objectAt(value)?.[key], content);

function workloadOf(document: ManifestDocument): WorkloadInManifest | undefined {
  const kind = document.kind ?? '';
  const template = POD_TEMPLATE_PATHS[kind];
  if (!template && kind !== 'Pod') return undefined;
  const podSpecPath = template ? [...template, 'spec'] : ['spec'];
  const podSpec = objectAt(valueAt(document.content, podSpecPath));
  const containersOf = (field: 'containers' | 'initContainers') =>
    arrayAt(podSpec?.[field]).flatMap((container, i): ContainerInManifest[] => {
      const content = objectAt(container);
      if (!content) return [];
      const name = typeof content.name === 'string' ? content.name : `#${i + 1}`;
      const path = pathOf([...podSpecPath, field, i]);
      return [{ name, path, init: field === 'initContainers', content }];
    });
  return {
    document,
    kind,
    name: document.name ?? '(unnamed)',
    templateMetadataPath: template ? pathOf([...template, 'metadata']) : null,
    podSpecPath: pathOf(podSpecPath),
    containers: [...containersOf('initContainers'), ...containersOf('containers')],
  };
}

interface ImagesEntry {
  kustomization: ManifestDocument;
  index: number;
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

function imagesEntriesOf(kustomization: ManifestDocument): ImagesEntry[] {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  return arrayAt(kustomization.content.images).flatMap((entry, index) => {
    const fields = objectAt(entry);
    const name = text(fields?.name);
    if (!fields || !name) return [];
    const { newName, newTag, digest } = fields;
    return [{ kustomization, index, name, newName: text(newName), newTag: text(newTag) ?? (typeof newTag === 'number' ? String(newTag) : undefined), digest: text(digest) }];
  });
}

const setsOf = (entry: ImagesEntry) =>
  [entry.newName && 'name', entry.newTag && 'tag', entry.digest && 'digest'].filter(
    Boolean,
  ) as Array<'name' | 'tag' | 'digest'>;

/** Applies a Kustomize `images:` entry the way Kustomize does: a digest replaces the tag. */
function applyEntry(image: ImageReference, entry: ImagesEntry): ImageReference {
  const repository = entry.newName ?? image.repository;
  const rewritten = parseImageReference(repository) ?? image;
  if (entry.digest) return { ...rewritten, tag: null, digest: entry.digest };
  if (entry.newTag) return { ...rewritten, tag: entry.newTag, digest: null };
  return { ...rewritten, tag: image.tag, digest: image.digest };
}

function imageInManifest(
  base: Omit<ImageInManifest, 'reference' | 'repository' | 'canonicalRepository' | 'tag' | 'digest'>,
  image: ImageReference,
): ImageInManifest {
  return { ...base, ...image, reference: formatImageReference(image) };
}

function containerImages(
  workloads: WorkloadInManifest[],
  kustomizations: ManifestDocument[],
  used: Set<ImagesEntry>,
  entriesOf: (kustomization: ManifestDocument) => ImagesEntry[],
): ImageInManifest[] {
  return workloads.flatMap(workload =>
    workload.containers.flatMap(container => {
      const written = container.content.image;
      const parsed = typeof written === 'string' ? parseImageReference(written) : undefined;
      if (!parsed) return [];
      let image = parsed;
      let override: ImageInManifest['override'];
      for (const kustomization of kustomizationsOf(kustomizations, workload.document.file)) {
        const repository = image.repository;
        const entry = entriesOf(kustomization).find(candidate => candidate.name === repository);
        if (!entry) continue;
        used.add(entry);
        image = applyEntry(image, entry);
        const sets = [...new Set([...(override?.sets ?? []), ...setsOf(entry)])];
        override = { file: kustomization.file, path: pathOf(['images', entry.index]), sets };
      }
      const kind = container.init ? 'init container' : 'container';
      return [
        imageInManifest(
          {
            file: workload.document.file,
            path: `${container.path}.image`,
            usedBy: `${workload.kind} ${workload.name}, ${kind} ${container.name}`,
            source: 'container',
            pinningKnown: true,
            ...(override ? { override } : {}),
          },
          image,
        ),
      ];
    }),
  );
}

/** Entries that rewrite no container in these files still say which image will run. */
function kustomizeImages(entries: ImagesEntry[]): ImageInManifest[] {
  return entries.flatMap(entry => {
    const image = parseImageReference(entry.newName ?? entry.name);
    if (!image) return [];
    const pinned = applyEntry({ ...image, tag: null, digest: null }, entry);
    return [
      imageInManifest(
        {
          file: entry.kustomization.file,
          path: pathOf(['images', entry.index]),
          usedBy: `Kustomize images entry ${entry.name}`,
          source: 'kustomize',
          pinningKnown: Boolean(entry.newTag || entry.digest),
        },
        pinned,
      ),
    ];
  });
}

/** A HelmRelease's `spec.values.image`: a string, or `registry`, `repository`, `tag`, `digest`. */
function helmImageReference(value: unknown): string {
  if (typeof value === 'string') return value;
  const fields = objectAt(value);
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  if (!fields || !text(fields.repository)) return '';
  const registry = text(fields.registry) ? `${text(fields.registry)}/` : '';
  const tag = text(fields.tag) ? `:${text(fields.tag)}` : '';
  const digest = text(fields.digest) ? `@${text(fields.digest)}` : '';
  return `${registry}${text(fields.repository)}${tag}${digest}`;
}

function helmImages(documents: ManifestDocument[]): ImageInManifest[] {
  return documents.flatMap(document => {
    if (document.kind !== 'HelmRelease') return [];
    const image = parseImageReference(helmImageReference(valueAt(document.content, ['spec', 'values', 'image'])));
    if (!image) return [];
    const base = {
      file: document.file,
      path: 'spec.values.image',
      usedBy: `HelmRelease ${document.name ?? '(unnamed)'}`,
      source: 'helm' as const,
      // Without a tag or digest the chart's default decides, which these files do not show.
      pinningKnown: Boolean(image.tag || image.digest),
    };
    return [imageInManifest(base, image)];
  });
}

/** Parses the environment's manifests once, into what every rule looks at. */
export function readManifestSet(files: Record<string, string>): ManifestSet {
  const documents = parseManifestDocuments(files);
  const kustomizations = documents.filter(isKustomization);
  const workloads = documents
    .filter(document => !isKustomization(document))
    .flatMap(document => workloadOf(document) ?? []);
  const entries = new Map(kustomizations.map(k => [k, imagesEntriesOf(k)]));
  const used = new Set<ImagesEntry>();
  const images = containerImages(workloads, kustomizations, used, k => entries.get(k) ?? []);
  const unused = [...entries.values()].flat().filter(entry => !used.has(entry));
  return {
    documents,
    kustomizations,
    workloads,
    images: [...images, ...kustomizeImages(unused), ...helmImages(documents)],
  };
}
