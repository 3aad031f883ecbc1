import { rpdbAccountRouter } from './account';
import { rpdbApiKeyRouter } from './api-key';
import { rpdbAttributeRouter } from './attribute';
import { rpdbProfileRouter } from './profile';

export const rpdbRouter = {
  account: rpdbAccountRouter,
  attribute: rpdbAttributeRouter,
  apiKey: rpdbApiKeyRouter,
  profile: rpdbProfileRouter,
};
