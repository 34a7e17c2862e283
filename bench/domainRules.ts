// Pure rules an affiliate waits on: DIVIPOLA matching with typos, due dates over holidays.
import { addBusinessDays } from '../src/domain/businessCalendar';
import { findMunicipalities } from '../src/domain/places';
import { BenchSection, measure } from './report';

export const domainRules: BenchSection = {
  name: 'domain rules',
  async run(report) {
    const queries = ['barranquilla', 'barranquila', 'sta marta', 'bogota', 'medellin', 'san juan', 'villanueva', 'cartagena de indias', 'soledad', 'xyz'];
    findMunicipalities('warm up');
    await measure(report, 'DIVIPOLA municipality match (typos, accents)', 5000, (i) => findMunicipalities(queries[i % queries.length]));
    await measure(report, 'due date: +5 business days with holidays', 10000, (i) => addBusinessDays(new Date(Date.UTC(2026, 0, 1 + (i % 365), 15)), 5));
  },
};
