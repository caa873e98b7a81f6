export * from './JuanieApi';
export { JuanieClient } from './JuanieClient';
export { describeError } from './describeError';
export { policyViolationsOf } from './policyViolationsOf';
