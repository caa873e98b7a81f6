/***/
/**
 * The juanie backend module for the permission plugin.
 *
 * @packageDocumentation
 */

export { permissionModuleJuanie as default } from './module';
