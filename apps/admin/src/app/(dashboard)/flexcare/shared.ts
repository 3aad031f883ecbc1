import { FlexcareAccessLevel } from '@profilehub/api/contract/flexcare';

/** The access levels, lowest first: the API contract's own enum. */
export const accessLevels = FlexcareAccessLevel.options;
export type AccessLevel = (typeof accessLevels)[number];
