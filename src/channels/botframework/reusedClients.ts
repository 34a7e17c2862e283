// botbuilder's CloudAdapter makes a new ConnectorClient and UserTokenClient for every request (each builds
// an HTTP pipeline: policies, sanitizer, proxy settings), even when the turn never calls out, as with
// deliveryMode expectReplies. Both depend only on the bot's app id, the service URL and the audience —
// the credentials they hold fetch and refresh their own tokens — so one of each is kept per combination.
import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { BoundedMap } from '../../domain/boundedMap';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Service URLs come from activities: a bounded number of clients is kept, the least used go first. */
const KEPT_CLIENTS = 64;

export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedMap<string, Promise<ConnectorClient>>(KEPT_CLIENTS);
  private readonly tokenClients = new BoundedMap<string, Promise<UserTokenClient>>(KEPT_CLIENTS);

  /** The adapter takes each request's connector factory from here (not from createConnectorFactory). */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity, 'request') } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity, 'configured');
  }

  /**
   * `origin`: a request's factory may default to another audience (a skill's caller) than the configured
   * one when create() is given none, so the two never share a client.
   */
  private reusing(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity, origin: 'request' | 'configured'): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.reuse(this.connectors, [origin, appId, serviceUrl, audience ?? ''].join('\n'), () => factory.create(serviceUrl, audience)),
    } as ConnectorFactory;
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.reuse(this.tokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reuse<T>(kept: BoundedMap<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    const known = kept.get(key);
    if (known) return known;
    const made = make();
    kept.set(key, made);
    // A failure (credentials not reachable) is not kept: the next request tries again.
    made.catch(() => {
      if (kept.get(key) === made) kept.delete(key);
    });
    return made;
  }
}

/** The app id botbuilder's own factories take from the claims (channel: audience; Emulator: appid). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}
