import type { TRPCRouterRecord } from '@trpc/server';
import {
  DialogLanguage,
  DialogLanguageCreateInput,
  DialogLanguageList,
  DialogLanguagePage,
  DialogLanguagePageInput,
  DialogLanguageUpdateInput,
  DialogProfile,
  DialogProfileCreateInput,
  DialogProfileList,
  DialogProfileListInput,
  DialogProfilePage,
  DialogProfilePageInput,
  DialogProfileUpdateInput,
  FlexcareIdInput,
  FlexcareLicense,
  FlexcareLicenseIssueInput,
  FlexcareLicenseList,
  FlexcareLicenseListInput,
  FlexcareListInput,
  FlexcareSuccess,
} from '../../contract/flexcare';
import * as language from '../../service/flexcare/language';
import * as license from '../../service/flexcare/license';
import * as profile from '../../service/flexcare/profile';
import { flexcareRead as read, flexcareWrite as write } from './procedures';

export const flexcareProfileRouter = {
  list: read
    .input(DialogProfileListInput)
    .output(DialogProfileList)
    .query(({ ctx, input }) => profile.listProfiles({ ctx, input })),
  page: read
    .input(DialogProfilePageInput)
    .output(DialogProfilePage)
    .query(({ ctx, input }) => profile.pageProfiles({ ctx, input })),
  get: read
    .input(FlexcareIdInput)
    .output(DialogProfile)
    .query(({ ctx, input }) => profile.getProfile({ ctx, input })),
  create: write
    .input(DialogProfileCreateInput)
    .output(DialogProfile)
    .mutation(({ ctx, input }) => profile.createProfile({ ctx, input })),
  update: write
    .input(DialogProfileUpdateInput)
    .output(DialogProfile)
    .mutation(({ ctx, input }) => profile.updateProfile({ ctx, input })),
  delete: write
    .input(FlexcareIdInput)
    .output(FlexcareSuccess)
    .mutation(({ ctx, input }) => profile.deleteProfile({ ctx, input })),
  rotateMdmKey: write
    .input(FlexcareIdInput)
    .output(DialogProfile)
    .mutation(({ ctx, input }) => profile.rotateMdmKey({ ctx, input })),
} satisfies TRPCRouterRecord;

export const flexcareLicenseRouter = {
  list: read
    .input(FlexcareLicenseListInput)
    .output(FlexcareLicenseList)
    .query(({ ctx, input }) => license.listLicenses({ ctx, input })),
  issue: write
    .input(FlexcareLicenseIssueInput)
    .output(FlexcareLicense)
    .mutation(({ ctx, input }) => license.issueLicense({ ctx, input })),
  revoke: write
    .input(FlexcareIdInput)
    .output(FlexcareSuccess)
    .mutation(({ ctx, input }) => license.revokeLicense({ ctx, input })),
} satisfies TRPCRouterRecord;

export const flexcareLanguageRouter = {
  list: read
    .input(FlexcareListInput)
    .output(DialogLanguageList)
    .query(({ ctx, input }) => language.listLanguages({ ctx, input })),
  page: read
    .input(DialogLanguagePageInput)
    .output(DialogLanguagePage)
    .query(({ ctx, input }) => language.pageLanguages({ ctx, input })),
  get: read
    .input(FlexcareIdInput)
    .output(DialogLanguage)
    .query(({ ctx, input }) => language.getLanguage({ ctx, input })),
  create: write
    .input(DialogLanguageCreateInput)
    .output(DialogLanguage)
    .mutation(({ ctx, input }) => language.createLanguage({ ctx, input })),
  update: write
    .input(DialogLanguageUpdateInput)
    .output(DialogLanguage)
    .mutation(({ ctx, input }) => language.updateLanguage({ ctx, input })),
  delete: write
    .input(FlexcareIdInput)
    .output(FlexcareSuccess)
    .mutation(({ ctx, input }) => language.deleteLanguage({ ctx, input })),
} satisfies TRPCRouterRecord;
