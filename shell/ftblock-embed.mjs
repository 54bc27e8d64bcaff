// ftblock-embed.mjs — the embedding API as an ES module (docs/embedding.md):
//   import { mount, validate } from 'https://…/ftblock-embed.mjs';
// It runs the classic ftblock-embed.js once (which defines window.ftblock) and re-exports it,
// with ftblock.baseUrl taken from where this module was loaded.
import './ftblock-embed.js';

const ftblock = globalThis.ftblock;
ftblock.baseUrl = new URL('.', import.meta.url).href;

export const version = ftblock.version;
export const mount = (...args) => ftblock.mount(...args);
export const validate = (...args) => ftblock.validate(...args);
export const validator = (...args) => ftblock.validator(...args);
export const check = (...args) => ftblock.check(...args);
export const frame = (...args) => ftblock.frame(...args);
export const browserLanguage = () => ftblock.browserLanguage();
export default ftblock;
