// The console's dictionary comes from one file per area. A key defined in two of them would be silently overwritten
// when i18n.tsx spreads them together; test/unit/web-text.test.ts refuses that.
import { ANALYSIS_TEXT } from './analysis.ts';
import { CASES_TEXT } from './cases.ts';
import { CORE_TEXT } from './core.ts';
import { FIELD_TEXT } from './field.ts';
import { MAP_TEXT } from './map.ts';
import { REGISTER_TEXT } from './register.ts';
import { SCREEN_TEXT } from './screen.ts';
import { SETTINGS_TEXT } from './settings.ts';
import { EVALUATION_TEXT } from './evaluation.ts';
import { PORTAL_TEXT } from './portal.ts';
import { MONITOR_TEXT } from './monitor.ts';
import { CITY_INDEX_TEXT } from './city-index.ts';

export { ANALYSIS_TEXT, CASES_TEXT, CORE_TEXT, FIELD_TEXT, MAP_TEXT, REGISTER_TEXT, SCREEN_TEXT, SETTINGS_TEXT, EVALUATION_TEXT, PORTAL_TEXT, MONITOR_TEXT, CITY_INDEX_TEXT };
export const TEXT_AREAS = { CORE_TEXT, CASES_TEXT, REGISTER_TEXT, SETTINGS_TEXT, MAP_TEXT, SCREEN_TEXT, FIELD_TEXT, ANALYSIS_TEXT, EVALUATION_TEXT, PORTAL_TEXT, MONITOR_TEXT, CITY_INDEX_TEXT };
