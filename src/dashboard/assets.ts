/** Where the dashboard's script and styles are served (outside every product prefix and /_mock). */
export const ASSET_PREFIX = '/_dashboard';
