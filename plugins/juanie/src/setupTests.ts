import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages render material-table and Material UI dialogs in jsdom; on a busy CI
// machine one page test can take several seconds.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);
