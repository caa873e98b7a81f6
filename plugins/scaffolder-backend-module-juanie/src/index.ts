/***/
/**
 * The juanie backend module for the scaffolder plugin.
 *
 * @packageDocumentation
 */

export { scaffolderModuleJuanie as default } from './module';
