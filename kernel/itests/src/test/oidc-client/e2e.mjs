// The EduCloud OpenID provider seen by an independent, OpenID-certified relying-party library
// (panva's openid-client): discovery, the code flow with PKCE through the real sign-in pages,
// userinfo, refresh rotation, revocation, reuse detection and logout. Run by OidcClientLibraryIT;
// alone: see kernel/README.md. Prints one line per checked step; exits 1 at the first failure.
import * as oidc from 'openid-client';

const env = (name) => {
  const value = process.env[name];
  if (!value) fail('setup', `environment variable ${name} is not set (OidcClientLibraryIT sets it; see kernel/README.md)`);
  return value;
};
const issuer = env('OIDC_ISSUER');
const clientId = env('OIDC_CLIENT_ID');
const clientSecret = env('OIDC_CLIENT_SECRET');
const redirectUri = env('OIDC_REDIRECT_URI');
const postLogoutUri = env('OIDC_POST_LOGOUT_URI');
const username = env('OIDC_USERNAME');
const initialPassword = env('OIDC_PASSWORD');
const newPassword = env('OIDC_NEW_PASSWORD');
const role = env('OIDC_ROLE'); // a role the user holds, e.g. teacher@/37/3701/370102/3701020001
const scope = 'openid profile';

function fail(step, message) {
  console.error(`FAIL ${step}: ${message}`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// Runs one step; any error (the library's included) ends the run with the step's name.
async function step(name, action) {
  try {
    const detail = await action();
    console.log(`ok   ${name}${detail ? `: ${detail}` : ''}`);
    return detail;
  } catch (e) {
    // The library's errors carry the provider's answer (error, error_description, status) or a cause.
    const response = e.cause instanceof Response ? `HTTP ${e.cause.status} from ${e.cause.url}` : undefined;
    const extra = [e.code, e.error, e.error_description, e.status && `HTTP ${e.status}`, response ?? e.cause?.message ?? e.cause?.error]
      .filter(Boolean).join(' | ');
    fail(name, `${e.message}${extra ? ` [${extra}]` : ''}`);
  }
}

// ---- the browser: cookies for the provider's /oauth2 paths, redirects read instead of followed ----

const cookies = new Map();

async function browse(url, form) {
  url = new URL(url, issuer);
  const headers = {};
  if (url.origin === new URL(issuer).origin && url.pathname.startsWith('/oauth2') && cookies.size) {
    headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET', headers, body: form && new URLSearchParams(form), redirect: 'manual',
    signal: AbortSignal.timeout(20_000),
  });
  for (const line of response.headers.getSetCookie()) {
    const [name, value] = line.split(';')[0].split(/=(.*)/s);
    value ? cookies.set(name.trim(), value) : cookies.delete(name.trim()); // an empty value clears the cookie
  }
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}

const decode = (html) => html.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot);/gi, (_, e) =>
  ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e.toLowerCase()] ??
  String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));

// Fills in the form with this id (its hidden inputs plus `fields`) and submits it, as a user would.
async function submit(page, formId, fields) {
  const form = page.body.match(new RegExp(`<form id="${formId}"[^>]*action="([^"]+)"[^>]*>([\\s\\S]*?)</form>`));
  check(form, `expected the page with form id "${formId}", got HTTP ${page.status}` +
    (page.location ? ` to ${page.location}` : `:\n${page.body.slice(0, 2000)}`));
  const values = {};
  for (const [, name, value] of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    values[name] = decode(value);
  }
  return browse(decode(form[1]), { ...values, ...fields });
}

function redirectTo(page, expectedTarget) {
  check(page.status === 303 && page.location, `expected a 303 redirect to ${expectedTarget}, got HTTP ${page.status}:\n${page.body.slice(0, 2000)}`);
  const location = new URL(page.location, issuer);
  check(location.origin + location.pathname === expectedTarget, `redirected to ${location}, expected ${expectedTarget}`);
  return location;
}

async function refused(promise, expectedError) {
  try {
    await promise;
  } catch (e) {
    check(e.error === expectedError, `expected the provider's error ${expectedError}, got ${e.error ?? e.message}`);
    return;
  }
  throw new Error(`expected the provider to refuse with ${expectedError}, but it answered with tokens`);
}

// ---- the flow ----

