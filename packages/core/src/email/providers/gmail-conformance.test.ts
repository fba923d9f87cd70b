import { FakeGmail } from '../testing/gmail-fake.js';
import { describeProviderConformance } from './conformance.js';
import { gmailProvider } from './gmail.js';

// The Gmail provider through the suite every provider passes, against a stateful fake of the API.
describeProviderConformance('gmail', async () => {
  const gmail = new FakeGmail();
  await gmail.start();
  return {
    provider: gmailProvider,
    connection: () => gmail.connection(),
    inbox: 'INBOX',
    async addMessages(folder, raws) {
      for (const raw of raws) gmail.add(folder, raw);
    },
    teardown: () => gmail.stop(),
  };
});
