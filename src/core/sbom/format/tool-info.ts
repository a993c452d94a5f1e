/**
 * How Bulwark names itself inside the documents it writes. The version is kept here,
 * not read from package.json at run time, because the built layout differs from the
 * source layout; a test checks that the two agree.
 */
export const toolInfo = {
  name: 'bulwark',
  vendor: 'Bulwark',
  version: '0.1.0',
  informationUri: 'https://github.com/bulwark-security/bulwark',
} as const;
