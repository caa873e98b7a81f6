import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages render material-table and Material UI dialogs in jsdom; on a busy CI
// machine the first render in a test file (lazy route chunks transformed on
// first use) took over 10 s in CI.
configure({ asyncUtilTimeout: 30_000 });
jest.setTimeout(60_000);
