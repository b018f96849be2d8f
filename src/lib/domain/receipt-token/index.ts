export * from './base45';
export * from './claims';
export * from './token';
export * from './expiry';
export { sigStructure, encodeProtectedHeader, decodeSign1 } from './cose';
