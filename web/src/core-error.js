// SPDX-License-Identifier: MIT
// The error the core's adapter throws (web/src/core.js): its own module, so the controller and its
// tests need no WebAssembly build.

/** An error from the core, with the stable code and the JSON path of the problem. */
export class CoreError extends Error {
  constructor(code, message, path = '') {
    super(path ? `${path}: ${message}` : message);
    this.name = 'CoreError';
    this.code = code;
    this.path = path;
    this.detail = message;
  }
}
