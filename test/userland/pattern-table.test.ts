import { BASH_PATTERN_TABLE, GREP_TABLE, SED_TABLE, SETUP } from './pattern-table';
import { replayLines } from './line-table';

// Each line also within a second: a pattern must not backtrack for ever.
describe('grep: patterns behave as GNU grep 3.8 on Debian 12', () => replayLines(SETUP, GREP_TABLE, 1000));
describe('sed: scripts behave as GNU sed 4.9 on Debian 12', () => replayLines(SETUP, SED_TABLE, 1000));
describe('bash: [[ =~ ]], [[ == ]], case and globs behave as bash 5.2', () => replayLines(SETUP, BASH_PATTERN_TABLE, 1000));
