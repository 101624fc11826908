/**
 * Readable titles for the store's collection names, as the dashboard shows them
 * ("Large file uploads", not `largeFileUploads`). Known collections have a title written by
 * hand; any other name is humanised from its camelCase, so a new collection never shows raw.
 */
const TITLES: Record<string, string> = {
  dataSets: 'Datasets',
  batches: 'Batches',
  dataSetFiles: 'Dataset files',
  largeFileUploads: 'Large file uploads',
  schemas: 'Schemas',
  fieldgroups: 'Field groups',
  datatypes: 'Data types',
  classes: 'Classes',
  behaviors: 'Behaviors',
  activities: 'Activities',
  offers: 'Offers',
  audiences: 'Audiences',
  properties: 'Properties',
  environments: 'Environments',
  mboxes: 'Mboxes',
  profileAttributes: 'Profile attributes',
  profiles: 'Profiles',
  thirdPartyProfiles: 'Profiles known by thirdPartyId only',
  settings: 'Settings',
  integrations: 'Integrations',
};

/** `largeFileUploads` → "Large file uploads"; `xdm_fieldGroups` → "Xdm field groups". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

export const collectionTitle = (name: string): string => TITLES[name] ?? humanise(name);
