import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('config', () => {
  it('has working defaults for a fresh development machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.databaseUrl).toMatch(/^sqlite:\/.*data\/local\/oficina\.sqlite3$/);
    expect(config.publicUrl).toBe('http://localhost:3978');
    expect(config.agentHours).toBe('mon-fri 07:00-19:00; sat 08:00-12:00');
    expect(config.whatsappCloud).toBeUndefined();
    expect(config.sessionSecretIsEphemeral).toBe(true);
  });

  it('reads the EPS named on documents and the WhatsApp templates, refusing a malformed NIT', () => {
    expect(loadConfig({}).eps).toEqual({ name: 'EPS Oficina Virtual', nit: '900000000-0' });
    const config = loadConfig({ EPS_NAME: 'EPS Caribe Salud', EPS_NIT: '900123456-7', WHATSAPP_CLOUD_TEMPLATE_PQRDS_ANSWERED: 'pqrds_respondida' });
    expect(config.eps).toEqual({ name: 'EPS Caribe Salud', nit: '900123456-7' });
    expect(config.whatsappTemplates).toEqual({ names: { pqrds_answered: 'pqrds_respondida' }, language: 'es' });
    expect(() => loadConfig({ EPS_NIT: 'nueve' })).toThrow(/EPS_NIT/);
    expect(() => loadConfig({ WHATSAPP_CLOUD_TEMPLATE_LANG: 'español' })).toThrow(/WHATSAPP_CLOUD_TEMPLATE_LANG/);
  });

  it('lists every bad value at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', MAIL_FROM: 'no-es-correo' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).message;
      expect(text).toContain('PORT');
      expect(text).toContain('DATABASE_URL');
      expect(text).toContain('MAIL_FROM');
    }
  });

  it('explains a malformed AGENT_HOURS instead of starting with agents never available', () => {
    expect(() => loadConfig({ AGENT_HOURS: 'lunes a viernes' })).toThrow(/AGENT_HOURS/);
    expect(loadConfig({ AGENT_HOURS: 'always' }).agentHours).toBe('always');
  });

  it('refuses unsafe defaults in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://ov.example.co' })).toThrow(/SESSION_SECRET[\s\S]*SMS_GATEWAY_URL[\s\S]*MicrosoftAppId/);
  });

  it('needs all four WhatsApp Cloud variables or none', () => {
    expect(() => loadConfig({ WHATSAPP_CLOUD_TOKEN: 't' })).toThrow(/WHATSAPP_CLOUD_APP_SECRET/);
    const config = loadConfig({
      WHATSAPP_CLOUD_TOKEN: 't', WHATSAPP_CLOUD_APP_SECRET: 's', WHATSAPP_CLOUD_VERIFY_TOKEN: 'v', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '123',
    });
    expect(config.whatsappCloud?.apiUrl).toBe('https://graph.facebook.com/v21.0');
  });

  it('accepts PostgreSQL and absolute SQLite paths as given', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost/db' }).databaseUrl).toBe('postgres://u:p@localhost/db');
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite3' }).databaseUrl).toBe('sqlite:/tmp/x.sqlite3');
  });
});
