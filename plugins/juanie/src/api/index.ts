export * from './JuanieApi';
export { JuanieClient } from './JuanieClient';
export { describeError } from './describeError';
