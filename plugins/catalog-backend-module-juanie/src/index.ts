/**
 * Catalog module of Juanie: organisations, teams, projects and environments as entities.
 *
 * @packageDocumentation
 */
export { catalogModuleJuanie as default } from './module';
export { JuanieEntityProvider } from './provider/JuanieEntityProvider';
export type {
  CatalogSourceReader,
  JuanieEntityProviderDeps,
} from './provider/JuanieEntityProvider';
export {
  juanieEntities,
  JUANIE_ENVIRONMENT_ANNOTATION,
  JUANIE_ORGANIZATION_ANNOTATION,
  JUANIE_PROJECT_ANNOTATION,
} from './provider/juanieEntities';
