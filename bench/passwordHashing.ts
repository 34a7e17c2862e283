// argon2id at the parameters the project uses: why guessing limits are checked before hashing.
import { argon2idHasher } from '../src/services/identity/passwordHasher';
import { BenchSection, measure } from './report';

export const passwordHashing: BenchSection = {
  name: 'password hashing',
  async run(report) {
    await measure(report, 'argon2id hash (m=19 MiB, t=2, p=1)', 10, () => argon2idHasher.hash('Una clave de prueba 2026'), 'why limits are checked before hashing');
  },
};
