/** The product version: the bundler writes package.json's version here; compiled tests run as "dev". */
export const PRODUCT_VERSION: string = process.env.ENVOY_LENS_VERSION ?? 'dev';
