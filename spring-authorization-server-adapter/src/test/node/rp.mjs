// A relying party on openid-client (OpenID certified) against Spring Authorization Server on
// oidc-store, over HTTP on 127.0.0.1. Run by OpenIdClientRelyingPartyTest:
//   node rp.mjs <issuer> <client_id> <client_secret> <redirect_uri> <user> <password>
// Discovery, PAR + code + PKCE (the user signs in through the server's login form), token with ID
// token, userinfo, introspection, refresh, revocation, replays. Prints one JSON object of results.
import * as client from 'openid-client';

const [issuer, clientId, secret, redirectUri, user, password] = process.argv.slice(2);
const out = {};
const cookies = new Map();

// the browser part: a cookie jar for the server's session and manual redirects
async function browse(url, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('accept', 'text/html');
  if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    cookies.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return res;
}

async function errorOf(promise) {
  try {
    await promise;
    return null;
  } catch (e) {
    return e.error ?? e.code ?? String(e);
  }
}

const config = await client.discovery(new URL(issuer), clientId, secret, client.ClientSecretBasic(secret),
  { execute: [client.allowInsecureRequests] });
const meta = config.serverMetadata();
out.issuer = meta.issuer;
out.parEndpoint = meta.pushed_authorization_request_endpoint ?? null;

const verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const nonce = client.randomNonce();
const authUrl = await client.buildAuthorizationUrlWithPAR(config, {
  redirect_uri: redirectUri, scope: 'openid profile', state, nonce,
  code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
});
out.authorizeHasRequestUri = authUrl.searchParams.has('request_uri');

// not signed in: the server sends the browser to its login form
let res = await browse(authUrl);
out.loginRedirect = res.status === 302 && new URL(res.headers.get('location'), issuer).pathname === '/login';
res = await browse(new URL('/login', issuer));
const csrf = (await res.text()).match(/name="_csrf"[^>]*value="([^"]+)"/)?.[1];
res = await browse(new URL('/login', issuer), {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username: user, password, _csrf: csrf ?? '' }),
});
// back to the authorization request, then to the client's redirect URI with the code
let location = res.headers.get('location');
for (let i = 0; i < 5 && location && !location.startsWith(redirectUri); i++) {
  res = await browse(new URL(location, issuer));
  location = res.headers.get('location');
}
out.callbackReached = !!location && location.startsWith(redirectUri);

const tokens = await client.authorizationCodeGrant(config, new URL(location), {
  pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce,
});
const claims = tokens.claims();
out.idTokenSub = claims.sub;
out.idTokenAud = claims.aud;
out.hasRefreshToken = !!tokens.refresh_token;
out.userinfoSub = (await client.fetchUserInfo(config, tokens.access_token, claims.sub)).sub;
out.accessActive = (await client.tokenIntrospection(config, tokens.access_token)).active;

// the request URI was single use
res = await browse(authUrl);
out.requestUriReuseStatus = res.status;

const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
out.refreshRotated = !!refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token;
out.refreshedIdTokenSub = refreshed.claims()?.sub ?? null;
out.refreshedAccessActive = (await client.tokenIntrospection(config, refreshed.access_token)).active;

await client.tokenRevocation(config, refreshed.access_token);
out.revokedAccessActive = (await client.tokenIntrospection(config, refreshed.access_token)).active;

// a replay of the rotated-away refresh token is refused and revokes the chain (RFC 9700)
out.refreshReplayError = await errorOf(client.refreshTokenGrant(config, tokens.refresh_token));
out.successorActiveAfterReplay = (await client.tokenIntrospection(config, refreshed.refresh_token)).active;

const cc = await client.clientCredentialsGrant(config, { scope: 'api' });
out.clientCredentialsActive = (await client.tokenIntrospection(config, cc.access_token)).active;

console.log(JSON.stringify(out));
