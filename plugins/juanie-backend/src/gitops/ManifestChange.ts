// The change vocabulary is shared with the front end; it lives in juanie-common.
export type {
  EnvChange,
  ImageChange,
  ManifestChange,
  ResourceQuantities,
  ResourcesChange,
} from '@juanie/plugin-juanie-common';
export { manifestChangeSchema } from '@juanie/plugin-juanie-common';
