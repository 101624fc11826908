/**
 * The dashboard's browser script, bundled from client/ into one ES module's text. The module
 * itself is generated at build time (build-client.mjs writes dist/src/dashboard/client-bundle.js).
 */
export declare const DASHBOARD_SCRIPT: string;
