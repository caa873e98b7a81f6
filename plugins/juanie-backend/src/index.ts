/**
 * The back end of Juanie, a DevOps platform for Backstage.
 *
 * @packageDocumentation
 */
export { juaniePlugin as default } from './plugin';
export { eventsModuleJuanieFlux } from './clusters/eventsModuleJuanieFlux';