let config;
await step('discovery', async () => {
  config = await oidc.discovery(new URL(issuer), clientId, clientSecret, oidc.ClientSecretBasic(clientSecret),
    // The test kernel serves plain http://localhost. The library skips the ID token's signature when the
    // token comes straight from the token endpoint over TLS; many relying parties check it, so do we.
    { execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] });
  const server = config.serverMetadata();
  check(server.issuer === issuer, `issuer ${server.issuer}, expected ${issuer}`);
  check(server.supportsPKCE(), 'code_challenge_methods_supported does not list S256');
  return `issuer ${server.issuer}, PKCE S256, end_session_endpoint ${server.end_session_endpoint}`;
});

const codeVerifier = oidc.randomPKCECodeVerifier();
const state = oidc.randomState();
const nonce = oidc.randomNonce();
const authorizationUrl = oidc.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri, scope, state, nonce,
  code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256',
});

let callback;
await step('login form, first-login password change, consent', async () => {
  const login = await browse(authorizationUrl);
  const change = await submit(login, 'login', { username, password: initialPassword });
  const consent = await submit(change, 'change-password', { new_password: newPassword, confirm_password: newPassword });
  callback = redirectTo(await submit(consent, 'consent', { decision: 'allow' }), redirectUri);
  return `redirected to ${redirectUri} with ${[...callback.searchParams.keys()].join(', ')}`;
});

let tokens;
let subject;
await step('authorization code grant (PKCE, state, nonce, iss; ID token checked against the JWKS)', async () => {
  tokens = await oidc.authorizationCodeGrant(config, callback,
    { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
  const claims = tokens.claims();
  check(tokens.refresh_token, 'no refresh token was issued');
  check(claims.roles?.includes(role), `the ID token lacks the user's role ${role}: ${JSON.stringify(claims)}`);
  subject = claims.sub;
  return `sub ${subject}, scope "${tokens.scope}", expires_in ${tokens.expires_in}`;
});

await step('userinfo', async () => {
  const info = await oidc.fetchUserInfo(config, tokens.access_token, subject);
  check(info.preferred_username === username, `preferred_username ${info.preferred_username}, expected ${username}`);
  return `preferred_username ${info.preferred_username}, name ${info.name}`;
});

let refreshed;
await step('refresh token grant (rotated)', async () => {
  refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
  check(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'the refresh token was not rotated');
  check(refreshed.access_token !== tokens.access_token, 'the access token was not renewed');
  const introspected = await oidc.tokenIntrospection(config, refreshed.access_token);
  check(introspected.active === true && introspected.sub === subject, `new access token introspects as ${JSON.stringify(introspected)}`);
  return 'new refresh and access tokens; the new access token is active';
});

await step('revocation', async () => {
  await oidc.tokenRevocation(config, refreshed.access_token);
  const introspected = await oidc.tokenIntrospection(config, refreshed.access_token);
  check(introspected.active === false, `a revoked access token introspects as ${JSON.stringify(introspected)}`);
  return 'revoked access token introspects as active: false';
});

await step('refresh token reuse (the old one is refused and revokes its family)', async () => {
  await refused(oidc.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant');
  const family = await oidc.tokenIntrospection(config, refreshed.refresh_token);
  check(family.active === false, `the rotated refresh token survived the reuse: ${JSON.stringify(family)}`);
  return 'invalid_grant; the rotated refresh token is no longer active';
});

// A silent request: a code while the SSO session lives, login_required once it has ended.
async function silentAuthorization() {
  const silentState = oidc.randomState();
  const page = await browse(oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope, state: silentState, prompt: 'none',
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256',
  }));
  const answer = redirectTo(page, redirectUri).searchParams;
  check(answer.get('state') === silentState && answer.get('iss') === issuer, `state or iss missing from ${page.location}`);
  return answer;
}

await step('single sign-on (prompt=none while logged in)', async () => {
  const answer = await silentAuthorization();
  check(answer.get('code'), `expected a code, got ${answer}`);
  return 'a code without any page';
});

await step('RP-initiated logout', async () => {
  const logoutState = oidc.randomState();
  const url = oidc.buildEndSessionUrl(config,
    { id_token_hint: tokens.id_token, post_logout_redirect_uri: postLogoutUri, state: logoutState });
  const back = redirectTo(await browse(url), postLogoutUri);
  check(back.searchParams.get('state') === logoutState, `state ${back.searchParams.get('state')}, expected ${logoutState}`);
  return `back at ${postLogoutUri} with state`;
});

await step('the session is gone (prompt=none after logout)', async () => {
  const answer = await silentAuthorization();
  check(answer.get('error') === 'login_required', `expected error=login_required, got ${answer}`);
  return 'error=login_required';
});

console.log('ok   all steps passed');
