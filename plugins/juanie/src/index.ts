export { juaniePlugin as default } from './plugin';
