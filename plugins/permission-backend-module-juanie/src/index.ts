/**
 * Permission policy module of Juanie: the organisation and project role matrix.
 *
 * @packageDocumentation
 */
export { permissionModuleJuanie as default } from './module';
export { JuaniePermissionPolicy } from './JuaniePermissionPolicy';
export type { JuaniePermissionPolicyOptions } from './JuaniePermissionPolicy';
