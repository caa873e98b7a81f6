/***/
/**
 * The juanie backend module for the catalog plugin.
 *
 * @packageDocumentation
 */

export { catalogModuleJuanie as default } from './module';
